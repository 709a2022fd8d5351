"""A merge judged by an analyst holds after a rebuild from scratch and a reload of Neo4j."""

from __future__ import annotations

import shutil

import pytest
from review_fixture import extract, write_sources

from kg.build import build_store, regenerate
from kg.judgements import export_judgements, import_judgements
from kg.neo4j import loader
from kg.review import candidates, judge
from kg.store import Store

pytestmark = pytest.mark.neo4j


def pratiknos(driver) -> list[dict]:
    with driver.session() as s:
        return s.run(
            "MATCH (p:Person {name: 'Pratikno'}) OPTIONAL MATCH (p)-[r:HOLDS_POSITION]->() "
            "RETURN p.iri AS iri, p.judgements AS judgements, collect(r.source_count) AS positions"
        ).data()


def test_merge_rebuild_from_scratch_reload(empty_db, neo4j_settings, tmp_path):
    src = write_sources(tmp_path)
    store = tmp_path / "store"
    build_store([src], store, extractor=extract)
    loader.load_store(store, neo4j_settings)
    assert len(pratiknos(empty_db)) == 2
    with Store(store, create=False) as s:
        c = candidates(s)[0]
    judge(store, "merge", c.a, c.b)
    judge(store, "reject", "Bappenas", "UNFPA", relation="funds")
    loader.load_store(
        store, neo4j_settings, delete=True
    )  # the diff load: the duplicate goes, the merge arrives
    (one,) = pratiknos(empty_db)
    assert one["iri"] == c.a and one["positions"] == [2]  # one position, seen in both articles
    assert one["judgements"] == [f"merged with Pratikno ({c.b}) by judgement #1"]
    # rebuild from scratch: a new store from the same sources, the judgements from their file
    with Store(store, create=False) as s:
        export_judgements(s.db, tmp_path / "judgements.jsonl")
    shutil.rmtree(store)
    build_store([src], store, extractor=extract)
    with Store(store, create=False) as s:
        import_judgements(s.db, tmp_path / "judgements.jsonl")
        regenerate(s)  # what `kg review import` does
    loader.load_store(store, neo4j_settings, delete=True)
    (again,) = pratiknos(empty_db)
    assert again == one
    with empty_db.session() as s:
        q = (
            "MATCH (b:Entity)-[r]-(:Entity) WHERE 'Bappenas' IN [b.name] + coalesce(b.aliases, []) "
            "RETURN type(r)"
        )
        assert sorted(s.run(q).value()) == ["PARTNERS_WITH"]  # the rejected FUNDS stays out


def test_split_retype_accept_reach_neo4j(empty_db, neo4j_settings, tmp_path):
    store = tmp_path / "store"
    build_store([write_sources(tmp_path)], store, extractor=extract)
    loader.load_store(store, neo4j_settings)
    judge(store, "split", "Kemensetneg", "source:https://example.org/b")
    judge(store, "retype", "UNFPA", "NonProfit")
    judge(store, "accept", "Bappenas", "UNFPA", relation="partnersWith")
    loader.load_store(store, neo4j_settings, delete=True)
    with empty_db.session() as s:
        bodies = s.run(
            "MATCH (g:GovernmentBody)<-[:HOLDS_POSITION]-(:Person) RETURN g.iri AS iri, g.judgements AS j "
            "ORDER BY iri"
        ).data()
        unfpa = s.run(
            "MATCH (n {iri: 'https://w3id.org/seakg/id/org/un_unfpa'}) RETURN labels(n) AS l"
        ).value()
        accepted = s.run("MATCH ()-[r:PARTNERS_WITH]-() RETURN DISTINCT r.judgements").value()
    base = "https://w3id.org/seakg/id/org/id_kemensetneg"
    assert [b["iri"] for b in bodies] == [base, base + bodies[1]["iri"][len(base) :]]
    assert bodies[1]["iri"].startswith(base + "_split_")
    assert bodies[1]["j"] == [f"split from Kementerian Sekretariat Negara ({base}) by judgement #1"]
    assert unfpa and "NonProfit" in unfpa[0] and "IntergovernmentalOrganization" not in unfpa[0]
    assert accepted == [["accepted by judgement #3"]]
