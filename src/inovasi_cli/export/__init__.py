"""The collection as tidy tables whose keys join, and their writers (sqlite, csv,
json, jsonl).
"""
