"""The command table, start-up laziness, and tested docs: every command has help text and
appears in the README."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer

from conftest import REPO
from inovasi_cli.cli.app import COMMANDS, load_command

README = (REPO / "README.md").read_text(encoding="utf-8")


def first_sentence(text: str) -> str:
    paragraph = " ".join(text.strip().split("\n\n")[0].split())
    match = re.match(r"(.+?\.)(\s|$)", paragraph)
    return match.group(1) if match else paragraph


def subcommands(name: str) -> list[tuple[str, typer.core.TyperCommand]]:
    command = typer.main.get_command(load_command(name))
    if isinstance(command, typer.core.TyperGroup):
        ctx = typer.Context(command)
        return [
            (f"{name} {sub}", command.get_command(ctx, sub)) for sub in command.list_commands(ctx)
        ]
    return [(name, command)]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_summary_in_help_matches_the_command(name: str) -> None:
    command = typer.main.get_command(load_command(name))
    assert first_sentence(command.help or "") == COMMANDS[name][1]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_and_option_has_help_and_a_readme_example(name: str) -> None:
    for full_name, command in subcommands(name):
        assert command.help and command.help.strip(), f"{full_name} has no help text"
        for param in command.params:
            if isinstance(param, typer.core.TyperOption) and param.name != "help":
                assert param.help, f"{full_name} {param.opts[0]} has no help text"
        assert f"inovasi {full_name}" in README, f"README shows no 'inovasi {full_name}'"


def test_top_level_help_lists_every_command(run) -> None:
    out = run("--help").stdout
    for name in COMMANDS:
        assert re.search(rf"^  {name}\s", out, re.MULTILINE), name


def test_help_imports_no_command_module() -> None:
    """`inovasi --help` pays for Typer alone: no YAML, no schemas, no command modules."""
    code = (
        "import sys\n"
        "from inovasi_cli.cli.app import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('yaml', 'jsonschema', 'jinja2', 'rich.table', "
        "'inovasi_cli.validation.pipeline', 'inovasi_cli.cli.query') if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip().endswith("[]"), result.stderr


def test_unknown_command_is_a_usage_error(run) -> None:
    result = run("lsit", code=2)
    assert result.stderr == "inovasi: error: unknown command 'lsit'; did you mean 'list'?\n"
