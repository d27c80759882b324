"""What every 'inovasi new' command shares: the collection it writes into, and the one
way a skeleton is written (exclusively, never through a link) and announced."""

from __future__ import annotations

from pathlib import Path, PurePath

import typer

from inovasi_cli.cli import streams
from inovasi_cli.cli.common import err, root_of
from inovasi_cli.contribute import skeleton
from inovasi_cli.core import paths
from inovasi_cli.core.errors import InovasiError, OutputExistsError, UsageError
from inovasi_cli.core.writes import create_exclusive, write_atomic
from inovasi_cli.records.collection import Collection
from inovasi_cli.validation.pipeline import load_collection


def writable_root(
    ctx: typer.Context,
) -> tuple[paths.CollectionRoot, Collection, list[paths.RecordFile]]:
    root = root_of(ctx)
    if root.origin == "bundled":
        raise UsageError(
            "no collection here to add to: run inside your copy of the collection "
            "(the folder holding data/), or pass --root DIR"
        )
    discovered = paths.discover(root.path)
    loaded = load_collection(root.path, discovered=discovered)
    return root, loaded.collection, discovered[0]


def write_record(
    root: paths.CollectionRoot, record: skeleton.Skeleton, *, announce: bool = True
) -> None:
    target = safe_target(root, record.path)
    if announce:
        streams.require_stdout()  # the path is the output: closed stdout, nothing created
    try:
        create_exclusive(target, record.text)
    except OutputExistsError:
        raise OutputExistsError(f"{record.path} already exists; it was left untouched") from None
    shown = shown_path(target)
    if not announce:
        return
    streams.write_out(shown + "\n")
    err(f"Created {record.kind[:-1]} {record.id}.")
    if not record.complete:
        err("Next: open the file, fill the fields marked REQUIRED, then check it with")
    else:
        err("It is complete; add what your sources say (facts, aliases), then check it with")
    err(f"  inovasi validate {shown}")


def safe_target(root: paths.CollectionRoot, display: str) -> Path:
    """Where a record file of the collection goes, refused when a folder on the way is a
    symbolic link (a link could lead anywhere)."""
    folder = root.path
    for part in PurePath(display).parent.parts:
        folder = folder / part
        if folder.is_symlink():
            raise UsageError(f"{folder} is a symbolic link; inovasi never writes through one")
    return root.path / display


def write_batch(root: paths.CollectionRoot, files: dict[str, str]) -> list[Path]:
    """Create every file of ``files`` (display path -> text), or none: when one cannot
    be created, those created before it are removed again. Nothing is ever overwritten."""
    targets = {display: safe_target(root, display) for display in files}
    written: list[Path] = []
    try:
        for display, text in files.items():
            try:
                written.append(create_exclusive(targets[display], text))
            except OutputExistsError:
                raise OutputExistsError(
                    f"{display} appeared while importing; nothing was written"
                ) from None
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def replace_batch(
    root: paths.CollectionRoot, originals: dict[str, str], texts: dict[str, str]
) -> list[Path]:
    """Give each record file of ``texts`` its new text, atomically, but only if it still
    holds the text read (``originals``): a file edited meanwhile stops the whole batch
    before anything is written. When a write fails, the files already replaced get
    their old text back."""
    targets = {display: safe_target(root, display) for display in texts}
    for display, target in targets.items():
        try:
            current = target.read_text(encoding="utf-8")
        except OSError as exc:
            raise InovasiError(f"cannot read {display}: {exc.strerror or exc}") from exc
        if current != originals[display]:
            raise UsageError(f"{display} changed while importing; nothing was written")
    done: list[Path] = []
    try:
        for display, text in texts.items():
            done.append(write_atomic(targets[display], text, force=True))
    except BaseException:
        for display, target in zip(texts, done, strict=False):
            write_atomic(target, originals[display], force=True)
        raise
    return done


def shown_path(path: Path) -> str:
    """The path as the user can type it: relative to the current folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
