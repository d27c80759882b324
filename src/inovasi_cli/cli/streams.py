"""The standard streams and signals, as a command meets them: maybe closed (``>&-``,
``<&-``), full (``/dev/full``), in an encoding that cannot show every character
(``PYTHONIOENCODING=latin-1``), and a process that may be told to stop (SIGTERM from
``timeout``, Ctrl-C).

Data goes to stdout through :func:`write_out` only: a write that fails is one line and
exit 2 (an ``OutputError``), never lost output with exit 0. Signals become exceptions,
so every ``finally`` runs: temporary files are removed and worker processes ended.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType
from typing import TextIO

import typer

from inovasi_cli.core.errors import OutputError

_SLICE = 1 << 20
_TOLERATED = {"strict", "surrogateescape"}


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM, SIGHUP). A BaseException, like
    KeyboardInterrupt, so no ``except Exception`` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def signals_as_exceptions() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Terminated` while the command runs (Ctrl-C
    raises KeyboardInterrupt already); the previous handlers come back after."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers (and receives the signals)
        return
    wanted = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {s: signal.signal(s, _terminate) for s in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def tolerant_streams() -> None:
    """Characters the output encoding cannot hold (an em dash under latin-1, a file name
    that is not UTF-8) become escapes such as ``\\u2014`` instead of an exception."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) in _TOLERATED:
            with contextlib.suppress(Exception):
                reconfigure(errors="backslashreplace")


def is_terminal(stream: TextIO | None) -> bool:
    """Whether a stream is an open terminal (a closed stream is None: not one)."""
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


def stdout_is_terminal() -> bool:
    return is_terminal(sys.stdout)


def stdin_is_terminal() -> bool:
    return is_terminal(sys.stdin)


def require_stdout() -> TextIO:
    """stdout, or an ``OutputError`` when it is closed (``inovasi list >&-``): checked
    before the work, so nothing is done whose output would be lost."""
    stream = sys.stdout
    if stream is None or getattr(stream, "closed", False):
        raise OutputError(
            "stdout is closed, so the output has nowhere to go; "
            "redirect it (> FILE) or give --output FILE where the command has one"
        )
    return stream


def write_out(text: str, *, color: bool | None = None) -> None:
    """Write data to stdout, whole, or fail with one line (exit 2): closed, full
    (``/dev/full``) or otherwise refusing. A closed pipe (``| head``) is left to the
    caller's BrokenPipeError handling."""
    stream = require_stdout()
    try:
        # In slices: a national listing is tens of megabytes, and writing it whole would
        # also hold its whole encoded copy in memory.
        for start in range(0, len(text), _SLICE):
            typer.echo(text[start : start + _SLICE], nl=False, color=color, file=stream)
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: a stream closed meanwhile
        silence_stdout()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise OutputError(f"cannot write to stdout: {reason}") from None


def write_out_bytes(data: bytes) -> None:
    """Write binary data (a PDF) to stdout's byte stream, whole, or fail with one line
    (exit 2) as :func:`write_out` does. The caller has made sure stdout is no terminal."""
    stream = require_stdout()
    try:
        # click writes bytes to the stream's binary buffer (sys.stdout.buffer).
        typer.echo(data, nl=False, file=stream)
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        silence_stdout()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise OutputError(f"cannot write to stdout: {reason}") from None


def silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush of what could not
    be written neither fails again nor prints a second error."""
    stream = sys.stdout
    if stream is None:
        return
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
