"""Output safety, round two: interrupted writes, targets that are not regular files,
closed and failing streams, read-only folders, and one ``--output`` convention.

- a signal (SIGTERM, SIGINT) during ``export`` or ``report --output`` leaves no temporary
  file or folder (sqlite ``.tmp`` and ``-journal``, the csv ``.tmp/`` folder) and the old
  output whole; the exit status is 128 + the signal;
- ``--force`` replaces a regular file (or a folder of our own csv export) and nothing
  else: a FIFO, a device node, a link to ``/proc/self/fd/1`` stay what they are;
- stdout closed (``>&-``) or full (``/dev/full``), a read-only output folder: one line
  and exit 2, never exit 0 with the output lost, never "internal error";
- ``--output -`` is stdout, the format follows the extension, a contradiction or an
  unknown extension is a usage error naming the formats, ``--output ""`` is one too.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, REPO, inovasi, unprivileged
from inovasi_cli.core import writes
from inovasi_cli.export import writers

OLD = b"precious: the user's own file\n"
AWARD = ["report", "award", "--region", "banggai", "--award", "iga-2019"]
TIMEOUT = 60


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _signal_on_call(number: int, signum: int, original: Callable[..., Any]) -> Callable[..., Any]:
    """``original``, which sends this process ``signum`` on its ``number``-th call (the
    handler runs at once, inside the write, as a real signal would)."""
    calls = 0

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == number:
            os.kill(os.getpid(), signum)
        return original(*args, **kwargs)

    return wrapper


# --- signals during writes ---------------------------------------------------------------------


class NoHandlerError(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _sigterm_fallback() -> Iterator[None]:
    """Were the command to install no SIGTERM handler, the signals these tests send
    would end the test run itself: this one fails the test instead."""

    def fail(signum: int, frame: object) -> None:
        raise NoHandlerError("inovasi installed no handler for SIGTERM")

    previous = signal.signal(signal.SIGTERM, fail)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sqlite_export_interrupted_leaves_no_temporary_file_nor_journal(
    run, collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int, code: int
) -> None:
    out = tmp_path / "out" / "inovasi.db"
    out.parent.mkdir()
    out.write_bytes(OLD)
    monkeypatch.setattr(  # the 5th table: rows of the first ones are in, with a journal
        writers, "create_statements", _signal_on_call(5, signum, writers.create_statements)
    )
    result = run("--root", str(collection), "export", "-f", "sqlite", "-o", str(out), "--force",
                 code=code)  # fmt: skip
    assert result.stderr.count("\n") == 1 and "nothing half-written" in result.stderr
    assert _listing(out.parent) == ["inovasi.db"] and out.read_bytes() == OLD


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_csv_export_interrupted_leaves_no_temporary_folder(
    run, collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: int, code: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(writers, "table_csv", _signal_on_call(3, signum, writers.table_csv))
    run("--root", str(collection), "export", "-f", "csv", "-o", str(out / "tables"), code=code)
    assert _listing(out) == []


def test_csv_export_interrupted_between_its_renames_puts_the_old_export_back(
    run, collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old export is moved aside, then the new one moved in: a signal between the two
    must not lose the old one."""
    out = tmp_path / "tables"
    run("--root", str(collection), "export", "-f", "csv", "-o", str(out))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setattr(Path, "rename", _signal_on_call(2, signal.SIGTERM, Path.rename))
    run("--root", str(collection), "export", "-f", "csv", "-o", str(out), "--force", code=143)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert _listing(tmp_path) == ["collection", "tables"]


@pytest.mark.parametrize(
    "args",
    [
        [*AWARD, "--format", "md", "--output"],
        ["report", "region", "banggai", "--format", "html", "--output"],
        ["export", "--format", "json", "--output"],
        ["export", "--format", "jsonl", "--output"],
    ],
    ids=["report-md", "report-html", "export-json", "export-jsonl"],
)
def test_atomic_writes_interrupted_leave_the_old_file_and_no_temporary_file(
    run, collection: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    out = tmp_path / "out" / "existing"
    out.parent.mkdir()
    out.write_bytes(OLD)
    monkeypatch.setattr(os, "fsync", _signal_on_call(1, signal.SIGTERM, os.fsync))
    run("--root", str(collection), *args, str(out), "--force", code=143)
    assert _listing(out.parent) == ["existing"] and out.read_bytes() == OLD


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from make_corpus import make_corpus

    root = tmp_path_factory.mktemp("national") / "collection"
    make_corpus(root, innovations=6000)
    return root


@pytest.mark.parametrize("fmt", ["sqlite", "csv"])
def test_a_real_sigterm_during_a_large_export_leaves_nothing_behind(
    national: Path, tmp_path: Path, fmt: str
) -> None:
    """The same, as ``timeout`` does it: SIGTERM to a real process, from outside, once its
    temporary output exists."""
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-m", "inovasi_cli", "--root", str(national), "export"]
    command += ["-f", fmt, "-o", str(out / "inovasi"), "--force"]
    env = os.environ | {"INOVASI_CACHE_DIR": str(tmp_path / "cache")}
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    deadline = time.monotonic() + TIMEOUT
    while not any(out.iterdir()) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=TIMEOUT)
    if process.returncode == 0:
        pytest.skip("the export finished before the signal arrived")
    assert process.returncode == 143, stderr.decode()
    assert _listing(out) == []


# --- targets that are not regular files ---------------------------------------------------------

FORCED = [
    [*AWARD, "--format", "md", "--force", "--output"],
    ["export", "--format", "json", "--force", "--output"],
    ["export", "--format", "sqlite", "--force", "--output"],
    ["export", "--format", "csv", "--force", "--output"],
]
FORCED_IDS = ["report", "export-json", "export-sqlite", "export-csv"]


def _targets(tmp_path: Path) -> Iterator[tuple[str, Path, Callable[[Path], bool]]]:
    """A FIFO, a link to this process's stdout, a link standing for /dev/stdout, a link to
    a folder, and (as root) a device node: each with a check that it is still itself."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    yield "FIFO", fifo, lambda p: stat.S_ISFIFO(p.lstat().st_mode)
    for name, target in (("fd-1", "/proc/self/fd/1"), ("stdout", "/dev/stdout")):
        link = tmp_path / name
        link.symlink_to(target)
        yield f"link to {target}", link, lambda p, t=target: os.readlink(p) == t
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.csv").write_bytes(OLD)
    link = tmp_path / "folder-link"
    link.symlink_to(folder, target_is_directory=True)
    yield "link to a folder", link, lambda p: p.is_symlink() and (folder / "a.csv").exists()
    if os.geteuid() == 0:
        device = tmp_path / "null"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a copy of /dev/null
        yield "device node", device, lambda p: stat.S_ISCHR(p.lstat().st_mode)


@pytest.mark.parametrize("args", FORCED, ids=FORCED_IDS)
def test_force_replaces_nothing_but_a_regular_file(
    run, collection: Path, tmp_path: Path, args: list[str]
) -> None:
    targets = tmp_path / "targets"
    targets.mkdir()
    for what, target, unchanged in _targets(targets):
        result = run("--root", str(collection), *args, str(target), code=2)
        assert result.stderr.count("\n") == 1, (what, result.stderr)
        assert "never replaces it, even with --force" in result.stderr or (
            "is a folder" in result.stderr
        ), (what, result.stderr)
        assert unchanged(target), what
    assert not [p for p in targets.iterdir() if p.name.startswith(".")]  # no temporary files


def test_force_replaces_a_csv_folder_only_when_it_holds_only_regular_export_files(
    run, collection: Path, tmp_path: Path
) -> None:
    out = tmp_path / "tables"
    out.mkdir()
    (tmp_path / "secret.txt").write_bytes(OLD)
    (out / "regions.csv").symlink_to(tmp_path / "secret.txt")  # looks like an export
    result = run("--root", str(collection), "export", "-f", "csv", "-o", str(out), "--force",
                 code=2)  # fmt: skip
    assert "not part of an export" in result.stderr
    assert (out / "regions.csv").is_symlink() and (tmp_path / "secret.txt").read_bytes() == OLD


def test_the_target_check_is_one_rule(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(writes.OutputExistsError, match="named pipe"):
        writes.write_atomic(fifo, "x", force=True)
    with pytest.raises(writes.OutputExistsError, match="named pipe"):
        writers.write_sqlite([], fifo, force=True)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


# --- closed and failing streams (real processes: a closed stdout cannot be faked) ---------------

WRITERS_TO_STDOUT = [
    ["list"],
    ["show", "pinasa"],
    ["visits", "--format", "json"],
    ["validate", "--format", "json"],
    [*AWARD, "--output", "-"],
    AWARD,
    ["export", "--output", "-"],
    ["export", "--format", "jsonl", "--output", "-"],
]
STDOUT_IDS = ["list", "show", "visits", "validate", "report-dash", "report", "export", "jsonl"]
NEW = ["new", "innovation", "--region", "banggai", "--name", "Antrean Daring", "--sector",
       "kesehatan"]  # fmt: skip
CREATED = "data/innovations/banggai/antrean-daring.yaml"


def _close(*fds: int) -> Callable[[], None]:
    def close() -> None:
        for fd in fds:
            os.close(fd)

    return close


def _one_error_line(done: subprocess.CompletedProcess[bytes], wanted: str) -> None:
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    lines = [line for line in stderr.splitlines() if not line.startswith("inovasi: warning")]
    assert lines == [lines[0]] and lines[0].startswith("inovasi: error: "), stderr
    assert wanted in lines[0], stderr


@pytest.mark.parametrize("args", WRITERS_TO_STDOUT, ids=STDOUT_IDS)
def test_closed_stdout_is_one_error_not_lost_output(collection: Path, args: list[str]) -> None:
    if args[0] == "validate":  # give it something to report
        (collection / "data/regions/notes.txt").write_text("x", encoding="utf-8")
    done = inovasi("--root", str(collection), *args, stdout=None, stderr=subprocess.PIPE,
                   preexec_fn=_close(1), timeout=TIMEOUT)  # fmt: skip
    _one_error_line(done, "stdout is closed")


def test_new_with_stdout_and_stdin_closed_creates_nothing(collection: Path) -> None:
    done = inovasi("--root", str(collection), *NEW, stdout=None, stderr=subprocess.PIPE,
                   preexec_fn=_close(0, 1), timeout=TIMEOUT)  # fmt: skip
    _one_error_line(done, "stdout is closed")
    assert not (collection / CREATED).exists()


def test_new_with_stdin_closed_works_from_its_flags_and_refuses_to_ask(collection: Path) -> None:
    done = inovasi("--root", str(collection), *NEW, preexec_fn=_close(0), timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().strip().endswith(CREATED)
    asked = inovasi("--root", str(collection), "new", "region", preexec_fn=_close(0))
    _one_error_line(asked, "missing --code or --name")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [*WRITERS_TO_STDOUT, NEW], ids=[*STDOUT_IDS, "new"])
def test_stdout_on_a_full_device_is_one_error(collection: Path, args: list[str]) -> None:
    if args[0] == "validate":
        (collection / "data/regions/notes.txt").write_text("x", encoding="utf-8")
    with open("/dev/full", "wb") as full:
        done = inovasi("--root", str(collection), *args, stdout=full, stderr=subprocess.PIPE,
                       timeout=TIMEOUT)  # fmt: skip
    _one_error_line(done, "cannot write to stdout: No space left on device")
    assert b"internal error" not in done.stderr and b"Exception ignored" not in done.stderr


# --- a read-only output folder (as an ordinary user: root writes anywhere) ----------------------


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    """A folder every user can read (pytest's temporary folders are private), holding a
    copy of the example collection and a read-only output folder."""
    folder = Path(tempfile.mkdtemp(prefix="inovasi-shared-"))
    try:
        folder.chmod(0o755)
        shutil.copytree(EXAMPLES / "valid", folder / "collection")
        for path in (folder / "collection").rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        (folder / "readonly").mkdir(mode=0o555)
        (folder / "readonly").chmod(0o555)
        yield folder
    finally:
        (folder / "readonly").chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


READ_ONLY = [
    ["export", "-f", "json", "-o", "readonly/x.json"],
    ["export", "-f", "jsonl", "-o", "readonly/x.jsonl"],
    ["export", "-f", "sqlite", "-o", "readonly/x.db"],
    ["export", "-f", "csv", "-o", "readonly/tables"],
    [*AWARD, "--output", "readonly/iga.md"],
    [*AWARD, "--output", "readonly/iga.html"],
]


@pytest.mark.parametrize(
    "args", [*READ_ONLY, NEW], ids=["json", "jsonl", "sqlite", "csv", "md", "html", "new"]
)
def test_a_read_only_output_folder_is_one_error(shared: Path, args: list[str]) -> None:
    prefix = unprivileged()
    if prefix is None:
        pytest.skip("runs as root and cannot drop privileges (no setpriv)")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(shared), "LC_ALL": "C.UTF-8"}
    env["INOVASI_CACHE_DIR"] = str(shared / "cache")
    done = inovasi("--root", str(shared / "collection"), *args, cwd=shared, env=env,
                   prefix=prefix, timeout=TIMEOUT)  # fmt: skip
    _one_error_line(done, "Permission denied")
    assert b"internal error" not in done.stderr
    assert _listing(shared / "readonly") == []


# --- one --output convention -------------------------------------------------------------------


def test_output_dash_is_stdout_for_reports(run, collection: Path, monkeypatch) -> None:
    monkeypatch.chdir(collection)
    dashed = run("--root", str(collection), *AWARD, "--output", "-").stdout
    assert dashed == run("--root", str(collection), *AWARD).stdout
    assert dashed.startswith("# ") and not (collection / "-").exists()
    html = run("--root", str(collection), *AWARD, "-o", "-", "-f", "html").stdout
    assert html.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        ([*AWARD, "--output", "y.docx"], "no format has the extension .docx; formats: md (.md,"),
        ([*AWARD, "--output", "y.html", "-f", "md"], "the extension .html is for html, but"),
        ([*AWARD, "--output", ""], "empty output path"),
        (["export", "--output", ""], "empty output path"),
        (["export", "--output", "x.db", "-f", "json"], "the extension .db is for sqlite"),
        (["export", "--output", "x.parquet"], "no format has the extension .parquet"),
        (["export", "--output", "tables"], "give --format, or an --output with a format's"),
        (["export", "--output", "-", "-f", "sqlite"], "works with json and jsonl"),
        ([*AWARD, "--output", "."], "is a folder; give a file name"),
    ],
    ids=["unknown", "contradiction", "empty", "export-empty", "export-contradiction",
         "export-unknown", "export-no-format", "export-sqlite-stdout", "folder"],
)  # fmt: skip
def test_output_usage_errors_name_the_formats(
    run, collection: Path, tmp_path: Path, monkeypatch, args: list[str], wanted: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--root", str(collection), *args, code=2)
    assert result.stderr.count("\n") == 1 and wanted in result.stderr, result.stderr
    assert _listing(tmp_path) == ["collection"]  # nothing written


@pytest.mark.parametrize(
    ("name", "header"),
    [("x.db", b"SQLite format 3\x00"), ("x.sqlite3", b"SQLite format 3\x00"),
     ("x.json", b"{\n"), ("x.jsonl", b'{"table":'), ("iga.HTML", b"<!DOCTYPE html>")],
)  # fmt: skip
def test_the_format_follows_the_extension(
    run, collection: Path, tmp_path: Path, name: str, header: bytes
) -> None:
    out = tmp_path / name
    args = AWARD if name.endswith("HTML") else ["export"]
    run("--root", str(collection), *args, "--output", str(out))
    assert out.read_bytes().startswith(header)
