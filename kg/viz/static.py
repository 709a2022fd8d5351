"""``kg viz --format png|svg``: a static drawing with matplotlib (Agg backend, no display).

Colour = entity type, size = degree, positions from :func:`kg.viz.layout.force_layout`.
Labels: every node when there are at most 60, else the 40 of highest degree; relation
labels on the edges when there are at most 40 edges. A legend lists the types shown.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx

from kg.errors import KGError
from kg.export.flatten import xml_text
from kg.graphview import entity_types
from kg.ontology import load
from kg.viz.layout import force_layout

ALL_LABELS = 60
TOP_LABELS = 40
EDGE_LABELS = 40


def _short(text: str, width: int = 28) -> str:
    text = xml_text(text)  # an SVG is XML: no NUL or control characters
    return text if len(text) <= width else text[: width - 1] + "…"


def write_static(view: nx.MultiDiGraph, out: str | Path, fmt: str | None = None, title: str = "") -> Path:
    """Draw ``view`` to ``out`` as PNG or SVG (``fmt`` defaults to the file suffix)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.lines import Line2D
    except ImportError as e:  # pragma: no cover - depends on the install
        raise KGError("static pictures need matplotlib: pip install matplotlib") from e
    out = Path(out)
    fmt = (fmt or out.suffix.lstrip(".") or "png").lower()
    if fmt not in ("png", "svg"):
        raise KGError(f"unknown picture format {fmt!r}; use png or svg (or html)")
    n = view.number_of_nodes()
    pos = force_layout(view)
    side = min(24.0, 8.0 + 0.25 * math.sqrt(max(n, 1)) * 2)
    fig, ax = plt.subplots(figsize=(side * 1.25, side))
    ax.set_axis_off()
    simple = nx.Graph(view.to_undirected())
    deg = dict(view.degree())
    nx.draw_networkx_edges(simple, pos, ax=ax, edge_color="#b0b0b0", width=0.8, alpha=0.8 if n < 300 else 0.3)
    colors = [view.nodes[v]["color"] for v in view]
    sizes = [60 + 60 * math.sqrt(deg[v]) for v in view]
    nx.draw_networkx_nodes(
        view, pos, ax=ax, node_color=colors, node_size=sizes, edgecolors="#00000055", linewidths=0.6
    )
    shown = list(view) if n <= ALL_LABELS else sorted(view, key=lambda v: (-deg[v], v))[:TOP_LABELS]
    font = 9 if n <= ALL_LABELS else 8
    labels = {v: _short(view.nodes[v]["name"]) for v in shown}
    texts = nx.draw_networkx_labels(view, pos, labels, ax=ax, font_size=font, verticalalignment="bottom")
    for t in texts.values():
        t.set_bbox({"facecolor": "white", "edgecolor": "none", "alpha": 0.7, "pad": 0.5})
        t.set_position((t.get_position()[0], t.get_position()[1] + 0.03))
    if view.number_of_edges() <= EDGE_LABELS:
        edge_labels: dict[tuple[str, str], str] = {}
        for u, v, d in view.edges(data=True):
            key = (u, v) if (u, v) in simple.edges else (v, u)
            edge_labels[key] = ", ".join(filter(None, [edge_labels.get(key), d["label"]]))
        nx.draw_networkx_edge_labels(simple, pos, edge_labels, ax=ax, font_size=7, font_color="#444")
    onto = load()
    present = {t for _, t in view.nodes(data="type")}
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=9,
            markerfacecolor=onto.classes[t].color,
            markeredgecolor="#00000055",
            label=onto.classes[t].label,
        )
        for t in entity_types()
        if t in present
    ]
    if handles:
        ax.legend(
            handles=handles, loc="upper left", fontsize=9, frameon=True, title="Entity type (size = degree)"
        )
    ax.set_title(xml_text(title) or f"{n} entities, {view.number_of_edges()} relations", fontsize=12)
    ax.margins(0.08)
    fig.tight_layout()
    fig.savefig(out, format=fmt, dpi=150 if fmt == "png" else None)
    plt.close(fig)
    return out
