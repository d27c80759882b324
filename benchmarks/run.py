"""Time inovasi at national scale, side by side with the parse floor, in one run.

    python benchmarks/run.py [--innovations 20000] [--corpus DIR] [--sample 300]

Builds the synthetic corpus if needed (benchmarks/make_corpus.py), then times each
command as a fresh process (wall clock, best of --repeat) and reads its peak memory
(maximum resident set of the command's own process; worker processes are reported
separately by the OS and are smaller). Prints a Markdown table with each figure, its
ratio to the parse floor and the target it is held to. Timings vary by machine: the
ratios are what the targets are about.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def run(argv: list[str], env: dict[str, str], repeat: int = 1) -> tuple[float, float, int]:
    """Best wall time in seconds, peak RSS in MB, and the exit code of the last run."""
    best, peak, code = float("inf"), 0.0, 0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        best = min(best, elapsed)
        peak = max(peak, usage.ru_maxrss / 1024)
    return best, peak, code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--innovations", type=int, default=20_000)
    parser.add_argument("--corpus", type=Path, default=REPO / "build" / "bench-corpus")
    parser.add_argument(
        "--sample",
        type=int,
        default=300,
        help="files given to check-jsonschema (its time is scaled up)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per warm command")
    args = parser.parse_args(argv)

    corpus: Path = args.corpus
    marker = corpus / f".n{args.innovations}"
    if not marker.exists():
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_corpus.py"),
                "--innovations",
                str(args.innovations),
                "--out",
                str(corpus),
                "--force",
            ],
            check=True,
        )
        marker.touch()
        time.sleep(2.5)  # let the files age past the cache's racy window
    files = sorted((corpus / "data").rglob("*.yaml"))
    cache = Path(tempfile.mkdtemp(prefix="inovasi-bench-cache-"))
    env = {**os.environ, "INOVASI_CACHE_DIR": str(cache), "INOVASI_ROOT": str(corpus)}
    rows: list[tuple[str, float, float, str, bool | None]] = []

    for path in files:  # every run below reads from the OS page cache, the floor included
        path.read_bytes()
    floor, floor_mb, _ = run([sys.executable, "-c", FLOOR_SCRIPT, str(corpus)], env, 2)
    rows.append(
        (
            "parse floor: libyaml load of every file, one process",
            floor,
            floor_mb,
            "1.0x by definition",
            None,
        )
    )

    def add(
        label: str, argv: list[str], limit: float | None, target: str, repeat: int = 1
    ) -> float:
        seconds, mb, code = run([INOVASI, *argv], env, repeat)
        ok = code in (0, 1) and (limit is None or seconds <= limit) and mb <= 300
        rows.append((label, seconds, mb, target, ok))
        return seconds

    add("validate, cold (no cache)", ["validate"], floor, "<= 1.0x floor")
    add("validate, nothing changed", ["validate"], 0.1 * floor, "< 0.1x floor", args.repeat)
    add("list --format jsonl, warm", ["list", "--format", "jsonl"], 2.0, "< 2 s", args.repeat)
    add(
        "score --by region, warm",
        ["score", "--by", "region", "--format", "json"],
        2.0,
        "< 2 s",
        args.repeat,
    )
    out = Path(tempfile.mkdtemp(prefix="inovasi-bench-out-"))
    add(
        "export --format sqlite, warm",
        ["export", "--format", "sqlite", "--output", str(out / "x.sqlite"), "--force"],
        2.0,
        "< 2 s",
    )
    add(
        "report yearly --year 2023 --format html",
        [
            "report",
            "yearly",
            "--year",
            "2023",
            "--format",
            "html",
            "--output",
            str(out / "y.html"),
            "--force",
        ],
        5.0,
        "< 5 s",
    )

    checker = BIN / "check-jsonschema"
    if checker.exists():
        sample = [f for f in files if "/innovations/" in str(f)][: args.sample]
        seconds, mb, _ = run(
            [
                str(checker),
                "--schemafile",
                str(REPO / "schemas" / "innovation.schema.json"),
                *map(str, sample),
            ],
            env,
        )
        scaled = seconds * len(files) / len(sample)
        rows.append(
            (
                f"check-jsonschema, {len(sample)} files scaled to {len(files)}",
                scaled,
                mb,
                "validate cold >= 20x faster",
                None,
            )
        )
        cold = rows[1][1]
        rows.append(
            (
                "  ratio check-jsonschema / validate cold",
                scaled / cold,
                0.0,
                ">= 20",
                scaled / cold >= 20,
            )
        )

    bare, _, _ = run([sys.executable, "-c", "pass"], env, args.repeat)
    shipped_env = {**env, "INOVASI_ROOT": str(REPO)}
    helptime, _, _ = run([INOVASI, "--help"], shipped_env, args.repeat)
    rows.append(
        (
            "inovasi --help, minus a bare interpreter",
            helptime - bare,
            0.0,
            "<= 0.150 s",
            helptime - bare <= 0.150,
        )
    )
    for command in (["list"], ["validate"], ["score", "--region", "banggai"]):
        seconds, mb, _ = run([INOVASI, *command], shipped_env, args.repeat)
        rows.append(
            (
                f"inovasi {' '.join(command)}, shipped collection",
                seconds,
                mb,
                "<= 0.350 s",
                seconds <= 0.350,
            )
        )

    print(f"Corpus: {len(files):,} files ({args.innovations:,} innovations) in {corpus}")
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {platform.system()} {platform.release()}"
    )
    print()
    print("| measurement | seconds | x floor | peak MB | target | met |")
    print("|---|---:|---:|---:|---|---|")
    for label, seconds, mb, target, ok in rows:
        ratio = f"{seconds / floor:.2f}" if not label.startswith(("  ratio", "inovasi")) else ""
        met = "" if ok is None else ("yes" if ok else "**no**")
        mb_text = f"{mb:.0f}" if mb else ""
        print(f"| {label} | {seconds:.3f} | {ratio} | {mb_text} | {target} | {met} |")
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
