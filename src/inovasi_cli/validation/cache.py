"""A validation cache that cannot serve stale data.

Per record file it keeps what the per-file stage produced (the parsed value and the
file's own findings), keyed by the file's path (its identity) and the digest of its
bytes (git's blob id: the same key names the file in any commit, which is what lets
``review`` reuse it without reading the commit). A file's stat (size, mtime, ctime,
inode) is only a shortcut to skip re-reading it, trusted only when the file was last
modified well before the cache was written (the "racy git" rule); otherwise the bytes
are hashed and compared. Every entry is void when the tool's version, its loader and
checks, the schemas, the national registry or the Python version change (the salt).

What the collection checks said about each record, and what each record's checks read,
is kept beside it (the state of :mod:`inovasi_cli.validation.incremental`), so an edit
re-checks only the records it can affect. The whole-collection result (every finding,
after the collection-level checks) is kept too, keyed by every file's stat and the day
(dates in the future depend on it), so an unchanged collection is validated without
parsing anything.

Location: ``$INOVASI_CACHE_DIR``, else ``$XDG_CACHE_HOME/inovasi``, else
``~/.cache/inovasi``; three files per collection root. Writes go through a temporary
file and an atomic rename, so two overlapping runs each leave a complete cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inovasi_cli import __version__
from inovasi_cli.core import paths
from inovasi_cli.core.findings import Finding
from inovasi_cli.core.writes import create_temporary, temporary_name
from inovasi_cli.records import registry_source

CACHE_ENV = "INOVASI_CACHE_DIR"
RACY_NS = 2_000_000_000  # a file modified this close to the cache write is re-hashed
StatKey = tuple[int, int, int, int]
# kind, id, stat, digest, data, findings (Finding.as_tuple values)
Entry = tuple[str, str, StatKey, bytes, Any, list[tuple[Any, ...]]]


def cache_dir() -> Path | None:
    """Where the cache lives; None when nowhere is known (no ``$HOME`` and a user without
    a home in the password database, as in many containers): the cache is optional."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "inovasi"
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):  # "Could not determine home directory"
        return None
    return home / ".cache" / "inovasi"


def stat_key(path: Path | str) -> StatKey:
    # lstat: a link put in a record's place is never followed, and its stat differs.
    return stat_of(os.lstat(path))


def stat_of(st: os.stat_result) -> StatKey:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def digest(raw: bytes) -> bytes:
    """The file's content key: the id git gives the same bytes as a blob, so what is
    known about a file in the working tree is known about it in any commit."""
    h = hashlib.sha1(b"blob %d\0" % len(raw), usedforsecurity=False)
    h.update(raw)
    return h.digest()


UNREADABLE: StatKey = (0, 0, 0, 0)  # the stat of a file that could not be read


def stats_of(records: list[paths.RecordFile]) -> dict[str, StatKey]:
    """Each record file's stat (:data:`UNREADABLE` for one that cannot be)."""
    stats: dict[str, StatKey] = {}
    for record in records:
        try:
            st = os.lstat(record.location)  # a link is never followed
        except OSError:
            stats[record.display] = UNREADABLE
        else:
            stats[record.display] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    return stats


def data_of(entry: Entry) -> Any:
    """An entry's parsed value. The cache keeps each one marshalled on its own and
    unmarshals it only when asked (a YAML record's value is never ``bytes``), so a run
    that needs a few records' values does not rebuild them all."""
    value = entry[4]
    return marshal.loads(value) if type(value) is bytes else value  # noqa: S302 - salted


def _packed(entry: Entry) -> Entry:
    value = entry[4]
    if value is None or type(value) is bytes:
        return entry
    return (entry[0], entry[1], entry[2], entry[3], marshal.dumps(value), entry[5])


def salt() -> str:
    """What every entry depends on beyond the file itself."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{__version__}|{sys.version_info[:2]}|{marshal.version}".encode())
    h.update(registry_source.fingerprint())  # the registry checks follow the registry
    for schema in sorted(paths.schemas_dir().glob("*.schema.json")):
        h.update(schema.name.encode())
        h.update(schema.read_bytes())
    package = Path(__file__).resolve().parent.parent
    for folder in ("records", "validation", "validation/checks"):  # an edited checkout too
        for source in sorted((package / folder).glob("*.py")):
            h.update(source.name.encode())
            h.update(source.read_bytes())
    return h.hexdigest()


def _load(path: Path) -> dict[str, Any] | None:
    try:
        # loads() on the bytes is several times faster than load() on the file object.
        value = marshal.loads(path.read_bytes())  # noqa: S302 - our own file, salted
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return value if isinstance(value, dict) else None


def _store(path: Path, value: dict[str, Any]) -> None:
    """Atomic write; a cache that cannot be written is simply not written."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temporary_name(path)  # named before it exists: see core.writes
        try:
            with os.fdopen(create_temporary(tmp), "wb") as handle:
                handle.write(marshal.dumps(value))
            tmp.replace(path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()


@dataclass
class Cache:
    """The cache of one collection root (see the module docstring)."""

    directory: Path
    root_key: str
    salt: str
    written_ns: int = 0
    entries: dict[str, Entry] = field(default_factory=dict)
    loaded_entries: bool = False

    @classmethod
    def open(cls, root: Path, directory: Path | None = None) -> Cache | None:
        """The cache of ``root``; None when there is no place for one (runs go uncached)."""
        directory = directory or cache_dir()
        if directory is None:
            return None
        root_key = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        return cls(directory, root_key, salt())

    @property
    def _records_path(self) -> Path:
        return self.directory / f"records-{self.root_key}.marshal"

    @property
    def _result_path(self) -> Path:
        return self.directory / f"result-{self.root_key}.marshal"

    @property
    def _state_path(self) -> Path:
        return self.directory / f"state-{self.root_key}.marshal"

    def load_state(self) -> dict[str, Any] | None:
        """The collection checks' state of the last run (see :mod:`.incremental`), as
        plain values; None when there is none of this salt."""
        stored = _load(self._state_path)
        if not stored or stored.get("salt") != self.salt:
            return None
        state = stored.get("state")
        return state if isinstance(state, dict) else None

    def save_state(self, state: dict[str, Any]) -> None:
        _store(self._state_path, {"salt": self.salt, "state": state})

    def load_entries(self) -> None:
        if self.loaded_entries:
            return
        self.loaded_entries = True
        stored = _load(self._records_path)
        if stored and stored.get("salt") == self.salt:
            self.written_ns = int(stored.get("written_ns", 0))
            self.entries = stored.get("entries", {})

    def lookup(self, display: str, kind: str, record_id: str, stat: StatKey) -> Entry | None:
        """The entry for a file whose stat proves it unchanged, else None."""
        self.load_entries()
        entry = self.entries.get(display)
        if (
            entry is None
            or entry[0] != kind
            or entry[1] != record_id
            or tuple(entry[2]) != stat
            or stat[1] >= self.written_ns - RACY_NS
        ):
            return None
        return entry

    def known_digest(self, display: str, kind: str, record_id: str) -> bytes | None:
        self.load_entries()
        entry = self.entries.get(display)
        if entry is None or entry[0] != kind or entry[1] != record_id:
            return None
        return entry[3]

    def save_entries(self, entries: dict[str, Entry]) -> None:
        entries = {display: _packed(entry) for display, entry in entries.items()}
        self.entries = entries
        self.written_ns = time.time_ns()
        _store(
            self._records_path,
            {"salt": self.salt, "written_ns": self.written_ns, "entries": entries},
        )

    def result_key(
        self, stats: dict[str, StatKey], strays: list[tuple[str, str, str]], today: str
    ) -> bytes:
        h = hashlib.blake2b(digest_size=16)
        h.update(f"{self.salt}|{today}".encode())
        # One serialisation of the whole table (marshal is exact for str and int tuples).
        h.update(marshal.dumps((sorted(stats.items()), strays)))
        return h.digest()

    def load_result(self, key: bytes, newest_mtime: int) -> list[tuple[Any, ...]] | None:
        stored = _load(self._result_path)
        if not stored or stored.get("key") != key:
            return None
        if newest_mtime >= int(stored.get("written_ns", 0)) - RACY_NS:
            return None
        findings = stored.get("findings")
        return findings if isinstance(findings, list) else None

    def unchanged_findings(
        self,
        records: list[paths.RecordFile],
        strays: list[paths.StrayFile],
        today: str,
        stats: dict[str, StatKey] | None = None,
    ) -> list[Finding] | None:
        """Every finding of the last run, when no file has changed since (same paths,
        same stats, none modified close to that run), on the same day; else None.
        ``stats``: each record file's stat, when the caller took them already."""
        if stats is None:
            stats = stats_of(records)
        if any(stat == UNREADABLE for stat in stats.values()):
            return None
        key = self.result_key(stats, [s.key for s in strays], today)
        cached = self.load_result(key, max((s[1] for s in stats.values()), default=0))
        return None if cached is None else [Finding.from_tuple(f) for f in cached]

    def save_result(self, key: bytes, findings: list[tuple[Any, ...]]) -> None:
        _store(self._result_path, {"key": key, "written_ns": time.time_ns(), "findings": findings})
