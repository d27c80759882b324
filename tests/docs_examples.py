"""Console examples in the documentation, run for real and compared with what they show.

A ```console block is a sequence of commands (``$ ...``), each followed by the output it
prints (stdout and stderr together, as a terminal shows them). A line ``...`` stands for
any number of lines. The HTML comment just above a block says where it runs:

- no comment: in a fresh copy of the shipped collection (``data/``), as the current
  folder, with ``inovasi`` on the PATH;
- ``<!-- example: NAME -->``: in the scenario NAME (see :data:`SCENARIOS`): a fresh
  folder that the scenario prepares, for a block that needs other files;
- ``<!-- example: session NAME -->``: like a scenario, but every block of the session in
  the document shares one folder, in order (a walk-through);
- ``<!-- example: skip REASON -->``: not run (commands that install or need a network).

``python tests/docs_examples.py --update README.md`` rewrites the outputs from real runs
(keeping each block's ``...`` elisions where it has one); the tests check them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "tests" / "examples"
BIN = Path(sys.executable).parent
FENCE = re.compile(
    r"^(?P<indent> *)(?P<fence>`{3,})console\n(?P<body>.*?)^(?P=indent)(?P=fence)$", re.S | re.M
)
MARKER = re.compile(r"<!-- example: (?P<spec>.*?) -->\s*$")
# Fixed identity and dates: commits made by a scenario get the same hashes every run.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Analis Bapperida",
    "GIT_AUTHOR_EMAIL": "analis@example.org",
    "GIT_COMMITTER_NAME": "Analis Bapperida",
    "GIT_COMMITTER_EMAIL": "analis@example.org",
    "GIT_AUTHOR_DATE": "2026-11-02T09:00:00+07:00",
    "GIT_COMMITTER_DATE": "2026-11-02T09:00:00+07:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@dataclass
class Step:
    command: str
    expected: list[str]


@dataclass
class Block:
    document: str
    line: int  # of the opening fence
    spec: str  # "" (the shipped collection), a scenario, "session NAME" or "skip ..."
    indent: str
    steps: list[Step] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)  # the body's offsets in the document

    @property
    def id(self) -> str:
        return f"{self.document}:{self.line}"


def blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marker = MARKER.search(before)
        indent = match.group("indent")
        block = Block(
            document=path.name,
            line=text.count("\n", 0, match.start()) + 1,
            spec=marker.group("spec").strip() if marker else "",
            indent=indent,
            span=(match.start("body"), match.end("body")),
        )
        for raw in match.group("body").splitlines():
            line = raw[len(indent) :] if raw.startswith(indent) else raw.lstrip()
            if line.startswith("$ "):
                block.steps.append(Step(line[2:], []))
            elif block.steps:
                block.steps[-1].expected.append(line.rstrip())
        found.append(block)
    return found


# Scenarios: each prepares a folder and returns nothing; the block runs inside it.
def _shipped(root: Path) -> None:
    shutil.copytree(REPO / "data", root / "data")


def _examples(root: Path) -> None:
    shutil.copytree(EXAMPLES / "valid" / "data", root / "data")


def _contributor_mistakes(root: Path) -> None:
    _examples(root)
    (root / "data/innovations/banggai/poli.yaml").write_text(
        "name: Poli Anak\nsector: keshatan\nunit_type: puskesmas\ndigital: no\n"
        "summary: Layanan poli anak.\nsummary: Layanan poli anak di puskesmas.\n"
        "sources:\n  - source: fixture\n",
        encoding="utf-8",
    )
    (root / "data/regions/contoh.yaml").write_text(
        "name: Kabupaten Contoh\ntype: kabupaten\nprovince: Sulawesi Tengah\ncode: 72.10\n"
        "sources:\n  - source: fixture\n",
        encoding="utf-8",
    )


def _hostile(root: Path) -> None:
    _examples(root)
    (root / "data/innovations/banggai/bad.yaml").write_text(
        "name: Satu\nsector: kesehatan\nsummary: x\nnote: !!python/object/apply:os.system [id]\n",
        encoding="utf-8",
    )
    (root / "data/regions/passwd.yaml").symlink_to("/etc/passwd")


def _templates(root: Path) -> None:
    _shipped(root)
    mine = root / "my-templates"
    mine.mkdir()
    (mine / "award.md.j2").write_text(
        '{% extends "bundled/award.md.j2" %}\n'
        "{% block title %}Inovasi {{ region.name|md }} di {{ award_short }} {{ year }}"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    (mine / "labels.yaml").write_text(
        "profiles: {id: Daftar inovasi, en: List of innovations}\n", encoding="utf-8"
    )
    broken = root / "broken"
    broken.mkdir()
    (broken / "award.md.j2").write_text(
        '{% extends "bundled/award.md.j2" %}\n{% block title %}\n'
        "{{ region.motto }}\n{% endblock %}\n",
        encoding="utf-8",
    )


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), *args],
        check=True,
        capture_output=True,
        env={**os.environ, **GIT_ENV},
    )


def _review_branch(root: Path) -> None:
    """A clone (with the shipped scoring models) whose branch adds one innovation with a
    misspelt sector, and a visit whose outcome is a replication of a Banggai innovation."""
    _examples(root)
    shutil.copytree(REPO / "data" / "scoring", root / "data" / "scoring")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "data")
    _git(root, "commit", "-q", "-m", "Collection")
    _git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(root, "switch", "-q", "-c", "tambah-antrean-daring")
    _run_inovasi(
        root,
        "new",
        "innovation",
        "--region",
        "banggai",
        "--name",
        "Layanan Antrean Daring",
        "--sector",
        "kesehatan",
    )
    target = root / "data/innovations/banggai/layanan-antrean-daring.yaml"
    text = target.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^summary: .*$", "summary: Antrean daring untuk poli.", text, count=1)
    text = re.sub(r"(?m)^  - source:.*$", "  - source: fixture", text, count=1)
    text = text.replace("sector: kesehatan", "sector: kesehatn", 1)
    target.write_text(text, encoding="utf-8")
    (root / "data/visits/2024-03-05-parigi-moutong-ke-banggai.yaml").write_text(
        _REPLICATING_VISIT, encoding="utf-8"
    )
    _git(root, "add", "data")
    _git(root, "commit", "-q", "-m", "Tambah inovasi Layanan Antrean Daring, kunjungan Polman")


_REPLICATING_VISIT = """date: '2024-03-05'
kind: kaji-banding
host: banggai
visitors:
  - region: parigi-moutong
    participants: 5
studied:
  - innovation: banggai/poli-lansia
outcomes:
  - kind: replikasi
    innovation: banggai/poli-lansia
    adopter: parigi-moutong
    name: Poli Lansia Parimo
sources:
  - source: fixture
    locator: no. 9
"""


def _run_inovasi(root: Path, *args: str) -> None:
    subprocess.run(
        [str(BIN / "inovasi"), *args],
        cwd=root,
        check=True,
        capture_output=True,
        env=environment(root),
    )


FORM_CSV = (
    "No,Nama Inovasi,Tahapan,Inisiator,Jenis,Bentuk,Urusan Utama,Urusan Beririsan,"
    "Waktu Uji Coba,Waktu Penerapan,Rancang Bangun,Tujuan,Manfaat,Hasil Inovasi,Anggaran\n"
    "1,Layanan Antrean Daring,Uji Coba,Perangkat Daerah,Digital,Inovasi Pelayanan Publik,"
    "Kesehatan,,10/01/2023,2024-02,Pasien RSUD mengambil nomor antrean dari rumah melalui "
    'aplikasi.,Mengurangi antrean,Hemat waktu,Antrean pagi berkurang,"Rp 150.000.000"\n'
    "2,Sekolah Ramah Anak,Penerapan,Kepala Daerah,Non Digital,Inovasi Pelayanan Publik,"
    "Pendidikan,Sosial,2022,Januari 2023,Sekolah menjadi ruang yang aman bagi anak.,,,,\n"
)
WRONG_CSV = (
    "Nama Inovasi,Tahapan,Urusan Utama,Waktu Uji Coba,Rancang Bangun\n"
    "Posyandu Keliling,Uji Coba,Kesehatan,2023-03,Posyandu datang ke dusun.\n"
    "Bank Sampah Desa,Penerapan,Lingkungan Hidup,2022,Warga menabung sampah.\n"
    "Perpustakaan Keliling,selesai,Perpustakan,31/02/2023,Buku datang ke desa.\n"
)
RESULTS_CSV = (
    "Tahun,Kode,Daerah,Nilai,Predikat,Peringkat Nasional,Peringkat,Klaster,"
    "Jumlah Inovasi,Nomor Keputusan,Tanggal Keputusan\n"
    '2024,72.01,Kabupaten Banggai,"59,81",Inovatif,72,40,kabupaten,,'
    "400.10.11-4898 Tahun 2024,\n"
)


def _spreadsheets(root: Path) -> None:
    """The shipped collection, a form's CSV with a bad twin, published results, and an
    evidence worksheet already filled in a spreadsheet."""
    import openpyxl

    _shipped(root)
    (root / "inovasi-sumedang-2024.csv").write_text(FORM_CSV, encoding="utf-8")
    (root / "salah.csv").write_text(WRONG_CSV, encoding="utf-8")
    (root / "hasil-iid-2024.csv").write_text(RESULTS_CSV, encoding="utf-8")
    filled = root / "bukti-terisi.xlsx"
    _run_inovasi(root, "evidence", "template", "-r", "banggai", "-o", str(filled))
    book = openpyxl.load_workbook(filled)
    for row in book["Bukti"].iter_rows(min_row=2):
        if (row[1].value, row[5].value) == ("banggai/pinasa", "regulasi-inovasi-daerah"):
            row[9].value, row[10].value = 3, "Peraturan Daerah Kabupaten Banggai tentang Sampah"
    book.save(filled)


SCENARIOS: dict[str, Callable[[Path], None]] = {
    "spreadsheets": _spreadsheets,
    "": _shipped,
    "examples": _examples,
    "contributor-mistakes": _contributor_mistakes,
    "hostile": _hostile,
    "templates": _templates,
    "review-branch": _review_branch,
}


def environment(root: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "LANG", "SYSTEMROOT"}}
    return {
        **keep,
        **GIT_ENV,
        "PATH": f"{BIN}{os.pathsep}{keep.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(root),
        "INOVASI_CACHE_DIR": str(root / ".cache"),
        "LC_ALL": "C.UTF-8",
        "NO_COLOR": "1",
        "PYTHONUNBUFFERED": "1",  # stdout and stderr interleave as on a terminal
        "TERM": "dumb",
        "COLUMNS": "100",
    }


def run_step(root: Path, step: Step, previous: int) -> tuple[list[str], int]:
    done = subprocess.run(
        ["bash", "-c", f"(exit {previous}); {step.command}"],
        cwd=root,
        env=environment(root),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )
    lines = [line.rstrip() for line in done.stdout.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines, done.returncode


def _trimmed(lines: list[str]) -> list[str]:
    end = len(lines)
    while end and not lines[end - 1]:
        end -= 1
    return lines[:end]


def matches(expected: list[str], actual: list[str]) -> bool:
    """``...`` in ``expected`` stands for any number of lines; blank lines that end
    ``expected`` only separate it from the next command."""
    return _matches(_trimmed(expected), actual)


def _matches(expected: list[str], actual: list[str]) -> bool:
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(_matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and _matches(expected[1:], actual[1:])


@dataclass
class Outcome:
    step: Step
    actual: list[str]


def tools(block: Block) -> set[str]:
    """The programs other than inovasi that a block's commands call."""
    words = {w for step in block.steps for w in re.split(r"[\s|;()]+", step.command)}
    return words & {"jq", "sqlite3", "git", "sed", "grep", "head"}


def run_blocks(selected: list[Block]) -> Iterator[tuple[Block, list[Outcome]]]:
    """Run blocks in order; sessions share a folder across their blocks."""
    sessions: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix="inovasi-docs-") as scratch:
        for number, block in enumerate(selected):
            if block.spec.startswith("skip"):
                continue
            if block.spec.startswith("session "):
                name = block.spec.removeprefix("session ").strip()
                if name not in sessions:
                    sessions[name] = Path(scratch, f"session-{name}")
                    sessions[name].mkdir()
                    SCENARIOS[name](sessions[name])
                root = sessions[name]
            else:
                root = Path(scratch, f"block-{number}")
                root.mkdir()
                SCENARIOS[block.spec](root)
            previous, outcomes = 0, []
            for step in block.steps:
                actual, previous = run_step(root, step, previous)
                outcomes.append(Outcome(step, actual))
            yield block, outcomes


def run_one(block: Block, document: list[Block]) -> list[Outcome]:
    """One block's outcomes; a session's earlier blocks run first, in order."""
    if block.spec.startswith("session "):
        selected = [b for b in document[: document.index(block) + 1] if b.spec == block.spec]
    else:
        selected = [block]
    results = [outcomes for _, outcomes in run_blocks(selected)]
    return results[-1] if results else []


def _updated(expected: list[str], actual: list[str]) -> list[str] | None:
    """The new output for a step: all of it, or around a single ``...``."""
    separator = expected[len(_trimmed(expected)) :]
    expected = _trimmed(expected)
    holes = expected.count("...")
    if holes == 0:
        return [*actual, *separator]
    if holes > 1:
        return None if not matches(expected, actual) else [*expected, *separator]
    head = expected.index("...")
    tail = len(expected) - head - 1
    return [*actual[:head], "...", *(actual[len(actual) - tail :] if tail else []), *separator]


def update(path: Path) -> list[str]:
    """Rewrite the outputs of ``path``'s blocks from real runs; what could not be."""
    text = path.read_text(encoding="utf-8")
    problems, edits = [], []
    for block, outcomes in run_blocks(blocks(path)):
        lines = []
        for outcome in outcomes:
            new = _updated(outcome.step.expected, outcome.actual)
            if new is None:
                problems.append(f"{block.id}: {outcome.step.command}: several '...', not updated")
                new = outcome.step.expected
            lines += [f"$ {outcome.step.command}", *new]
        body = "".join(f"{block.indent}{line}".rstrip() + "\n" for line in lines)
        edits.append((block.span, body))
    for (start, end), body in sorted(edits, reverse=True):
        text = text[:start] + body + text[end:]
    path.write_text(text, encoding="utf-8")
    return problems


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "--update":
        sys.exit("usage: python tests/docs_examples.py --update DOCUMENT.md...")
    for name in sys.argv[2:]:
        for problem in update(Path(name)):
            print(problem, file=sys.stderr)
