"""What a change (a branch, a pull request) does to the collection, for its reviewer.

``review`` asks git what changed under ``data/`` between the merge-base of a base ref and
HEAD, loads the collection as it stands at both commits (read from git, not from the
working tree), and keeps the findings the change is answerable for: every finding in a
file it added, modified or renamed, and every *new* finding in a file it left alone (a
visit that still names a region the change removed). Pure apart from running git: it
returns a :class:`Review` and never prints.
"""

from __future__ import annotations

import functools
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from inovasi_cli.contribute.trees import materialise
from inovasi_cli.core import paths
from inovasi_cli.core.errors import InovasiError, UsageError
from inovasi_cli.core.files import read_limited
from inovasi_cli.core.findings import Finding, count_errors, sort_findings
from inovasi_cli.records.loader import MAX_BYTES, load_bytes
from inovasi_cli.scoring.choose import newest_model
from inovasi_cli.scoring.compute import score_innovation
from inovasi_cli.validation.pipeline import LoadResult, load_collection

DEFAULT_BASES = ("origin/main", "main")
STATUS_WORDS = {"A": "added", "M": "modified", "D": "removed", "R": "renamed", "T": "modified"}


@dataclass(frozen=True, slots=True)
class Change:
    """One file under ``data/`` that the change touched. Paths are relative to the
    collection root (``data/...``); ``old_path`` is set for a rename."""

    status: str  # added, modified, removed, renamed
    path: str
    old_path: str = ""
    kind: str = ""  # region, innovation, visit; "" for a file that is not a record
    id: str = ""
    name: str = ""
    region: str = ""
    sector: str = ""
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Review:
    base: str  # the ref as given
    merge_base: str  # full commit ids
    head: str
    prefix: str  # the collection root relative to the repository root ("" when the same)
    changes: list[Change]
    findings: list[Finding]  # paths relative to the collection root
    caused: frozenset[str] = field(default_factory=frozenset)  # unchanged files with new findings
    uncommitted: bool = False  # the working tree has changes under data/ that are not reviewed
    score_model: str = ""  # the scoring model behind Change.score ("" when none)

    @property
    def errors(self) -> int:
        return count_errors(self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def repo_path(self, path: str) -> str:
        """A collection path as the repository sees it (for annotations)."""
        return f"{self.prefix}/{path}" if self.prefix else path


# -- git --------------------------------------------------------------------------------------


def _git(repo: Path, *args: str, input: bytes | None = None) -> bytes:
    """Run git (no shell, no pager, no prompts) and return its stdout."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args],
            input=input,
            capture_output=True,
            env=env,
            check=False,
        )
    except FileNotFoundError:
        raise InovasiError("git is not installed (inovasi review needs it)") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


class _GitError(InovasiError):
    pass


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace").strip()


def repository(root: Path) -> tuple[Path, str]:
    """The top of the git work tree holding ``root``, and ``root`` relative to it."""
    try:
        top = Path(_text(_git(root, "rev-parse", "--show-toplevel")))
    except _GitError:
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
            _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
        except _GitError:
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


def _commit(repo: Path, ref: str) -> str:
    return _text(_git(repo, "rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}"))


def _merge_base(repo: Path, base: str) -> str:
    try:  # by commit id: a ref name never reaches git's option parser
        return _text(_git(repo, "merge-base", _commit(repo, base), "HEAD"))
    except _GitError:
        raise UsageError(f"'{base}' and HEAD have no common history to compare") from None


def _diff(repo: Path, old: str, new: str, pathspec: str) -> list[tuple[str, str, str]]:
    """(status letter, old path, new path) for each file changed under ``pathspec``."""
    raw = _git(
        repo,
        "diff",
        "--no-ext-diff",
        "--no-color",
        "-z",
        "--name-status",
        "-M",
        old,
        new,
        "--",
        pathspec,
    )
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    out: list[tuple[str, str, str]] = []
    index = 0
    while index < len(fields) and fields[index]:
        letter = fields[index][0]
        if letter in "RC":
            out.append((letter, fields[index + 1], fields[index + 2]))
            index += 3
        else:
            out.append((letter, fields[index + 1], fields[index + 1]))
            index += 2
    return out


# -- the review --------------------------------------------------------------------------------


def review(root: Path, base: str | None = None) -> Review:
    """Review what HEAD changes under ``root/data`` since the merge-base with ``base``."""
    repo, prefix = repository(root)
    ref = resolve_base(repo, base)
    merge_base = _merge_base(repo, ref)
    head = _commit(repo, "HEAD")
    data_spec = f"{prefix}/{paths.DATA_DIR}" if prefix else paths.DATA_DIR

    def local(path: str) -> str:  # as findings name it: relative to the root, printable
        return paths.printable(path[len(prefix) + 1 :] if prefix else path)

    diff = [
        (letter, local(old), local(new))
        for letter, old, new in _diff(repo, merge_base, head, data_spec)
    ]
    dirty = bool(
        _git(repo, "status", "--porcelain", "--untracked-files=all", "--", data_spec).strip()
    )
    with tempfile.TemporaryDirectory(prefix="inovasi-review-") as scratch:
        before_root, after_root = Path(scratch, "base"), Path(scratch, "head")
        git = functools.partial(_git, repo)
        base_tree = materialise(git, merge_base, prefix, before_root)
        head_tree = materialise(git, head, prefix, after_root)
        before, after = load_collection(before_root), load_collection(after_root)
        changes = [
            _change(letter, old, new, before_root, after_root, before, after)
            for letter, old, new in diff
        ]
    touched = {c.path for c in changes if c.status != "removed"}
    known_before = {*before.findings, *base_tree}
    found = [*after.findings, *head_tree]
    kept = [f for f in found if paths.under(f.path, frozenset(touched))]
    caused = [f for f in found if f not in kept and f not in known_before]
    return Review(
        base=ref,
        merge_base=merge_base,
        head=head,
        prefix=prefix,
        changes=sorted(changes, key=lambda c: (c.path, c.status)),
        findings=sort_findings([*kept, *caused]),
        caused=frozenset(f.path for f in caused),
        uncommitted=dirty,
        score_model=model.id if (model := newest_model(after.collection)) else "",
    )


def _change(
    letter: str,
    old: str,
    new: str,
    before_root: Path,
    after_root: Path,
    before: LoadResult,
    after: LoadResult,
) -> Change:
    status = STATUS_WORDS.get(letter, "modified")
    removed = status == "removed"
    path = old if removed else new
    tree, loaded = (before_root, before) if removed else (after_root, after)
    details = _details(tree, path, loaded)
    return Change(status, path, old if status == "renamed" else "", **details)


def _details(tree: Path, path: str, loaded: LoadResult) -> dict[str, Any]:
    """Kind, id and key fields of a record file, read leniently (the record may be
    invalid: the table still shows what it can)."""
    parts = PurePosixPath(path).parts
    kind_dir = paths.RECORD_KINDS.get(parts[1]) if len(parts) > 2 else None
    if kind_dir is None or not path.endswith(".yaml") or len(parts) != kind_dir.depth + 2:
        return {}
    record_id = "/".join(parts[2:])[: -len(".yaml")]
    details: dict[str, Any] = {"kind": kind_dir.name, "id": record_id}
    try:  # never follows a link, never reads a huge file whole
        raw = read_limited(str(tree / path), MAX_BYTES).data
    except OSError:  # a link, a name that is not UTF-8: not a record
        return {}
    data = load_bytes(raw, path).data if raw is not None else None
    fields = data if isinstance(data, dict) else {}

    def text(key: str) -> str:
        value = fields.get(key)
        return value if isinstance(value, str) else ""

    if kind_dir.name == "innovation":
        details |= {
            "name": text("name"),
            "region": record_id.partition("/")[0],
            "sector": text("sector"),
        }
        details["score"] = _score(loaded, record_id)
    elif kind_dir.name == "region":
        details |= {"name": text("name"), "region": record_id}
    elif kind_dir.name == "source":
        details |= {"name": text("title")}
    else:
        visitors = fields.get("visitors")
        names = (
            [
                str(v.get("region") or v.get("institution"))
                for v in visitors
                if isinstance(v, dict) and (v.get("region") or v.get("institution"))
            ]
            if isinstance(visitors, list)
            else []
        )
        details |= {
            "name": ", ".join(names) + (f" ke {text('host')}" if text("host") else ""),
            "region": text("host"),
        }
    return details


def _score(loaded: LoadResult, innovation_id: str) -> float | None:
    """The innovation's score under the newest model, derived at review time and never
    stored; None for an invalid record or a collection without scoring models."""
    collection = loaded.collection
    innovation = collection.innovations.get(innovation_id)
    model = newest_model(collection)
    if innovation is None or model is None:
        return None
    points = score_innovation(model, innovation, collection).score
    return None if points is None else float(points)
