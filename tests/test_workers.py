"""Runaway workers: ``--jobs`` capped at what helps, and worker processes that end with
their parent (SIGTERM, SIGINT, and the parent's death by SIGKILL).

The process tests start the real ``inovasi validate`` on a generated collection large
enough to use workers, wait until its workers exist, signal the parent, and check that no
worker survives. Each is bounded by a timeout.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO
from inovasi_cli.validation import workers

sys.path.insert(0, str(REPO / "benchmarks"))
from make_corpus import make_corpus

LINUX_PROC = Path("/proc/self/stat").exists()
TIMEOUT = 30


def test_jobs_are_capped_by_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "cores", lambda: 2)
    assert workers.worker_count(100_000, 20_000) == 2
    assert workers.worker_count(None, 20_000) == 2
    assert workers.worker_count(1, 20_000) == 1


def test_jobs_are_capped_by_the_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """--jobs 200 on 1,300 files: 13 batches of 100, so 13 workers at most."""
    monkeypatch.setattr(workers, "cores", lambda: 256)
    assert workers.worker_count(200, 1_300) == 13
    assert workers.worker_count(8, 1_300) == 8


def test_jobs_beyond_the_cores_get_a_note(run, collection: Path) -> None:
    result = run("--root", str(collection), "validate", "--jobs", "100000")
    assert f"--jobs 100000: {workers.cores()} core(s) here" in result.stderr
    assert "no problems found" in result.stderr


def test_serial_and_parallel_runs_agree(national: Path) -> None:
    """The same findings with one process or with workers (the cap changes nothing)."""
    outputs = [
        _inovasi(national, "validate", "--no-cache", "--jobs", jobs, "--format", "json")
        for jobs in ("1", "100000")
    ]
    assert outputs[0].stdout == outputs[1].stdout
    assert outputs[0].returncode == outputs[1].returncode


# --- processes ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic collection well above the size where validation uses workers."""
    root = tmp_path_factory.mktemp("national") / "collection"
    make_corpus(root, innovations=6 * workers.PARALLEL_MIN_FILES)
    return root


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"INOVASI_ROOT", "INOVASI_DEBUG"}}
    return env | {"INOVASI_CACHE_DIR": str(cache)}


def _inovasi(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "inovasi_cli", "--root", str(root), *args]
    env = _env(root.parent / "cache")
    return subprocess.run(command, env=env, capture_output=True, timeout=120, check=False)


def _children(parent: int) -> set[int]:
    found = set()
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == parent:  # field 4: the ppid
                found.add(int(name))
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie has ended: only its exit status waits to be collected)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def started(national: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], set[int]]]:
    """``validate`` running with its workers: the process and the workers' pids."""
    if workers.worker_count(None, 6 * workers.PARALLEL_MIN_FILES) < 2:
        pytest.skip("one core: validation runs without worker processes")
    command = [sys.executable, "-m", "inovasi_cli", "--root", str(national)]
    command += ["validate", "--no-cache", "--jobs", "2"]
    process = subprocess.Popen(
        command, env=_env(tmp_path / "cache"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + TIMEOUT
    children: set[int] = set()
    while len(children) < 2 and process.poll() is None and time.monotonic() < deadline:
        children = _children(process.pid)
        time.sleep(0.005)
    try:
        if len(children) < 2:
            pytest.fail(f"no workers seen (exit {process.poll()})")
        yield process, children
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(TIMEOUT)
        if process.stderr is not None:
            process.stderr.close()
        for pid in children:  # never leave one behind, even when the test fails
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _ended(pids: set[int], within: float = 10) -> set[int]:
    """The pids still running after ``within`` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.05)
    return {p for p in pids if _alive(p)}


@pytest.mark.skipif(not LINUX_PROC, reason="reads process tables from /proc")
@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["SIGTERM", "SIGINT"]
)
def test_workers_end_with_their_parent_on_a_signal(
    started: tuple[subprocess.Popen[bytes], set[int]], signum: int, code: int
) -> None:
    process, children = started
    process.send_signal(signum)
    assert process.wait(TIMEOUT) == code
    stderr = process.stderr.read().decode() if process.stderr else ""
    assert "Traceback" not in stderr and stderr.count("\n") == 1, stderr
    assert _ended(children) == set()


@pytest.mark.skipif(not LINUX_PROC, reason="reads process tables from /proc")
def test_workers_end_when_their_parent_is_killed(
    started: tuple[subprocess.Popen[bytes], set[int]],
) -> None:
    """SIGKILL leaves the parent no chance to clean up: the workers notice by themselves."""
    process, children = started
    process.kill()
    process.wait(TIMEOUT)
    assert _ended(children) == set()
