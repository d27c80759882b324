"""Reading a file under ``data/`` without trusting it.

A pull request can put anything where a record should be: a symbolic link, a named pipe
(which blocks whoever opens it for reading), a device (``/dev/zero`` reads for ever), a
socket, or a sparse file of gigabytes. :func:`read_limited` looks before it reads: the
type and size from ``lstat``, then an ``open`` that follows no link and cannot block, a
check that it opened the same regular file, and a read of at most the limit plus one byte.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)  # a link is an error, never followed
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO or a device cannot block the open
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def file_type(mode: int) -> str:
    """What a file system entry is, in words ("a regular file", "a named pipe (FIFO)")."""
    if stat.S_ISREG(mode):
        return "a regular file"
    return next((word for test, word in _KINDS if test(mode)), "a special file")


class NotRegularFileError(OSError):
    """Something that is not a regular file stands where a file was expected."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"it is {kind}, not a regular file")
        self.kind = kind


@dataclass(frozen=True, slots=True)
class LimitedRead:
    """A file's stat and its bytes, or ``None`` for the bytes when it holds more than the
    limit (then ``size`` says how much is known to be there)."""

    stat: os.stat_result
    data: bytes | None
    size: int


def read_limited(location: str, limit: int) -> LimitedRead:
    """The bytes of the regular file at ``location``, when it holds at most ``limit``.

    Raises :class:`NotRegularFileError` for anything else (a link, a FIFO, a device, a
    socket, a folder) and ``OSError`` when it cannot be read; never blocks and never
    reads more than ``limit + 1`` bytes.
    """
    before = os.lstat(location)
    if not stat.S_ISREG(before.st_mode):
        raise NotRegularFileError(file_type(before.st_mode))
    if before.st_size > limit:
        return LimitedRead(before, None, before.st_size)
    fd = os.open(location, _OPEN_FLAGS)
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (
            before.st_dev,
            before.st_ino,
        ):  # replaced between the look and the open
            raise NotRegularFileError(file_type(opened.st_mode))
        if opened.st_size > limit:
            return LimitedRead(opened, None, opened.st_size)
        chunks: list[bytes] = []
        wanted = limit + 1
        while wanted > 0:
            chunk = os.read(fd, min(wanted, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # it grew, or its size is not what stat says
        return LimitedRead(opened, None, max(opened.st_size, len(data)))
    return LimitedRead(opened, data, len(data))
