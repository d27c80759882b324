"""Every finding of a file in one run: the meaning checks (dates, references, identity,
names, evidence) read what can still be read of a file with schema errors, and never
report a value the schema already reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO
from inovasi_cli.core.findings import Finding
from inovasi_cli.validation.checks.readings import UNREADABLE, reading


def findings(run, root: Path, code: int = 1) -> dict[str, set[tuple[str, str]]]:
    """(code, field) of every finding, by file."""
    out = run("--root", str(root), "validate", "--format", "json", code=code).stdout
    found: dict[str, set[tuple[str, str]]] = {}
    for f in json.loads(out)["findings"]:
        found.setdefault(f["path"], set()).add((f["code"], f["field"]))
    return found


def test_an_impossible_date_is_reported_with_the_schema_errors(run, collection: Path) -> None:
    (collection / "data/innovations/banggai/poli.yaml").write_text(
        "name: Poli\n"
        "sector: keshatan\n"  # schema: unknown value
        "digital: no\n"  # schema: wrong type
        "trial_date: '2024-02-31'\n"  # meaning: no such day
        "implementation_date: '2023'\n"  # meaning: before the trial
        "summary: x\n"
        "replication_of: banggai/pinasa\n"  # meaning: same region
        "competitions:\n  - award: iga\n    year: 2099\n"  # meaning: not yet
        "sources:\n  - source: fixture\n",
        encoding="utf-8",
    )
    assert findings(run, collection)["data/innovations/banggai/poli.yaml"] == {
        ("unknown-value", "sector"),
        ("wrong-type", "digital"),
        ("bad-date", "trial_date"),
        ("date-order", "implementation_date"),
        ("same-region-replication", "replication_of"),
        ("future-date", "competitions.0.year"),
    }


def test_a_value_the_schema_refused_is_not_reported_again(run, collection: Path) -> None:
    (collection / "data/innovations/banggai/poli.yaml").write_text(
        "name: Poli\nsector: kesehatan\nsummary: x\n"
        "trial_date: '2024-2-31'\n"  # the schema's bad-format, not also a bad-date
        "replication_of: Banggai/PINASA\n"  # the schema's bad-format, not an unknown reference
        "sources:\n  - source: fixture\n",
        encoding="utf-8",
    )
    (collection / "data/regions/contoh.yaml").write_text(
        "name: Kabupaten Contoh\ntype: kabupaten\n"
        "province: 72\n"  # not a province: written, so not also 'needs its province'
        "code: 72.1\n"  # wrong type: not also 'has the form PP.KK'
        "sources:\n  - source: fixture\n",
        encoding="utf-8",
    )
    found = findings(run, collection)
    assert found["data/innovations/banggai/poli.yaml"] == {
        ("bad-format", "trial_date"),
        ("bad-format", "replication_of"),
    }
    assert found["data/regions/contoh.yaml"] == {
        ("unknown-value", "province"),
        ("wrong-type", "code"),
    }


def test_a_renamed_region_folder_marks_every_file_in_it(run, collection: Path) -> None:
    shutil.move(collection / "data/regions/banggai.yaml", collection / "data/regions/bangai.yaml")
    folder = collection / "data/innovations/banggai"
    (folder / "broken.yaml").write_text(
        "name: Rusak\nsector: kesehatan\nsummary: x\ndigital: maybe\n"
        "sources:\n  - source: fixture\n",
        encoding="utf-8",
    )
    found = findings(run, collection)
    for name in ("pinasa", "poli-lansia", "broken"):
        assert ("unknown-region", "") in found[f"data/innovations/banggai/{name}.yaml"], name
    assert ("wrong-type", "digital") in found["data/innovations/banggai/broken.yaml"]


def test_visit_with_schema_errors_still_has_its_references_checked(run, collection: Path) -> None:
    (collection / "data/visits/2019-07-parigi-moutong-ke-banggai.yaml").write_text(
        "date: '2019-07'\n"
        "kind: jalan-jalan\n"  # schema: unknown value
        "host: banggay\n"  # meaning: no such region
        "visitors:\n"
        "  - region: parigi-moutong\n    participants: many\n"  # schema: wrong type
        "  - region: parigi-moutong\n"  # meaning: listed twice
        "participants: 20\n"  # visitors' sizes unreadable: no sum to compare
        "studied:\n  - innovation: banggai/pinas\n"  # meaning: no such innovation
        "outcomes:\n  - innovation: banggai/pinasa\n    as: parigi-moutong/kukusa\n"
        # schema: 'adopter' missing; the rest of the outcome is still read
        "sources:\n  - source: fixture\n",
        encoding="utf-8",
    )
    assert findings(run, collection)["data/visits/2019-07-parigi-moutong-ke-banggai.yaml"] == {
        ("unknown-value", "kind"),
        ("unknown-reference", "host"),
        ("wrong-type", "visitors.0.participants"),
        ("duplicate-item", "visitors.1.region"),
        ("unknown-reference", "studied.0.innovation"),
        ("missing-field", "outcomes.0"),
    }


def test_an_unreadable_visit_date_is_not_also_a_misnamed_file(run, collection: Path) -> None:
    visit = collection / "data/visits/2019-07-parigi-moutong-ke-banggai.yaml"
    text = visit.read_text(encoding="utf-8").replace("date: '2019-07'", "date: 'juli 2019'")
    visit.write_text(text, encoding="utf-8")
    assert findings(run, collection)["data/visits/2019-07-parigi-moutong-ke-banggai.yaml"] == {
        ("bad-format", "date")
    }


def test_names_of_invalid_records_count_for_duplicates(run, collection: Path) -> None:
    (collection / "data/regions/zz-kembar.yaml").write_text(
        "name: Kabupaten Banggai\ntype: kabupatn\nsources:\n  - source: fixture\n", encoding="utf-8"
    )
    assert findings(run, collection)["data/regions/zz-kembar.yaml"] == {
        ("unknown-value", "type"),
        ("duplicate-name", "name"),
    }


def test_evidence_on_an_invalid_innovation_is_checked(run, collection: Path) -> None:
    (collection / "data/scoring").mkdir()
    shutil.copy(REPO / "data/scoring/iid-2026.yaml", collection / "data/scoring/iid-2026.yaml")
    (collection / "data/innovations/banggai/poli.yaml").write_text(
        "name: Poli\nsector: kesehatan\nsummary: x\ndigital: ya\n"
        "evidence:\n"
        "  - model: iid-2062\n    indicator: replikasi\n    level: 1\n"
        "    document: {title: SK}\n"
        "  - model: iid-2026\n    indicator: replikasii\n    level: 1\n"
        "    document: {title: SK}\n"
        "sources:\n  - source: fixture\n",
        encoding="utf-8",
    )
    assert findings(run, collection)["data/innovations/banggai/poli.yaml"] == {
        ("wrong-type", "digital"),
        ("unknown-model", "evidence.0.model"),
        ("unknown-indicator", "evidence.1.indicator"),
    }


def test_a_valid_collection_is_still_clean(run, collection: Path) -> None:
    assert findings(run, collection, code=0) == {}


# -- the reading itself ----------------------------------------------------------------------


def test_reading_marks_refused_values_and_never_changes_the_data() -> None:
    data = {"name": "x", "visitors": [{"region": 5, "unit": "u"}, {"region": "a"}], "kind": "?"}
    refused = [
        Finding("f", 1, 1, "wrong-type", "m", "visitors.0.region"),
        Finding("f", 1, 1, "unknown-value", "m", "kind"),
        Finding("f", 1, 1, "missing-field", "m", "visitors.1"),  # a lack: the rest stays
        Finding("f", 1, 1, "unknown-field", "m", "nope"),  # not in the data: nothing to do
    ]
    read = reading("visit", "v", "f", data, refused)
    assert read is not None
    assert read.data == {
        "name": "x",
        "visitors": [{"region": UNREADABLE, "unit": "u"}, {"region": "a"}],
        "kind": UNREADABLE,
    }
    assert data["visitors"][0]["region"] == 5 and data["kind"] == "?"
    assert reading("visit", "v", "f", ["not", "a", "record"], []) is None
