"""Pictures of the graph: an interactive offline HTML page (:mod:`kg.viz.html`) and static
PNG/SVG drawings (:mod:`kg.viz.static`). The vendored cytoscape.js (MIT) is in ``vendor/``."""

from __future__ import annotations

from kg.viz.html import render_html, write_html

__all__ = ["render_html", "write_html"]
