"""Time inovasi at national scale, side by side with the parse floor and its peers, in one run.

    python benchmarks/run.py [--innovations 20000] [--scale 100000,300000] [--repeat 3]

Builds the synthetic corpus if needed (benchmarks/make_corpus.py) as a git repository (a
`main` commit, and a branch changing one record, for the pull-request flow), then times
each command as a fresh process: wall clock, best of --repeat, and the peak memory of the
whole process tree (the command and its workers, sampled from /proc). Prints one Markdown
table: each figure, its ratio to the parse floor (PyYAML's libyaml loader reading every
file in one process) and the target it is held to. With --scale, also a cold `validate`
and its peak memory at each larger size. Ratios are what the targets are about: seconds
vary by machine, the floor with them.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
INOVASI = str(BIN / "inovasi")

FLOOR_SCRIPT = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1], "data").rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


@dataclass
class Measure:
    label: str
    seconds: float
    peak_mb: float
    target: str = ""
    limit: float | None = None  # in floors (ratio targets) or seconds (absolute ones)
    absolute: bool = False  # the limit is in seconds, not in floors
    before: str = ""  # what issue 18 measured before the incremental engine, at 20k
    cpu: float = 0.0  # CPU seconds, workers included: steadier than wall on a shared machine
    code: int = 0

    @classmethod
    def of(cls, label: str, timing: Timing, target: str, limit: float | None = None,
           absolute: bool = False, before: str = "") -> Measure:  # fmt: skip
        if timing.code not in (0, 1):
            label += f" (exit {timing.code})"
        return cls(label, timing.seconds, timing.peak_mb, target, limit, absolute, before,
                   timing.cpu, timing.code)  # fmt: skip

    def met(self, floor: float) -> bool | None:
        if self.limit is None:
            return None
        value = self.seconds if self.absolute else self.seconds / floor
        return value <= self.limit


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants, in kB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status", encoding="ascii", errors="replace") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields.get("PPid", "0").strip() or 0), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0] or 0)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


class Timing(NamedTuple):
    seconds: float  # wall clock of the best run
    peak_mb: float  # the most memory the command and its workers held at once, any run
    code: int  # the last run's exit code
    cpu: float  # CPU seconds (user and system, workers included) of the best run


def run(argv: list[str], env: dict[str, str], cwd: Path, repeat: int = 1) -> Timing:
    """The best of ``repeat`` runs of ``argv`` (see :class:`Timing`)."""
    best, peak, code, cpu = float("inf"), 0.0, 0, 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        samples: list[int] = []
        done = threading.Event()

        def sample(
            pid: int = proc.pid, done: threading.Event = done, into: list[int] = samples
        ) -> None:
            while not done.wait(0.05):
                into.append(_tree_rss_kb(pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
        code = os.waitstatus_to_exitcode(status)
        if elapsed < best:  # the rusage of wait4 counts the workers it waited for too
            best, cpu = elapsed, usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss / 1024, max(samples, default=0) / 1024)
    return Timing(best, peak, code, cpu)


def _git(corpus: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(corpus), *args],
        check=True,
        capture_output=True,
        env={**os.environ, **GIT_ENV},
    )


def build_corpus(corpus: Path, innovations: int) -> list[Path]:
    """The corpus as a git repository: main holds it, branch bench-pr changes one record."""
    # A corpus is reused only if this generator made it: a record format that changed
    # since (say, how citations are written) would otherwise time the error path.
    made_by = hashlib.sha256((HERE / "make_corpus.py").read_bytes()).hexdigest()[:12]
    marker = corpus / f".n{innovations}-{made_by}"
    if not marker.exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_corpus.py"),
                "--innovations",
                str(innovations),
                "--out",
                str(corpus),
                "--force",
            ],
            check=True,
        )
        _git(corpus, "init", "-q", "-b", "main")
        _git(corpus, "add", "data")
        _git(corpus, "commit", "-q", "-m", "corpus")
        _git(corpus, "switch", "-q", "-c", "bench-pr")
        changed = edited_record(corpus)
        changed.write_text(edited(changed.read_text(encoding="utf-8"), "diubah"), "utf-8")
        _git(corpus, "commit", "-q", "-am", "one record changed")
        _git(corpus, "switch", "-q", "main")
        marker.touch()
        time.sleep(2.5)  # let the files age past the cache's racy window
    return sorted((corpus / "data").rglob("*.yaml"))


def edited_record(corpus: Path) -> Path:
    """The record the one-edit measurements change: the first innovation."""
    return sorted((corpus / "data" / "innovations").rglob("*.yaml"))[0]


def edited(text: str, word: str) -> str:
    """The record with one more word in its summary: a real edit, still valid."""
    return text.replace("summary: >-\n  ", f"summary: >-\n  {word} ", 1)


def best_of(timings: list[Timing]) -> Timing:
    """The fastest of several single runs, with the peak memory of them all."""
    fastest = min(timings, key=lambda t: t.seconds)
    return fastest._replace(peak_mb=max(t.peak_mb for t in timings))


def measure_core(corpus: Path, env: dict[str, str], repeat: int) -> list[Measure]:
    """The four measures of the pull-request flow, on a fresh cache: cold validate, warm
    validate, validate after one edit, review of a one-file commit."""
    validate = [INOVASI, "validate"]
    rows = [
        Measure.of("validate, cold (no cache)", run(validate, env, corpus),
                   "<= 0.6x floor", 0.6, before="0.83x"),
        Measure.of("validate, nothing changed", run(validate, env, corpus, repeat),
                   "<= 0.05x floor", 0.05, before="0.65 s (0.10x)"),
    ]  # fmt: skip
    record = edited_record(corpus)
    original = record.read_bytes()
    try:
        timings = []
        for n in range(repeat):  # a new edit each time, so every run sees one changed file
            record.write_text(edited(original.decode(), f"diubah{n}"), encoding="utf-8")
            timings.append(run(validate, env, corpus))
        rows.append(Measure.of("validate after one edit, warm", best_of(timings),
                               "<= 0.10x floor", 0.10, before="3.3 s (0.5x)"))  # fmt: skip
    finally:
        record.write_bytes(original)
        run(validate, env, corpus)  # the cache back in step with the files
    # The cache is warm from validating main (just above); each timed review sees a head
    # it has never seen: the one-file change committed again with another word.
    _git(corpus, "switch", "-q", "bench-pr")
    try:
        timings = []
        for n in range(repeat):
            record.write_text(edited(original.decode(), f"ditinjau{n}"), encoding="utf-8")
            _git(corpus, "commit", "-q", "--amend", "-am", f"one record changed ({n})")
            timings.append(run([INOVASI, "review", "--base", "main"], env, corpus))
        rows.append(Measure.of("review of a one-file commit, warm (a new head each run)",
                               best_of(timings), "<= 0.15x floor", 0.15,
                               before="60.8 s (~9x)"))  # fmt: skip
    finally:
        _git(corpus, "switch", "-q", "-f", "main")
    for row in rows:  # the corpus is valid: a finding means the figure times the error path
        row.label += "" if row.code == 0 else " (not a valid corpus)"
    return rows


def measure_inovasi(corpus: Path, env: dict[str, str], repeat: int) -> list[Measure]:
    rows = measure_core(corpus, env, repeat)

    def add(label: str, argv: list[str], target: str, limit: float, repeat: int = 1) -> None:
        timing = run([INOVASI, *argv], env, corpus, repeat)
        rows.append(Measure.of(label, timing, target, limit, absolute=True))

    out = Path(tempfile.mkdtemp(prefix="inovasi-bench-out-"))
    try:
        add("list --format jsonl, warm", ["list", "--format", "jsonl"], "< 2 s", 2.0,
            repeat=repeat)  # fmt: skip
        add("score --by region, warm", ["score", "--by", "region", "--format", "json"],
            "< 2 s", 2.0, repeat=repeat)  # fmt: skip
        add("export --format sqlite, warm",
            ["export", "--format", "sqlite", "--output", str(out / "x.sqlite"), "--force"],
            "< 2 s", 2.0)  # fmt: skip
        add("report yearly --year 2023 --format html",
            ["report", "yearly", "--year", "2023", "--format", "html",
             "--output", str(out / "y.html"), "--force"],
            "< 5 s", 5.0)  # fmt: skip
        add("site, Pagefind index included",
            ["site", "--output", str(out / "site")],
            "< 60 s", 60.0)  # fmt: skip
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return rows


def measure_peers(
    corpus: Path, files: list[Path], env: dict[str, str], sample: int
) -> list[Measure]:
    """check-jsonschema and yamllint on the same files (a sample, scaled up), and
    check-jsonschema on just the changed file, as a pre-commit user runs it."""
    rows: list[Measure] = []
    innovations = [f for f in files if "/innovations/" in str(f)][:sample]
    schema = str(REPO / "schemas" / "innovation.schema.json")
    peers = {
        "check-jsonschema": [str(BIN / "check-jsonschema"), "--schemafile", schema],
        "yamllint": [str(BIN / "yamllint"), "-d", "relaxed", "--no-warnings"],
    }
    for name, argv in peers.items():
        if not Path(argv[0]).exists():
            continue
        timing = run([*argv, *map(str, innovations)], env, corpus)
        factor = len(files) / len(innovations)
        scaled = timing._replace(seconds=timing.seconds * factor, cpu=timing.cpu * factor)
        rows.append(Measure.of(f"{name}, {len(innovations)} files scaled to {len(files):,}",
                               scaled, "a peer"))  # fmt: skip
    if Path(peers["check-jsonschema"][0]).exists():
        changed = str(edited_record(corpus))
        timing = run([*peers["check-jsonschema"], changed], env, corpus)
        rows.append(Measure.of("check-jsonschema on the changed file only (PR flow)",
                               timing, "the PR-flow peer"))  # fmt: skip
    return rows


def measure_startup(env: dict[str, str], repeat: int) -> list[Measure]:
    shipped = {**env, "INOVASI_ROOT": str(REPO)}
    bare = run([sys.executable, "-c", "pass"], env, REPO, repeat)
    helptime = run([INOVASI, "--help"], shipped, REPO, repeat)
    less = helptime._replace(seconds=helptime.seconds - bare.seconds, peak_mb=0.0, cpu=0.0)
    rows = [Measure.of("inovasi --help, minus a bare interpreter", less,
                       "<= 0.150 s", 0.150, absolute=True)]  # fmt: skip
    for command in (["list"], ["validate"], ["score", "--region", "banggai"]):
        timing = run([INOVASI, *command], shipped, REPO, repeat)
        rows.append(Measure.of(f"inovasi {' '.join(command)}, shipped collection", timing,
                               "<= 0.350 s", 0.350, absolute=True))  # fmt: skip
    return rows


def floor_of(corpus: Path, files: list[Path], env: dict[str, str]) -> Measure:
    for path in files:  # every run reads from the OS page cache, the floor included
        path.read_bytes()
    timing = run([sys.executable, "-c", FLOOR_SCRIPT, str(corpus)], env, corpus, 2)
    return Measure.of("parse floor: libyaml load of every file, one process", timing,
                      "1.0x by definition")  # fmt: skip


def table(rows: list[Measure], floor: float) -> list[str]:
    lines = ["| measurement | seconds | x floor | CPU s | peak MB | before (20k) | target | met |",
             "|---|---:|---:|---:|---:|---|---|---|"]  # fmt: skip
    for row in rows:
        ratio = "" if row.absolute else f"{row.seconds / floor:.2f}"
        met = row.met(floor)
        mark = "" if met is None else ("yes" if met else "**no**")
        mb = f"{row.peak_mb:.0f}" if row.peak_mb else ""
        cpu = f"{row.cpu:.2f}" if row.cpu else ""
        lines.append(
            f"| {row.label} | {row.seconds:.3f} | {ratio} | {cpu} | {mb} | {row.before}"
            f" | {row.target}"
            f" | {mark} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--innovations", type=int, default=20_000)
    parser.add_argument("--scale", default="", help="more sizes, e.g. 100000,300000")
    parser.add_argument("--corpus-dir", type=Path, default=REPO / "build")
    parser.add_argument("--sample", type=int, default=300, help="files given to the peers")
    parser.add_argument("--repeat", type=int, default=3, help="runs per warm command")
    args = parser.parse_args(argv)
    cache = Path(tempfile.mkdtemp(prefix="inovasi-bench-cache-"))
    env = {k: v for k, v in os.environ.items() if k != "INOVASI_ROOT"}
    env["INOVASI_CACHE_DIR"] = str(cache)
    try:
        corpus = args.corpus_dir / f"bench-{args.innovations}"
        files = build_corpus(corpus, args.innovations)
        floor = floor_of(corpus, files, env)
        rows = [floor, *measure_inovasi(corpus, env, args.repeat)]
        rows += measure_peers(corpus, files, env, args.sample)
        rows += measure_startup(env, args.repeat)
        print(f"Corpus: {len(files):,} files ({args.innovations:,} innovations) in {corpus}")
        print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
              f"{platform.python_version()}, {platform.system()} {platform.release()}")  # fmt: skip
        print()
        print("\n".join(table(rows, floor.seconds)))
        for size in [int(s) for s in args.scale.split(",") if s.strip()]:
            big = args.corpus_dir / f"bench-{size}"
            big_files = build_corpus(big, size)
            big_floor = floor_of(big, big_files, env)
            shutil.rmtree(cache, ignore_errors=True)
            scaled = [big_floor, *measure_core(big, env, 1)]
            for row in scaled:
                row.before = ""  # the figures before were measured at 20k only
            mb = scaled[1].peak_mb
            scaled[1].target += ", < 2 GB"
            verdict = "met" if mb < 2048 else "not met"
            print(f"\n{len(big_files):,} files ({size:,} innovations); cold validate peak"
                  f" memory {mb:.0f} MB, target < 2 GB ({verdict})\n")  # fmt: skip
            print("\n".join(table(scaled, big_floor.seconds)))
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
