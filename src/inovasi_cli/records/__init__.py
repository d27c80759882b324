"""The records: the strict YAML loader, the JSON Schemas and their messages, the
vocabularies, the frozen record model and the loaded collection. Imports only core.
"""
