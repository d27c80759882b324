"""What every 'inovasi new' command shares: the collection it writes into, and the one
way a skeleton is written (exclusively, never through a link) and announced."""

from __future__ import annotations

from pathlib import Path, PurePath

import typer

from inovasi_cli.cli import streams
from inovasi_cli.cli.common import err, root_of
from inovasi_cli.contribute import skeleton
from inovasi_cli.core import paths
from inovasi_cli.core.errors import OutputExistsError, UsageError
from inovasi_cli.core.writes import create_exclusive
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


def write_record(root: paths.CollectionRoot, record: skeleton.Skeleton) -> None:
    target = root.path / record.path
    folder = root.path
    for part in PurePath(record.path).parent.parts:  # a link could lead anywhere
        folder = folder / part
        if folder.is_symlink():
            raise UsageError(f"{folder} is a symbolic link; inovasi never writes through one")
    streams.require_stdout()  # the path is the output: closed stdout, nothing created
    try:
        create_exclusive(target, record.text)
    except OutputExistsError:
        raise OutputExistsError(f"{record.path} already exists; it was left untouched") from None
    shown = shown_path(target)
    streams.write_out(shown + "\n")
    err(f"Created {record.kind[:-1]} {record.id}.")
    err("Next: open the file, fill the fields marked REQUIRED, then check it with")
    err(f"  inovasi validate {shown}")


def shown_path(path: Path) -> str:
    """The path as the user can type it: relative to the current folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)
