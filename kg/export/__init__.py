"""Exports of the graph (or of a filtered subgraph) to files, one format per module.

>>> "graphml" in formats()
True

Formats: ``ttl``, ``jsonld``, ``nt`` (RDF: the whole store, or with a filter the triples of
the subgraph: its entities, relations, assertions, evidence and sources), and the
property-graph formats ``graphml``, ``gexf``, ``json`` (Cytoscape.js elements) and ``csv``
(two files, nodes and edges). Every property-graph edge carries its evidence.

To add a format, drop a module in this package with a class decorated
``@register("name")`` (see :mod:`kg.export.base`); it is found automatically.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from kg.export.base import REGISTRY, Exporter, ExportError, ExportSource, ExportSummary, register
from kg.store import Store

__all__ = ["ExportError", "ExportSource", "ExportSummary", "Exporter", "export", "formats", "register"]

_HELPERS = {"base", "subgraph", "flatten"}
_BROKEN: dict[str, str] = {}


def _load_all() -> None:
    for mod in pkgutil.iter_modules(__path__):
        if mod.name in _HELPERS or mod.name.startswith("_"):
            continue
        try:
            importlib.import_module(f"{__name__}.{mod.name}")
        except ImportError as e:  # a format whose optional dependency is missing
            _BROKEN[mod.name] = str(e)


def formats() -> dict[str, str]:
    """The registered formats and their one-line descriptions."""
    _load_all()
    return {name: REGISTRY[name].description for name in sorted(REGISTRY)}


def get_exporter(fmt: str) -> Exporter:
    _load_all()
    cls = REGISTRY.get(fmt)
    if cls is None:
        if fmt in _BROKEN:
            raise ExportError(f"format {fmt!r} is unavailable: {_BROKEN[fmt]}")
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(sorted(REGISTRY))}")
    return cls()


def export(
    store: Store,
    fmt: str,
    out_path: str | Path,
    center: str | None = None,
    hops: int = 1,
    since: str | None = None,
    until: str | None = None,
    types: list[str] | None = None,
    drop_undated: bool = False,
) -> ExportSummary:
    """Write the graph (or the filtered subgraph) of ``store`` to ``out_path`` in format ``fmt``.

    The filters are those of :func:`kg.graphview.load_view`.
    """
    exporter = get_exporter(fmt)
    out = Path(out_path)
    if str(out_path).endswith(("/", "\\")):  # "-o folder/": a folder (csv writes two files there)
        if not out.parent.exists():
            raise ExportError(f"cannot write {out_path}: folder {out.parent} does not exist")
        out.mkdir(exist_ok=True)
    if not out.is_dir() and not out.parent.exists():
        raise ExportError(f"cannot write {out}: folder {out.parent} does not exist")
    src = ExportSource(
        store, center=center, hops=hops, since=since, until=until, types=types, drop_undated=drop_undated
    )
    existed = out.exists()
    try:
        return exporter.write(src, out)
    except OSError as e:
        raise ExportError(f"cannot write {out}: {e}") from e
    except (ValueError, TypeError) as e:  # a value the format cannot hold: no half-written file left
        if not existed and out.is_file():
            out.unlink()
        raise ExportError(f"cannot write {out} as {fmt}: {e}") from e
