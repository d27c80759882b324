"""Typer apps: parse options, call the core, choose a formatter, set the exit code."""
