"""Read the store's RDF graph (see ``docs/data-model.md``) into property-graph rows.

The graph is scanned predicate by predicate through Oxigraph's index (one pass each), which
is much faster than a SPARQL join at a million assertions. Every row carries the names the
loader will put into query text (labels, relationship types) already checked against the
ontology.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kg import ontology

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
KGO = str(ontology.KGO)
XSD = "http://www.w3.org/2001/XMLSchema#"

QUALIFIERS = ("role", "status", "amount", "currency", "date")
# typed qualifiers and date precisions: ontology term -> Neo4j property (snake case, like first_seen)
TYPED = {
    "amountValue": "amount_value", "transactionType": "transaction_type", "valueDate": "value_date",
    "datePrecision": "date_precision", "valueDatePrecision": "value_date_precision",
    "firstSeenPrecision": "first_seen_precision", "lastSeenPrecision": "last_seen_precision",
}  # fmt: skip


@dataclass
class NodeRow:
    iri: str
    labels: tuple[str, ...]
    props: dict[str, Any]
    mentions: list[str] = field(default_factory=list)
    hash: str | None = field(default=None, compare=False)  # kg_hash, when already known


@dataclass
class RelRow:
    iri: str
    type: str
    start: str
    end: str
    props: dict[str, Any]
    hash: str | None = field(default=None, compare=False)


@dataclass
class GraphRows:
    entities: list[NodeRow]
    sources: list[NodeRow]
    relations: list[RelRow]
    skipped: list[str] = field(default_factory=list)  # assertions that cannot become relationships


# A scanned object: ``(value, datatype)``; datatype is ``IRI`` for an IRI, "" for a plain or
# language-tagged string, else the literal's datatype IRI. Both backends (Oxigraph, rdflib)
# are scanned into this one shape, so the rows do not depend on where the triples came from.
IRI = "@iri"
Term = tuple[str, str]
Scan = Callable[[str], Iterable[tuple[str, Term]]]


def _value(term: Term) -> Any:
    """A plain Python value for Neo4j: dates as ``datetime.date``, numbers as numbers."""
    v, dt_iri = term
    if not dt_iri.startswith(XSD):
        return v
    kind = dt_iri[len(XSD) :]
    try:
        if kind in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger"):
            return int(v)
        if kind in ("decimal", "double", "float"):
            return float(v)
        if kind == "boolean":
            return v in ("true", "1")
        if kind == "date":
            return dt.date.fromisoformat(v)
    except ValueError:
        return v
    return v


def oxigraph_scan(store: ox.Store) -> Scan:
    """Scan an Oxigraph store predicate by predicate (one index pass each)."""

    def scan(predicate: str) -> Iterator[tuple[str, Term]]:
        for q in store.quads_for_pattern(None, ox.NamedNode(predicate), None):
            s, o = q.subject, q.object
            subj = s.value if isinstance(s, ox.NamedNode) else f"_:{s.value}"
            if isinstance(o, ox.NamedNode):
                yield subj, (o.value, IRI)
            elif isinstance(o, ox.BlankNode):
                yield subj, (f"_:{o.value}", IRI)
            else:
                dtype = o.datatype.value if o.datatype and not o.language else ""
                yield subj, (o.value, "" if dtype == XSD + "string" else dtype)

    return scan


def rdflib_scan(graph: Any) -> Scan:
    """Scan an in-memory rdflib Graph the same way (used when the build writes the import set)."""
    from rdflib import BNode, URIRef

    def scan(predicate: str) -> Iterator[tuple[str, Term]]:
        for s, _, o in graph.triples((None, URIRef(predicate), None)):
            subj = f"_:{s}" if isinstance(s, BNode) else str(s)
            if isinstance(o, URIRef):
                yield subj, (str(o), IRI)
            elif isinstance(o, BNode):
                yield subj, (f"_:{o}", IRI)
            else:
                dtype = str(o.datatype) if o.datatype and not o.language else ""
                yield subj, (str(o), "" if dtype == XSD + "string" else dtype)

    return scan


def labels_for(class_name: str) -> tuple[str, ...]:
    """The Neo4j labels of an entity or source class, from the ontology only.

    >>> labels_for("GovernmentBody")
    ('Entity', 'Organization', 'GovernmentBody')
    >>> labels_for("Article")
    ('Source', 'Article')
    """
    spec = ontology.load().classes.get(class_name)
    if spec is None or not spec.neo4j_labels:
        raise KeyError(class_name)
    common = "Source" if "Source" in spec.parents else "Entity"
    return (common, *spec.neo4j_labels)


def read_graph(store: ox.Store) -> GraphRows:
    """All entities, sources and assertions of an Oxigraph store, as rows."""
    return rows_from_scan(oxigraph_scan(store))


def rows_from_scan(scan: Scan) -> GraphRows:
    """All entities, sources and assertions of an RDF graph (docs/data-model.md), as rows."""
    onto = ontology.load()
    class_of: dict[str, str] = {}
    for c in onto.classes.values():
        if c.neo4j_labels and c.name != "Organization":
            class_of[str(c.iri)] = c.name
    rel_of = {str(r.iri): r for r in onto.relations.values()}

    entities: dict[str, NodeRow] = {}
    sources: dict[str, NodeRow] = {}
    assertions: set[str] = set()
    evidence: set[str] = set()
    for s, o in scan(RDF + "type"):
        name = class_of.get(o[0]) if o[1] == IRI else None
        if name is not None:
            labels = labels_for(name)
            row = NodeRow(s, labels, {"iri": s, "type": name})
            (sources if labels[0] == "Source" else entities)[s] = row
        elif o[0] == KGO + "Assertion":
            assertions.add(s)
        elif o[0] == KGO + "Evidence":
            evidence.add(s)

    # ---- entities
    aliases: dict[str, list[str]] = defaultdict(list)
    identifiers: dict[str, list[str]] = defaultdict(list)
    for s, o in scan(RDFS + "label"):
        if s in entities:
            entities[s].props["name"] = o[0]
    for s, o in scan(SKOS + "altLabel"):
        if s in entities:
            aliases[s].append(o[0])
    for s, o in scan(KGO + "identifier"):
        if s in entities:
            identifiers[s].append(o[0])
    judged: dict[str, list[str]] = defaultdict(list)
    for s, o in scan(KGO + "judgement"):
        if s in entities:
            judged[s].append(o[0])
    implied = {s for s, o in scan(KGO + "implied") if _value(o) is True}
    entity_props = {
        KGO + "description": "description", KGO + "startDate": "start_date", KGO + "endDate": "end_date",
        KGO + "startDatePrecision": "start_date_precision", KGO + "endDatePrecision": "end_date_precision",
    }  # fmt: skip
    for pred, key in entity_props.items():
        for s, o in scan(pred):
            if s in entities:
                entities[s].props[key] = _value(o)
    for s, row in entities.items():
        row.props.setdefault("name", s.rsplit("/", 1)[-1])
        if s in aliases:  # Neo4j style: an empty list is no property at all
            row.props["aliases"] = sorted(set(aliases[s]))
        if s in identifiers:
            row.props["identifiers"] = sorted(set(identifiers[s]))
        if s in judged:
            row.props["judgements"] = sorted(judged[s])
        row.props["implied"] = s in implied

    # ---- sources (articles, records) and what they mention
    source_props = {
        SCHEMA + "url": "url", DCT + "title": "title", KGO + "publisher": "publisher",
        DCT + "date": "date", KGO + "datePrecision": "date_precision", DCT + "language": "lang",
        KGO + "sourcePath": "path",
        KGO + "author": "author", KGO + "editor": "editor", KGO + "contentHash": "content_hash",
    }  # fmt: skip
    for pred, key in source_props.items():
        for s, o in scan(pred):
            if s in sources:
                sources[s].props[key] = _value(o)
    for s, o in scan(KGO + "mentions"):
        if s in sources and o[0] in entities:
            sources[s].mentions.append(o[0])
    for row in sources.values():
        row.mentions = sorted(set(row.mentions))

    # ---- evidence
    ev_sentence: dict[str, str] = {}
    ev_source: dict[str, str] = {}
    for s, o in scan(KGO + "sentence"):
        if s in evidence:
            ev_sentence[s] = o[0]
    for s, o in scan(KGO + "source"):
        if s in evidence:
            ev_source[s] = o[0]

    # ---- assertions
    parts: dict[str, dict[str, Any]] = {a: {} for a in assertions}
    ev_of: dict[str, list[str]] = defaultdict(list)
    plain = {RDF + "subject": "s", RDF + "predicate": "p", RDF + "object": "o"}
    for pred, key in plain.items():
        for s, o in scan(pred):
            if s in parts:
                parts[s][key] = o[0]
    scalars = {KGO + q: q for q in QUALIFIERS} | {KGO + k: v for k, v in TYPED.items()}
    scalars |= {
        KGO + "confidence": "confidence", KGO + "firstSeen": "first_seen",
        KGO + "lastSeen": "last_seen", KGO + "sourceCount": "source_count",
    }  # fmt: skip
    for pred, key in scalars.items():
        for s, o in scan(pred):
            if s in parts:
                parts[s][key] = _value(o)
    for s, o in scan(KGO + "evidence"):
        if s in parts:
            ev_of[s].append(o[0])
    for s, o in scan(KGO + "judgement"):
        if s in parts:
            parts[s].setdefault("judgements", []).append(o[0])

    def locator(doc: str) -> str | None:
        row = sources.get(doc)
        if row is None:
            return None
        return row.props.get("url") or row.props.get("path")

    relations: list[RelRow] = []
    skipped: list[str] = []
    for a, p in parts.items():
        spec = rel_of.get(p.get("p", ""))
        s, o = p.pop("s", None), p.pop("o", None)
        p.pop("p", None)
        if spec is None or s not in entities or o not in entities:
            skipped.append(a)
            continue
        evs = sorted((ev_source.get(e, ""), ev_sentence.get(e, "")) for e in ev_of.get(a, ()))
        p["iri"] = a
        p["relation"] = spec.name
        if evs:
            p["evidence"] = [sentence for _, sentence in evs]
            p["evidence_docs"] = [doc for doc, _ in evs]
            p["sources"] = [locator(doc) or doc for doc, _ in evs]
        p.setdefault("source_count", len({doc for doc, _ in evs}))
        relations.append(RelRow(a, spec.neo4j_type, s, o, p))
    return GraphRows(list(entities.values()), list(sources.values()), relations, skipped)
