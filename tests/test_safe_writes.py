"""Writes only where the user said, atomically, never over a file by accident.

``report --output``, ``export --output`` and ``new`` go through ``write_atomic`` /
``create_exclusive`` (or, for SQLite and the csv folder, the same temporary-file-and-rename
pattern): an existing output is refused without ``--force`` and left byte-identical; a
failure midway leaves the old file and no temporary file behind; ``new`` never writes
through a symbolic link. Read commands write nothing but the cache in
``$INOVASI_CACHE_DIR``.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import REPO

OLD = b"precious: the user's own file\n"

OUTPUTS = [
    ["report", "award", "--region", "banggai", "--award", "iga-2019", "--output"],
    ["report", "region", "banggai", "--format", "html", "--output"],
    ["export", "--format", "json", "--output"],
    ["export", "--format", "jsonl", "--output"],
    ["export", "--format", "sqlite", "--output"],
]
IDS = ["report-md", "report-html", "export-json", "export-jsonl", "export-sqlite"]


def _tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a digest of its bytes (links as their target)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = f"-> {path.readlink()}"
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.mark.parametrize("args", OUTPUTS, ids=IDS)
def test_existing_output_is_refused_and_untouched(
    run, collection: Path, tmp_path: Path, args: list[str]
) -> None:
    out = tmp_path / "out" / "existing"
    out.parent.mkdir()
    out.write_bytes(OLD)
    result = run("--root", str(collection), *args, str(out), code=2)
    assert "--force" in result.stderr
    assert out.read_bytes() == OLD
    assert [p.name for p in out.parent.iterdir()] == ["existing"]  # no temporary file left


@pytest.mark.parametrize("args", OUTPUTS, ids=IDS)
def test_force_replaces_the_output(run, collection: Path, tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "existing"
    out.write_bytes(OLD)
    run("--root", str(collection), *args, str(out), "--force")
    assert out.read_bytes() != OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["collection", "existing"]


@pytest.mark.parametrize("args", OUTPUTS, ids=IDS)
def test_a_failed_write_leaves_the_old_file(
    run, collection: Path, tmp_path: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last step (the rename into place) fails: the old file stays, whole."""
    out = tmp_path / "existing"
    out.write_bytes(OLD)

    def refuse(self: Path, target: object) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", refuse)
    result = run("--root", str(collection), *args, str(out), "--force", code=2)
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["collection", "existing"]


def test_csv_export_folder_is_refused_and_untouched(run, collection: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    out.mkdir()
    (out / "notes.txt").write_bytes(OLD)
    run("--root", str(collection), "export", "--format", "csv", "--output", str(out), code=2)
    run("--root", str(collection), "export", "-f", "csv", "-o", str(out), "--force", code=2)
    assert _tree(out) == {"notes.txt": hashlib.sha256(OLD).hexdigest()}


def test_new_never_overwrites_a_record(run, collection: Path) -> None:
    record = collection / "data/innovations/banggai/pinasa.yaml"
    before = record.read_bytes()
    result = run(
        "--root", str(collection), "new", "innovation", "--region", "banggai",
        "--name", "PINASA", "--sector", "kesehatan", "--slug", "pinasa", code=2,
    )  # fmt: skip
    assert "already exists" in result.stderr
    assert record.read_bytes() == before


def test_new_never_writes_through_a_symlink(run, collection: Path, tmp_path: Path) -> None:
    """A folder in the collection replaced by a link (say, in a pull request) must not
    make ``new`` write outside the collection."""
    outside = tmp_path / "outside"
    folder = collection / "data/innovations/banggai"
    shutil.move(folder, outside)
    folder.symlink_to(outside, target_is_directory=True)
    before = _tree(outside)
    result = run(
        "--root", str(collection), "new", "innovation", "--region", "banggai",
        "--name", "Satu Dua", "--sector", "kesehatan", code=2,
    )  # fmt: skip
    assert "symbolic link" in result.stderr
    assert _tree(outside) == before


READS = [
    ["validate"],
    ["list"],
    ["list", "--format", "csv"],
    ["show", "banggai/pinasa"],
    ["visits"],
    ["regions"],
    ["stats"],
    ["export", "--format", "json", "--output", "-"],
    ["report", "award", "--region", "banggai", "--award", "iga-2019"],
    ["report", "visits", "--host", "banggai", "--format", "html"],
    ["report", "region", "banggai"],
    ["report", "yearly", "--year", "2019"],
]


def test_read_commands_write_only_the_cache(
    run, collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work, home, cache, scratch = (tmp_path / n for n in ("work", "home", "cache", "tmp"))
    for folder in (work, home, scratch):
        folder.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # what TMPDIR would choose
    monkeypatch.setenv("INOVASI_CACHE_DIR", str(cache))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    reads = list(READS)
    if (REPO / "data/scoring").is_dir():
        shutil.copytree(REPO / "data/scoring", collection / "data/scoring")
        reads.append(["score"])
    before = _tree(collection)
    for args in reads:
        run("--root", str(collection), *args, code=None)
    assert _tree(collection) == before
    assert _tree(work) == {} and _tree(home) == {} and _tree(scratch) == {}
    assert _tree(cache)  # the documented cache is the one thing written


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_review_cleans_up_its_scratch_copy(
    run, collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    config = ["-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", "-C", str(collection), *config, *args], check=True)
    run("--root", str(collection), "review", "--base", "main", code=None)
    assert _tree(scratch) == {}


def _crafted_branch(repo: Path, victim: Path) -> None:
    """Commit a tree git itself would never write: ``data/x`` both a link to ``victim``
    and a folder holding ``evil.yaml``, and ``data/y`` a link then a file of that name."""

    def git(*args: str, input: str | None = None) -> str:
        config = ["-c", "user.name=T", "-c", "user.email=t@example.org"]
        done = subprocess.run(
            ["git", "-C", str(repo), *config, "-c", "commit.gpgsign=false", *args],
            input=input, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return done.stdout.strip()

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    link = git("hash-object", "-w", "--stdin", input=str(victim))
    file_link = git("hash-object", "-w", "--stdin", input=str(victim / "y.yaml"))
    blob = git("hash-object", "-w", "--stdin", input="pwned: true\n")
    folder = git("mktree", input=f"100644 blob {blob}\tevil.yaml\n")
    data = git("ls-tree", "HEAD:data") + "\n"
    data += f"120000 blob {link}\tx\n040000 tree {folder}\tx\n"
    data += f"120000 blob {file_link}\ty\n100644 blob {blob}\ty\n"
    root = git("mktree", input=f"040000 tree {git('mktree', input=data)}\tdata\n")
    commit = git("commit-tree", root, "-p", "HEAD", "-m", "crafted")
    git("update-ref", "refs/heads/change", commit)
    git("symbolic-ref", "HEAD", "refs/heads/change")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_review_never_writes_through_a_link_in_a_crafted_tree(
    run, collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A branch fetched without fsck can hold a malformed tree; reviewing it (as CI does
    for pull requests) must not write its files where its links point."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    victim = tmp_path / "victim"
    victim.mkdir()
    _crafted_branch(collection, victim)
    result = run("--root", str(collection), "review", "--base", "main", code=None)
    assert "symbolic links are not followed" in result.stdout
    assert _tree(victim) == {}
