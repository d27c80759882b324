"""The schema files, read once: what the validators and the vocabularies are made of."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from inovasi_cli.core import paths
from inovasi_cli.core.errors import InovasiError


@cache
def load_schema(name: str) -> dict[str, Any]:
    path = paths.schemas_dir() / f"{name}.schema.json"
    try:
        schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InovasiError(f"cannot read schema {path}: {exc}") from exc
    return schema
