"""What read commands print: the format registry over one Listing type, record
shapes, listings and profiles, score views, Markdown escaping. Returns strings; never
prints.
"""
