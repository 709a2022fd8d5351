"""The exporter registry: one small class per format, registered by name.

A new format is one module in ``kg/export/`` holding::

    from kg.export.base import ExportSource, ExportSummary, Exporter, register

    @register("ftm")
    class FtMExporter(Exporter):
        description = "FollowTheMoney entities (JSON lines)"
        suffix = ".ftm.json"

        def write(self, src: ExportSource, out: Path) -> ExportSummary:
            view = src.view()            # filtered networkx.MultiDiGraph (kg.graphview)
            ...                          # or src.rdf() for the matching RDF triples
            return self.summary(out, nodes=..., edges=...)

:func:`kg.export.export` imports every module of the package before looking a format up,
so nothing else needs changing (the CLI's ``--format`` choices come from the registry too).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import networkx as nx
from rdflib import Graph

from kg.errors import KGError
from kg.store import Store


class ExportError(KGError):
    """An export cannot be made (unknown format, unwritable output ...)."""


@dataclass
class ExportSummary:
    """What an export wrote: the format, the files, and how much."""

    format: str
    paths: list[Path]
    nodes: int = 0
    edges: int = 0
    triples: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        what = f"{self.nodes} nodes, {self.edges} edges"
        if self.triples is not None:
            what += f", {self.triples} triples"
        return f"{self.format}: {what} -> {', '.join(map(str, self.paths))}"


@dataclass
class ExportSource:
    """What an exporter reads: the store and the filter; the view and triples are made once, lazily."""

    store: Store
    center: str | None = None
    hops: int = 1
    since: str | None = None
    until: str | None = None
    types: list[str] | None = None
    drop_undated: bool = False
    _view: nx.MultiDiGraph | None = field(default=None, repr=False)
    _rdf: Graph | None = field(default=None, repr=False)

    @property
    def filtered(self) -> bool:
        return bool(self.center or self.since or self.until or self.types or self.drop_undated)

    def view(self) -> nx.MultiDiGraph:
        """The filtered property graph (see :mod:`kg.graphview`)."""
        if self._view is None:
            from kg.graphview import load_view

            self._view = load_view(
                self.store,
                center=self.center,
                hops=self.hops,
                since=self.since,
                until=self.until,
                types=self.types,
                drop_undated=self.drop_undated,
            )
        return self._view

    def rdf(self) -> Graph:
        """The whole store graph, or (with a filter) the triples of the filtered view."""
        if self._rdf is None:
            from kg.export.subgraph import subgraph_triples, whole_graph

            self._rdf = (
                subgraph_triples(self.store, self.view()) if self.filtered else whole_graph(self.store)
            )
        return self._rdf


class Exporter:
    """Base class. Subclasses set ``name`` (via :func:`register`), ``description``, ``suffix``
    and implement :meth:`write`."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    suffix: ClassVar[str] = ""

    def write(self, src: ExportSource, out: Path) -> ExportSummary:  # pragma: no cover - abstract
        raise NotImplementedError

    def summary(
        self, *paths: Path, nodes: int = 0, edges: int = 0, triples: int | None = None, **extra: Any
    ) -> ExportSummary:
        return ExportSummary(self.name, list(paths), nodes, edges, triples, extra)


REGISTRY: dict[str, type[Exporter]] = {}


def register(name: str):
    """Class decorator: ``@register("gexf")`` makes the class the exporter of that format."""

    def deco(cls: type[Exporter]) -> type[Exporter]:
        if not (isinstance(cls, type) and issubclass(cls, Exporter)):
            raise TypeError(f"@register({name!r}) needs a subclass of kg.export.base.Exporter")
        other = REGISTRY.get(name)
        if other is not None and other.__qualname__ != cls.__qualname__:
            raise ValueError(f"export format {name!r} is already registered by {other.__module__}")
        cls.name = name
        REGISTRY[name] = cls
        return cls

    return deco
