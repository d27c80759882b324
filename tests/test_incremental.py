"""The incremental collection checks agree with the full ones, edit after edit.

A seeded generator changes a copy of the shipped collection step by step (values swapped
for other records' ids, names and codes, or for junk; files removed, renamed, copied,
broken), and after every step the state carried over from the previous step must give
exactly the findings a check from nothing gives.
"""

from __future__ import annotations

import datetime as dt
import marshal
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from inovasi_cli.core import paths
from inovasi_cli.validation.cache import Entry
from inovasi_cli.validation.incremental import State, check
from inovasi_cli.validation.pipeline import all_findings
from inovasi_cli.validation.workers import check_file

REPO = Path(__file__).parent.parent
TODAY = dt.date(2026, 6, 1)
# The fields the collection checks compare across records: names and codes, references.
CROSS_RECORD = frozenset(
    {"name", "code", "host", "region", "innovation", "adopter", "as", "replication_of"}
    | {"model", "indicator", "province"}
)


class Files:
    """Per-file results of a collection on disk, parsed again only when bytes change."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.memo: dict[tuple[str, bytes], Entry] = {}

    def entries(self) -> tuple[list[paths.RecordFile], list[paths.StrayFile], dict[str, Entry]]:
        records, strays = paths.discover(self.root)
        entries: dict[str, Entry] = {}
        for record in records:
            raw = Path(record.location).read_bytes()
            key = (record.display, raw)
            if key not in self.memo:
                job = (record.kind.directory, record.id, record.display, record.location, None)
                _, stat, digest, data, findings = check_file(job)
                self.memo[key] = (record.kind.name, record.id, stat, digest, data, findings)
            entries[record.display] = self.memo[key]
        return records, strays, entries


def leaves(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """Every text value of a record, with its path."""
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in leaves(v, (*at, k))]
    if isinstance(value, list):
        return [leaf for i, v in enumerate(value) for leaf in leaves(v, (*at, i))]
    return [(at, value)] if isinstance(value, str) else []


def put(value: Any, at: tuple[Any, ...], new: Any) -> None:
    for part in at[:-1]:
        value = value[part]
    value[at[-1]] = new


class Editor:
    """Random edits of the collection under ``root``."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root, self.rng = root, random.Random(seed)
        self.removed: list[tuple[Path, bytes]] = []
        self.by_key: dict[Any, set[str]] = {}
        for f in self.files():
            for at, text in leaves(self.load(f)):
                if len(text) < 60:  # the same field of the same kind of record
                    self.by_key.setdefault(self.key(f, at), set()).update((text, text[:-1]))
            folder = f.relative_to(self.root / "data").parts[0]
            record_id = "/".join(f.relative_to(self.root / "data").parts[1:])[: -len(".yaml")]
            for key in ("region", "host", "adopter", "innovation", "as", "replication_of"):
                wanted = "regions" if key in ("region", "host", "adopter") else "innovations"
                if folder == wanted:  # ids, and typos of them
                    for kind in ("visits", "innovations"):
                        self.by_key.setdefault((kind, key), set()).update(
                            (record_id, record_id[:-1])
                        )
        self.words = sorted({w for ws in self.by_key.values() for w in ws})
        self.words += ["bangai", "nowhere", "nowhere/thing", "2031-01-01", "72.01", "x"]

    def key(self, path: Path, at: tuple[Any, ...]) -> tuple[str, Any]:
        return (path.relative_to(self.root / "data").parts[0], at[-1])

    def files(self) -> list[Path]:
        return sorted((self.root / "data").rglob("*.yaml"))

    def load(self, path: Path) -> Any:
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            return None

    def step(self) -> str:
        rng, files = self.rng, self.files()
        target = rng.choice(files)
        action = rng.choices(
            ["value", "remove", "rename", "copy", "break", "restore"], [10, 3, 3, 2, 1, 3]
        )[0]
        if action in ("remove", "rename"):  # mostly what others refer to
            referred = [f for f in files if "/visits/" not in str(f)]
            target = rng.choice(referred or files)
        if action == "restore":
            if not self.removed:
                return "nothing to restore"
            path, raw = self.removed.pop(rng.randrange(len(self.removed)))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(raw)
            return f"restore {path.relative_to(self.root)}"
        if action == "value":
            data = self.load(target)
            found = leaves(data)
            if not found:
                return "nothing"
            keyed = [leaf for leaf in found if leaf[0][-1] in CROSS_RECORD]
            at, _ = rng.choice(keyed if keyed and rng.random() < 0.8 else found)
            same = sorted(
                self.by_key.get(self.key(target, at), ())
            )  # another record's value, mostly
            put(data, at, rng.choice(same if same and rng.random() < 0.7 else self.words))
            target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        elif action == "remove" and len(files) > 5:
            self.removed.append((target, target.read_bytes()))
            target.unlink()
        elif action in ("rename", "copy"):
            relative = target.relative_to(self.root / "data")
            folder = relative.parts[0]
            if folder == "innovations":
                region = rng.choice(sorted(p.name for p in (target.parent.parent).iterdir()))
                new = self.root / "data" / folder / region / f"{rng.choice(['a', 'b'])}.yaml"
            else:
                new = self.root / "data" / folder / f"{rng.choice(['baru', '2024-01-02-x'])}.yaml"
            new.parent.mkdir(parents=True, exist_ok=True)
            if new.exists():
                return "exists"
            shutil.copyfile(target, new)
            if action == "rename":
                self.removed.append((target, target.read_bytes()))
                target.unlink()
        elif action == "break":
            target.write_text(target.read_text(encoding="utf-8") + "\n  : : [\n", encoding="utf-8")
        return f"{action} {target.relative_to(self.root)}"


def round_trip(state: State) -> State:
    """The state as the cache keeps it."""
    restored = State.from_plain(marshal.loads(marshal.dumps(state.plain())))
    assert restored is not None
    return restored


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_incremental_checks_equal_the_full_ones_after_random_edits(
    tmp_path: Path, seed: int
) -> None:
    root = tmp_path / "collection"
    shutil.copytree(REPO / "data", root / "data")
    files, editor = Files(root), Editor(root, seed)
    records, strays, entries = files.entries()
    state = check(records, entries, TODAY)
    rechecked = total = 0
    for step in range(60):
        done = editor.step()
        records, strays, entries = files.entries()
        incremental = check(records, entries, TODAY, round_trip(state))
        full = check(records, entries, TODAY)
        assert all_findings(records, strays, entries, incremental) == all_findings(
            records, strays, entries, full
        ), f"step {step}: {done}"
        assert incremental.deps == full.deps, f"step {step}: {done}"
        assert incremental.provides == full.provides
        rechecked, total = rechecked + incremental.rechecked, total + full.rechecked
        state = incremental
    assert rechecked < total / 2  # it is incremental: most records are not checked again


def test_a_new_day_checks_everything(tmp_path: Path) -> None:
    root = tmp_path / "collection"
    shutil.copytree(REPO / "data", root / "data")
    records, _, entries = Files(root).entries()
    state = check(records, entries, TODAY)
    assert check(records, entries, TODAY, state).rechecked == 0
    assert check(records, entries, TODAY + dt.timedelta(days=1), state).rechecked == len(records)


@pytest.mark.parametrize("junk", [None, [], {"today": "x"}, {"today": "x", "digests": 3}])
def test_a_foreign_state_is_refused(junk: Any) -> None:
    assert State.from_plain(junk) is None


def _edit(root: Path, relative: str, **values: Any) -> None:
    path = root / "data" / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(values)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _move(root: Path, relative: str, to: str) -> None:
    (root / "data" / relative).rename(root / "data" / to)


BANGGAI = "innovations/banggai/e-makam.yaml"
EVIDENCE = [{"model": "iid-202", "indicator": "regulasi-inovasi", "level": 1}]
# Each scenario: edits to make, then the incremental state after each must equal the full.
SCENARIOS = {
    "an unknown region's hint follows the regions": [
        lambda r: _edit(r, "visits/banggai-kepulauan-ke-banggai.yaml", host="bangai"),
        lambda r: _move(r, "regions/banggai.yaml", "regions/bangaii.yaml"),
        lambda r: _edit(r, "regions/balangan.yaml", name="Kabupaten Bangai"),
    ],
    "an unknown innovation's hint follows its region's innovations": [
        lambda r: _edit(
            r, "innovations/balangan/" + _first(r, "balangan"), replication_of="banggai/e-makan"
        ),
        lambda r: _move(r, BANGGAI, "innovations/banggai/e-makam-baru.yaml"),
        lambda r: _move(r, "innovations/banggai/e-makam-baru.yaml", BANGGAI),
    ],
    "an unknown model's hint follows the model files": [
        lambda r: _edit(r, BANGGAI, evidence=EVIDENCE),
        lambda r: shutil.copyfile(
            r / "data/scoring/iid-2025.yaml", r / "data/scoring/iid-202.yaml"
        ),
        lambda r: _edit(r, "scoring/iid-202.yaml", name=3),
        lambda r: (r / "data/scoring/iid-202.yaml").unlink(),
    ],
    "innovation names are unique within a region, the first keeps it": [
        lambda r: _edit(r, "innovations/banggai/alat-taping-box.yaml", name="E-Makam"),
        lambda r: _edit(r, BANGGAI, name="Lain"),
        lambda r: _edit(r, "innovations/banggai/1-pk-100-kk.yaml", name="Lain"),
    ],
}


def _first(root: Path, region: str) -> str:
    return sorted(p.name for p in (root / "data/innovations" / region).iterdir())[0]


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_incremental_checks_follow_what_the_hints_and_names_read(tmp_path: Path, name: str) -> None:
    root = tmp_path / "collection"
    shutil.copytree(REPO / "data", root / "data")
    files = Files(root)
    records, strays, entries = files.entries()
    state = check(records, entries, TODAY)
    for number, step in enumerate(SCENARIOS[name]):
        step(root)
        records, strays, entries = files.entries()
        incremental = check(records, entries, TODAY, round_trip(state))
        expected = all_findings(records, strays, entries, check(records, entries, TODAY))
        assert all_findings(records, strays, entries, incremental) == expected, number
        assert incremental.rechecked < len(records)  # not everything
        state = incremental


def test_checking_in_small_groups_gives_the_same_findings(tmp_path: Path, monkeypatch) -> None:
    """A full check runs a group of records at a time (memory stays bounded at national
    scale); names compared across records never straddle two groups."""
    from inovasi_cli.validation import incremental

    root = tmp_path / "collection"
    shutil.copytree(REPO / "data", root / "data")
    editor = Editor(root, 7)
    for _ in range(30):
        editor.step()
    records, strays, entries = Files(root).entries()
    whole = all_findings(records, strays, entries, check(records, entries, TODAY))
    monkeypatch.setattr(incremental, "GROUP", 3)
    assert len(list(incremental._groups(records))) > 5
    assert all_findings(records, strays, entries, check(records, entries, TODAY)) == whole
