"""Meaning-level checks over schema-valid records: identity, references, names and
codes, dates, scoring models and evidence. Each reports findings on the documents
it reads; none raises for bad data.
"""
