"""`validate` with a warm cache says what a cold `validate` says, edit after edit.

The warm path reuses each unchanged file's per-file result (trusted by its stat or its
blob id), the collection checks of every record an edit cannot reach, and, when nothing
changed, the last run's findings whole. On seeded random edits, additions, removals,
renames, copies and broken files of the shipped collection, every warm run must give the
findings and file count of `validate --no-cache`, while parsing and checking again only
a small part of the collection.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from inovasi_cli.validation import cache as cache_module
from inovasi_cli.validation import incremental, pipeline, workers
from inovasi_cli.validation.validate import validate_collection
from test_incremental import CROSS_RECORD, Editor

TODAY = dt.date(2026, 6, 1)


class Counted:
    """How many files the per-file stage parsed and how many records the collection
    checks ran on, in the last run."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parsed = self.rechecked = 0
        check_file, check = workers.check_file, incremental.check

        def counted_file(job: workers.Job) -> workers.FileResult:
            self.parsed += 1
            return check_file(job)

        def counted_check(*args, **kwargs):  # type: ignore[no-untyped-def]
            state = check(*args, **kwargs)
            self.rechecked += state.rechecked
            return state

        monkeypatch.setattr(workers, "check_file", counted_file)
        monkeypatch.setattr(pipeline, "check", counted_check)

    def reset(self) -> None:
        self.parsed = self.rechecked = 0


def same_size_edit(root: Path, rng: random.Random) -> str:
    """One letter of a reference, a name or a code changed for another, and the file's
    times put back (as tar or rsync do): it keeps its size and mtime, so only its ctime
    can tell the cache it changed, and the findings change with it (an unknown id, a
    name no longer shared)."""
    path = rng.choice(sorted((root / "data").rglob("*.yaml")))
    before = path.stat()
    raw = bytearray(path.read_bytes())
    letters, start = [], 0
    for line in bytes(raw).splitlines(keepends=True):
        key, colon, _ = line.partition(b":")
        if colon and key.strip(b" -").decode("utf-8", "replace") in CROSS_RECORD:
            value = start + len(key) + 1
            letters += [i for i in range(value, start + len(line)) if 97 <= raw[i] <= 122]
        start += len(line)
    if not letters:
        return "nothing"
    at = rng.choice(letters)
    raw[at] = rng.choice([c for c in b"aeiouy" if c != raw[at]])
    path.write_bytes(raw)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    return f"same-size edit of {path.relative_to(root)}"


@pytest.mark.parametrize("seed", [31, 32, 33, 34])
def test_warm_validate_equals_a_cold_one_after_random_edits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    root = tmp_path / "collection"
    shutil.copytree(REPO / "data", root / "data")
    monkeypatch.setenv("INOVASI_CACHE_DIR", str(tmp_path / "cache"))
    # Trust a file's stat at once (the racy window guards clocks, not this test): the
    # edits below are what must be seen, by their stat, without waiting two seconds.
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    editor, counted, rng = Editor(root, seed), Counted(monkeypatch), random.Random(seed)
    first = validate_collection(root, today=TODAY)
    files = first.files
    parsed = rechecked = 0
    for step in range(40):
        if step % 5 == 0:
            done = "nothing changed"
        else:
            done = editor.step() if step % 3 else same_size_edit(root, rng)
        counted.reset()
        warm = validate_collection(root, today=TODAY)
        work = (counted.parsed, counted.rechecked)
        parsed, rechecked = parsed + work[0], rechecked + work[1]
        cold = validate_collection(root, today=TODAY, use_cache=False)
        assert warm.findings == cold.findings, f"step {step}: {done}"
        assert warm.files == cold.files, f"step {step}: {done}"
        if done == "nothing changed":  # the last run's findings, nothing parsed or checked
            assert work == (0, 0), f"step {step}"
        files = max(files, cold.files)
    # Incremental: over 40 runs, a few files parsed and checked each time, not all.
    assert parsed < 40 * files / 10, parsed
    assert rechecked < 40 * files / 4, rechecked


def test_warm_validate_prints_what_a_cold_one_prints(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same through the command, in every format: the text a warm run renders from
    the cache is the text a cold run renders."""
    root = tmp_path / "collection"
    shutil.copytree(REPO / "data", root / "data")
    monkeypatch.setenv("INOVASI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    editor = Editor(root, 35)
    run("--root", str(root), "validate", code=None)
    for step in range(8):
        done = editor.step()
        for form in ("text", "json", "github"):
            argv = ("--root", str(root), "validate", "--format", form)
            warm = run(*argv, code=None)
            cold = run(*argv, "--no-cache", code=None)
            assert (warm.exit_code, warm.stdout) == (cold.exit_code, cold.stdout), (step, done)
