"""What a change (a branch, a pull request) does to the collection, for its reviewer.

``review`` asks git what changed under ``data/`` between the merge-base of a base ref and
HEAD, and checks the collection as it stands at both commits, read from git objects (the
working tree is not consulted, and nothing is written to disk). Its cost follows the size
of the change: every file whose blob the validation cache knows (it is keyed by git's
blob ids) is not read again, only the changed blobs are, and the collection checks run
again only where the change reaches (:mod:`inovasi_cli.validation.incremental`: the base
from the last ``validate``'s state, the head from the base's). It keeps the findings the
change is answerable for: every finding in a file it added, modified or renamed, and
every *new* finding in a file it left alone (a visit that still names a region the
change removed). Pure apart from running git: it returns a :class:`Review` and never
prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from inovasi_cli.contribute import git
from inovasi_cli.contribute.review_facts import details
from inovasi_cli.contribute.review_scores import ScoreChange, score_changes
from inovasi_cli.core import paths
from inovasi_cli.core.findings import Finding, count_errors, sort_findings
from inovasi_cli.validation.cache import UNREADABLE, Cache, Entry
from inovasi_cli.validation.incremental import State, check
from inovasi_cli.validation.pipeline import all_findings
from inovasi_cli.validation.workers import parse_record

STATUS_WORDS = {"A": "added", "M": "modified", "D": "removed", "R": "renamed", "T": "modified"}
# Kept for callers of the old names.
repository, resolve_base = git.repository, git.resolve_base


@dataclass(frozen=True, slots=True)
class Change:
    """One file under ``data/`` that the change touched. Paths are relative to the
    collection root (``data/...``); ``old_path`` is set for a rename. ``name`` is the
    record's name (a visit's: its visitors and host, by name), ``region`` and ``sector``
    their names too (the ids stay in ``region_id``); ``facts`` are the record's key facts
    as (label, text) pairs; ``score`` the innovation's score at HEAD."""

    status: str  # added, modified, removed, renamed
    path: str
    old_path: str = ""
    kind: str = ""  # region, innovation, visit, scoring-model; "" for a file that is no record
    id: str = ""
    name: str = ""
    region: str = ""
    region_id: str = ""
    sector: str = ""
    facts: tuple[tuple[str, str], ...] = ()
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
    score_model: str = ""  # the scoring model behind the scores ("" when none)
    scores: tuple[ScoreChange, ...] = ()  # what the change does to scores, before -> after

    @property
    def errors(self) -> int:
        return count_errors(self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def repo_path(self, path: str) -> str:
        """A collection path as the repository sees it (for annotations)."""
        return f"{self.prefix}/{path}" if self.prefix else path


@dataclass(slots=True)
class Side:
    """The collection at one commit, as the checks see it."""

    records: list[paths.RecordFile]
    strays: list[paths.StrayFile]
    entries: dict[str, Entry]
    state: State
    findings: list[Finding]


class _Reader:
    """Per-file results of the record files of commits: from the cache when it knows the
    blob at that path, else read from git and checked (once for both commits)."""

    def __init__(self, blobs: git.Blobs, cache: Cache | None) -> None:
        self.blobs, self.cache = blobs, cache
        self.known: dict[tuple[str, bytes], Entry] = {}
        if cache is not None:
            cache.load_entries()
            for display, entry in cache.entries.items():
                self.known[(display, entry[3])] = entry

    def side(
        self, listing: dict[str, tuple[str, str]], previous: State | None, today: dt.date
    ) -> Side:
        tree = paths.tree_of((path, mode == git.LINK) for path, (mode, _) in listing.items())
        records, strays = paths.discover_tree(tree)
        blob_of = {r.display: listing[r.location][1] for r in records}
        entries: dict[str, Entry] = {}
        missing = []
        for record in records:
            entry = self.known.get((record.display, bytes.fromhex(blob_of[record.display])))
            if entry is not None and entry[0] == record.kind.name and entry[1] == record.id:
                entries[record.display] = entry
            else:
                missing.append(record)
        raws = self.blobs.read_many([blob_of[r.display] for r in missing])
        for record in missing:
            blob = blob_of[record.display]
            doc = parse_record(record, raws[blob])
            found = [f.as_tuple() for f in doc.findings]
            entry = (record.kind.name, record.id, UNREADABLE, bytes.fromhex(blob), doc.data, found)
            self.known[(record.display, entry[3])] = entries[record.display] = entry

        def source(display: str) -> Callable[[], bytes]:
            return lambda: self.blobs.read(blob_of[display])

        state = check(records, entries, today, previous, source)
        return Side(records, strays, entries, state, all_findings(records, strays, entries, state))


def review(root: Path, base: str | None = None, *, today: dt.date | None = None) -> Review:
    """Review what HEAD changes under ``root/data`` since the merge-base with ``base``."""
    repo, prefix = git.repository(root)
    ref = git.resolve_base(repo, base)
    merge_base = git.merge_base(repo, ref)
    head = git.commit_of(repo, "HEAD")
    data_spec = f"{prefix}/{paths.DATA_DIR}" if prefix else paths.DATA_DIR

    def local(path: str) -> str:
        return path[len(prefix) + 1 :] if prefix else path

    diff = [
        (letter, local(old), local(new))
        for letter, old, new in git.changed_paths(repo, merge_base, head, data_spec)
    ]
    dirty = bool(
        git.git(repo, "status", "--porcelain", "--untracked-files=all", "--", data_spec).strip()
    )
    when = today or dt.date.today()
    cache = Cache.open(root)
    stored = cache.load_state()
    with git.Blobs(repo) as blobs:
        reader = _Reader(blobs, cache)
        before = reader.side(git.data_listing(repo, merge_base, prefix), _state(stored), when)
        after = reader.side(git.data_listing(repo, head, prefix), before.state, when)
    return _review(ref, merge_base, head, prefix, diff, dirty, before, after)


def _state(stored: object) -> State | None:
    return State.from_plain(stored) if stored is not None else None


def _review(
    ref: str,
    merge_base: str,
    head: str,
    prefix: str,
    diff: list[tuple[str, str, str]],
    dirty: bool,
    before: Side,
    after: Side,
) -> Review:
    model, scores = score_changes(before, after, diff)
    head_scores = {s.id: s.after for s in scores if s.kind == "innovation"}
    changes = []
    for letter, old, new in diff:
        status = STATUS_WORDS.get(letter, "modified")
        removed = status == "removed"
        path = old if removed else new
        facts = details(path, before if removed else after)
        score = None if removed else head_scores.get(str(facts.get("id", "")))
        changes.append(
            Change(status, path, old if status == "renamed" else "", **facts, score=score)
        )
    touched = {c.path for c in changes if c.status != "removed"}
    known_before = set(before.findings)
    kept = [f for f in after.findings if f.path in touched]
    caused = [f for f in after.findings if f.path not in touched and f not in known_before]
    return Review(
        base=ref,
        merge_base=merge_base,
        head=head,
        prefix=prefix,
        changes=sorted(changes, key=lambda c: (c.path, c.status)),
        findings=sort_findings([*kept, *caused]),
        caused=frozenset(f.path for f in caused),
        uncommitted=dirty,
        score_model=model,
        scores=scores,
    )
