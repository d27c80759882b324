"""Writing files the user owns: atomically, and never over an existing file by accident."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from inovasi_cli.core.errors import InovasiError, OutputExistsError


def _umask_mode() -> int:
    """The mode a plain ``open()`` would give a new file (mkstemp makes it 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _temporary_copy(path: Path, payload: bytes) -> Path:
    """The payload, synced to disk in a temporary file beside ``path``, with the mode a
    plain ``open()`` would give it. The caller renames or links it into place."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(_umask_mode())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, data: bytes | str, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic
    rename, so a failure midway leaves any old file intact.

    Refuses (``OutputExistsError``) when ``path`` exists unless ``force``. Parent folders
    must exist: a typo in a folder name should not silently create a tree.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_dir():
        raise OutputExistsError(f"{path} is a folder; give a file name")
    if path.exists() and not force:
        raise OutputExistsError(f"{path} exists; use --force to overwrite it")
    parent = path.parent if str(path.parent) else Path()
    if not parent.is_dir():
        raise OutputExistsError(f"{parent}: no such folder")
    tmp: Path | None = None
    try:
        tmp = _temporary_copy(parent / path.name, payload)
        if not force and path.exists():  # appeared while we were writing
            raise OutputExistsError(f"{path} exists; use --force to overwrite it")
        tmp.replace(path)
    except OSError as exc:
        raise InovasiError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return path


def create_exclusive(path: Path, data: str) -> Path:
    """Create a new file; fail if anything already stands at ``path`` (for new records).

    The content is written to a temporary file first and linked into place, so the record
    either appears whole or not at all, and an existing file is never touched.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temporary_copy(path, data.encode("utf-8"))
    except OSError as exc:
        raise InovasiError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        try:
            path.hardlink_to(tmp)  # fails with FileExistsError, never overwrites
        except FileExistsError:
            raise OutputExistsError(f"{path} exists; it was left untouched") from None
        except OSError as exc:
            raise InovasiError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return path
