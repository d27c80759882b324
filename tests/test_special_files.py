"""Special and huge files under ``data/``: named pipes, sockets, devices, sparse files.

Discovery takes each entry's type without opening it; the one reader of a record's bytes
(``core.files.read_limited``) looks with ``lstat`` first, opens without following links
and without blocking, and reads at most the limit plus one byte. Every case is a finding
with exit 1, never a hang (each run is bounded by a timeout) nor a MemoryError (each run
is bounded in address space). The corpus (``tests/corpus/bad``, class ``special-file``)
runs the same files through ``validate --format json``.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import inovasi
from inovasi_cli.core import paths
from inovasi_cli.core.files import NotRegularFileError, read_limited
from inovasi_cli.records.loader import MAX_BYTES

GIB = 1 << 30
ADDRESS_SPACE = 512 << 20  # the whole CLI fits in far less; reading 2 GiB would not
TIMEOUT = 30


def _bounded() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _sparse(path: Path, size: int = 2 * GIB) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)


def _char_device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o644, os.makedev(1, 5))  # a copy of /dev/zero
    except PermissionError:
        pytest.skip("creating a device node needs CAP_MKNOD (root)")


# --- the reader ------------------------------------------------------------------------------


def test_reader_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipa.yaml"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFileError, match="named pipe"):
        read_limited(str(fifo), MAX_BYTES)  # a plain open() would wait for a writer


def test_reader_refuses_a_device_a_socket_a_folder_and_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "record.yaml"
    record.write_text("name: x\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(record)
    monkeypatch.chdir(tmp_path)  # socket paths are short: bind by a relative name
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("soket.yaml")
        for path, kind in [
            ("/dev/zero", "character device"),
            (str(tmp_path / "soket.yaml"), "socket"),
            (str(tmp_path), "folder"),
            (str(link), "symbolic link"),
        ]:
            with pytest.raises(NotRegularFileError, match=kind):
                read_limited(path, MAX_BYTES)
    assert read_limited(str(record), MAX_BYTES).data == b"name: x\n"


def test_reader_knows_a_huge_file_by_its_size_and_reads_none_of_it(tmp_path: Path) -> None:
    huge = tmp_path / "besar.yaml"
    _sparse(huge)
    read = read_limited(str(huge), MAX_BYTES)
    assert read.data is None and read.size == 2 * GIB
    edge = tmp_path / "edge.yaml"
    edge.write_bytes(b"x" * MAX_BYTES)  # exactly the limit: read whole
    assert read_limited(str(edge), MAX_BYTES).data == b"x" * MAX_BYTES
    edge.write_bytes(b"x" * (MAX_BYTES + 1))
    assert read_limited(str(edge), MAX_BYTES).data is None


def test_discovery_names_every_special_file_without_opening_it(collection: Path) -> None:
    regions = collection / "data/regions"
    os.mkfifo(regions / "pipa.yaml")
    os.mkfifo(collection / "data/innovations/pipa")  # where a region's folder should be
    records, strays = paths.discover(collection)
    assert "data/regions/pipa.yaml" not in {r.display for r in records}
    found = {s.display: s.reason for s in strays}
    assert found["data/regions/pipa.yaml"] == "a named pipe (FIFO), not a regular file"
    assert "data/innovations/pipa" in found
    assert all(s.code == "stray-file" for s in strays)


# --- the CLI, in a process bounded in time and memory -------------------------------------------


@pytest.fixture
def special(collection: Path) -> Path:
    """The example collection with a FIFO, a sparse 2 GiB file, a socket and (as root) a
    copy of /dev/zero in record places."""
    os.mkfifo(collection / "data/regions/pipa.yaml")
    _sparse(collection / "data/innovations/banggai/besar.yaml")
    code = "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])"
    visits = collection / "data/visits"
    subprocess.run([sys.executable, "-c", code, "soket.yaml"], cwd=visits, check=True)
    if os.geteuid() == 0:
        _char_device(collection / "data/innovations/banggai/nol.yaml")
    return collection


def test_validate_reports_each_special_file_quickly_and_in_bounded_memory(special: Path) -> None:
    done = inovasi(
        "--root", str(special), "validate", "--format", "json", "--no-cache",
        timeout=TIMEOUT, preexec_fn=_bounded,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr.decode()
    findings = {f["path"]: f for f in json.loads(done.stdout)["findings"]}
    assert findings["data/regions/pipa.yaml"]["code"] == "stray-file"
    assert findings["data/visits/soket.yaml"]["message"] == "a socket, not a regular file"
    huge = findings["data/innovations/banggai/besar.yaml"]
    assert huge["code"] == "file-too-large"
    assert huge["message"].startswith("file is 2,147,483,648 bytes")  # its real size
    if os.geteuid() == 0:
        device = findings["data/innovations/banggai/nol.yaml"]
        assert device["message"] == "a character device, not a regular file"


@pytest.mark.parametrize(
    "args",
    [["list", "--format", "ids"], ["show", "pinasa", "--format", "json"], ["regions"]],
    ids=["list", "show", "regions"],
)
def test_read_commands_skip_special_files(special: Path, args: list[str]) -> None:
    done = inovasi("--root", str(special), *args, timeout=TIMEOUT, preexec_fn=_bounded)
    assert done.returncode == 0, done.stderr.decode()
    assert b"left out; run 'inovasi validate'" in done.stderr
    assert b"Traceback" not in done.stderr and b"internal error" not in done.stderr
