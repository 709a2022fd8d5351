"""RDF exports: Turtle, JSON-LD and N-Triples (the whole store, or the subgraph's triples)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.export.base import Exporter, ExportSource, ExportSummary, register
from kg.store import PREFIXES


class _RDFExporter(Exporter):
    rdflib_format = ""
    options: dict[str, Any] = {}

    def write(self, src: ExportSource, out: Path) -> ExportSummary:
        g = src.rdf()
        g.serialize(destination=str(out), format=self.rdflib_format, encoding="utf-8", **self.options)
        view = src.view()
        return self.summary(out, nodes=view.number_of_nodes(), edges=view.number_of_edges(), triples=len(g))


@register("ttl")
class TurtleExporter(_RDFExporter):
    description = "RDF Turtle (whole store, or the subgraph's triples incl. assertions, evidence, sources)"
    suffix = ".ttl"
    rdflib_format = "turtle"


@register("jsonld")
class JSONLDExporter(_RDFExporter):
    description = "RDF JSON-LD (same triples as ttl)"
    suffix = ".jsonld"
    rdflib_format = "json-ld"
    options = {"context": dict(PREFIXES), "auto_compact": True}


@register("nt")
class NTriplesExporter(_RDFExporter):
    description = "RDF N-Triples (same triples as ttl), one triple a line"
    suffix = ".nt"
    rdflib_format = "nt"
