"""``kg viz`` as one self-contained HTML page (cytoscape.js inlined, no network request at all).

Positions come from :func:`kg.viz.layout.force_layout` (no physics in the browser, so 2,000
nodes open at once). The page shows colour = entity type (``kgo:displayColor``), size =
degree, edge labels (when zoomed in), a hover tooltip with aliases, a side panel with the
evidence of a clicked edge, a search box, type/relation filters with a legend. When it has
drawn, it fills ``<div id="kg-status" data-state="ready" data-nodes=.. data-painted=..
data-resources=.. data-errors=..>`` (read by the browser test).
"""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.cytoscape import elements
from kg.graphview import entity_types
from kg.ontology import load
from kg.viz.layout import force_layout

VENDOR_JS = "vendor/cytoscape.min.js"
HUBS = 25


def _asset(name: str) -> str:
    return resources.files("kg.viz").joinpath(name).read_text(encoding="utf-8")


def _json_for_script(obj: Any) -> str:
    """JSON safe inside ``<script>``: no ``<``, ``>`` or ``&`` characters at all."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_data(view: nx.MultiDiGraph, subtitle: str = "") -> dict[str, Any]:
    """The data the page renders: Cytoscape elements with positions and sizes, legend entries."""
    onto = load()
    els = elements(view)
    pos = force_layout(view)
    n = max(1, view.number_of_nodes())
    spread = 120.0 + 45.0 * math.sqrt(n)
    by_degree = sorted(view, key=lambda v: (-view.degree(v), v))
    hubs = set(by_degree[: min(HUBS, max(1, n // 10))]) if n > 40 else set(view)
    for node in els["nodes"]:
        d = node["data"]
        x, y = pos[d["id"]]
        node["position"] = {"x": round(x * spread, 1), "y": round(-y * spread, 1)}
        d["size"] = round(min(80.0, 14.0 + 7.0 * math.sqrt(d["degree"])), 1)
        d["type_label"] = onto.classes[d["type"]].label
        d["hub"] = d["id"] in hubs
    for edge in els["edges"]:
        edge["data"]["width"] = round(min(8.0, 1.0 + math.log2(edge["data"]["weight"])), 2)
    types = [
        {"name": t, "label": onto.classes[t].label, "color": onto.classes[t].color or "#999999"}
        for t in entity_types()
    ]
    rels = [{"name": r.name, "label": r.label} for r in onto.relations.values()]
    return {
        "elements": els,
        "types": types,
        "relations": sorted(rels, key=lambda r: r["label"]),
        "subtitle": subtitle,
    }


def _subtitle(view: nx.MultiDiGraph) -> str:
    f = view.graph.get("filter") or {}
    parts = []
    if f.get("center"):
        parts.append(f"around {f['center']} ({f.get('hops')} hop{'s' if f.get('hops') != 1 else ''})")
    if f.get("since") or f.get("until"):
        parts.append(f"{f.get('since') or '…'} – {f.get('until') or '…'}")
    if f.get("types"):
        parts.append("types: " + ", ".join(f["types"]))
    return "; ".join(parts)


def render_html(view: nx.MultiDiGraph, title: str = "sea-kg network") -> str:
    """The whole page as a string."""
    from html import escape

    data = page_data(view, _subtitle(view))
    page = _asset("template.html")
    lib = _asset(VENDOR_JS)
    app = _asset("app.js")
    for code in (lib, app):
        if "</script" in code.lower():
            raise ValueError("a script contains </script")
    return (
        page.replace("__TITLE__", escape(title))
        .replace("__DATA__", _json_for_script(data))
        .replace("<script>__CYTOSCAPE__</script>", "<script>" + lib + "</script>")
        .replace("<script>__APP__</script>", "<script>" + app + "</script>")
    )


def write_html(view: nx.MultiDiGraph, out: str | Path, title: str = "sea-kg network") -> Path:
    out = Path(out)
    out.write_text(render_html(view, title), encoding="utf-8")
    return out
