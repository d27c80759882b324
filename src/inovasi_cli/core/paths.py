"""The one place that knows the collection layout and where schemas and templates live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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


def discover(root: Path) -> tuple[list[RecordFile], list[StrayFile]]:
    """Every record file under ``root/data`` in a stable order, and everything else found
    there. Symbolic links are never followed."""
    data = root / DATA_DIR
    records: list[RecordFile] = []
    strays: list[StrayFile] = []

    def walk(directory: Path, base: str, kind: RecordKind, level: int, prefix: str) -> None:
        # os.scandir: one system call per folder, and the entry's type without a stat.
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda e: e.name)
        for entry in entries:
            name = entry.name
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
                    walk(directory / name, display, kind, level + 1, f"{prefix}{name}/")
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

    if data.is_symlink():
        strays.append(StrayFile(DATA_DIR, _LINK, "replace the link with the folder itself"))
        return records, strays
    if not data.is_dir():
        return records, strays
    for entry in sorted(data.iterdir()):
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
