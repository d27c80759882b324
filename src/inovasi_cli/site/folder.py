"""The site's output folder: built beside its place and renamed into it, so a failure or an
interruption leaves the previous site (or nothing) and no half-written one.

A folder is written only if it does not exist, is empty, or is a previous site: it holds
``MARKER``, the list of every file that build wrote, and nothing else. A file the user
added (a ``CNAME``, notes) makes the folder not ours: it is refused, never deleted.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

from inovasi_cli.core.errors import OutputError, OutputExistsError
from inovasi_cli.core.json_text import json_text
from inovasi_cli.core.writes import cannot_write, create_temporary_folder, temporary_name

MARKER = ".inovasi-site"


def _files(folder: Path) -> Iterator[str]:
    """Every entry below ``folder`` that is not a folder, as a POSIX path relative to it
    (links are listed, never followed)."""
    top = os.fspath(folder)
    for dirpath, dirnames, filenames in os.walk(top):
        prefix = os.path.relpath(dirpath, top).replace(os.sep, "/")
        prefix = "" if prefix == "." else f"{prefix}/"
        for name in dirnames:
            if Path(dirpath, name).is_symlink():
                yield f"{prefix}{name}"
        for name in filenames:
            yield f"{prefix}{name}"


def _manifest(folder: Path) -> set[str] | None:
    try:
        data = json.loads((folder / MARKER).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return set(files)


def check_output(path: Path) -> None:
    """Refuse, before any work, an output folder that must not be replaced."""
    if not path.parent.is_dir():
        raise OutputError(f"{path.parent}: no such folder")
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise cannot_write(path, exc) from None
    if not stat.S_ISDIR(mode):
        raise OutputExistsError(f"{path} exists and is not a folder; the site is a folder")
    try:
        present = set(_files(path))
    except OSError as exc:
        raise cannot_write(path, exc) from None
    if not present:
        return
    manifest = _manifest(path)
    if manifest is None:
        raise OutputExistsError(
            f"{path} is not empty and holds no site built by inovasi (no {MARKER}); "
            "give a new or empty folder"
        )
    foreign = sorted(present - manifest - {MARKER})
    if foreign:
        more = f" and {len(foreign) - 1} more" if len(foreign) > 1 else ""
        raise OutputExistsError(
            f"{path}/{foreign[0]}{more} not written by inovasi site; move it out of {path} "
            "(inovasi never deletes files it did not write)"
        )


def new_folder(path: Path) -> Path:
    """A fresh private folder beside ``path`` to build the site in."""
    tmp = temporary_name(path)
    try:
        create_temporary_folder(tmp)
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    return tmp


def write_file(folder: Path, relative: str, data: str | bytes) -> None:
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        target.write_text(data, encoding="utf-8")
    else:
        target.write_bytes(data)


def _usual_modes(folder: Path) -> None:
    """The modes a plain ``mkdir`` and ``open`` would give (the temporary folder is 0700):
    what was made inside it already has them, so only what differs is changed."""
    mask = os.umask(0)
    os.umask(mask)
    folder.chmod(0o777 & ~mask)
    wanted = {stat.S_IFDIR: 0o777 & ~mask, stat.S_IFREG: 0o666 & ~mask}
    pending = [os.fspath(folder)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                mode = entry.stat(follow_symlinks=False).st_mode
                goal = wanted.get(stat.S_IFMT(mode))
                if goal is not None and stat.S_IMODE(mode) != goal:
                    Path(entry.path).chmod(goal)
                if stat.S_ISDIR(mode):
                    pending.append(entry.path)


def publish(tmp: Path, path: Path) -> None:
    """Write the manifest into ``tmp`` and put it in ``path``'s place: the previous site
    is moved aside first and removed only once the new one is there."""
    files = sorted(_files(tmp))
    write_file(
        tmp, MARKER, json_text({"generator": "inovasi site", "files": files}, indent=1) + "\n"
    )
    _usual_modes(tmp)
    old: Path | None = None
    try:
        if path.exists() or path.is_symlink():
            check_output(path)  # nothing may have appeared meanwhile
            old = path.with_name(f".{path.name}.old-{tmp.name}")
            path.rename(old)
        tmp.rename(path)
    except OSError as exc:
        if old is not None and not path.exists():
            old.rename(path)  # put the previous site back
        raise cannot_write(path, exc) from exc
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(tmp: Path) -> None:
    shutil.rmtree(tmp, ignore_errors=True)
