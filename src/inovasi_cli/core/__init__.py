"""Foundations every layer uses: text (folding, slugs, inert record text), the one JSON
writer, dates, errors, findings, atomic writes, and the collection layout on disk.
Imports nothing of inovasi_cli above it.
"""
