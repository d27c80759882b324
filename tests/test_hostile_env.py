"""Hostile environments: no home directory, unreadable folders, an output encoding that
cannot show every character. inovasi degrades (no cache, a finding, escapes), never
crashes.

Permissions do not apply to root, so the tests that need them run the CLI as an
ordinary user (``setpriv``) when the suite runs as root, in a folder every user can read.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO, inovasi, unprivileged
from inovasi_cli.validation import cache

TIMEOUT = 60
NO_PASSWD_ENTRY = "48213"  # a uid no passwd database here names
MINIMAL = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"}


@pytest.fixture
def shared() -> Iterator[Path]:
    """A copy of the example collection (with the scoring models) that every user can
    read, and a cache folder beside it that every user can write."""
    folder = Path(tempfile.mkdtemp(prefix="inovasi-env-"))
    try:
        folder.chmod(0o755)
        root = folder / "collection"
        shutil.copytree(EXAMPLES / "valid", root)
        shutil.copytree(REPO / "data" / "scoring", root / "data" / "scoring")
        for path in root.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        yield root
    finally:
        for path in folder.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def _as_user(uid: str | None = None) -> list[str]:
    prefix = unprivileged()
    if prefix is None:
        pytest.skip("runs as root and cannot drop privileges (no setpriv)")
    if uid is not None and prefix:
        prefix = ["setpriv", "--reuid", uid, "--regid", uid, "--clear-groups"]
    return prefix


# --- no home -----------------------------------------------------------------------------------


def test_no_home_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOME", cache.CACHE_ENV, "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)

    def nowhere() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", nowhere)
    assert cache.cache_dir() is None
    assert cache.Cache.open(REPO) is None


@pytest.mark.parametrize(
    "args",
    [["validate"], ["list", "--format", "ids"], ["show", "pinasa"], ["score"],
     ["report", "region", "banggai"]],
    ids=["validate", "list", "show", "score", "report"],
)  # fmt: skip
def test_a_user_without_home_or_passwd_entry_runs_every_command(
    shared: Path, args: list[str]
) -> None:
    """HOME unset and a uid the password database does not know (common in containers):
    the cache is optional, so the commands run without one and say nothing of it."""
    if os.geteuid() != 0:
        pytest.skip("only root can run a command under a uid without a passwd entry")
    done = inovasi("--root", str(shared), *args, env=dict(MINIMAL),
                   prefix=_as_user(NO_PASSWD_ENTRY), timeout=TIMEOUT)  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    assert b"home directory" not in done.stderr and b"internal error" not in done.stderr
    assert done.stdout or args == ["validate"]


# --- unreadable folders and files ----------------------------------------------------------------


def _run_as_nobody(root: Path, *args: str) -> tuple[int, str, str]:
    env = MINIMAL | {"HOME": str(root.parent), "INOVASI_CACHE_DIR": str(root.parent / "c")}
    done = inovasi("--root", str(root), *args, env=env, prefix=_as_user(), timeout=TIMEOUT)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


@pytest.mark.parametrize(
    "folder", ["data/innovations/parigi-moutong", "data/visits", "data/innovations"]
)
def test_an_unreadable_folder_is_a_finding_like_an_unreadable_file(
    shared: Path, folder: str
) -> None:
    (shared / "data/regions/banggai.yaml").chmod(0o000)
    (shared / folder).chmod(0o000)
    code, out, err = _run_as_nobody(shared, "validate", "--format", "json")
    assert code == 1, err
    findings = {(f["path"], f["code"]): f for f in json.loads(out)["findings"]}
    assert ("data/regions/banggai.yaml", "unreadable") in findings
    unreadable = findings[(folder, "unreadable")]
    assert unreadable["message"] == "cannot read the folder: Permission denied"
    assert "chmod" in unreadable["hint"]


def test_read_commands_leave_an_unreadable_folder_out(shared: Path) -> None:
    (shared / "data/innovations/parigi-moutong").chmod(0o000)
    code, out, err = _run_as_nobody(shared, "list", "--format", "ids")
    assert code == 0, err
    assert out.split() == ["banggai/pinasa", "banggai/poli-lansia"]
    assert "have errors and are left out" in err and "Traceback" not in err


# --- an output encoding that cannot show every character ------------------------------------------

LATIN_1 = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "latin-1"}


@pytest.mark.parametrize(
    "args",
    [["show", "pinasa"], ["list"], ["list", "--format", "json"],
     ["report", "region", "banggai"], ["report", "award", "--region", "banggai", "--award",
     "iga-2019", "--format", "html"], ["validate", "--format", "json"]],
    ids=["show", "list", "list-json", "report", "report-html", "validate-json"],
)  # fmt: skip
def test_a_latin_1_terminal_gets_escapes_not_a_crash(collection: Path, args: list[str]) -> None:
    """An em dash, a curly apostrophe or U+202E cannot be encoded in latin-1: each is
    shown as an escape (\\u2014), and JSON stays valid JSON with the text intact."""
    pinasa = collection / "data/innovations/banggai/pinasa.yaml"
    text = pinasa.read_text(encoding="utf-8")
    pinasa.write_text(text.replace("name: ", "name: Gerakan — Banggai’s ", 1), encoding="utf-8")
    (collection / "data/regions/x.yml").write_text("x", encoding="utf-8")  # a finding
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "INOVASI"))}
    done = inovasi("--root", str(collection), *args, env=env | LATIN_1, timeout=TIMEOUT)
    stderr = done.stderr.decode("latin-1")
    assert done.returncode == (1 if args[0] == "validate" else 0), stderr
    assert "internal error" not in stderr and "Traceback" not in stderr
    out = done.stdout.decode("latin-1")
    if args[0] != "validate":
        assert "\\u2014" in out or "&mdash;" in out or "&#8212;" in out, out[:2000]
    if "json" in args:
        json.loads(out)  # an escape, inside a JSON string, is JSON
