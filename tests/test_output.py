from __future__ import annotations

import os
from pathlib import Path

import pytest

from inovasi_cli.core.errors import InovasiError, OutputError, OutputExistsError
from inovasi_cli.core.writes import create_exclusive, write_atomic


def test_write_atomic_refuses_to_clobber(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    with pytest.raises(OutputExistsError, match="use --force"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temp files left


def test_write_atomic_failure_keeps_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")

    def broken_replace(self: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", broken_replace)
    with pytest.raises(InovasiError, match="No space left"):
        write_atomic(target, "new", force=True)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_write_atomic_needs_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="no such folder"):
        write_atomic(tmp_path / "missing" / "x.md", "x")


def test_create_exclusive_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "data" / "a.yaml"
    create_exclusive(target, "first\n")
    with pytest.raises(OutputExistsError, match="left untouched"):
        create_exclusive(target, "second\n")
    assert target.read_text() == "first\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.yaml"]


def test_outputs_get_the_usual_file_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        written = write_atomic(tmp_path / "report.md", "x")
        created = create_exclusive(tmp_path / "new.yaml", "x")
    finally:
        os.umask(old)
    assert written.stat().st_mode & 0o777 == 0o644
    assert created.stat().st_mode & 0o777 == 0o644


def test_failed_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    (tmp_path / ".report.md.tmp").write_text("someone else's file")
    with pytest.raises(InovasiError, match="No space left"):
        write_atomic(tmp_path / "report.md", "x")
    with pytest.raises(InovasiError, match="No space left"):
        create_exclusive(tmp_path / "new.yaml", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".report.md.tmp"]
