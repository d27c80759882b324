"""How much of the count gate rests on classifications: the urusan the gate counted as
covered that no innovation's sources state, only a curator's classification. Pure; the
gate itself is computed by :func:`inovasi_cli.scoring.compute.count_gate`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inovasi_cli.records.model import Innovation
    from inovasi_cli.scoring.compute import GateResult


def classified_urusan(gate: GateResult, innovations: Iterable[Innovation]) -> tuple[str, ...]:
    """The covered urusan, in the gate's order, that only classifications cover (the main
    urusan, and under ``urusan-utama-dan-beririsan`` the overlapping ones too)."""
    stated: set[str] = set()
    for innovation in innovations:
        if innovation.sector and not innovation.basis("sector"):
            stated.add(innovation.sector)
        if gate.basis == "urusan-utama-dan-beririsan" and not innovation.basis("other_sectors"):
            stated.update(innovation.other_sectors)
    return tuple(s for s in gate.covered if s not in stated)
