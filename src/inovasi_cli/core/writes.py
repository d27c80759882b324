"""Writing files the user owns: atomically, never over an existing file by accident, and
never over anything but a regular file (a device, a FIFO, a link to ``/proc/self/fd/1``
or ``/dev/stdout`` stays what it is, even with ``force``)."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from inovasi_cli.core.errors import OutputError, OutputExistsError
from inovasi_cli.core.files import file_type


def _umask_mode() -> int:
    """The mode a plain ``open()`` would give a new file (temporary files start 0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def cannot_write(path: Path, exc: OSError) -> OutputError:
    """The one-line error for an output the system refused (read-only, full, gone)."""
    return OutputError(f"cannot write {path}: {exc.strerror or exc}")


def check_target(path: Path, *, force: bool, folder: bool = False) -> None:
    """Refuse, before any work, an output that must not be written: a missing parent
    folder, an existing file without ``force``, and, even with it, anything
    that is not a regular file (or, with ``folder``, a real folder: the csv export)."""
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"{parent}: no such folder")
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise cannot_write(path, exc) from None
    if folder and stat.S_ISREG(mode):
        raise OutputExistsError(f"{path} is a file; the csv export is a folder")
    if not folder and stat.S_ISDIR(mode):
        raise OutputExistsError(f"{path} is a folder; give a file name")
    if not (stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode)):
        raise OutputExistsError(
            f"{path} is {file_type(mode)}, not a {'folder' if folder else 'regular file'}; "
            "inovasi never replaces it, even with --force"
        )
    if not force:
        raise OutputExistsError(f"{path} exists; use --force to overwrite it")


def temporary_name(path: Path) -> Path:
    """A fresh name for a temporary file or folder beside ``path``, not yet created.

    Name first, create second (:func:`create_temporary`, :func:`create_temporary_folder`):
    a caller that stores the name before creating it can always remove what an
    interruption (a signal turned into an exception) leaves behind. ``mkstemp`` creates
    first and names after, so a signal in between left an anonymous ``.tmp`` no
    ``finally`` knew of."""
    return path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"


def create_temporary(tmp: Path) -> int:
    """Create the file ``tmp`` (from :func:`temporary_name`) exclusively, private to the
    user, never through a link; its open descriptor."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    return os.open(tmp, flags, 0o600)


def create_temporary_folder(tmp: Path) -> None:
    """Create the folder ``tmp`` (from :func:`temporary_name`), private to the user."""
    tmp.mkdir(mode=0o700)


def _temporary_copy(path: Path, payload: bytes) -> Path:
    """The payload, synced to disk in a temporary file beside ``path``, with the mode a
    plain ``open()`` would give it. The caller renames or links it into place."""
    tmp = temporary_name(path)
    try:
        with os.fdopen(create_temporary(tmp), "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(_umask_mode())
    except BaseException:  # an error, or a signal turned into an exception
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, data: bytes | str, *, force: bool = False) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and an atomic
    rename, so a failure (or an interruption) midway leaves any old file intact and no
    temporary file behind.

    Refuses (``OutputExistsError``) when ``path`` exists unless ``force``, and whatever
    stands there that is not a regular file. Parent folders must exist: a typo in a folder
    name should not silently create a tree. A write the system refuses is an
    ``OutputError`` (exit 2), one line.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    check_target(path, force=force)
    tmp: Path | None = None
    try:
        tmp = _temporary_copy(path, payload)
        check_target(path, force=force)  # something may have appeared meanwhile
        tmp.replace(path)
    except OSError as exc:
        raise cannot_write(path, exc) from exc
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
        raise cannot_write(path, exc) from exc
    try:
        try:
            path.hardlink_to(tmp)  # fails with FileExistsError, never overwrites
        except FileExistsError:
            raise OutputExistsError(f"{path} exists; it was left untouched") from None
        except OSError as exc:
            raise cannot_write(path, exc) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return path
