"""Usage errors and help in the tool's own voice, hooked in at one place: the command and
group classes every command is built with.

Typer (over click and pydantic) words a bad value as ``Invalid value for '--format' /
'-f': Value error, 'xml' is not one of ...``. Here every usage error Typer raises while
parsing becomes one line like the tool's own errors (``inovasi: error: --format: unknown
value 'xml'; choices: ...``), with exit code 2: values outside a choice list the choices
(with a did-you-mean), numbers say what is expected, unknown commands and options suggest
the nearest. Help gets plain metavars (``--host REGION``, never ``<str>`` or
``<list[Path]>``) and command listings with whole descriptions.

Typer re-exports only ``BadParameter`` and ``TyperException`` of click's exceptions, so
the others are told apart by what they carry (a ``param``, an ``option_name``).
"""

from __future__ import annotations

import contextlib
import difflib
import re
import typing
from collections.abc import Iterator, Sequence
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from inovasi_cli.cli.common import EXIT_USAGE, err

# What a number option expects, by its metavar.
_EXPECTED_NUMBER = {
    "YEAR": "a year such as 2019",
    "N": "a whole number of 0 or more",
    "JOBS": "a whole number of 1 or more",
}


class ToolUsageError(typer.BadParameter):
    """A usage error already in the tool's words: shown as one line, exit code 2."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)

    def show(self, file: Any = None) -> None:
        err(f"inovasi: error: {self.message}")


def _label(param: Any) -> str:
    """How the user wrote a parameter: its long option, or an argument's metavar."""
    if isinstance(param, TyperOption):
        longs = [o for o in param.opts if o.startswith("--")]
        return (longs or list(param.opts))[0]
    return str(param.metavar or param.name or "").upper()


def _given(exc: BaseException) -> str | None:
    """The value the user gave, when Typer's validation error (pydantic) carries it."""
    cause = exc.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        with contextlib.suppress(Exception):
            found = errors()
            if found and isinstance(found[0].get("input"), str):
                return str(found[0]["input"])
    return None


def _choices(param: Any) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    values = getattr(descriptor, "choices", None) or ()
    return [str(getattr(v, "value", v)) for v in values]


def _is_number(param: Any) -> bool:
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    inner = typing.get_args(annotation) if typing.get_origin(annotation) is list else ()
    return annotation is int or inner == (int,)


def _closest_command(name: str, known: Sequence[str]) -> str | None:
    """The nearest command; among equally near ones, one with the same letters (two
    swapped letters, the commonest typo: 'lsit' is 'list', not 'site')."""
    close = difflib.get_close_matches(name, known, n=3)
    same_letters = [c for c in close if sorted(c) == sorted(name)]
    if same_letters and difflib.SequenceMatcher(None, name, same_letters[0]).ratio() >= (
        difflib.SequenceMatcher(None, name, close[0]).ratio()
    ):
        return same_letters[0]
    return close[0] if close else None


def choice_message(value: str, choices: Sequence[str]) -> str:
    """``unknown value 'jsn'; did you mean 'json'? choices: table, text, json, ...``."""
    close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6)
    prefixed = [c for c in choices if c.startswith(value.lower())] if value else []
    guess = close[0] if close else (prefixed[0] if len(prefixed) == 1 else None)
    did_you_mean = f" did you mean '{guess}'?" if guess else ""
    return f"unknown value '{value}';{did_you_mean} choices: {', '.join(choices)}"


def number_message(value: str | None, param: Any) -> str:
    """``expected a year such as 2019, not 'abc'``."""
    metavar = str(getattr(param, "metavar", "") or "")
    expected = _EXPECTED_NUMBER.get(metavar)
    if expected is None:
        low = getattr(param, "min", None)
        expected = "a whole number" + (f" of {low} or more" if low is not None else "")
    return f"expected {expected}" + (f", not '{value}'" if value is not None else "")


def _parameter_message(exc: typer.BadParameter, path: str) -> str | None:
    param = exc.param
    if param is None:
        return None
    label = _label(param)
    if getattr(exc, "param_type", None) is not None or not exc.message:  # missing
        return f"missing {label}; see '{path} --help'"
    value = _given(exc)
    choices = _choices(param)
    if choices and value is not None:
        return f"{label}: {choice_message(value, choices)}"
    if _is_number(param):
        return f"{label}: {number_message(value, param)}"
    if exc.__cause__ is None:  # a path Typer checked, or a message of ours
        return f"{label}: {_path_message(exc.message)}"
    shown = f"'{value}': " if value is not None else ""
    return f"{label}: {shown}{exc.message[:1].lower()}{exc.message[1:]}"


_PATH_PROBLEM = re.compile(r"^(?:file|dir|directory|path) ('.*') (is a \w+|.+)\.$", re.S)
_PATH_WORDS = {"is a file": "is a file, not a folder", "is a directory": "is a folder, not a file"}


def _path_message(message: str) -> str:
    """Typer's ``dir 'x' is a file.`` as ``'x' is a file, not a folder``."""
    found = _PATH_PROBLEM.match(message)
    if found is None:
        return message.rstrip(".")
    where, problem = found.groups()
    return f"{where} {_PATH_WORDS.get(problem, problem)}"


def _option_message(exc: typer.TyperException, path: str) -> str:
    """An unknown option, or one used wrongly (a missing value, an extra argument)."""
    ctx = getattr(exc, "ctx", None)
    name = getattr(exc, "option_name", None)
    if name is not None and str(exc.message).startswith("No such option"):
        known = [
            opt
            for param in (ctx.command.get_params(ctx) if ctx is not None else ())
            for opt in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ()))
        ]
        bare = {opt.lstrip("-"): opt for opt in known}
        close = difflib.get_close_matches(name.lstrip("-"), list(bare), n=1)
        if close:
            return f"unknown option {name}; did you mean {bare[close[0]]}?"
        return f"unknown option {name}; see '{path} --help'"
    if name is not None and "requires an argument" in str(exc.message):
        return f"{name} needs a value; see '{path} --help'"
    text = str(exc.message).rstrip(".")
    return f"{text[:1].lower()}{text[1:]}; see '{path} --help'"


def in_own_voice(exc: typer.TyperException, path: str = "inovasi") -> ToolUsageError | None:
    """The same usage error, worded by the tool; None for what is not a usage error
    (or asks for help: a group run without a command shows its help). ``path``: the
    command it concerns, when the error does not say (``inovasi list``)."""
    if isinstance(exc, ToolUsageError) or getattr(exc, "exit_code", None) != EXIT_USAGE:
        return None
    ctx = getattr(exc, "ctx", None)
    if ctx is not None and exc.message == ctx.get_help():  # no arguments: the help
        return None
    if ctx is not None and ctx.command_path:
        path = ctx.command_path
    message = _parameter_message(exc, path) if isinstance(exc, typer.BadParameter) else None
    return ToolUsageError(message or _option_message(exc, path))


@contextlib.contextmanager
def own_voice(ctx: typer.Context | None = None) -> Iterator[None]:
    """Usage errors raised inside come out in the tool's words; ``ctx``: the group's
    context, whose command is running."""
    try:
        yield
    except typer.TyperException as exc:
        path = "inovasi"
        if ctx is not None:
            path = " ".join(p for p in (ctx.command_path, ctx.invoked_subcommand) if p)
        translated = in_own_voice(exc, path)
        if translated is None:
            raise
        raise translated from None


# -- help ------------------------------------------------------------------------------------


def tidy_parameters(params: Sequence[Any]) -> None:
    """Plain metavars for help: an option that takes a value and names none gets its own
    name in capitals (``--host HOST``), an argument likewise; choices keep their list."""
    for param in params:
        if param.metavar is not None:
            continue
        if isinstance(param, TyperOption) and not (param.is_flag or param.count):
            if not _choices(param):
                param.metavar = _label(param).lstrip("-").replace("-", "_").upper()
        elif isinstance(param, TyperArgument):
            param.metavar = str(param.name).upper()


def first_sentence(help_text: str | None) -> str:
    """A command's whole one-line description: the first sentence of its help."""
    paragraph = " ".join((help_text or "").strip().split("\n\n")[0].split())
    for end, char in enumerate(paragraph):
        if char == "." and (end + 1 == len(paragraph) or paragraph[end + 1] == " "):
            return paragraph[: end + 1]
    return paragraph


class Command(TyperCommand):
    """Every inovasi command: plain metavars, arguments listed without a type."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tidy_parameters(self.params)

    def format_options(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if isinstance(param, TyperArgument):
                name = str(param.metavar) + ("..." if param.nargs != 1 else "")
                arguments.append((name, record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


class Group(TyperGroup):
    """Every inovasi command group: whole descriptions in the command list, an unknown
    command answered with the nearest ones, and every usage error of the commands below
    in the tool's own words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        tidy_parameters(self.params)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        with own_voice(ctx):
            return super().invoke(ctx)

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, first_sentence(command.help)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> Any:  # type: ignore[override]
        name = args[0] if args else ""
        known = self.list_commands(ctx)
        if name and not name.startswith("-") and name not in known and not ctx.resilient_parsing:
            close = _closest_command(name, known)
            hint = f"did you mean '{close}'?" if close else f"commands: {', '.join(known)}"
            raise ToolUsageError(f"unknown command '{name}'; {hint}")
        return super().resolve_command(ctx, args)
