"""Checking a collection: the pipeline (discover, parse, shape, build, meaning),
its worker processes and cache, the meaning-level checks and the reporters of
findings. Imports records and core.
"""
