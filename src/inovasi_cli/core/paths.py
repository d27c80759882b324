"""The one place that knows the collection layout and where schemas and templates live."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

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


def _special(entry: os.DirEntry[str]) -> str | None:
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


@dataclass(slots=True)
class _Discovery:
    """Walks ``data/``: the records found, and everything else (never following links)."""

    records: list[RecordFile] = field(default_factory=list)
    strays: list[StrayFile] = field(default_factory=list)

    def stray(self, display: str, reason: str, hint: str = "") -> None:
        self.strays.append(StrayFile(display, reason, hint))

    def walk(self, directory: str, base: str, kind: RecordKind, level: int, prefix: str) -> None:
        try:  # os.scandir: one system call per folder, and each entry's type
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            self.strays.append(_unreadable(base, exc))
            return
        for entry in entries:
            self.entry(entry, base, kind, level, prefix)

    def entry(
        self, entry: os.DirEntry[str], base: str, kind: RecordKind, level: int, prefix: str
    ) -> None:
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
                self.walk(entry.path, display, kind, level + 1, f"{prefix}{name}/")
            else:
                where = f"move it to {base}/<region-id>/{name}"
                self.stray(display, f"{kind.name} files belong one folder deeper", where)
        elif entry.is_dir(follow_symlinks=False):
            self.stray(display, "unexpected folder")
        elif name.endswith(".yaml"):
            self.records.append(RecordFile(kind, prefix + name[:-5], entry.path, display))
        elif name.endswith(".yml"):
            self.stray(display, "records use the .yaml extension", f"rename it to {name[:-4]}.yaml")
        else:
            self.stray(display, "not a YAML record", "keep only <id>.yaml files under data/")


def discover(root: Path) -> tuple[list[RecordFile], list[StrayFile]]:
    """Every record file under ``root/data`` in a stable order, and everything else found
    there. Symbolic links are never followed; nothing is opened."""
    data = root / DATA_DIR
    found = _Discovery()
    if data.is_symlink():
        found.stray(DATA_DIR, _LINK, "replace the link with the folder itself")
        return found.records, found.strays
    try:
        with os.scandir(data) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except FileNotFoundError:
        return found.records, found.strays
    except OSError as exc:  # not a folder, or not readable
        if data.exists() and not data.is_dir():
            found.stray(DATA_DIR, "data is not a folder", "data/ holds the record folders")
        else:
            found.strays.append(_unreadable(DATA_DIR, exc))
        return found.records, found.strays
    known = ", ".join(sorted(RECORD_KINDS))
    for entry in entries:
        kind = RECORD_KINDS.get(entry.name)
        display = f"{DATA_DIR}/{printable(entry.name)}"
        if entry.is_symlink():
            found.stray(display, _LINK, "replace the link with the folder itself")
        elif kind is not None and entry.is_dir(follow_symlinks=False):
            found.walk(entry.path, display, kind, 1, "")
        elif entry.name != ".gitkeep":
            found.stray(display, "not a record folder", f"data/ holds only: {known}")
    return found.records, found.strays
