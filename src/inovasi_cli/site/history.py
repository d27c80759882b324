"""When each record file was first committed and last changed, from one ``git log`` over
``data/`` (never one run per file); None outside a git checkout (or without git).

The dates are the commits' committer dates, in ISO 8601 with their offset. A file with
changes not yet committed keeps its last committed dates.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

_MARK = "\x01"


@dataclass(frozen=True, slots=True)
class Dates:
    created: str  # the commit that added the file
    updated: str  # the newest commit that changed it


def _git_log(root: Path) -> str | None:
    env = {
        **os.environ,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_PAGER": "cat",
        "LC_ALL": "C",
        "GIT_OPTIONAL_LOCKS": "0",
    }
    try:
        done = subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "-c",
                "core.quotepath=off",
                "log",
                "--no-renames",
                "--relative",
                f"--format={_MARK}%cI",
                "--name-only",
                "-z",
                "--",
                "data",
            ],
            capture_output=True,
            env=env,
            check=False,
            timeout=300,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "surrogateescape")


def parse_log(text: str) -> dict[str, Dates]:
    """Path -> dates, from ``git log --format=<MARK>%cI --name-only -z`` (newest first)."""
    found: dict[str, Dates] = {}
    for block in text.split(_MARK)[1:]:
        date, *names = (part.strip("\n") for part in block.split("\0"))
        for name in names:
            if not name:
                continue
            seen = found.get(name)
            # newest first: the first commit seen is the last change, the last the creation
            found[name] = Dates(date, seen.updated) if seen else Dates(date, date)
    return found


def record_dates(root: Path) -> dict[str, Dates] | None:
    """Path (relative to ``root``, as records name it) -> dates; None when ``root`` is not
    in a git checkout or git is not installed."""
    text = _git_log(root)
    if text is None:
        return None
    return parse_log(text)
