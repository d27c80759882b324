"""A commit's ``data/`` folder, written from git objects into a scratch folder for
``review`` to load, whatever the tree holds.

A branch fetched without ``git fsck`` can hold trees no checkout could: a name used
twice (a blob and a tree), a file under a file, a link whose target holds a NUL or
thousands of bytes, a path leaving the tree, a blob of gigabytes. Each becomes a finding
or a stand-in the loader reports; nothing is written through a link or over anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from inovasi_cli.core import paths
from inovasi_cli.core.findings import Finding
from inovasi_cli.records.loader import MAX_BYTES

# Runs one git command in the repository: git("ls-tree", ...) -> its stdout.
Git = Callable[..., bytes]


_LINK_STAND_IN = "(a symbolic link in git; never followed)"


@dataclass(frozen=True, slots=True)
class _Entry:
    mode: str
    kind: str
    sha: str
    size: int | None  # None for what has no size (a submodule)
    relative: PurePosixPath  # to the collection root
    display: str  # as findings name it


def _tree_entries(git: Git, commit: str, prefix: str) -> list[_Entry]:
    data = f"{prefix}/{paths.DATA_DIR}" if prefix else paths.DATA_DIR
    listing = git("ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", data)
    entries = []
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, _, name = item.partition(b"\t")
        mode, kind, sha, size = meta.decode("ascii", "replace").split()
        relative = PurePosixPath(name.decode("utf-8", "surrogateescape"))
        if prefix:
            relative = PurePosixPath(*relative.parts[len(PurePosixPath(prefix).parts) :])
        display = paths.printable(relative.as_posix())
        entries.append(
            _Entry(mode, kind, sha, int(size) if size.isdigit() else None, relative, display)
        )
    return entries


def materialise(git: Git, commit: str, prefix: str, target: Path) -> list[Finding]:
    """Write the ``data/`` folder of ``commit`` under ``target`` (read from git objects:
    the working tree is not consulted), and return findings for what no checkout could
    hold: a name used twice, a file under a file, a path leaving the tree, a submodule.

    A symbolic link becomes a link whose target is a fixed stand-in (the loader reports
    links and never follows them, so the blob's target, which may hold a NUL or be
    thousands of bytes long, is never needed); a blob over the size limit becomes a sparse
    file of its size (the loader reports it by that size); nothing is written through a
    link or over anything already written."""
    target.mkdir(parents=True, exist_ok=True)
    findings: dict[Finding, None] = {}  # in order, once each
    wanted: list[tuple[_Entry, Path]] = []
    for entry in _tree_entries(git, commit, prefix):
        problem = _unplaceable(entry, target)
        if problem is not None:
            findings[problem] = None
            continue
        destination = target.joinpath(*entry.relative.parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if entry.mode == "120000":
            destination.symlink_to(_LINK_STAND_IN)
        elif entry.size is not None and entry.size > MAX_BYTES:
            with destination.open("xb") as handle:
                handle.truncate(entry.size)  # never fetched: its size is the finding
        else:
            destination.touch(exist_ok=False)  # claimed now: a second entry is a finding
            wanted.append((entry, destination))
    _fill_blobs(git, wanted)
    return list(findings)


def _unplaceable(entry: _Entry, target: Path) -> Finding | None:
    """Why an entry of a malformed tree cannot be written, as a finding on the path
    where the trouble is."""
    parts = entry.relative.parts
    if not parts or parts[0] != paths.DATA_DIR or ".." in parts or entry.relative.is_absolute():
        return _malformed(entry.display, "the tree names a path outside data/")
    if entry.kind == "commit":
        return Finding(entry.display, 0, 0, "stray-file", "a git submodule, not a record",
                       hint="remove the submodule")  # fmt: skip
    if entry.kind != "blob":
        return _malformed(entry.display, f"an entry of type {entry.kind}")
    folder = target
    for part in parts[:-1]:
        folder = folder / part
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            where = paths.printable(folder.relative_to(target).as_posix())
            return _malformed(where, "both a file and a folder of this name in one commit")
    destination = folder / parts[-1]
    if destination.is_symlink() or destination.exists():
        return _malformed(entry.display, "two entries of this name in one commit")
    return None


def _malformed(display: str, message: str) -> Finding:
    hint = "git fsck refuses such a tree: rebuild the branch with ordinary commits"
    return Finding(display, 0, 0, "malformed-tree", message, hint=hint)


def _fill_blobs(git: Git, wanted: list[tuple[_Entry, Path]]) -> None:
    """The contents of the regular files, in one ``git cat-file --batch``."""
    if not wanted:
        return
    request = "".join(f"{entry.sha}\n" for entry, _ in wanted).encode()
    blobs = git("cat-file", "--batch", input=request)
    offset = 0
    for _entry, destination in wanted:
        header_end = blobs.index(b"\n", offset)
        header = blobs[offset:header_end].split()
        if len(header) < 3:  # "<sha> missing": the file stays empty (an empty-file finding)
            offset = header_end + 1
            continue
        size = int(header[2])
        destination.write_bytes(blobs[header_end + 1 : header_end + 1 + size])
        offset = header_end + 1 + size + 1
