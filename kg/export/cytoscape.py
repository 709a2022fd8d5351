"""Cytoscape.js elements JSON: ``{"elements": {"nodes": [{"data": ...}], "edges": [{"data": ...}]}}``.

Loads with ``cytoscape({elements: data.elements})`` or Cytoscape desktop's "Import network
from file" (cyjs). Evidence stays a nested list on each edge (``data.evidence``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.base import Exporter, ExportSource, ExportSummary, register
from kg.export.flatten import evidence_public


def elements(g: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """The Cytoscape.js elements of a property-graph view (also used by ``kg viz``)."""
    nodes = [
        {
            "data": {
                "id": n,
                "label": d["name"],
                "name": d["name"],
                "type": d["type"],
                "color": d["color"],
                "aliases": list(d.get("aliases", [])),
                "degree": g.degree(n),
            }
        }
        for n, d in g.nodes(data=True)
    ]
    edges = [
        {
            "data": {
                "id": k,
                "source": u,
                "target": v,
                "relation": d["relation"],
                "label": d["label"],
                "rel_type": d["rel_type"],
                "symmetric": d.get("symmetric", False),
                "qualifiers": d.get("qualifiers", {}),
                "confidence": d.get("confidence"),
                "first_seen": d.get("first_seen"),
                "last_seen": d.get("last_seen"),
                "source_count": d.get("source_count") or 0,
                "weight": max(1, d.get("source_count") or 0),
                "evidence": [evidence_public(e) for e in d.get("evidence", [])],
            }
        }
        for u, v, k, d in g.edges(keys=True, data=True)
    ]
    return {"nodes": nodes, "edges": edges}


@register("json")
class CytoscapeJSONExporter(Exporter):
    description = "Cytoscape.js elements JSON (nodes and edges with evidence)"
    suffix = ".json"

    def write(self, src: ExportSource, out: Path) -> ExportSummary:
        view = src.view()
        doc = {
            "format_version": "1.0",
            "generated_by": "sea-kg",
            "data": {"filter": view.graph.get("filter", {})},
            "elements": elements(view),
        }
        out.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        return self.summary(out, nodes=view.number_of_nodes(), edges=view.number_of_edges())
