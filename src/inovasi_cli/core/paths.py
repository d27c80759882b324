"""The one place that knows the collection layout and where schemas and templates live."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inovasi_cli.core.errors import CollectionNotFoundError

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
    """Something under ``data/`` that is not a record where a record may stand."""

    display: str
    reason: str
    hint: str = ""


def display_path(root: Path, path: Path) -> str:
    """How findings name a file the user gave: relative to the collection root."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


_LINK = "symbolic links are not followed"


def _printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as surrogates, which
    no output can encode) shown as escapes."""
    if name.isascii():  # nearly every record's name: nothing to escape
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class TreeEntry:
    """A file, folder or link in a tree that is not on disk (a git commit's ``data/``),
    shaped like the :class:`os.DirEntry` that :func:`classify` reads."""

    __slots__ = ("children", "link", "name", "path")

    def __init__(self, name: str, path: str, *, link: bool = False, folder: bool = False):
        self.name, self.path, self.link = name, path, link
        self.children: dict[str, TreeEntry] | None = {} if folder else None

    def is_symlink(self) -> bool:
        return self.link

    def is_dir(self) -> bool:
        return self.children is not None


def tree_of(files: Iterable[tuple[str, bool]]) -> TreeEntry:
    """The folder tree of ``files``: paths under ``data/`` (``data/regions/x.yaml``), each
    with whether it is a symbolic link. A path under a file or a link, or given twice,
    is left out: the first entry stands."""
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


Scan = Callable[[Any], list[Any]]


def _scan_disk(directory: Any) -> list[Any]:
    # os.scandir: one system call per folder, and the entry's type without a stat.
    with os.scandir(directory.path if hasattr(directory, "path") else directory) as scan:
        return sorted(scan, key=lambda e: e.name)


def _scan_tree(directory: Any) -> list[Any]:
    return sorted((directory.children or {}).values(), key=lambda e: e.name)


StatKey = tuple[int, int, int, int]  # size, mtime, ctime, inode; all 0: could not stat


def discover(
    root: Path, stats: dict[str, StatKey] | None = None
) -> tuple[list[RecordFile], list[StrayFile]]:
    """Every record file under ``root/data`` in a stable order, and everything else found
    there. Symbolic links are never followed. With ``stats``, each record file's stat is
    put there by display path, taken from its folder entry (one component to resolve,
    not the whole path: several times cheaper on a large collection)."""
    data = root / DATA_DIR
    if data.is_symlink():
        return [], [StrayFile(DATA_DIR, _LINK, "replace the link with the folder itself")]
    if not data.is_dir():
        return [], []
    return classify(_scan_disk(data), _scan_disk, stats)


def _stat_of(entry: Any) -> StatKey:
    try:
        st = entry.stat(follow_symlinks=False)
    except OSError:
        return (0, 0, 0, 0)
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def discover_tree(top: TreeEntry | None) -> tuple[list[RecordFile], list[StrayFile]]:
    """:func:`discover` over a tree that is not on disk (see :func:`tree_of`); a record's
    ``location`` is its path in that tree."""
    if top is None or (top.children is None and not top.link):
        return [], []
    if top.link:
        return [], [StrayFile(DATA_DIR, _LINK, "replace the link with the folder itself")]
    return classify(_scan_tree(top), _scan_tree)


def classify(
    top: list[Any], scan: Scan, stats: dict[str, StatKey] | None = None
) -> tuple[list[RecordFile], list[StrayFile]]:
    """The record files and stray files among the entries of ``data/`` (``top``), each
    folder read with ``scan`` (sorted entries, shaped like :class:`os.DirEntry`); with
    ``stats``, each record file's stat goes there (see :func:`discover`)."""
    records: list[RecordFile] = []
    strays: list[StrayFile] = []

    def walk(directory: Any, base: str, kind: RecordKind, level: int, prefix: str) -> None:
        for entry in scan(directory):
            name = entry.name
            if (  # nearly every entry: a plain record file, where records stand
                level == kind.depth
                and name.endswith(".yaml")
                and name.isascii()
                and name[0] != "."
                and not entry.is_symlink()
                and not entry.is_dir()
            ):
                display = f"{base}/{name}"
                records.append(RecordFile(kind, prefix + name[:-5], entry.path, display))
                if stats is not None:
                    stats[display] = _stat_of(entry)
                continue
            display = f"{base}/{_printable(name)}"
            if entry.is_symlink():
                strays.append(StrayFile(display, _LINK, "replace the link with the file itself"))
            elif _printable(name) != name:
                strays.append(StrayFile(display, "file name is not UTF-8", "rename it"))
            elif name.startswith("."):
                if name != ".gitkeep":
                    strays.append(StrayFile(display, "hidden file in the collection"))
            elif level < kind.depth:
                if entry.is_dir():
                    walk(entry, display, kind, level + 1, f"{prefix}{name}/")
                else:
                    strays.append(
                        StrayFile(
                            display,
                            f"{kind.name} files belong one folder deeper",
                            f"move it to {base}/<region-id>/{name}",
                        )
                    )
            elif entry.is_dir():
                strays.append(StrayFile(display, "unexpected folder"))
            elif name.endswith(".yaml"):
                records.append(RecordFile(kind, prefix + name[:-5], entry.path, display))
                if stats is not None:
                    stats[display] = _stat_of(entry)
            elif name.endswith(".yml"):
                strays.append(
                    StrayFile(
                        display, "records use the .yaml extension", f"rename it to {name[:-4]}.yaml"
                    )
                )
            else:
                strays.append(
                    StrayFile(display, "not a YAML record", "keep only <id>.yaml files under data/")
                )

    for entry in top:
        kind = RECORD_KINDS.get(entry.name)
        display = f"{DATA_DIR}/{_printable(entry.name)}"
        if entry.is_symlink():
            strays.append(StrayFile(display, _LINK, "replace the link with the folder itself"))
        elif kind is not None and entry.is_dir():
            walk(entry, display, kind, 1, "")
        elif entry.name != ".gitkeep":
            known = ", ".join(sorted(RECORD_KINDS))
            strays.append(StrayFile(display, "not a record folder", f"data/ holds only: {known}"))
    return records, strays
