"""Regions against the national registry (Kepmendagri 300.2.2-2138/2025): a code the
registry knows, and the name, type and province it gives that code; a region recorded
without a code is checked by its name. The type rules (a kota is named 'Kota ...', its id
starts 'kota-', its code is 71-99) are :func:`.rules.region_type_problems`, which
``inovasi new region`` applies too."""

from __future__ import annotations

from inovasi_cli.records.loader import Document
from inovasi_cli.records.registry import DECREE, Registry, RegistryRegion, name_key, registry
from inovasi_cli.validation.checks import rules
from inovasi_cli.validation.checks.context import Context
from inovasi_cli.validation.checks.readings import text


def check_registry(ctx: Context) -> None:
    readings = ctx.read("region")
    if not readings:
        return
    known = registry()
    for region in readings:
        doc, data = ctx.docs[region.path], region.data
        name, code, kind = text(data, "name"), text(data, "code"), text(data, "type")
        for field, problem in rules.region_type_problems(region.id, name, kind, code):
            doc.add(problem.code, problem.message, (field,), hint=problem.hint)
        province = text(data, "province")
        entry = _entry(doc, known, name, code)
        if entry is None:
            continue
        for field, problem in rules.registry_problems(name, province, entry):
            doc.add(problem.code, problem.message, (field,), hint=problem.hint)


def _entry(
    doc: Document, known: Registry, name: str | None, code: str | None
) -> RegistryRegion | None:
    """The registry's entry for the record: by its code, else by its full name."""
    if code is not None and rules.REGION_CODE.fullmatch(code):
        entry = known.get(code)
        if entry is None:
            by_name = (
                [e for e in known.named(name) if name_key(e.name) == name_key(name)] if name else []
            )
            hint = (
                f"the registry gives {by_name[0].name} the code '{by_name[0].code}'"
                if len(by_name) == 1
                else known.around(code)
            )
            doc.add(
                "unknown-code", f"{code} is not a region code in {DECREE}", ("code",), hint=hint
            )
        return entry
    if name is None:
        return None
    found = [e for e in known.named(name) if name_key(e.name) == name_key(name)]
    return found[0] if len(found) == 1 else None
