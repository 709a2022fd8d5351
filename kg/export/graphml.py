"""GraphML (yEd, Gephi, networkx, igraph): scalar attributes, evidence as JSON text."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.export.base import Exporter, ExportSource, ExportSummary, register
from kg.export.flatten import flat_graph


@register("graphml")
class GraphMLExporter(Exporter):
    description = "GraphML property graph (node type/color, edge relation, weight, evidence as JSON)"
    suffix = ".graphml"

    def write(self, src: ExportSource, out: Path) -> ExportSummary:
        view = src.view()
        nx.write_graphml(flat_graph(view, xml=True), out, encoding="utf-8", named_key_ids=True)
        return self.summary(out, nodes=view.number_of_nodes(), edges=view.number_of_edges())
