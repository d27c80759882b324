"""Scoring in the open: pure arithmetic over a scoring model, and the one chooser of
the model a command uses. Imports records and core.
"""
