"""Git access for ``review``: refs, the changed paths, a commit's ``data/`` listing with
blob ids, and blobs read through one long-lived ``git cat-file --batch``. Git runs with no
shell, no pager and no prompts; a ref name never reaches git's option parser."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

from inovasi_cli.core import paths
from inovasi_cli.core.errors import InovasiError, UsageError
from inovasi_cli.records.loader import MAX_BYTES

DEFAULT_BASES = ("origin/main", "main")
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}
LINK, REGULAR = "120000", ("100644", "100755")
_KEEP = 64 * MAX_BYTES
_BATCH = 500  # blob ids per write: 20 kB, well inside a pipe's buffer


def _content(stream: IO[bytes], size: int) -> bytes:
    """A blob's bytes and the newline after them. A blob far larger than any record is
    read through and kept only to ``_KEEP`` bytes (the loader refuses it by its size)."""
    if size <= _KEEP:
        content = stream.read(size)
    else:
        content = stream.read(_KEEP)
        left = size - len(content)
        while left > 0:
            left -= len(stream.read(min(left, 1 << 20)) or b"\0" * left)
    stream.read(1)
    return content


class GitError(InovasiError):
    pass


def git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    """Run git and return its stdout."""
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args],
            input=input,
            capture_output=True,
            env={**os.environ, **_ENV},
            check=False,
        )
    except FileNotFoundError:
        raise InovasiError("git is not installed (inovasi review needs it)") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def start(repo: Path, *args: str) -> Callable[[], bytes]:
    """Start git in the background; the function returned waits for its stdout (so a
    slow command, like a status over a large work tree, overlaps the caller's work)."""
    try:
        process = subprocess.Popen(
            ["git", "-C", str(repo), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, **_ENV},
        )
    except FileNotFoundError:
        raise InovasiError("git is not installed (inovasi review needs it)") from None

    def wait() -> bytes:
        out, err = process.communicate()
        if process.returncode != 0:
            message = err.decode("utf-8", "replace").strip().splitlines()
            raise GitError(message[-1] if message else f"git {args[0]} failed")
        return out

    return wait


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace").strip()


def repository(root: Path) -> tuple[Path, str]:
    """The top of the git work tree holding ``root``, and ``root`` relative to it."""
    try:
        top = Path(_text(git(root, "rev-parse", "--show-toplevel")))
    except GitError:
        raise UsageError(
            f"{root} is not in a git repository; inovasi review compares commits"
        ) from None
    try:
        prefix = root.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        prefix = ""
    return top, "" if prefix == "." else prefix


def resolve_base(repo: Path, base: str | None) -> str:
    """The base ref to compare with: as given, else origin/main, else main."""
    candidates = (base,) if base else DEFAULT_BASES
    for ref in candidates:
        try:
            git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
        except GitError:
            continue
        return ref
    if base:
        raise UsageError(
            f"base ref '{base}' not found in this repository; fetch it first "
            f"(git fetch origin) or name an existing branch or commit with --base"
        )
    raise UsageError(
        "no base to compare with: neither origin/main nor main exists; pass --base REF"
    )


def commit_of(repo: Path, ref: str) -> str:
    return _text(git(repo, "rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}"))


def merge_base(repo: Path, base: str) -> str:
    try:  # by commit id: a ref name never reaches git's option parser
        return _text(git(repo, "merge-base", commit_of(repo, base), "HEAD"))
    except GitError:
        raise UsageError(f"'{base}' and HEAD have no common history to compare") from None


# status letter, old path, new path, new mode, new blob id (mode and id "" when removed)
Change = tuple[str, str, str, str, str]


def changed_paths(repo: Path, old: str, new: str, pathspec: str) -> list[Change]:
    """Each file changed under ``pathspec`` between two commits, with renames found."""
    raw = git(
        repo, "diff", "--no-ext-diff", "--no-color", "--no-abbrev", "-z", "--raw", "-M",
        old, new, "--", pathspec,
    )  # fmt: skip
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    out: list[Change] = []
    index = 0
    while index < len(fields) and fields[index].startswith(":"):
        meta = fields[index][1:].split()
        if len(meta) != 5:
            break
        _, new_mode, _, new_blob, status = meta
        letter = status[0]
        if new_mode == "000000":
            new_mode = new_blob = ""
        if letter in "RC":
            out.append((letter, fields[index + 1], fields[index + 2], new_mode, new_blob))
            index += 3
        else:
            out.append((letter, fields[index + 1], fields[index + 1], new_mode, new_blob))
            index += 2
    return out


Listing = dict[str, tuple[str, str]]  # path -> (mode, blob id)


def data_listing(repo: Path, commit: str, prefix: str) -> Callable[[], tuple[Listing, bool]]:
    """Every blob under the collection's ``data/`` at ``commit``: its path relative to
    the collection root, with its mode and blob id; and whether the tree holds anything
    an ordinary checkout could not (a submodule, a name used twice or as both a file and
    a folder, a path leaving ``data/``, a blob over the size limit): such a tree is
    written out and read from disk instead (:mod:`.trees`). Started in the background:
    the function returned waits for it."""
    data = f"{prefix}/{paths.DATA_DIR}" if prefix else paths.DATA_DIR
    wait = start(repo, "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", data)
    return lambda: _listing(wait(), prefix)


def _listing(listing: bytes, prefix: str) -> tuple[Listing, bool]:
    found: Listing = {}
    odd = False
    cut = len(prefix) + 1 if prefix else 0
    for item in listing.decode("utf-8", "surrogateescape").split("\0"):
        if not item:
            continue
        meta, _, path = item.partition("\t")
        fields = meta.split()
        if cut:
            if not path.startswith(f"{prefix}/"):
                odd = True
                continue
            path = path[cut:]
        if len(fields) != 4 or fields[1] != "blob" or path in found:
            odd = True
            continue
        size = fields[3]
        if not size.isdigit() or int(size) > MAX_BYTES:
            odd = True
        found[path] = (fields[0], fields[2])
    folders: set[str] = set()
    for folder in {path.rpartition("/")[0] for path in found}:
        while folder and folder not in folders:  # every folder above a file
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    odd = odd or any(_outside(path) or path in folders for path in found)
    return found, odd


def _outside(path: str) -> bool:
    parts = path.split("/")  # list membership, not a generator: once per blob of a commit
    return parts[0] != paths.DATA_DIR or "" in parts or "." in parts or ".." in parts


class Blobs:
    """Blobs read by id through one ``git cat-file --batch`` process (started on first
    use, ended on close)."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Blobs:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._process is not None:
            process, self._process = self._process, None
            assert process.stdin is not None and process.stdout is not None
            process.stdin.close()
            process.wait()
            process.stdout.close()

    def read(self, blob: str) -> bytes:
        """The bytes of blob ``blob`` (a hex id)."""
        return self.read_many([blob])[blob]

    def read_many(self, blobs: list[str]) -> dict[str, bytes]:
        """The bytes of each blob, asked for a batch at a time (a batch of ids fits in
        the pipe, so git never waits on us while we wait on it)."""
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        found: dict[str, bytes] = {}
        for start in range(0, len(blobs), _BATCH):
            batch = blobs[start : start + _BATCH]
            process.stdin.write("".join(f"{b}\n" for b in batch).encode("ascii"))
            process.stdin.flush()
            for blob in batch:
                header = process.stdout.readline().split()
                if len(header) != 3 or header[1] != b"blob":
                    raise GitError(f"git cannot read blob {blob}")
                found[blob] = _content(process.stdout, int(header[2]))
        return found

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            try:
                self._process = subprocess.Popen(
                    ["git", "-C", str(self.repo), "cat-file", "--batch"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    env={**os.environ, **_ENV},
                )
            except FileNotFoundError:
                raise InovasiError("git is not installed (inovasi review needs it)") from None
        return self._process
