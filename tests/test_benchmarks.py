"""The benchmark corpus (``benchmarks/make_corpus.py``) is a valid collection: a figure
measured on records that validation refuses times a different, smaller collection
(invalid files are left out of every command)."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO, Run

sys.path.insert(0, str(REPO / "benchmarks"))
from make_corpus import make_corpus


def test_the_benchmark_corpus_validates_clean(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    counts = make_corpus(root, innovations=200)
    result = run("--root", str(root), "validate", "--no-cache")
    assert result.exit_code == 0, result.stdout
    assert "no problems found" in result.stderr
    regions = sorted(p.stem for p in (root / "data/regions").glob("*.yaml"))
    assert len(regions) == counts["regions"] == 10
    assert any(r.startswith("kota-") for r in regions)
