"""``kg validate``: check a store's graph against the SHACL shapes (pyshacl)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Namespace

from kg.paths import ontology_dir
from kg.store import Store

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    severity: str


@dataclass
class ValidationReport:
    conforms: bool
    triples: int
    violations: list[Violation] = field(default_factory=list)


def validate_graph(data: Graph) -> ValidationReport:
    import pyshacl

    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    ontology = Graph().parse(ontology_dir() / "kg.ttl", format="turtle")
    conforms, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
    )
    out = []
    for r in report.subjects(SH.resultSeverity, None):
        out.append(
            Violation(
                focus=str(report.value(r, SH.focusNode)),
                path=str(report.value(r, SH.resultPath) or ""),
                message=str(report.value(r, SH.resultMessage) or ""),
                severity=str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            )
        )
    out.sort(key=lambda v: (v.severity, v.message, v.focus))
    return ValidationReport(conforms=bool(conforms), triples=len(data), violations=out)


def validate_store(store_path: str | Path) -> ValidationReport:
    with Store(store_path, read_only=True) as store:
        data = store.to_rdflib()
    return validate_graph(data)
