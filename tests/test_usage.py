"""Usage errors in the tool's own voice (one line, exit 2), and help that reads cleanly:
plain metavars, whole descriptions, completion installed once at the top."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from conftest import REPO
from inovasi_cli.cli.app import COMMANDS, load_command
from inovasi_cli.cli.usage import Command, Group, first_sentence

ROOT = ("--root", str(REPO))
README = REPO / "README.md"
FORMATS = "table, text, json, jsonl, csv, yaml, ids"

CASES = [
    (["list", "--format", "xml"], f"--format: unknown value 'xml'; choices: {FORMATS}"),
    (
        ["list", "--format", "jsn"],
        f"--format: unknown value 'jsn'; did you mean 'json'? choices: {FORMATS}",
    ),
    (
        ["list", "--sort", "nme"],
        "--sort: unknown value 'nme'; did you mean 'name'? "
        "choices: id, name, region, sector, year, stage, unit",
    ),
    (
        ["stats", "--by", "sectr"],
        "--by: unknown value 'sectr'; did you mean 'sector'? "
        "choices: sector, region, unit-type, stage, form, year, award",
    ),
    (
        ["validate", "--format", "githb"],
        "--format: unknown value 'githb'; did you mean 'github'? choices: text, json, github",
    ),
    (["list", "--year", "abc"], "--year: expected a year such as 2019, not 'abc'"),
    (["list", "--year", "2019", "--year", "x"], "--year: expected a year such as 2019, not 'x'"),
    (["visits", "--year", "20l9"], "--year: expected a year such as 2019, not '20l9'"),
    (["score", "--year", "abc"], "--year: expected a year such as 2019, not 'abc'"),
    (["report", "yearly", "--year", "abc"], "--year: expected a year such as 2019, not 'abc'"),
    (["list", "--limit", "-1"], "--limit: expected a whole number of 0 or more, not '-1'"),
    (["list", "--limit", "ten"], "--limit: expected a whole number of 0 or more, not 'ten'"),
    (["validate", "--jobs", "0"], "--jobs: expected a whole number of 1 or more, not '0'"),
    (["lst"], "unknown command 'lst'; did you mean 'list'?"),
    (["report", "awrd"], "unknown command 'awrd'; did you mean 'award'?"),
    (["new", "regoin"], "unknown command 'regoin'; did you mean 'region'?"),
    (["frobnicate"], "unknown command 'frobnicate'; commands: " + ", ".join(COMMANDS)),
    (["list", "--regon", "banggai"], "unknown option --regon; did you mean --region?"),
    (["--rot", "x", "list"], "unknown option --rot; did you mean --root?"),
    (["list", "--bogus"], "unknown option --bogus; see 'inovasi list --help'"),
    (["list", "--format"], "--format needs a value; see 'inovasi list --help'"),
    (["report", "award"], "missing --region; see 'inovasi report award --help'"),
    (["show"], "missing INNOVATION; see 'inovasi show --help'"),
    (["report", "region"], "missing REGION; see 'inovasi report region --help'"),
    (
        [
            "report",
            "award",
            "--region",
            "banggai",
            "--award",
            "iga-2019",
            "--templates",
            str(README),
        ],
        f"--templates: '{README}' is a file, not a folder",
    ),
    (["show", "a", "b"], "got unexpected extra argument(s) (b); see 'inovasi show --help'"),
]


@pytest.mark.parametrize(("args", "message"), CASES, ids=[" ".join(c[0]) for c in CASES])
def test_usage_errors_are_one_line_in_the_tools_words(run, args: list[str], message: str) -> None:
    result = run(*ROOT, *args, code=2)
    assert result.stderr == f"inovasi: error: {message}\n"
    assert result.stdout == ""


def test_a_real_process_says_the_same(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "inovasi_cli", "--root", str(REPO), "list", "--format", "xml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == f"inovasi: error: --format: unknown value 'xml'; choices: {FORMATS}\n"
    assert "Invalid value" not in done.stderr and "Usage:" not in done.stderr


def test_user_input_in_a_usage_error_is_inert(run) -> None:
    result = run(*ROOT, "list", "--format", "\x1b[31mred", code=2)
    assert "\x1b" not in result.stderr
    assert "\\x1b[31mred" in result.stderr


def test_a_group_without_a_command_shows_its_help(run) -> None:
    result = run("report", code=2)
    assert "Usage: inovasi report [OPTIONS] COMMAND [ARGS]..." in result.stderr + result.stdout


# -- help ------------------------------------------------------------------------------------


def _every_command() -> list[tuple[str, object]]:
    found = []
    for name in COMMANDS:
        command = typer.main.get_command(load_command(name))
        found.append((name, command))
        if isinstance(command, typer.core.TyperGroup):
            ctx = typer.Context(command)
            for sub in command.list_commands(ctx):
                found.append((f"{name} {sub}", command.get_command(ctx, sub)))
    return found


EVERY = _every_command()


@pytest.mark.parametrize(("name", "command"), EVERY, ids=[n for n, _ in EVERY])
def test_every_command_is_built_with_the_tools_classes(name: str, command: object) -> None:
    assert isinstance(command, Command | Group), f"{name}: use cls=Command (or Group)"


@pytest.mark.parametrize("name", ["", *(n for n, _ in EVERY)])
def test_help_has_plain_metavars_and_completion_only_at_the_top(run, name: str) -> None:
    out = run(*name.split(), "--help").stdout
    assert not re.search(r"<(str|int|path|list\[|int range|Path)", out), out
    assert "[[" not in out, out
    if name:
        assert "--install-completion" not in out and "--show-completion" not in out, name
    else:
        assert "--install-completion" in out and "--show-completion" in out


@pytest.mark.parametrize("group", ["report", "new"])
def test_group_listings_show_whole_descriptions(run, group: str) -> None:
    out = run(group, "--help").stdout
    listing = " ".join(out.split("Commands:")[1].split())
    command = typer.main.get_command(load_command(group))
    ctx = typer.Context(command)
    for sub in command.list_commands(ctx):
        sentence = first_sentence(command.get_command(ctx, sub).help)
        assert f"{sub} {sentence}" in listing, sub
    assert "..." not in listing


def test_help_shows_the_metavars_we_chose(run) -> None:
    assert "--host REGION" in run("visits", "--help").stdout
    assert "[PATH]..." in run("validate", "--help").stdout
    assert "new region [OPTIONS] [ID]" in run("new", "region", "--help").stdout
    assert "--root DIR" in run("--help").stdout
    assert "--region REGION" in run("report", "award", "--help").stdout


def test_completion_still_completes(tmp_path) -> None:
    """Shell completion parses resiliently: an unknown word is not a usage error there."""
    import os

    def complete(words: str, cword: int) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "COMP_WORDS": words, "COMP_CWORD": str(cword)}
        env["_INOVASI_COMPLETE"] = "complete_bash"
        inovasi = str(Path(sys.executable).parent / "inovasi")
        return subprocess.run([inovasi], env=env, capture_output=True, text=True, check=False)

    assert complete("inovasi report aw", 2).stdout.split() == ["award"]
    assert complete("inovasi list --format j", 3).stdout.split() == ["json", "jsonl"]
    done = complete("inovasi lst ", 2)
    assert done.returncode == 0 and "error" not in done.stderr
