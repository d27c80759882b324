"""Tool failures (not data problems: those are findings). Caught once, at the CLI boundary."""

from __future__ import annotations


class InovasiError(Exception):
    """Base class for failures of the tool or its environment."""

    exit_code = 3


class UsageError(InovasiError):
    """The user asked for something that cannot be done as asked (bad option value...)."""

    exit_code = 2


class CollectionNotFoundError(UsageError):
    """No collection root could be found."""


class OutputError(UsageError):
    """An output cannot be written where the user asked: a read-only folder, a full disk,
    a closed stdout, a target that is not a regular file. One line, exit 2."""


class OutputExistsError(OutputError):
    """An output file exists and --force was not given."""


class NotFoundError(UsageError):
    """A record named on the command line does not exist."""
