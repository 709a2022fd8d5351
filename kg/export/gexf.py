"""GEXF for Gephi: node type, colour (viz:color), size by degree, edge weights and evidence."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.export.base import Exporter, ExportSource, ExportSummary, register
from kg.export.flatten import flat_graph, hex_rgb


@register("gexf")
class GEXFExporter(Exporter):
    description = "GEXF for Gephi (type, colour, size = degree, weight = sources, evidence as text)"
    suffix = ".gexf"

    def write(self, src: ExportSource, out: Path) -> ExportSummary:
        view = src.view()
        flat = flat_graph(view, xml=True)
        for n, d in flat.nodes(data=True):
            r, g, b = hex_rgb(d.get("color", ""))
            d["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": 5.0 + 2.0 * view.degree(n)}
        nx.write_gexf(flat, out, encoding="utf-8", version="1.2draft")
        return self.summary(out, nodes=view.number_of_nodes(), edges=view.number_of_edges())
