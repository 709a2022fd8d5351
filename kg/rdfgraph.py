"""Claims to RDF: resolved entities, reified assertions with provenance, and sources.

The shape is documented in ``docs/data-model.md``.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rdflib import DCTERMS, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef

from kg.claims import Document, Extraction, fold
from kg.ontology import KGID, KGO, SCHEMA, load
from kg.resolve import Resolution, resolve
from kg.values import parse_amount, parse_date

EXTRACTOR_VERSION = "0.1"
_COPYRIGHT_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def doc_iri(doc: Document) -> URIRef:
    return KGID["doc/" + hashlib.sha1(doc.key.encode("utf-8")).hexdigest()[:20]]


def entity_iri(path: str) -> URIRef:
    return KGID[path]


DATE_QUALIFIERS = ("date", "valueDate")


def date_literal(value: str) -> Literal:
    """Every date is an ``xsd:date`` (a year alone is its first day; see :func:`add_date`)."""
    parsed = parse_date(value)
    return Literal(parsed.iso if parsed else value, datatype=XSD.date if parsed else None)


def add_date(g: Graph, node: URIRef, prop: URIRef, value: str) -> None:
    """``node prop "YYYY-MM-DD"^^xsd:date``, plus ``<prop>Precision "year"|"month"`` when the
    date was written with less than a day (``2018`` -> ``2018-01-01`` and precision ``year``)."""
    parsed = parse_date(value)
    if parsed is None:
        g.add((node, prop, Literal(value)))
        return
    g.add((node, prop, Literal(parsed.iso, datatype=XSD.date)))
    if parsed.precision != "day":
        local = "date" if prop == DCTERMS.date else str(prop).rsplit("#", 1)[-1]
        g.add((node, KGO[local + "Precision"], Literal(parsed.precision)))


def add_qualifiers(g: Graph, node: URIRef, quals: dict[str, str], machine: bool) -> None:
    """An assertion's qualifiers: dates typed, the amount as written plus ``amountValue`` (a
    number in the currency written) and ``currency`` (ISO 4217, read from the text if not given)."""
    quals = dict(quals)
    if quals.get("amount"):
        amount = parse_amount(quals["amount"], quals.get("currency"), machine=machine)
        if amount.value is not None:
            g.add((node, KGO.amountValue, Literal(amount.value, datatype=XSD.decimal)))
        if amount.currency:
            quals["currency"] = amount.currency
    for k, v in sorted(quals.items()):
        if k in DATE_QUALIFIERS:
            add_date(g, node, KGO[k], v)
        else:
            g.add((node, KGO[k], Literal(v)))


def fact_date(doc: Document) -> str | None:
    """The date a source saw its facts: its own date, else the year of its copyright line."""
    if doc.date:
        return doc.date
    m = _COPYRIGHT_YEAR.search(str(doc.meta.get("copyright", "")))
    return m.group(1) if m else None


@dataclass
class _Sighting:
    doc: Document
    sentence: str
    extractor: str
    confidence: float
    qualifiers: dict[str, str]


@dataclass
class _Assertion:
    rel: str
    s: URIRef
    o: URIRef
    key_qualifiers: dict[str, str]
    sightings: list[_Sighting] = field(default_factory=list)


def _add_source(g: Graph, doc: Document) -> URIRef:
    iri = doc_iri(doc)
    g.add((iri, RDF.type, KGO.Record if doc.kind == "record" else KGO.Article))
    for pred, value in (
        (SCHEMA.url, doc.url),
        (DCTERMS.title, doc.title),
        (KGO.publisher, doc.publisher),
        (DCTERMS.language, doc.lang),
        (KGO.author, doc.author),
        (KGO.editor, doc.editor),
    ):
        if value:
            g.add((iri, pred, Literal(value)))
    if doc.date:
        add_date(g, iri, DCTERMS.date, doc.date)
    g.add((iri, KGO.sourcePath, Literal(doc.source)))
    g.add((iri, KGO.contentHash, Literal(doc.content_hash)))
    return iri


def build_graph(
    extractions: Sequence[Extraction],
    resolution: Resolution | None = None,
    rejected: set[tuple[str, str, str]] | None = None,
    accepted: dict[tuple[str, str, str], str] | None = None,
) -> Graph:
    """The RDF graph of a set of extractions (resolved together). ``rejected`` facts
    (``(relation, subject IRI, object IRI)``, judged wrong by an analyst) are left out;
    ``accepted`` ones (the same keys, to the judgement's line) carry it as ``kgo:judgement``."""
    rejected = rejected or set()
    accepted = accepted or {}
    onto = load()
    res = resolution or resolve(extractions)
    g = Graph()
    g.bind("kgo", KGO)
    g.bind("id", KGID)
    g.bind("schema", SCHEMA)
    g.bind("skos", SKOS)
    g.bind("dcterms", DCTERMS)

    for ent in res.entities:
        iri = entity_iri(ent.iri_path)
        g.add((iri, RDF.type, KGO[ent.type]))
        g.add((iri, RDFS.label, Literal(ent.name)))
        for a in ent.aliases:
            g.add((iri, SKOS.altLabel, Literal(a)))
        for ident in ent.identifiers:
            g.add((iri, KGO.identifier, Literal(ident)))
        if ent.implied:
            g.add((iri, KGO.implied, Literal(True)))
        for line in ent.attrs.get("judgements") or []:
            g.add((iri, KGO.judgement, Literal(line)))
        desc = ent.attrs.get("description")
        if isinstance(desc, str) and desc:
            g.add((iri, KGO.description, Literal(desc)))
        for k in ("startDate", "endDate"):
            v = ent.attrs.get(k)
            if isinstance(v, str) and v:
                add_date(g, iri, KGO[k], v)

    assertions: dict[tuple, _Assertion] = {}
    for ex in extractions:
        src = _add_source(g, ex.doc)
        for claim in ex.entities:
            ent = res.entity_for(ex.doc.key, claim.id)
            if ent is not None:
                g.add((src, KGO.mentions, entity_iri(ent.iri_path)))
        for rel in ex.relations:
            spec = onto.relations.get(rel.type)
            s_ent = res.entity_for(ex.doc.key, rel.source)
            o_ent = res.entity_for(ex.doc.key, rel.target)
            if spec is None or s_ent is None or o_ent is None or s_ent is o_ent:
                continue
            s, o = entity_iri(s_ent.iri_path), entity_iri(o_ent.iri_path)
            if spec.symmetric and str(o) < str(s):
                s, o = o, s
            if (rel.type, str(s), str(o)) in rejected or (
                spec.symmetric and (rel.type, str(o), str(s)) in rejected
            ):
                continue
            quals = {k: v for k, v in rel.qualifiers.items() if v}
            for k, v in spec.defaults.items():
                quals.setdefault(k, v)
            key_q = {k: v for k, v in quals.items() if k != "status"}
            key = (rel.type, str(s), str(o), tuple(sorted((k, fold(v)) for k, v in key_q.items())))
            a = assertions.get(key)
            if a is None:
                a = assertions[key] = _Assertion(rel.type, s, o, key_q)
            a.sightings.append(
                _Sighting(
                    ex.doc,
                    rel.evidence.sentence if rel.evidence else "",
                    f"{rel.extractor}/{EXTRACTOR_VERSION}",
                    rel.confidence,
                    quals,
                )
            )

    for key, a in sorted(assertions.items(), key=lambda kv: repr(kv[0])):
        node = _add_assertion(g, key, a)
        line = accepted.get((a.rel, str(a.s), str(a.o)))
        if line is None and onto.relations[a.rel].symmetric:
            line = accepted.get((a.rel, str(a.o), str(a.s)))
        if line:
            g.add((node, KGO.judgement, Literal(line)))
    return g


def _add_assertion(g: Graph, key: tuple, a: _Assertion) -> URIRef:
    aid = hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:20]
    node = KGID["assertion/" + aid]
    pred = KGO[a.rel]
    g.add((a.s, pred, a.o))
    g.add((node, RDF.type, KGO.Assertion))
    g.add((node, RDF.subject, a.s))
    g.add((node, RDF.predicate, pred))
    g.add((node, RDF.object, a.o))
    add_qualifiers(g, node, a.key_qualifiers, machine=a.sightings[0].doc.kind == "record")
    dated = [(fact_date(s.doc), s) for s in a.sightings]
    dates = sorted(d for d, _ in dated if d)
    if dates:
        add_date(g, node, KGO.firstSeen, dates[0])
        add_date(g, node, KGO.lastSeen, dates[-1])
    # status: that of the most recent source (undated sources count as oldest)
    latest = max(dated, key=lambda ds: (ds[0] or "", ds[1].doc.key))[1]
    status = latest.qualifiers.get("status")
    if status:
        g.add((node, KGO.status, Literal(status)))
    # independent sources: noisy-or of the best confidence per source
    best: dict[str, float] = defaultdict(float)
    for s in a.sightings:
        best[s.doc.key] = max(best[s.doc.key], s.confidence)
    conf = 1.0
    for c in best.values():
        conf *= 1.0 - min(max(c, 0.0), 0.99)
    g.add((node, KGO.confidence, Literal(round(1.0 - conf, 3), datatype=XSD.decimal)))
    g.add((node, KGO.sourceCount, Literal(len(best), datatype=XSD.integer)))
    for s in a.sightings:
        eid = hashlib.sha1(repr((key, s.doc.key, s.sentence)).encode("utf-8")).hexdigest()[:20]
        ev = KGID["evidence/" + eid]
        g.add((node, KGO.evidence, ev))
        g.add((ev, RDF.type, KGO.Evidence))
        g.add((ev, KGO.source, doc_iri(s.doc)))
        g.add((ev, KGO.sentence, Literal(s.sentence)))
        g.add((ev, KGO.extractor, Literal(s.extractor)))
        g.add((ev, KGO.confidence, Literal(round(s.confidence, 3), datatype=XSD.decimal)))
        if s.qualifiers.get("status"):
            g.add((ev, KGO.status, Literal(s.qualifiers["status"])))
    return node
