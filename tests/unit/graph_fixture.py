"""Test data for the graph view, exports, network analysis and viz.

``fixture_graph()`` writes a small store graph by hand, following docs/data-model.md
exactly (entities, direct triples, reified assertions, evidence, sources), so these tests
do not depend on the extractor or the builder. ``synthetic_view(n)`` makes a large
property graph (the shape :func:`kg.graphview.read_graph` returns) for the viz tests.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.ontology import KGID, KGO, load
from kg.store import PREFIXES, Store

SCHEMA = Namespace("https://schema.org/")

ENTITIES = [
    (
        "org/kementerian_sosial",
        "GovernmentBody",
        "Kementerian Sosial",
        ["Kemensos", "Ministry of Social Affairs"],
    ),
    ("org/bappenas", "GovernmentBody", "Bappenas", ["Kementerian PPN"]),
    ("org/asian_philanthropy_circle", "NonProfit", "Asian Philanthropy Circle", ["APC"]),
    ("org/dompet_dhuafa", "NonProfit", "Dompet Dhuafa", []),
    (
        "org/yayasan_sayangi_tunas_cilik",
        "NonProfit",
        "Yayasan Sayangi Tunas Cilik",
        ["Save the Children Indonesia"],
    ),
    ("org/lonely_foundation", "NonProfit", "Lonely Foundation", []),
    ("org/unicef", "IntergovernmentalOrganization", "UNICEF", ["United Nations Children's Fund"]),
    ("org/bank_mandiri", "Company", "Bank Mandiri", []),
    ("person/tri_rismaharini", "Person", "Tri Rismaharini", ["Risma"]),
    ("program/pkh", "Program", "Program Keluarga Harapan", ["PKH"]),
    (
        "commitment/asean_declaration_evac",
        "Commitment",
        "ASEAN Declaration on the Elimination of Violence against Children",
        [],
    ),
    ("place/indonesia", "Place", "Indonesia", []),
]

# key -> (kind, date or None, url or None, path, title)
SOURCES = {
    "d1": (
        "Article",
        "2018-11-02",
        "https://www.antaranews.com/berita/1",
        "corpus/d1.txt",
        "Kemensos buka peluang kerja sama dengan APC",
    ),
    "d2": ("Article", "2020-03-15", "https://example.org/news/2", "corpus/d2.txt", "UNICEF dan Kemensos"),
    "d3": ("Article", None, None, "corpus/d3.txt", "PKH disalurkan"),
    "d4": ("Record", "2019-07-01", None, "records/iati.xml", "IATI activity XM-DAC-41122-PKH"),
    "d5": ("Article", "2021-05-10", "https://example.org/news/5", "corpus/d5.txt", "Deklarasi ASEAN"),
}

# (subject, relation, object, qualifiers, [(source, sentence, confidence)])
RELATIONS = [
    (
        "org/kementerian_sosial",
        "partnersWith",
        "org/asian_philanthropy_circle",
        {"status": "proposed"},
        [("d1", "Kementerian Sosial membuka peluang kerja sama dengan Asian Philanthropy Circle.", 0.8)],
    ),
    (
        "org/unicef",
        "partnersWith",
        "org/kementerian_sosial",
        {"status": "active"},
        [("d2", "UNICEF bekerja sama dengan Kemensos.", 0.9)],
    ),
    (
        "org/unicef",
        "funds",
        "org/yayasan_sayangi_tunas_cilik",
        {},
        [("d2", "UNICEF mendanai Yayasan Sayangi Tunas Cilik.", 0.7)],
    ),
    (
        "org/kementerian_sosial",
        "runs",
        "program/pkh",
        {"role": "implementer"},
        [("d1", "Kemensos menjalankan PKH.", 0.9), ("d3", "PKH dari Kemensos disalurkan.", 0.6)],
    ),
    (
        "org/dompet_dhuafa",
        "runs",
        "program/pkh",
        {"role": "implementer"},
        [("d3", "Dompet Dhuafa ikut menyalurkan PKH.", 0.6)],
    ),
    (
        "org/unicef",
        "funds",
        "program/pkh",
        {"amount": "1000000", "currency": "USD", "date": "2019-07-01"},
        [("d4", "iati-activity/transaction[1]", 1.0)],
    ),
    (
        "org/kementerian_sosial",
        "partyTo",
        "commitment/asean_declaration_evac",
        {"role": "signatory"},
        [("d5", "Kemensos menandatangani deklarasi ASEAN.", 0.8)],
    ),
    (
        "org/bappenas",
        "partyTo",
        "commitment/asean_declaration_evac",
        {"role": "party"},
        [("d5", "Bappenas turut mengadopsi deklarasi.", 0.7)],
    ),
    (
        "person/tri_rismaharini",
        "holdsPosition",
        "org/kementerian_sosial",
        {"role": "Menteri Sosial"},
        [("d5", "Menteri Sosial Tri Rismaharini hadir.", 0.9)],
    ),
    (
        "org/bank_mandiri",
        "funds",
        "org/dompet_dhuafa",
        {},
        [("d5", "Bank Mandiri menyalurkan dana ke Dompet Dhuafa.", 0.7)],
    ),
    (
        "org/asian_philanthropy_circle",
        "partnersWith",
        "org/dompet_dhuafa",
        {"status": "active"},
        [("d2", "APC dan Dompet Dhuafa bermitra.", 0.8)],
    ),
    ("org/kementerian_sosial", "locatedIn", "place/indonesia", {}, [("d1", "Kemensos di Jakarta.", 0.5)]),
]


def _h(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:16]


def fixture_graph() -> Graph:
    g = Graph()
    for k, v in PREFIXES.items():
        g.bind(k, v)
    for key, t, name, aliases in ENTITIES:
        e = KGID[key]
        g.add((e, RDF.type, KGO[t]))
        g.add((e, RDFS.label, Literal(name)))
        for a in aliases:
            g.add((e, SKOS.altLabel, Literal(a)))
    docs = {}
    for key, (kind, date, url, path, title) in SOURCES.items():
        d = KGID[f"doc/{_h(key)}"]
        docs[key] = d
        g.add((d, RDF.type, KGO[kind]))
        if url:
            g.add((d, SCHEMA.url, Literal(url)))
        g.add((d, DCTERMS.title, Literal(title)))
        g.add((d, KGO.publisher, Literal("Test Wire")))
        if date:
            g.add((d, DCTERMS.date, Literal(date, datatype=XSD.date)))
        g.add((d, DCTERMS.language, Literal("id")))
        g.add((d, KGO.sourcePath, Literal(path)))
        g.add((d, KGO.contentHash, Literal(_h("hash", key))))
    for s, rel, o, quals, evs in RELATIONS:
        if load().relations[rel].symmetric and KGID[o] < KGID[s]:
            s, o = o, s
        si, oi, p = KGID[s], KGID[o], KGO[rel]
        g.add((si, p, oi))
        a = KGID[f"assertion/{_h(rel, s, o, quals.get('role'), quals.get('amount'), quals.get('date'))}"]
        g.add((a, RDF.type, KGO.Assertion))
        g.add((a, RDF.subject, si))
        g.add((a, RDF.predicate, p))
        g.add((a, RDF.object, oi))
        for q, v in quals.items():
            g.add((a, KGO[q], Literal(v, datatype=XSD.date) if q == "date" else Literal(v)))
        g.add((a, KGO.confidence, Literal(str(max(c for _, _, c in evs)), datatype=XSD.decimal)))
        dates = sorted(SOURCES[d][1] for d, _, _ in evs if SOURCES[d][1])
        if dates:
            g.add((a, KGO.firstSeen, Literal(dates[0], datatype=XSD.date)))
            g.add((a, KGO.lastSeen, Literal(dates[-1], datatype=XSD.date)))
        g.add((a, KGO.sourceCount, Literal(len({d for d, _, _ in evs}))))
        for d, sentence, conf in evs:
            ev = KGID[f"evidence/{_h(a, d, sentence)}"]
            g.add((a, KGO.evidence, ev))
            g.add((ev, RDF.type, KGO.Evidence))
            g.add((ev, KGO.source, docs[d]))
            g.add((ev, KGO.sentence, Literal(sentence)))
            g.add((ev, KGO.extractor, Literal("rules/0.1")))
            g.add((ev, KGO.confidence, Literal(str(conf), datatype=XSD.decimal)))
            g.add((docs[d], KGO.mentions, si))
            g.add((docs[d], KGO.mentions, oi))
    return g


def make_store(path: Path) -> Path:
    with Store(path) as s:
        s.replace_graph(fixture_graph())
    return path


def iri(key: str) -> str:
    return str(KGID[key])


def uri(key: str) -> URIRef:
    return KGID[key]


def synthetic_view(n: int = 2000, seed: int = 7) -> nx.MultiDiGraph:
    """A random property graph of ``n`` entities and about ``2n`` relations, with evidence."""
    rnd = random.Random(seed)
    onto = load()
    types = onto.entity_types
    g = nx.MultiDiGraph()
    for i in range(n):
        t = types[i % len(types)]
        g.add_node(
            f"urn:e:{i}",
            iri=f"urn:e:{i}",
            name=f"{t} {i}",
            aliases=[f"E{i}"],
            type=t,
            color=onto.classes[t].color,
        )
    rels = list(onto.relations.values())
    for j in range(2 * n):
        a = rnd.randrange(n)
        b = (a + 1 + int(rnd.paretovariate(1.2))) % n if j % 3 else rnd.randrange(n)
        if a == b:
            continue
        r = rels[j % len(rels)]
        g.add_edge(
            f"urn:e:{a}",
            f"urn:e:{b}",
            key=f"urn:a:{j}",
            assertion=f"urn:a:{j}",
            relation=r.name,
            label=r.label,
            rel_type=r.neo4j_type,
            symmetric=r.symmetric,
            qualifiers={},
            confidence=0.5,
            first_seen="2020-01-01",
            last_seen="2020-01-01",
            source_count=1,
            evidence=[
                {
                    "evidence": f"urn:ev:{j}",
                    "sentence": f"Sentence {j} <b>not bold</b>.",
                    "source": f"urn:doc:{j % 50}",
                    "url": f"https://example.org/{j % 50}",
                    "path": None,
                    "title": f"Doc {j % 50}",
                    "date": "2020-01-01",
                    "publisher": None,
                    "kind": "Article",
                    "confidence": 0.5,
                }
            ],
        )
    return g
