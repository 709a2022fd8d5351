"""The build: idempotence, incremental adds, provenance, validation and counts (real corpus)."""

from __future__ import annotations

import shutil
from pathlib import Path

from gold_extractor import gold_extractor

from kg.build import build_store
from kg.stats import store_stats
from kg.store import Store
from kg.validate import validate_store


def test_rebuild_is_idempotent_and_new_articles_add(tmp_path: Path, corpus_dir: Path):
    part = tmp_path / "part"
    part.mkdir()
    for name in ("033_kemenag-unicef-mou-pilar.txt", "000_seed_kemensos-apc.txt"):
        shutil.copy(corpus_dir / name, part / name)
    store = tmp_path / "store"
    first = build_store([part], store, extractor=gold_extractor)
    assert (first.added, first.unchanged) == (2, 0)
    again = build_store([part], store, extractor=gold_extractor)
    assert (again.added, again.unchanged, again.triples) == (0, 2, first.triples)
    shutil.copy(corpus_dir / "034_kemenag-unicef-mou-antara.txt", part)
    more = build_store([part], store, extractor=gold_extractor)
    assert (more.added, more.unchanged) == (1, 2)
    assert more.triples > first.triples
    assert more.documents == 3


def test_a_fact_seen_in_two_articles_keeps_both(tmp_path: Path, corpus_dir: Path):
    # 033 (Pilar.id) and 034 (ANTARA) report the same Kemenag-UNICEF MoU.
    store = tmp_path / "s"
    build_store(
        [corpus_dir / "033_kemenag-unicef-mou-pilar.txt", corpus_dir / "034_kemenag-unicef-mou-antara.txt"],
        store,
        extractor=gold_extractor,
    )
    with Store(store) as s:
        _, rows = s.select(
            """SELECT ?n (COUNT(DISTINCT ?src) AS ?sources) WHERE {
                 ?a a kgo:Assertion ; rdf:predicate kgo:partnersWith ; kgo:sourceCount ?n ;
                    kgo:evidence/kgo:source ?src ; rdf:subject|rdf:object ?x .
                 ?x rdfs:label|skos:altLabel "UNICEF" } GROUP BY ?n"""
        )
    assert rows and max(int(r[1]) for r in rows) == 2
    assert max(int(r[0]) for r in rows) == 2


def test_provenance_on_every_fact(gold_store: Path):
    with Store(gold_store) as s:
        _, missing = s.select(
            "SELECT ?a WHERE { ?a a kgo:Assertion FILTER NOT EXISTS { ?a kgo:evidence/kgo:source ?d } }"
        )
        assert missing == []
        _, rows = s.select(
            """SELECT ?sentence ?url ?title ?publisher ?lang ?extractor ?conf WHERE {
                 ?x rdfs:label "Asian Philanthropy Circle" .
                 ?a rdf:predicate kgo:partnersWith ; rdf:subject|rdf:object ?x ; kgo:evidence ?e .
                 ?e kgo:sentence ?sentence ; kgo:source ?d ; kgo:extractor ?extractor ; kgo:confidence ?conf .
                 ?d schema:url ?url ; dcterms:title ?title ; kgo:publisher ?publisher ;
                    dcterms:language ?lang }"""
        )
    sentence, url, title, publisher, lang, extractor, conf = rows[0]
    assert "kerja sama" in sentence and "APC" in sentence
    assert url.startswith("https://www.antaranews.com/") and publisher == "ANTARA News" and lang == "id"
    assert extractor.startswith("gold/") and 0 < conf <= 1


def test_undated_article_falls_back_to_copyright_year(gold_store: Path):
    with Store(gold_store) as s:
        _, rows = s.select(
            """SELECT ?fs ?p ?dt WHERE { ?x rdfs:label "Asian Philanthropy Circle" .
                 ?a rdf:predicate kgo:partnersWith ; rdf:subject|rdf:object ?x ; kgo:firstSeen ?fs ;
                    kgo:firstSeenPrecision ?p BIND(DATATYPE(?fs) AS ?dt) }"""
        )
    # a year alone: an xsd:date (its first day) with its precision recorded
    assert rows == [["2018-01-01", "year", "http://www.w3.org/2001/XMLSchema#date"]]


def test_graph_validates_against_shapes(gold_store: Path):
    report = validate_store(gold_store)
    assert report.conforms, report.violations[:3]


def test_stats_keyed_by_ontology_names(gold_store: Path):
    st = store_stats(gold_store)
    assert st["documents"] == st["articles"] > 20
    assert set(st["entities"]) <= {
        "GovernmentBody",
        "IntergovernmentalOrganization",
        "NonProfit",
        "Company",
        "Person",
        "Program",
        "Commitment",
        "Place",
    }
    assert st["entities"]["Program"] > 0 and st["relations"]["partnersWith"] > 0
    assert st["triples"] > 1000


def test_real_extractor_resolves_one_body_across_languages(tmp_path: Path):
    """Two articles of our own, one Indonesian and one English, name the same ministry."""
    (tmp_path / "a.txt").write_text(
        "url: https://example.org/a\ntitle: A\ndate: 2024-01-10\nlang: id\n---\n"
        "Kementerian Sosial RI (Kemensos) menandatangani nota kesepahaman dengan Yayasan Pelita Desa "
        "untuk program pemberdayaan keluarga miskin.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "url: https://example.org/b\ntitle: B\ndate: 2024-06-01\nlang: en\n---\n"
        "The Ministry of Social Affairs signed a partnership agreement with Yayasan Pelita Desa "
        "on Monday to support poor families.\n",
        encoding="utf-8",
    )
    store = tmp_path / "s"
    build_store([tmp_path / "a.txt", tmp_path / "b.txt"], store)
    with Store(store) as s:
        _, rows = s.select(
            """SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE {
                 ?e rdfs:label|skos:altLabel "Kemensos" . ?d kgo:mentions ?e } GROUP BY ?e"""
        )
        assert len(rows) == 1 and rows[0][1] == 2
        _, rows = s.select(
            """SELECT ?fs ?ls ?n WHERE { ?a rdf:predicate kgo:partnersWith ; rdf:subject|rdf:object ?x ;
                 kgo:firstSeen ?fs ; kgo:lastSeen ?ls ; kgo:sourceCount ?n .
                 ?x rdfs:label|skos:altLabel "Kemensos" }"""
        )
    assert rows == [["2024-01-10", "2024-06-01", 2]]
