"""`inovasi review` of crafted trees: what a branch fetched without ``git fsck`` can hold.

Each tree is built with ``git hash-object`` and ``git mktree`` (git itself never writes
them): ``data/`` replaced by a symbolic link, a link blob holding a NUL, a 5,000-byte link
target, a blob and a tree of one name, two blobs of one name, a path ``..``, a submodule,
a missing blob, a blob over the size limit, a file name that is not UTF-8. Every one gets
findings, exit 1 (never 3), and output that is valid UTF-8 in every format.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import EXAMPLES, git, inovasi

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
FORMATS = ("markdown", "github", "json")
MIB = 1 << 20


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "valid", root)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def _git_bytes(repo: Path, *args: str, input: bytes | None = None) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], input=input, capture_output=True, check=True
    )
    return done.stdout.decode().strip()


def _blob(repo: Path, content: bytes) -> str:
    return _git_bytes(repo, "hash-object", "-w", "--stdin", input=content)


def _tree(repo: Path, parts: list[str], extra: list[bytes], drop: str = "", at: str = "") -> str:
    """HEAD's tree with ``extra`` entry lines added in the folder ``parts`` (after
    removing the entry ``drop`` there), every tree above it rebuilt: the new root's sha."""
    listing = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "-z", f"HEAD:{at}"], capture_output=True, check=True
    ).stdout
    entries = [e for e in listing.split(b"\0") if e]
    if parts:
        name = parts[0]
        child = _tree(repo, parts[1:], extra, drop, f"{at}/{name}" if at else name)
        entries = [e for e in entries if e.partition(b"\t")[2] != name.encode()]
        entries.append(f"040000 tree {child}\t{name}".encode())
    else:
        entries = [e for e in entries if e.partition(b"\t")[2] != drop.encode()] + extra
    return _git_bytes(repo, "mktree", "-z", "--missing", input=b"\0".join(entries) + b"\0")


def _branch(repo: Path, root_tree: str) -> None:
    """Commit ``root_tree`` on top of main as branch 'change', and check it out (HEAD)."""
    config = ["-c", "user.name=T", "-c", "user.email=t@example.org"]
    commit = _git_bytes(repo, *config, "commit-tree", root_tree, "-p", "HEAD", "-m", "crafted")
    _git_bytes(repo, "update-ref", "refs/heads/change", commit)
    _git_bytes(repo, "symbolic-ref", "HEAD", "refs/heads/change")


def _data_is_a_link(repo: Path) -> None:
    link = _blob(repo, b"/etc")
    _branch(repo, _tree(repo, [], [f"120000 blob {link}\tdata".encode()], drop="data"))


def _in_regions(*entries: Callable[[Path], bytes]) -> Callable[[Path], None]:
    def craft(repo: Path) -> None:
        _branch(repo, _tree(repo, ["data", "regions"], [entry(repo) for entry in entries]))

    return craft


def _link(name: str, target: bytes) -> Callable[[Path], bytes]:
    return lambda repo: b"120000 blob " + _blob(repo, target).encode() + b"\t" + name.encode()


def _file(name: bytes, content: bytes) -> Callable[[Path], bytes]:
    return lambda repo: b"100644 blob " + _blob(repo, content).encode() + b"\t" + name


def _folder(name: str) -> Callable[[Path], bytes]:
    def entry(repo: Path) -> bytes:
        listing = f"100644 blob {_blob(repo, b'x: 1')}\ta.yaml\n"
        inner = _git_bytes(repo, "mktree", input=listing.encode())
        return f"040000 tree {inner}\t{name}".encode()

    return entry


def _submodule(repo: Path) -> bytes:
    return f"160000 commit {_git_bytes(repo, 'rev-parse', 'HEAD')}\tmodul".encode()


def _missing(repo: Path) -> bytes:
    return b"100644 blob " + b"1" * 40 + b"\thilang.yaml"


SIGI = b"name: Kabupaten Sigi\ntype: kabupaten\nprovince: Sulawesi Tengah\nsources:\n  - title: x\n"
CASES: dict[str, tuple[Callable[[Path], None], str, str, str]] = {
    # name: (how to craft it, the finding's path, its code, words of its message)
    "data-is-a-link": (_data_is_a_link, "data", "stray-file", "symbolic links"),
    "link-with-nul": (_in_regions(_link("nul.yaml", b"a\0b")), "data/regions/nul.yaml",
                      "stray-file", "symbolic links"),
    "link-5000-bytes": (_in_regions(_link("long.yaml", b"x" * 5000)), "data/regions/long.yaml",
                        "stray-file", "symbolic links"),
    "blob-and-tree": (_in_regions(_file(b"dua.yaml", SIGI), _folder("dua.yaml")),
                      "data/regions/dua.yaml", "malformed-tree", "both a file and a folder"),
    "two-blobs": (_in_regions(_file(b"dua.yaml", SIGI), _file(b"dua.yaml", b"x: 2\n")),
                  "data/regions/dua.yaml", "malformed-tree", "two entries of this name"),
    "dot-dot": (_in_regions(_file(b"..", SIGI)), "data/regions/..", "malformed-tree",
                "outside data/"),
    "submodule": (_in_regions(_submodule), "data/regions/modul", "stray-file", "submodule"),
    "missing-blob": (_in_regions(_missing), "data/regions/hilang.yaml", "empty-file", "no content"),
    "huge-blob": (_in_regions(_file(b"besar.yaml", b"#" * (2 * MIB))), "data/regions/besar.yaml",
                  "file-too-large", "file is 2,097,152 bytes"),
    "non-utf8-name": (_in_regions(_file(b"sigi\xff.yaml", SIGI)), "data/regions/sigi\\xff.yaml",
                      "stray-file", "not UTF-8"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_a_crafted_tree_gets_findings_and_exit_1_in_every_format(
    run, repo: Path, case: str
) -> None:
    craft, path, code, words = CASES[case]
    craft(repo)
    for fmt in FORMATS:
        result = run("--root", str(repo), "review", "--base", "main", "-f", fmt, code=1)
        result.stdout_bytes.decode("utf-8")  # valid UTF-8, whatever the names hold
        assert "Traceback" not in result.stderr
    document = json.loads(run("--root", str(repo), "review", "-b", "main", "-f", "json",
                              code=1).stdout)  # fmt: skip
    found = [f for f in document["findings"] if f["path"] == path and f["code"] == code]
    assert found and words in found[0]["message"], document["findings"]
    assert not found[0]["unchanged_file"]  # the change put it there


def test_a_file_added_under_a_name_that_is_not_utf_8_is_not_an_unchanged_file(
    run, repo: Path
) -> None:
    _in_regions(_file(b"sigi\xff.yaml", SIGI))(repo)
    markdown = run("--root", str(repo), "review", "--base", "main", code=1).stdout
    assert "| added | file | `data/regions/sigi\\xff.yaml` |" in markdown
    assert "(unchanged file)" not in markdown


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_a_name_that_is_not_utf_8_never_breaks_a_strict_output_encoding(
    repo: Path, encoding: str
) -> None:
    """As CI runs it: a real process, stdout strictly encoded."""
    _in_regions(_file(b"sigi\xff.yaml", SIGI))(repo)
    env = {k: v for k, v in os.environ.items() if not k.startswith("INOVASI")}
    env |= {"PYTHONIOENCODING": encoding, "GIT_CONFIG_NOSYSTEM": "1"}
    for fmt in FORMATS:
        done = inovasi("--root", str(repo), "review", "-b", "main", "-f", fmt, env=env)
        assert done.returncode == 1, done.stderr.decode()
        assert b"\xff" not in done.stdout and b"internal error" not in done.stderr
        done.stdout.decode(encoding)
