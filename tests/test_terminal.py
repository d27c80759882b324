"""validate on a terminal: severities in colour (errors red, warnings yellow) only where
colour is wanted ($NO_COLOR, $FORCE_COLOR, a terminal), and a steady progress estimate."""

from __future__ import annotations

import itertools
import os
import pty
import random
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from inovasi_cli.cli.common import SteadyEstimate, colour_wanted

RED, YELLOW, RESET = "\x1b[1;31m", "\x1b[33m", "\x1b[0m"


@pytest.fixture
def mistakes(collection: Path) -> Path:
    """One error and one warning; the error's message echoes an escape from the record."""
    (collection / "data/innovations/banggai/bad.yaml").write_text(
        'name: Satu\nsector: "\\e[32mhijau"\nsummary: x\nsources:\n  - source: fixture\n',
        encoding="utf-8",
    )
    visit = collection / "data/visits/2019-07-parigi-moutong-ke-banggai.yaml"
    visit.write_text(
        visit.read_text(encoding="utf-8").replace(
            "participants: 20\nstudied", "participants: 21\nstudied"
        )
    )
    return collection


def test_no_colour_when_piped(run, mistakes: Path, monkeypatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    out = run("--root", str(mistakes), "validate", code=1).stdout
    assert "\x1b" not in out
    assert ": error unknown-value sector:" in out
    assert ": warning participants-mismatch participants:" in out


def test_force_color_colours_severities_and_no_color_wins(run, mistakes: Path, monkeypatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = run("--root", str(mistakes), "validate", code=1).stdout
    assert f": {RED}error{RESET} unknown-value sector:" in out
    assert f": {YELLOW}warning{RESET} participants-mismatch" in out
    # The record's own escape stays inert: only our two colours reach the terminal.
    assert "\x1b[32m" not in out and "\\x1b[32mhijau" in out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in run("--root", str(mistakes), "validate", code=1).stdout
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "0")
    assert "\x1b" not in run("--root", str(mistakes), "validate", code=1).stdout
    json_out = run("--root", str(mistakes), "validate", "--format", "json", code=1).stdout
    assert "\x1b[1;31m" not in json_out  # only the text format is coloured


def test_colour_on_a_real_terminal(mistakes: Path) -> None:
    """Through a pseudo-terminal, as a user sees it."""
    env = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "FORCE_COLOR"}}
    env["TERM"] = "xterm"
    main, child = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "inovasi_cli", "--root", str(mistakes), "validate"],
            stdout=child,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
            timeout=60,
        )
        os.close(child)
        child = -1
        out = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(main)
        if child >= 0:
            os.close(child)
    assert done.returncode == 1
    text = out.decode()
    assert f"{RED}error{RESET}" in text and f"{YELLOW}warning{RESET}" in text
    assert "\x1b" not in done.stderr.decode()  # the summary line is plain


def test_colour_wanted(monkeypatch) -> None:
    tty, pipe = SimpleNamespace(isatty=lambda: True), SimpleNamespace(isatty=lambda: False)
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert colour_wanted(tty) and not colour_wanted(pipe)
    monkeypatch.setenv("TERM", "dumb")
    assert not colour_wanted(tty)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert colour_wanted(pipe)
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour_wanted(tty) and not colour_wanted(pipe)


def test_the_estimate_is_steady_when_batches_arrive_unevenly() -> None:
    """Workers hand back batches at uneven times (here up to 60% early or late); the
    estimate of the time left never jumps back up by more than a second."""
    rng = random.Random(17)
    total, batch, per_file = 20_000, 500, 0.0005  # 10 s of work
    estimate = SteadyEstimate(started=0.0)
    now, done, said = 0.0, 0, []
    while done < total:
        now += batch * per_file * rng.uniform(0.4, 1.6)
        done += batch
        left = estimate.remaining(done, total, now)
        if left is not None:
            said.append(left)
    assert said, "an estimate once enough is done"
    rises = [b - a for a, b in itertools.pairwise(said)]
    assert max(rises) < 1.0, said
    assert estimate.remaining(100, total, 5.0) is None  # too little done to trust a rate
    assert estimate.remaining(total, total, 10.0) is None
    assert estimate.text(10_000, total, 5.0) == "about 5 s left"


def test_progress_bar_shows_files_done_of_all_and_time_left(monkeypatch, capsys) -> None:
    from inovasi_cli.cli import common

    clock = iter(range(0, 100, 2))
    monkeypatch.setattr(common, "monotonic", lambda: float(next(clock)))
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setenv("FORCE_COLOR", "1")
    with common.progress_bar("Validating") as update:
        assert update is not None
        update(500, 2000)
        update(1000, 2000)
    err = capsys.readouterr().err
    assert "1000/2000" in err
    assert "about 4 s left" in err  # 1000 files in 4 s: 1000 more take about 4 s
