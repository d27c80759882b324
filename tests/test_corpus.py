"""The hostile-input corpus: every damaged record in ``tests/corpus/bad/`` through the real
``inovasi validate`` in a subprocess.

``MANIFEST.yaml`` lists each case: the file (or what the test generates: huge and deep
files, symbolic links, odd file names, copies), where it is placed in a temp copy of the
valid example collection (``target``), the finding it must produce (``code``, ``line``,
``column``, ``field``, ``severity``; ``path`` when the finding is not on the target itself;
``code: null`` for a case that must be accepted) and the exit status. Each run is bounded
by a timeout, so a hang fails the test instead of stalling the suite; none may print a
traceback. The cases run concurrently (one subprocess each) before the checks.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES, REPO

CORPUS = Path(__file__).parent / "corpus" / "bad"
MANIFEST = CORPUS / "MANIFEST.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["cases"]
TIMEOUT = 60  # seconds per case: a hang fails, it never stalls the suite
MIB = 1_048_576
PLATFORM_DEPENDENT = {"non-utf8-name", "symlink-file", "symlink-folder", "symlink-data"}
PLATFORM_DEPENDENT |= {"symlink-dangling", "fifo", "socket", "char-device", "sparse-2g"}
GIB = 1 << 30

VALID_INNOVATION = "name: Satu\nsector: kesehatan\nsummary: Uji.\nsources:\n  - source: fixture\n"
VALID_REGION = (
    "name: Kabupaten Luar\ntype: kabupaten\nprovince: Sulawesi Tengah\n"
    "sources:\n  - source: fixture\n"
)


def _generated(kind: str) -> bytes:
    """Content too large to commit, built the same way every run."""
    if kind == "huge":  # valid YAML, 2 MiB: over the 1 MiB cap
        return f"name: Satu\nsector: kesehatan\nsummary: {'x' * 2 * MIB}\n".encode()
    if kind == "deep-flow":  # 100,000 nested flow sequences
        return b"name: " + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    if kind == "deep-block":  # 40 nested block mappings
        return "".join(f"{'  ' * i}k{i}:\n" for i in range(40)).encode() + b"  " * 40 + b"x\n"
    raise AssertionError(f"unknown generator {kind!r}")


def _socket(target: Path) -> None:
    """A Unix socket file, bound from its own folder (socket paths are limited to about
    100 bytes; the temp folder's may be longer)."""
    code = "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])"
    subprocess.run([sys.executable, "-c", code, target.name], cwd=target.parent, check=True)


def _sparse(target: Path) -> None:
    with target.open("wb") as handle:
        handle.truncate(2 * GIB)  # no block written: a hole of 2 GiB


SPECIAL_FILES = {
    "fifo": lambda target: os.mkfifo(target),
    "socket": _socket,
    "char-device": lambda target: os.mknod(target, stat.S_IFCHR | 0o644, os.makedev(1, 5)),
    "sparse-2g": _sparse,
}


def materialise(case: dict[str, Any], root: Path, outside: Path) -> None:
    """Put the case into the collection at ``root``; ``outside`` is a folder beside it
    (targets for symbolic links that must never be followed)."""
    target = root / case["target"]
    generate = case.get("generate")
    if generate is None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((CORPUS / case["file"]).read_bytes())
    elif generate in {"huge", "deep-flow", "deep-block"}:
        target.write_bytes(_generated(generate))
    elif generate.startswith("copy:"):
        target.write_bytes((root / generate.removeprefix("copy:")).read_bytes())
    elif generate == "non-utf8-name":
        (root / "data/innovations/banggai").joinpath(os.fsdecode(b"bad\xff.yaml")).write_text(
            VALID_INNOVATION, encoding="utf-8"
        )
    elif generate == "symlink-file":
        (outside / "region.yaml").write_text(VALID_REGION, encoding="utf-8")
        target.symlink_to(outside / "region.yaml")
    elif generate == "symlink-folder":
        (outside / "inovasi").mkdir()
        (outside / "inovasi" / "satu.yaml").write_text(VALID_INNOVATION, encoding="utf-8")
        target.symlink_to(outside / "inovasi", target_is_directory=True)
    elif generate == "symlink-data":
        shutil.move(root / "data", outside / "data")
        target.symlink_to(outside / "data", target_is_directory=True)
    elif generate == "symlink-dangling":
        target.symlink_to(outside / "missing.yaml")
    elif generate in SPECIAL_FILES:
        SPECIAL_FILES[generate](target)
    else:
        raise AssertionError(f"unknown generator {generate!r}")


@dataclass(frozen=True)
class Outcome:
    workdir: Path
    exit: int | None  # None: timed out
    stdout: str
    stderr: str
    skipped: str = ""  # why the platform cannot hold this case (no symlinks, say)


def run_case(case: dict[str, Any], workdir: Path) -> Outcome:
    root, outside, cache = workdir / "collection", workdir / "outside", workdir / "cache"
    shutil.copytree(EXAMPLES / "valid", root)
    outside.mkdir()
    try:
        materialise(case, root, outside)
    except (OSError, subprocess.CalledProcessError, AttributeError) as exc:
        # e.g. no symbolic links or FIFOs, a file system refusing the name, no CAP_MKNOD
        if case.get("generate") not in PLATFORM_DEPENDENT:
            raise
        return Outcome(workdir, None, "", "", skipped=f"the platform refuses the case: {exc}")
    env = {k: v for k, v in os.environ.items() if k not in {"INOVASI_ROOT", "INOVASI_DEBUG"}}
    env["INOVASI_CACHE_DIR"] = str(cache)
    command = [sys.executable, "-m", "inovasi_cli", "--root", str(root)]
    command += ["validate", "--format", "json", "--no-cache"]
    try:
        done = subprocess.run(
            command, cwd=workdir, env=env, capture_output=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout or b""
        return Outcome(workdir, None, out.decode("utf-8", "replace"), "")
    return Outcome(
        workdir,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


@pytest.fixture(scope="module")
def outcomes(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Outcome]:
    """Every selected case's run (all of them, unless ``-k`` chose a few)."""
    selected = {"tag-python-object-apply"}  # test_python_tag_runs_nothing reads it
    for item in request.session.items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if getattr(item, "module", None) is request.module and "case" in params:
            selected.add(params["case"]["name"])
    wanted = [c for c in CASES if c["name"] in selected]
    base = tmp_path_factory.mktemp("corpus")
    workers = max(2, os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {c["name"]: pool.submit(run_case, c, base / c["name"]) for c in wanted}
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_corpus_case(case: dict[str, Any], outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[case["name"]]
    if outcome.skipped:
        pytest.skip(outcome.skipped)
    shown = f"--- stdout\n{outcome.stdout[:4000]}\n--- stderr\n{outcome.stderr[:4000]}"
    assert outcome.exit is not None, f"no result within {TIMEOUT}s\n{shown}"
    both = outcome.stdout + outcome.stderr
    assert "Traceback" not in both, shown
    assert "internal error" not in both, shown
    assert outcome.exit == case["exit"], shown
    findings = json.loads(outcome.stdout)["findings"]  # the report is valid JSON
    if case["code"] is None:  # a case that must be accepted
        assert findings == [], shown
        return
    wanted = {
        "path": case.get("path", case["target"]),
        "line": case["line"],
        "column": case["column"],
        "severity": case["severity"],
        "code": case["code"],
        "field": case["field"],
    }
    got = [{k: f[k] for k in wanted} for f in findings]
    assert wanted in got, json.dumps(findings, indent=1, ensure_ascii=False)


def test_python_tag_runs_nothing(outcomes: dict[str, Outcome]) -> None:
    # The case's tag would run `touch pwned` in the working folder with PyYAML's
    # unsafe loaders.
    outcome = outcomes["tag-python-object-apply"]
    assert outcome.exit == 1
    assert not (outcome.workdir / "pwned").exists()


def test_symlinked_record_is_not_loaded(run, collection: Path, tmp_path: Path) -> None:
    """A link to a valid record outside the collection is reported, never read."""
    outside = tmp_path / "outside"
    outside.mkdir()
    case = next(c for c in CASES if c["name"] == "symlink-file-outside")
    materialise(case, collection, outside)
    result = run("--root", str(collection), "regions", "--format", "ids", code=None)
    assert result.stdout.split() == ["banggai", "parigi-moutong"]


def test_manifest_lists_every_file_once() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))
    files = {c["file"] for c in CASES if "file" in c}
    on_disk = {
        p.name for p in CORPUS.iterdir() if p.name not in {"MANIFEST.yaml", ".gitattributes"}
    }
    assert files == on_disk
    for case in CASES:
        assert ("file" in case) != ("generate" in case), case["name"]
        assert {"name", "class", "target", "code", "exit", "note"} <= case.keys(), case["name"]


def test_at_least_forty_cases_in_every_named_class() -> None:
    assert len(CASES) >= 40
    classes = {c["class"] for c in CASES}
    named = {"syntax", "encoding", "duplicate-key", "alias", "tag", "top-level", "empty"}
    named |= {"huge", "deep", "yaml-1.1", "date", "enum", "reference", "layout", "symlink"}
    named |= {"non-yaml", "duplicate-record", "special-file", "scoring-bounds"}
    assert named <= classes, named - classes


@pytest.mark.parametrize("document", ["SECURITY.md", "README.md"])
def test_documents_state_the_case_count(document: str) -> None:
    text = (REPO / document).read_text(encoding="utf-8")
    stated = re.findall(r"(\d+)\s+damaged\s+records", text)
    assert stated, f"{document} should say how many damaged records the corpus holds"
    assert {int(n) for n in stated} == {len(CASES)}
