"""Reports a region publishes: one builder per report kind with a typed context,
the Jinja environment and templates' filters, and the charts.
"""
