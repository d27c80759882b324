"""The strict loader as a pure function: values, positions and findings."""

from __future__ import annotations

import pytest

from inovasi_cli.records.loader import MAX_BYTES, MAX_DEPTH, load_bytes


def codes(raw: bytes) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.code) for f in load_bytes(raw, "x.yaml").findings]


def test_yaml_11_traps_stay_text() -> None:
    doc = load_bytes(b"a: no\nb: on\nc: 0755\nd: 12:30\ne: 2019-07-18\nf: 1.10\ng: yes\n", "x.yaml")
    assert doc.data == {
        "a": "no",
        "b": "on",
        "c": "0755",
        "d": "12:30",
        "e": "2019-07-18",
        "f": 1.1,
        "g": "yes",
    }
    assert doc.raw(("f",)) == "1.10"  # kept for the "quote it" hint


def test_core_scalars() -> None:
    doc = load_bytes(b"t: true\nf: false\nn: null\ne:\ni: -12\nx: 2.5\nq: 'true'\n", "x.yaml")
    assert doc.data == {
        "t": True,
        "f": False,
        "n": None,
        "e": None,
        "i": -12,
        "x": 2.5,
        "q": "true",
    }


def test_positions_are_one_based_line_and_column() -> None:
    doc = load_bytes(b"name: x\nvisitors:\n  - region: a\n    unit: b\n", "x.yaml")
    assert doc.position(("visitors", 0, "unit")) == (4, 11)
    assert doc.position(("visitors", 0, "unit"), key=True) == (4, 5)
    assert doc.position(("visitors", 0, "missing")) == (3, 5)


def test_duplicate_key_names_both_lines() -> None:
    doc = load_bytes(b"name: a\nsector: b\nname: c\n", "x.yaml")
    [finding] = doc.findings
    assert (finding.line, finding.code, finding.field) == (3, "duplicate-key", "name")
    assert "first on line 1" in finding.message
    assert doc.data is None or not doc.ok


def test_alias_bomb_is_refused_without_expansion() -> None:
    bomb = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n".encode()
        for i in range(9)
    )
    found = {code for _, _, code in codes(bomb)}
    assert {"anchor", "alias"} <= found


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: !!python/object/apply:os.system ['id']\n", (1, 4, "tag")),
        (b"a: !custom x\n", (1, 4, "tag")),
        (b"\xff\xfea\x00:\x00", (1, 1, "encoding")),
        (b"a: b\nc: \xc3\x28\n", (2, 4, "encoding")),
        (b"a: b\x00\n", (1, 5, "encoding")),
        (b"a: b\x1b[31m\n", (1, 5, "encoding")),
        (b"", (1, 1, "empty-file")),
        (b"# only a comment\n", (1, 1, "empty-file")),
        (b"- a\n", (1, 1, "not-a-mapping")),
        (b"a: 'open\n", (1, 4, "yaml-syntax")),  # where the quote opens
        (b"a: [1, 2\n", (2, 1, "yaml-syntax")),
        (b"a: 1\n---\nb: 2\n", (2, 1, "yaml-syntax")),
        (b"a:\n\tb: 1\n", (2, 1, "yaml-syntax")),
        (b"? [a, b]\n: c\n", (1, 3, "bad-key")),
    ],
)
def test_bad_input_is_a_finding(raw: bytes, expected: tuple[int, int, str]) -> None:
    assert expected in codes(raw)


def test_utf8_bom_is_accepted() -> None:
    assert load_bytes(b"\xef\xbb\xbfname: x\n", "x.yaml").data == {"name": "x"}


def test_size_cap() -> None:
    raw = b"a: " + b"x" * MAX_BYTES
    assert codes(raw) == [(1, 1, "file-too-large")]


@pytest.mark.parametrize("opener", [b"[", b"{a: "])
def test_deep_flow_nesting_is_bounded(opener: bytes) -> None:
    closer = b"]" if opener == b"[" else b"}"
    raw = b"a: " + opener * 50_000 + closer * 50_000 + b"\n"
    assert "too-deep" in {code for _, _, code in codes(raw)}


def test_deep_block_nesting_is_bounded() -> None:
    raw = "".join(" " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5)).encode()
    assert "too-deep" in {code for _, _, code in codes(raw)}


# Nesting is reported where it first crosses MAX_DEPTH, whatever stops libyaml: its own
# limit of 1,000 flow levels (0.2.6 and newer, while scanning ahead), a syntax error
# further on, or nothing (0.2.5). Positions were compared under PyYAML 6.0.2 and 6.0.4.
DEEP_CASES = [
    pytest.param(b"a: " + b"[" * 3000 + b"]" * 3000 + b"\n", (1, 35), id="flow-3000"),
    pytest.param(b"[" * 3000 + b"]" * 3000 + b"\n", (1, 33), id="flow-at-start"),
    pytest.param(b"a: " + b"{" * 3000 + b"}" * 3000 + b"\n", (1, 35), id="braces"),
    pytest.param(b"a: " + b"[x, {k: 'a[b', " * 1200 + b"\n", (1, 233), id="mixed-and-quoted"),
    pytest.param(b"a: " + b'["[[", ' * 40 + b"\n", (1, 221), id="brackets-in-quotes"),
    pytest.param(b"a: [" + b"a: [" * 40 + b"\n", (1, 65), id="flow-pairs"),
    pytest.param(b"# [[[\r" + b"a: " + b"[" * 1200 + b"\n", (2, 35), id="comment-ended-by-cr"),
    pytest.param(b"a:\n  b:\n    c: " + b"[" * 2000 + b"\n", (3, 37), id="block-then-flow"),
    pytest.param(b"- " * 3000 + b"x\n", (1, 65), id="compact-block-3000"),
    pytest.param(b"? " * 3000 + b"x\n", (1, 65), id="complex-keys-3000"),
    pytest.param(b"a: " + b"[\n" * 2000, (32, 1), id="one-per-line"),
    pytest.param(b"a: {b" + b"[" * 1200 + b"\n", None, id="syntax-error-first"),
]


@pytest.mark.parametrize(("raw", "at"), DEEP_CASES)
def test_nesting_is_reported_where_it_crosses_the_limit(
    raw: bytes, at: tuple[int, int] | None
) -> None:
    found = codes(raw)
    if at is None:  # the error before the nesting is what stops the file
        assert [code for _, _, code in found] == ["yaml-syntax"]
        assert found[0][:2] == (1, 6)
    else:
        assert found == [(*at, "too-deep")]


@pytest.mark.parametrize(("raw", "at"), DEEP_CASES)
def test_nesting_findings_do_not_depend_on_libyaml_limits(
    raw: bytes, at: tuple[int, int] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulate libyaml 0.2.6+ under any libyaml: parsing stops with its nesting error
    as soon as it meets the first flow collection, before yielding it, and composing
    stops the same way. The findings must be the ones the installed libyaml gives."""
    import yaml

    from inovasi_cli.records import loader, yaml_scan

    expected = codes(raw)
    real_parse, real_compose = yaml.parse, yaml.compose

    def limited_parse(text: str, Loader: object) -> object:
        for event in real_parse(text, Loader=Loader):
            limited = Loader is yaml_scan.NodeLoader  # libyaml; the pure-Python parser has no limit
            if limited and isinstance(event, yaml.CollectionStartEvent) and event.flow_style:
                mark = event.start_mark
                index = min(mark.index + 1000, len(text))
                stop = yaml.Mark("<unicode string>", index, mark.line, mark.column, None, None)
                raise yaml.scanner.ScannerError(
                    "while increasing flow level", mark, "exceeded maximum nesting depth", stop
                )
            yield event

    def limited_compose(text: str, Loader: object) -> object:
        for _ in limited_parse(text, Loader):
            pass
        return real_compose(text, Loader=Loader)

    monkeypatch.setattr(loader.yaml, "parse", limited_parse)
    monkeypatch.setattr(loader.yaml, "compose", limited_compose)
    assert codes(raw) == expected
