"""A small store written with rdflib exactly as docs/data-model.md describes (no extractor)."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from kg.ontology import KGID, KGO
from kg.store import Store

SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCT = Namespace("http://purl.org/dc/terms/")
SCHEMA = Namespace("https://schema.org/")

ENTITIES = {  # slug: (kind, class, name, aliases)
    "kemensos": ("org", "GovernmentBody", "Kementerian Sosial", ["Kemensos", "Ministry of Social Affairs"]),
    "apc": ("org", "NonProfit", "Asian Philanthropy Circle", ["APC"]),
    "unicef": ("org", "IntergovernmentalOrganization", "UNICEF", []),
    "risma": ("person", "Person", "Tri Rismaharini", ["Risma"]),
    "pkh": ("program", "Program", "Program Keluarga Harapan", ["PKH"]),
    "asean_decl": ("commitment", "Commitment", "ASEAN Declaration on Children", []),
    "indonesia": ("place", "Place", "Indonesia", []),
    "baznas": ("org", "NonProfit", "BAZNAS", ["Badan Amil Zakat Nasional"]),
}
# (doc number, relation, subject, object, qualifiers, sentence)
FACTS = [
    (
        0,
        "partnersWith",
        "apc",
        "kemensos",
        {"status": "proposed"},
        "Kemensos membuka peluang kerja sama dengan APC.",
    ),
    (
        0,
        "holdsPosition",
        "risma",
        "kemensos",
        {"role": "Menteri Sosial"},
        "Menteri Sosial Tri Rismaharini ...",
    ),
    (1, "runs", "kemensos", "pkh", {"role": "implementer"}, "Kemensos menyalurkan PKH."),
    (1, "partnersWith", "kemensos", "unicef", {"status": "active"}, "Kemensos dan UNICEF bekerja sama."),
    (2, "partyTo", "indonesia", "asean_decl", {"role": "signatory"}, "Indonesia menandatangani deklarasi."),
    (2, "locatedIn", "kemensos", "indonesia", {}, "Kemensos di Jakarta, Indonesia."),
    (3, "funds", "baznas", "pkh", {"amount": "5 miliar", "currency": "IDR"}, "BAZNAS mendanai PKH."),
    (3, "partnersWith", "baznas", "kemensos", {"status": "active"}, "BAZNAS dan Kemensos berkolaborasi."),
]


def entity_iri(slug: str) -> URIRef:
    return KGID[f"{ENTITIES[slug][0]}/{slug}"]


def build_graph(n_docs: int) -> Graph:
    """The graph of the first ``n_docs`` documents (0..4): more documents, more facts."""
    g = Graph()
    used: set[str] = set()
    docs = {}
    for d in range(n_docs):
        doc = KGID[f"doc/d{d}"]
        docs[d] = doc
        g.add((doc, RDF.type, KGO.Article))
        g.add((doc, SCHEMA.url, Literal(f"https://news.example.org/{d}")))
        g.add((doc, DCT.title, Literal(f"Article {d}")))
        g.add((doc, KGO.publisher, Literal("ANTARA News")))
        g.add((doc, DCT.date, Literal(f"2021-0{d + 1}-15", datatype=XSD.date)))
        g.add((doc, DCT.language, Literal("id")))
        g.add((doc, KGO.sourcePath, Literal(f"corpus/{d}.txt")))
    for n, (d, rel, s, o, quals, sentence) in enumerate(FACTS):
        if d >= n_docs:
            continue
        used |= {s, o}
        si, oi = entity_iri(s), entity_iri(o)
        if rel == "partnersWith" and str(oi) < str(si):
            si, oi = oi, si
        g.add((si, KGO[rel], oi))
        a, ev = KGID[f"assertion/a{n}"], KGID[f"evidence/e{n}"]
        g.add((a, RDF.type, KGO.Assertion))
        g.add((a, RDF.subject, si))
        g.add((a, RDF.predicate, KGO[rel]))
        g.add((a, RDF.object, oi))
        for k, v in quals.items():
            g.add((a, KGO[k], Literal(v)))
        day = Literal(f"2021-0{d + 1}-15", datatype=XSD.date)
        g.add((a, KGO.confidence, Literal("0.8", datatype=XSD.decimal)))
        g.add((a, KGO.firstSeen, day))
        g.add((a, KGO.lastSeen, day))
        g.add((a, KGO.sourceCount, Literal(1)))
        g.add((a, KGO.evidence, ev))
        g.add((ev, RDF.type, KGO.Evidence))
        g.add((ev, KGO.source, docs[d]))
        g.add((ev, KGO.sentence, Literal(sentence)))
        g.add((ev, KGO.extractor, Literal("rules/0.1")))
        g.add((ev, KGO.confidence, Literal("0.8", datatype=XSD.decimal)))
        g.add((docs[d], KGO.mentions, si))
        g.add((docs[d], KGO.mentions, oi))
    for slug in sorted(used):
        kind, cls, name, aliases = ENTITIES[slug]
        e = entity_iri(slug)
        g.add((e, RDF.type, KGO[cls]))
        g.add((e, RDFS.label, Literal(name)))
        for a in aliases:
            g.add((e, SKOS.altLabel, Literal(a)))
        g.add((e, KGO.identifier, Literal(f"gaz:{slug}")))
    return g


def make_store(path: Path, n_docs: int) -> Path:
    with Store(path) as store:
        store.replace_graph(build_graph(n_docs))
    return path
