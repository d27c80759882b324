"""What every command shares: the collection root, loading, and the error boundary."""

from __future__ import annotations

import contextlib
import functools
import gc
import math
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer

from inovasi_cli.cli import streams
from inovasi_cli.core import paths
from inovasi_cli.core.errors import CollectionNotFoundError, InovasiError, UsageError
from inovasi_cli.core.text import terminal_text

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from inovasi_cli.validation.pipeline import LoadResult

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_TOOL = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it

P = ParamSpec("P")
R = TypeVar("R")


def err(message: str) -> None:
    """A line for the user on stderr (never stdout, which carries data). A stderr that
    is closed or full loses the line, not the command."""
    with contextlib.suppress(OSError, ValueError):
        typer.echo(terminal_text(message, newlines=True), err=True)


def note_cores(jobs: int) -> None:
    """``--jobs``: workers beyond the cores do not help, so a note, and at most one per
    core runs."""
    from inovasi_cli.validation.workers import cores  # the parser: only when asked

    if jobs > cores():
        err(f"inovasi: note: --jobs {jobs}: {cores()} core(s) here, so at most {cores()} workers")


def guard(func: Callable[P, R]) -> Callable[P, R]:
    """The one boundary where tool failures become a message and an exit code, and where
    a signal to stop becomes one line and 128 + its number, after every ``finally`` has
    removed what the command had half written."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        streams.tolerant_streams()
        try:
            with streams.signals_as_exceptions():
                return func(*args, **kwargs)
        except InovasiError as exc:
            err(f"inovasi: error: {exc}")
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:  # `inovasi list | head`
            streams.silence_stdout()
            with contextlib.suppress(OSError, AttributeError):
                sys.stderr.close()
            raise typer.Exit(EXIT_OK) from None
        except KeyboardInterrupt:
            err("inovasi: interrupted; nothing half-written was left behind")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except streams.Terminated as stop:
            err(f"inovasi: stopped by {stop}; nothing half-written was left behind")
            raise typer.Exit(128 + stop.signum) from None

    return wrapper


def root_of(
    ctx: typer.Context, *, fallback: bool = True, bundled: bool = False
) -> paths.CollectionRoot:
    """The collection root chosen by --root, $INOVASI_ROOT or the cwd; else the bundled
    collection (with a note on stderr), or, without ``fallback``, a usage error saying
    where it looked. ``bundled``: the bundled collection, asked for explicitly."""
    state: dict[str, Any] = ctx.find_root().obj or {}
    cached = state.get("root")
    if isinstance(cached, paths.CollectionRoot):
        return cached
    if bundled:
        root = _bundled(state.get("root_option"))
    else:
        root = paths.find_root(state.get("root_option"))
    if root.origin == "bundled" and not bundled:
        if not fallback:
            raise CollectionNotFoundError(
                f"no collection found: no data/ folder in {Path.cwd()} or any folder above "
                f"it, and ${paths.ROOT_ENV} is not set; run inside a collection or give "
                "--root DIR (to check the collection bundled with inovasi: --bundled)"
            )
        err(f"inovasi: no data/ found from {Path.cwd()}; using the bundled collection")
    state["root"] = root
    ctx.find_root().obj = state
    return root


def _bundled(root_option: Path | None) -> paths.CollectionRoot:
    if root_option is not None:
        raise UsageError("--bundled and --root each choose a collection; give one of them")
    found = paths.bundled_root()
    if found is None:
        raise InovasiError("this installation has no bundled collection; reinstall inovasi")
    return paths.CollectionRoot(found, "bundled")


@dataclass(slots=True)
class SteadyEstimate:
    """Time left from the average rate since the start, not from the last few batches
    (which arrive unevenly from the workers and made the estimate jump: 4 s, 7 s, 6 s).
    Said only once enough is done to trust it, in whole seconds."""

    started: float
    minimum_share: float = 0.1  # of the work, before any estimate
    minimum_seconds: float = 1.0

    def remaining(self, done: int, total: int, now: float) -> float | None:
        elapsed = now - self.started
        if done <= 0 or done >= total or elapsed < self.minimum_seconds:
            return None
        if done < total * self.minimum_share:
            return None
        return elapsed * (total - done) / done

    def text(self, done: int, total: int, now: float) -> str:
        left = self.remaining(done, total, now)
        return "" if left is None else f"about {math.ceil(left)} s left"


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing on stderr, only when stderr is a terminal and the run
    is long enough to need one (the core calls it only for large batches): files done of
    all, time elapsed and a steady estimate of the time left. The bar, and rich, start at
    the first call: a run that needs none (a cached result) pays nothing."""
    if not streams.is_terminal(sys.stderr):
        yield None
        return
    estimate = SteadyEstimate(monotonic())
    with contextlib.ExitStack() as stack:
        bar: Progress | None = None
        task: TaskID | None = None

        def update(done: int, total: int) -> None:
            nonlocal bar, task
            if bar is None or task is None:
                from rich.console import Console
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeElapsedColumn,
                )

                bar = stack.enter_context(
                    Progress(
                        TextColumn("{task.description}"),
                        BarColumn(),
                        MofNCompleteColumn(),
                        TimeElapsedColumn(),
                        TextColumn("{task.fields[left]}"),
                        transient=True,
                        console=Console(stderr=True),  # never on stdout, which carries data
                    )
                )
                task = bar.add_task(label, total=total, left="")
            bar.update(task, completed=done, left=estimate.text(done, total, monotonic()))

        yield update


def colour_wanted(stream: object) -> bool:
    """Whether to colour what goes to ``stream``: never with $NO_COLOR (any value), always
    with $FORCE_COLOR (unless 0), else only on a terminal that is not 'dumb'."""
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force:
        return force != "0"
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def load(ctx: typer.Context, *, quiet: bool = False) -> LoadResult:
    """Load the collection for a read command. Invalid records are left out, and a line on
    stderr says so (``inovasi validate`` tells which and why)."""
    from inovasi_cli.validation.pipeline import load_collection

    with progress_bar("Loading") as progress:
        result = load_collection(root_of(ctx).path, progress=progress)
    # The loaded collection lives until the command ends: move it out of the garbage
    # collector's sight, so building output does not re-scan millions of objects.
    gc.freeze()
    if result.errors and not quiet:
        err(
            f"inovasi: warning: {result.invalid_files} file(s) have errors and are left out; "
            "run 'inovasi validate' for details"
        )
    return result
