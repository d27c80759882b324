"""`review` from git objects and the incremental checks says what the full path says.

The full path is what review did before it became incremental: write both commits'
``data/`` to disk and load each collection cold, without the cache. On seeded random
edits, additions, removals, renames and copies of the shipped collection committed in a
scratch repository, the incremental review (with a cache warmed by validating main, and
with none) must give the same findings, the same files caused, and the same scores.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from conftest import REPO, git
from inovasi_cli.contribute.review import review
from inovasi_cli.scoring.choose import newest_model
from inovasi_cli.scoring.compute import score_innovation, score_region
from inovasi_cli.validation.pipeline import LoadResult, load_collection
from inovasi_cli.validation.validate import validate_collection
from test_incremental import Editor

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def tree(repo: Path, commit: str, into: Path) -> LoadResult:
    """The full path: the commit's data/ written out and loaded cold."""
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", commit, "data"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="tar")
    (into / "data").mkdir(exist_ok=True)
    return load_collection(into, today=TODAY, use_cache=False, workers=1)


def full_review(repo: Path, scratch: Path) -> tuple[list, frozenset[str], dict]:
    head = git(repo, "rev-parse", "HEAD").strip()
    base = git(repo, "merge-base", "main", "HEAD").strip()
    before, after = tree(repo, base, scratch / "base"), tree(repo, head, scratch / "head")
    changed = git(repo, "diff", "--name-status", "-M", "--no-renames", base, head, "--", "data")
    touched = {line.split("\t")[-1] for line in changed.splitlines() if line[0] != "D"}
    renamed = git(repo, "diff", "--name-status", "-M", base, head, "--", "data")
    touched |= {line.split("\t")[-1] for line in renamed.splitlines() if line[0] == "R"}
    known = set(before.findings)
    kept = [f for f in after.findings if f.path in touched]
    caused = [f for f in after.findings if f.path not in touched and f not in known]
    return sorted(kept + caused), frozenset(f.path for f in caused), {"base": before, "head": after}


def score_of(loaded: LoadResult, kind: str, record_id: str) -> float | None:
    collection = loaded.collection
    model = newest_model(collection)
    if model is None:
        return None
    if kind == "innovation":
        innovation = collection.innovations.get(record_id)
        points = score_innovation(model, innovation, collection).score if innovation else None
        return None if points is None else float(points)
    if record_id not in collection.regions:
        return None
    own = collection.innovations_by_region.get(record_id, [])
    index = score_region(model, record_id, own, collection).index
    return None if index is None else float(index)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_incremental_review_equals_the_full_one(tmp_path: Path, monkeypatch, seed: int) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "data", root / "data")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    rng = random.Random(seed)
    for round_ in range(8):
        warm = tmp_path / f"cache-{round_}"
        monkeypatch.setenv("INOVASI_CACHE_DIR", str(warm))
        git(root, "switch", "-q", "-f", "main")
        validate_collection(root, today=TODAY)  # the warm-up: validate main
        git(root, "switch", "-q", "-C", "change", "main")
        editor = Editor(root, rng.randrange(1 << 30))
        done = [editor.step() for _ in range(rng.randint(1, 4))]
        git(root, "add", "-A", "data")
        git(root, "commit", "-q", "--allow-empty", "-m", "change")
        findings, caused, full = full_review(root, tmp_path / f"full-{round_}")
        for cache in (warm, tmp_path / f"cold-{round_}"):
            monkeypatch.setenv("INOVASI_CACHE_DIR", str(cache))
            result = review(root, "main", today=TODAY)
            assert sorted(result.findings) == findings, (round_, done, cache.name)
            assert result.caused == caused, (round_, done)
            for score in result.scores:
                expected = (
                    score_of(full["base"], score.kind, score.id),
                    score_of(full["head"], score.kind, score.id),
                )
                assert (score.before, score.after) == expected, (round_, done, score)
