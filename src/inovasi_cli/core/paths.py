"""The one place that knows the collection layout and where schemas and templates live."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inovasi_cli.core.errors import CollectionNotFoundError
from inovasi_cli.core.files import file_type

ROOT_ENV = "INOVASI_ROOT"
DATA_DIR = "data"
KINDS = ("regions", "innovations", "visits")

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # core/ -> inovasi_cli/
_BUNDLED = _PACKAGE_DIR / "_bundled"
_SOURCE_TREE = _PACKAGE_DIR.parent.parent  # src/inovasi_cli -> repository root (editable install)


def _resource_dir(name: str) -> Path:
    """Schemas and templates: inside the wheel when installed, else the source tree."""
    bundled = _BUNDLED / name
    if bundled.is_dir():
        return bundled
    return _SOURCE_TREE / name


def schemas_dir() -> Path:
    return _resource_dir("schemas")


def templates_dir() -> Path:
    return _resource_dir("templates")


def bundled_root() -> Path | None:
    """The collection shipped with the package (its ``data/`` lives under it)."""
    if (_BUNDLED / DATA_DIR).is_dir():
        return _BUNDLED
    source_data = _SOURCE_TREE / DATA_DIR / "regions"
    if source_data.is_dir() and (_SOURCE_TREE / "pyproject.toml").is_file():
        return _SOURCE_TREE
    return None


def is_collection_root(path: Path) -> bool:
    data = path / DATA_DIR
    return data.is_dir() and any((data / kind).is_dir() for kind in KINDS)


@dataclass(frozen=True, slots=True)
class CollectionRoot:
    path: Path
    origin: str  # "option", "environment", "cwd" or "bundled"

    @property
    def data(self) -> Path:
        return self.path / DATA_DIR


def find_root(explicit: Path | None = None, cwd: Path | None = None) -> CollectionRoot:
    """``--root``, then ``$INOVASI_ROOT``, then the current directory upwards, then the
    collection bundled with the package."""
    if explicit is not None:
        if not is_collection_root(explicit):
            raise CollectionNotFoundError(
                f"--root {explicit}: no collection there (expected {explicit / DATA_DIR}/"
                "regions, innovations or visits)"
            )
        return CollectionRoot(explicit.resolve(), "option")
    env = os.environ.get(ROOT_ENV)
    if env:
        path = Path(env)
        if not is_collection_root(path):
            raise CollectionNotFoundError(f"${ROOT_ENV}={env}: no collection there")
        return CollectionRoot(path.resolve(), "environment")
    here = (cwd or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if is_collection_root(candidate):
            return CollectionRoot(candidate, "cwd")
    bundled = bundled_root()
    if bundled is not None:
        return CollectionRoot(bundled, "bundled")
    raise CollectionNotFoundError(
        "no collection found: run inside a directory with data/, or pass --root DIR"
    )


@dataclass(frozen=True, slots=True)
class RecordKind:
    """A folder of records under ``data/``: ``depth`` 1 is ``<dir>/<id>.yaml``, depth 2 is
    ``<dir>/<region>/<slug>.yaml`` (id ``<region>/<slug>``)."""

    name: str
    directory: str
    schema: str
    depth: int = 1


RECORD_KINDS: dict[str, RecordKind] = {
    kind.directory: kind
    for kind in (
        RecordKind("region", "regions", "region"),
        RecordKind("innovation", "innovations", "innovation", depth=2),
        RecordKind("visit", "visits", "visit"),
        RecordKind("scoring-model", "scoring", "scoring-model"),
        RecordKind("source", "sources", "source"),
    )
}


@dataclass(frozen=True, slots=True)
class RecordFile:
    kind: RecordKind
    id: str
    location: str  # the file's path as text (a Path is built only when asked for)
    display: str  # relative to the collection root, with forward slashes

    @property
    def path(self) -> Path:
        return Path(self.location)


@dataclass(frozen=True, slots=True)
class StrayFile:
    """Something under ``data/`` that is not a record where a record may stand, or a
    folder that could not be read (``code`` "unreadable")."""

    display: str
    reason: str
    hint: str = ""
    code: str = "stray-file"

    @property
    def key(self) -> tuple[str, str, str]:
        """What a cached result depends on."""
        return (self.code, self.display, self.reason)


def display_path(root: Path, path: Path) -> str | None:
    """How findings name a path the user gave: relative to the collection root, with
    forward slashes; None when it is not inside the root. The last part is never followed
    (a link the user names is the link, which a finding reports), nor is any link inside
    the collection; a path that reaches the collection through a link still resolves."""
    absolute = Path(os.path.normpath(path if path.is_absolute() else Path.cwd() / path))
    base = root.resolve()
    for candidate in (absolute, absolute.parent.resolve() / absolute.name):
        try:
            relative = candidate.relative_to(base).as_posix()
        except ValueError:
            continue
        return "" if relative == "." else relative
    return None


def under(display: str, named: frozenset[str]) -> bool:
    """Whether a display path is one of ``named`` or lies in one of those folders."""
    if display in named:
        return True
    parts = display.split("/")
    return any("/".join(parts[:i]) in named for i in range(1, len(parts)))


_LINK = "symbolic links are not followed"
SPECIAL_HINT = "remove it: only regular files are records"


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogates, which
    no output can encode) shown as escapes."""
    if name.isascii():  # nearly every record's name: nothing to escape
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _special(entry: Any) -> str | None:
    """What a folder entry is when it is neither a folder nor a regular file (a FIFO, a
    socket, a device), else None. The entry's type comes without a stat on most systems."""
    if entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False):
        return None
    try:
        return file_type(entry.stat(follow_symlinks=False).st_mode)
    except OSError:
        return "a file that vanished or cannot be examined"


def _unreadable(display: str, exc: OSError) -> StrayFile:
    return StrayFile(
        display,
        f"cannot read the folder: {exc.strerror or exc}",
        "give the folder read permission (chmod u+rx), or remove it",
        code="unreadable",
    )


StatKey = tuple[int, int, int, int]  # size, mtime, ctime, inode; all 0: could not stat


def _stat_of(entry: Any) -> StatKey:
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError:
        return (0, 0, 0, 0)
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _scan_disk(directory: Any) -> list[Any]:
    # os.scandir: one system call per folder, and each entry's type without a stat.
    with os.scandir(directory if isinstance(directory, str) else directory.path) as scan:
        return sorted(scan, key=lambda e: e.name)


def _scan_tree(directory: Any) -> list[Any]:
    return sorted((directory.children or {}).values(), key=lambda e: e.name)


@dataclass(slots=True)
class _Discovery:
    """Walks ``data/``: the records found, and everything else (never following links).
    ``scan`` lists a folder (sorted entries shaped like :class:`os.DirEntry`: the disk's,
    or a git tree's :class:`TreeEntry`); with ``stats``, each record file's stat is put
    there by display path, from its folder entry (one path component to resolve, not the
    whole path: several times cheaper on a large collection)."""

    scan: Callable[[Any], list[Any]] = _scan_disk
    stats: dict[str, StatKey] | None = None
    records: list[RecordFile] = field(default_factory=list)
    strays: list[StrayFile] = field(default_factory=list)

    def stray(self, display: str, reason: str, hint: str = "") -> None:
        self.strays.append(StrayFile(display, reason, hint))

    def walk(self, directory: Any, base: str, kind: RecordKind, level: int, prefix: str) -> None:
        try:
            entries = self.scan(directory)
        except OSError as exc:
            self.strays.append(_unreadable(base, exc))
            return
        for entry in entries:
            name = entry.name
            if (  # nearly every entry: a plain record file where records stand
                level == kind.depth
                and name.endswith(".yaml")
                and name.isascii()
                and name[0] != "."
                and entry.is_file(follow_symlinks=False)
            ):
                self.record(
                    RecordFile(kind, prefix + name[:-5], entry.path, f"{base}/{name}"), entry
                )
            else:
                self.entry(entry, base, kind, level, prefix)

    def record(self, record: RecordFile, entry: Any) -> None:
        self.records.append(record)
        if self.stats is not None:
            self.stats[record.display] = _stat_of(entry)

    def entry(self, entry: Any, base: str, kind: RecordKind, level: int, prefix: str) -> None:
        name = entry.name
        display = f"{base}/{printable(name)}"
        special = None if entry.is_symlink() else _special(entry)
        if entry.is_symlink():
            self.stray(display, _LINK, "replace the link with the file itself")
        elif printable(name) != name:
            self.stray(display, "file name is not UTF-8", "rename it")
        elif special is not None:
            self.stray(display, f"{special}, not a regular file", SPECIAL_HINT)
        elif name.startswith("."):
            if name != ".gitkeep":
                self.stray(display, "hidden file in the collection")
        elif level < kind.depth:
            if entry.is_dir(follow_symlinks=False):
                self.walk(entry, display, kind, level + 1, f"{prefix}{name}/")
            else:
                where = f"move it to {base}/<region-id>/{name}"
                self.stray(display, f"{kind.name} files belong one folder deeper", where)
        elif entry.is_dir(follow_symlinks=False):
            self.stray(display, "unexpected folder")
        elif name.endswith(".yaml"):
            self.record(RecordFile(kind, prefix + name[:-5], entry.path, display), entry)
        elif name.endswith(".yml"):
            self.stray(display, "records use the .yaml extension", f"rename it to {name[:-4]}.yaml")
        else:
            self.stray(display, "not a YAML record", "keep only <id>.yaml files under data/")

    def top(self, entries: list[Any]) -> tuple[list[RecordFile], list[StrayFile]]:
        """The entries of ``data/`` itself: the record folders, and what else is there."""
        known = ", ".join(sorted(RECORD_KINDS))
        for entry in entries:
            kind = RECORD_KINDS.get(entry.name)
            display = f"{DATA_DIR}/{printable(entry.name)}"
            if entry.is_symlink():
                self.stray(display, _LINK, "replace the link with the folder itself")
            elif kind is not None and entry.is_dir(follow_symlinks=False):
                self.walk(entry, display, kind, 1, "")
            elif entry.name != ".gitkeep":
                self.stray(display, "not a record folder", f"data/ holds only: {known}")
        return self.records, self.strays


def discover(
    root: Path, stats: dict[str, StatKey] | None = None
) -> tuple[list[RecordFile], list[StrayFile]]:
    """Every record file under ``root/data`` in a stable order, and everything else found
    there. Symbolic links are never followed; nothing is opened. With ``stats``, each
    record file's stat goes there (see :class:`_Discovery`)."""
    data = root / DATA_DIR
    found = _Discovery(stats=stats)
    if data.is_symlink():
        found.stray(DATA_DIR, _LINK, "replace the link with the folder itself")
        return found.records, found.strays
    try:
        entries = _scan_disk(str(data))
    except FileNotFoundError:
        return found.records, found.strays
    except OSError as exc:  # not a folder, or not readable
        if data.exists() and not data.is_dir():
            found.stray(DATA_DIR, "data is not a folder", "data/ holds the record folders")
        else:
            found.strays.append(_unreadable(DATA_DIR, exc))
        return found.records, found.strays
    return found.top(entries)


class TreeEntry:
    """A file, folder or link in a tree that is not on disk (a git commit's ``data/``),
    shaped like the :class:`os.DirEntry` that discovery reads."""

    __slots__ = ("children", "link", "name", "path")

    def __init__(self, name: str, path: str, *, link: bool = False, folder: bool = False):
        self.name, self.path, self.link = name, path, link
        self.children: dict[str, TreeEntry] | None = {} if folder else None

    def is_symlink(self) -> bool:
        return self.link

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        return self.children is not None

    def is_file(self, *, follow_symlinks: bool = True) -> bool:
        return self.children is None and not self.link


def tree_of(files: Iterable[tuple[str, bool]]) -> TreeEntry:
    """The folder tree of ``files``: paths under ``data/`` (``data/regions/x.yaml``), each
    with whether it is a symbolic link. A path under a file or a link, or given twice,
    is left out: the first entry stands (whoever builds the listing reports those)."""
    top = TreeEntry(DATA_DIR, DATA_DIR, folder=True)
    folders: dict[str, TreeEntry | None] = {DATA_DIR: top}  # None: not a folder

    def folder(path: str) -> TreeEntry | None:
        if path not in folders:
            parent_path, _, name = path.rpartition("/")
            parent = folder(parent_path) if parent_path else None
            children = parent.children if parent is not None else None
            if children is None or name in ("", "..", "."):
                folders[path] = None
            else:
                node = children.setdefault(name, TreeEntry(name, path, folder=True))
                folders[path] = node if node.children is not None else None
        return folders[path]

    for path, link in files:
        if path == DATA_DIR:  # data/ itself is a file or a link
            top.link, top.children = link, {} if link else None
            continue
        parent_path, _, name = path.rpartition("/")
        parent = folders[parent_path] if parent_path in folders else folder(parent_path)
        if parent is None or parent.children is None or name in ("", "..", "."):
            continue
        if name not in parent.children:
            parent.children[name] = TreeEntry(name, path, link=link)
            folders[path] = None  # a file: nothing goes under it
    return top


def discover_tree(top: TreeEntry) -> tuple[list[RecordFile], list[StrayFile]]:
    """:func:`discover` over a tree that is not on disk (see :func:`tree_of`); a record's
    ``location`` is its path in that tree."""
    found = _Discovery(scan=_scan_tree)
    if top.link:
        found.stray(DATA_DIR, _LINK, "replace the link with the folder itself")
        return found.records, found.strays
    if top.children is None:
        found.stray(DATA_DIR, "data is not a folder", "data/ holds the record folders")
        return found.records, found.strays
    return found.top(_scan_tree(top))
