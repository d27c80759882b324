"""Checking a collection: the pipeline (discover, parse, shape, build, meaning),
its worker processes and cache, the findings-only run of ``inovasi validate`` (which
reuses an unchanged collection's findings), the meaning-level checks and the
reporters of findings. Imports records and core.
"""
