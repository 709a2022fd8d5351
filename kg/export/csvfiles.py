"""CSV: two files, a node list and an edge list (Gephi's spreadsheet import reads both).

``-o out`` (or ``out.csv``) writes ``out.nodes.csv`` and ``out.edges.csv`` next to each other;
``-o folder/`` (an existing folder, or a path ending in ``/``) writes ``folder/nodes.csv`` and
``folder/edges.csv``. Columns: see :mod:`kg.export.flatten` (``id``/``source``/``target`` are
IRIs; Gephi also wants ``Id``/``Source``/``Target``, which it matches case-insensitively).
"""

from __future__ import annotations

import csv
from pathlib import Path

from kg.export.base import Exporter, ExportSource, ExportSummary, register
from kg.export.flatten import EDGE_FIELDS, NODE_FIELDS, edge_row, node_row


def csv_paths(out: Path) -> tuple[Path, Path]:
    """``out`` → (nodes file, edges file); see the module docstring."""
    if out.is_dir() or str(out).endswith(("/", "\\")):
        out.mkdir(parents=True, exist_ok=True)
        return out / "nodes.csv", out / "edges.csv"
    stem = out.with_suffix("") if out.suffix == ".csv" else out
    return stem.with_name(stem.name + ".nodes.csv"), stem.with_name(stem.name + ".edges.csv")


@register("csv")
class CSVExporter(Exporter):
    description = "CSV node list and edge list (OUT.nodes.csv + OUT.edges.csv, or FOLDER/nodes.csv ...)"
    suffix = ""

    def write(self, src: ExportSource, out: Path) -> ExportSummary:
        view = src.view()
        nodes_path, edges_path = csv_paths(out)
        with nodes_path.open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, NODE_FIELDS)
            w.writeheader()
            for n in view:
                w.writerow(node_row(view, n))
        with edges_path.open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, EDGE_FIELDS)
            w.writeheader()
            for u, v, k, d in view.edges(keys=True, data=True):
                w.writerow(edge_row(view, u, v, k, d))
        return self.summary(
            nodes_path, edges_path, nodes=view.number_of_nodes(), edges=view.number_of_edges()
        )
