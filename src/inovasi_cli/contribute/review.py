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

import bisect
import datetime as dt
import functools
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from inovasi_cli.contribute import git, trees
from inovasi_cli.contribute.review_facts import details
from inovasi_cli.contribute.review_scores import ScoreChange, score_changes
from inovasi_cli.contribute.sides import Side
from inovasi_cli.core import paths
from inovasi_cli.core.findings import Finding, count_errors, sort_findings
from inovasi_cli.validation.cache import UNREADABLE, Cache, Entry
from inovasi_cli.validation.incremental import State, check
from inovasi_cli.validation.pipeline import all_findings, entries_of
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


class _Reader:
    """Per-file results of the record files of commits: from the cache when it knows the
    blob at that path, else read from git and checked (once for both commits)."""

    def __init__(self, blobs: git.Blobs, cache: Cache | None) -> None:
        self.blobs = blobs
        self.cached: dict[str, Entry] = {}
        if cache is not None:
            cache.load_entries()
            self.cached = cache.entries
        self.parsed: dict[tuple[str, bytes], Entry] = {}  # read from git in this review

    def side(
        self,
        listing: dict[str, tuple[str, str]],
        previous: State | None,
        today: dt.date,
        base: Side | None = None,
        changed: Iterable[str] = (),
    ) -> Side:
        """The collection at the commit whose ``data/`` is ``listing``: from ``base``
        where only ``changed`` paths differ (when they are all plain record files)."""
        found = _patched(base, listing, changed) if base is not None else None
        if found is None:
            tree = paths.tree_of((path, mode == git.LINK) for path, (mode, _) in listing.items())
            found = paths.discover_tree(tree)
        records, strays = found
        if base is not None:
            entries = dict(base.entries)
            for display in changed:
                entries.pop(display, None)
            kept = changed if isinstance(changed, set) else set(changed)
            self._entries([r for r in records if r.display in kept], listing, entries)
        else:
            entries = {}
            self._entries(records, listing, entries)

        def source(display: str) -> Callable[[], bytes]:
            return lambda: self.blobs.read(listing[display][1])

        state = check(records, entries, today, previous, source)
        return Side(records, strays, entries, state, all_findings(records, strays, entries, state))

    def _entries(
        self,
        records: list[paths.RecordFile],
        listing: dict[str, tuple[str, str]],
        entries: dict[str, Entry],
    ) -> None:
        """Fill ``entries`` for ``records``: from the cache, from this review, else read
        from git and checked."""
        missing = []
        cached, parsed = self.cached, self.parsed
        for record in records:
            display = record.display
            digest = bytes.fromhex(listing[display][1])
            entry = cached.get(display)
            if entry is None or entry[3] != digest:
                entry = parsed.get((display, digest))
            if entry is not None and entry[0] == record.kind.name and entry[1] == record.id:
                entries[display] = entry
            else:
                missing.append(record)
        raws = self.blobs.read_many([listing[r.display][1] for r in missing])
        for record in missing:
            blob = listing[record.display][1]
            doc = parse_record(record, raws[blob])
            found = [f.as_tuple() for f in doc.findings]
            entry = (record.kind.name, record.id, UNREADABLE, bytes.fromhex(blob), doc.data, found)
            self.parsed[(record.display, entry[3])] = entries[record.display] = entry


def _plain_record(path: str, mode: str) -> paths.RecordFile | None:
    """The record a path names when discovery would take it as one whatever else is in
    the tree (a regular file, at a record's depth, every name plain); else None."""
    parts = path.split("/")
    kind = paths.RECORD_KINDS.get(parts[1]) if len(parts) > 2 else None
    if (
        kind is None
        or parts[0] != paths.DATA_DIR
        or len(parts) != kind.depth + 2
        or mode not in git.REGULAR
        or not path.endswith(".yaml")
        or not path.isascii()
        or any(not part or part[0] == "." for part in parts)
    ):
        return None
    return paths.RecordFile(kind, "/".join(parts[2:])[: -len(".yaml")], path, path)


def _patched(
    base: Side, listing: dict[str, tuple[str, str]], changed: Iterable[str]
) -> tuple[list[paths.RecordFile], list[paths.StrayFile]] | None:
    """``base``'s record and stray files with the ``changed`` paths taken out and put
    back as ``listing`` has them, when each is a plain record file before and after
    (anything else: None, and the tree is discovered anew)."""
    strays = {s.display for s in base.strays}
    added = []
    for path in changed:
        if path in strays:
            return None
        if path in listing:
            record = _plain_record(path, listing[path][0])
            if record is None:
                return None
            added.append(record)
    records = [r for r in base.records if r.display not in changed]
    for record in added:  # in discovery order: by path, a folder's files together
        bisect.insort(records, record, key=lambda r: r.display.split("/"))
    return records, base.strays


def review(
    root: Path, base: str | None = None, *, today: dt.date | None = None, use_cache: bool = True
) -> Review:
    """Review what HEAD changes under ``root/data`` since the merge-base with ``base``;
    without ``use_cache``, every blob is read from git and every record checked."""
    repo, prefix = git.repository(root)
    ref = git.resolve_base(repo, base)
    merge_base = git.merge_base(repo, ref)
    head = git.commit_of(repo, "HEAD")
    data_spec = f"{prefix}/{paths.DATA_DIR}" if prefix else paths.DATA_DIR
    # git works in the background while the cache is read
    status = git.start(repo, "status", "--porcelain", "--untracked-files=all", "--", data_spec)
    listings = (git.data_listing(repo, merge_base, prefix), git.data_listing(repo, head, prefix))
    cut = len(prefix) + 1 if prefix else 0
    raw = [
        (letter, old[cut:], new[cut:])
        for letter, old, new, _, _ in git.changed_paths(repo, merge_base, head, data_spec)
    ]
    when = today or dt.date.today()
    cache = Cache.open(root) if use_cache else None
    stored = cache.load_state() if cache is not None else None
    (base_listing, base_odd), (head_listing, head_odd) = (wait() for wait in listings)
    sides = None
    if not (base_odd or head_odd):
        try:
            with git.Blobs(repo) as blobs:
                reader = _Reader(blobs, cache)
                before = reader.side(base_listing, _state(stored), when)
                changed = {path for _, old, new in raw for path in (old, new)}
                after = reader.side(head_listing, before.state, when, before, changed)
                sides = (before, after)
        except git.GitError:  # a blob git cannot read: the tree is read the long way
            sides = None
    if sides is None:
        sides = _written_out(repo, (merge_base, head), prefix, when)
    dirty = bool(status().strip())
    diff = [(letter, paths.printable(old), paths.printable(new)) for letter, old, new in raw]
    return _review(ref, merge_base, head, prefix, diff, dirty, *sides)


def _written_out(
    repo: Path, commits: tuple[str, str], prefix: str, today: dt.date
) -> tuple[Side, Side]:
    """Both commits' ``data/`` written to a scratch folder and checked from there: the
    long way, for a tree no checkout could hold (:mod:`.trees` says what it holds)."""
    sides = []
    previous: State | None = None
    with tempfile.TemporaryDirectory(prefix="inovasi-review-") as scratch:
        for commit, name in zip(commits, ("base", "head"), strict=True):
            target = Path(scratch, name)
            problems = trees.materialise(functools.partial(git.git, repo), commit, prefix, target)
            records, strays = paths.discover(target)
            entries = entries_of(records)
            previous = check(records, entries, today, previous)
            found = [*all_findings(records, strays, entries, previous), *problems]
            sides.append(Side(records, strays, entries, previous, sort_findings(found)))
    return sides[0], sides[1]


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
    touched = frozenset(c.path for c in changes if c.status != "removed")
    known_before = set(before.findings)
    kept = [f for f in after.findings if paths.under(f.path, touched)]
    caused = [f for f in after.findings if f not in kept and f not in known_before]
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
