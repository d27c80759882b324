"""The replication network: regions as nodes, replications and study visits as edges,
drawn as one inline SVG with a deterministic layout (regions on a circle in id order),
so it needs no script to be seen and the same collection gives the same drawing.

Pure: every piece of text is escaped here (``reports.charts.xml_text``).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from inovasi_cli.records.collection import Collection
from inovasi_cli.reports.charts import xml_text
from inovasi_cli.site import urls

REPLICATION_COLOUR = "#1f6f8b"
VISIT_COLOUR = "#8a96a0"


@dataclass(frozen=True, slots=True)
class Edge:
    source: str  # region id: the original's region, or the visitor
    target: str  # region id: the adopter, or the host
    kind: str  # "replication" or "visit"
    what: str  # the innovation's name, or the visit's id


def edges(collection: Collection) -> tuple[Edge, ...]:
    """Every replication (origin region to adopter) and visit (visitor to host) between
    two different regions of the collection, in a stable order."""
    found: list[Edge] = []
    for r in collection.replications:
        origin = r.innovation.partition("/")[0]
        found.append(Edge(origin, r.adopter, "replication", r.innovation))
    for visit in collection.visits.values():
        for region in dict.fromkeys(visit.visitor_regions):
            found.append(Edge(region, visit.host, "visit", visit.id))
    known = collection.regions
    return tuple(
        e for e in found if e.source != e.target and e.source in known and e.target in known
    )


def _positions(nodes: list[str], radius: float, centre: float) -> dict[str, tuple[float, float]]:
    step = 2 * math.pi / max(1, len(nodes))
    return {
        node: (centre + radius * math.sin(n * step), centre - radius * math.cos(n * step))
        for n, node in enumerate(nodes)
    }


def network_svg(
    collection: Collection, found: tuple[Edge, ...], *, title: str, description: str, root: str
) -> str:
    """The network as SVG; nodes link to their region pages (``root``: the page's prefix
    back to the site root)."""
    nodes = sorted({n for e in found for n in (e.source, e.target)})
    radius = max(120.0, len(nodes) * 9.0)
    margin = 150.0
    size = 2 * (radius + margin)
    where = _positions(nodes, radius, size / 2)
    weights = Counter((e.source, e.target, e.kind) for e in found)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network" role="img" '
        f'viewBox="0 0 {size:.0f} {size:.0f}" width="{size:.0f}" height="{size:.0f}" '
        'aria-labelledby="network-title network-desc">',
        f'<title id="network-title">{xml_text(title)}</title>',
        f'<desc id="network-desc">{xml_text(description)}</desc>',
        '<defs><marker id="network-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{REPLICATION_COLOUR}"/></marker></defs>',
    ]
    for (source, target, kind), count in sorted(weights.items()):
        (x1, y1), (x2, y2) = where[source], where[target]
        # stop short of the node's circle so the arrow head shows
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        x2, y2 = x2 - (x2 - x1) * 7 / length, y2 - (y2 - y1) * 7 / length
        width = min(6.0, 1.0 + count)
        if kind == "replication":
            style = f'stroke="{REPLICATION_COLOUR}" marker-end="url(#network-arrow)"'
        else:
            style = f'stroke="{VISIT_COLOUR}" stroke-dasharray="5 4"'
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" {style} '
            f'stroke-width="{width:.1f}" class="edge-{kind}"/>'
        )
    for node in nodes:
        x, y = where[node]
        anchor = "start" if x > size / 2 + 1 else "end" if x < size / 2 - 1 else "middle"
        dx = 9 if anchor == "start" else -9 if anchor == "end" else 0
        dy = 4 if anchor != "middle" else (-10 if y < size / 2 else 18)
        parts.append(
            f'<a href="{root}{urls.region(node)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="6" '
            f'fill="#ffffff" stroke="{REPLICATION_COLOUR}" stroke-width="2"/>'
            f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" font-size="12" '
            f'fill="#1b2730">{xml_text(collection.region_name(node))}</text></a>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
