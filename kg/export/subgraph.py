"""The RDF triples behind a (filtered) property-graph view, read from the store by subject.

For every entity of the view: its own description (type, label, aliases, identifiers ...),
without relation triples to entities outside the view. For every edge: the direct triple,
its ``kgo:Assertion`` (minus ``kgo:evidence`` links to evidence the date filter dropped),
the kept ``kgo:Evidence`` and their sources (minus ``kgo:mentions`` of entities outside).
The assertion keeps the ``kgo:firstSeen``/``kgo:sourceCount`` of the whole store.
"""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
from rdflib import XSD, Graph, Literal, URIRef

from kg.ontology import KGO, load
from kg.store import PREFIXES, Store, _from_ox


def _term(t: object):
    """An rdflib term; ``xsd:string`` literals become plain literals (same value in RDF 1.1)."""
    if isinstance(t, ox.Literal) and t.datatype is not None and t.datatype.value == str(XSD.string):
        return Literal(t.value)
    return _from_ox(t)


def _describe(store: Store, iri: str | None):
    subject = ox.NamedNode(iri) if iri is not None else None
    for q in store.rdf.quads_for_pattern(subject, None, None):
        yield _term(q.subject), _term(q.predicate), _term(q.object)


def whole_graph(store: Store) -> Graph:
    """Every triple of the store."""
    g = Graph()
    for k, v in PREFIXES.items():
        g.bind(k, v)
    for t in _describe(store, None):
        g.add(t)
    return g


def subgraph_triples(store: Store, view: nx.MultiDiGraph) -> Graph:
    g = Graph()
    for k, v in PREFIXES.items():
        g.bind(k, v)
    relation_preds = {r.iri for r in load().relations.values()}
    nodes = {URIRef(n) for n in view}
    for n in view:
        for s, p, o in _describe(store, n):
            if p not in relation_preds:
                g.add((s, p, o))
    sources: set[str] = set()
    for u, v, data in view.edges(data=True):
        spec = load().relations[data["relation"]]
        g.add((URIRef(u), spec.iri, URIRef(v)))
        if "|" in data["assertion"]:  # a bare relation triple, no assertion
            continue
        kept = {e["evidence"] for e in data["evidence"]}
        for s, p, o in _describe(store, data["assertion"]):
            if p == KGO.evidence and str(o) not in kept:
                continue
            g.add((s, p, o))
        for ev in kept:
            for t in _describe(store, ev):
                g.add(t)
        sources.update(e["source"] for e in data["evidence"] if e.get("source"))
    for src in sources:
        for s, p, o in _describe(store, src):
            if p == KGO.mentions and o not in nodes:
                continue
            g.add((s, p, o))
    return g
