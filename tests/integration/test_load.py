"""`kg load` against a real Neo4j: counts, idempotency, increments, interruptions."""

from __future__ import annotations

import pytest
from conftest import wipe
from small_store import make_store

from kg import ontology
from kg.neo4j import loader
from kg.neo4j.reader import read_graph
from kg.store import Store

pytestmark = pytest.mark.neo4j


def rows_of(path):
    with Store(path, create=False) as s:
        return read_graph(s.rdf)


def snapshot(driver) -> set[tuple]:
    """Everything the loader wrote: (iri, digest) of nodes and relationships, and MENTIONS pairs."""
    with driver.session() as s:
        nodes = {
            ("n", r[0], r[1]) for r in s.run("MATCH (n) WHERE n.kg_hash IS NOT NULL RETURN n.iri, n.kg_hash")
        }
        rels = {
            ("r", r[0], r[1])
            for r in s.run("MATCH ()-[x]->() WHERE x.kg_hash IS NOT NULL RETURN x.iri, x.kg_hash")
        }
        ments = {("m", r[0], r[1]) for r in s.run("MATCH (d:Source)-[:MENTIONS]->(e) RETURN d.iri, e.iri")}
    return nodes | rels | ments


def test_counts_equal_the_store(empty_db, neo4j_settings, dev_store):
    loader.load_store(dev_store, neo4j_settings)
    counts = loader.neo4j_counts(empty_db)
    # what the store says, by SPARQL (independent of the loader's reader)
    from kg.build import graph_counts

    with Store(dev_store, create=False) as s:
        expected = graph_counts(s)
    onto = ontology.load()
    for cls, n in expected["entities"].items():
        assert counts["labels"][onto.classes[cls].neo4j_labels[-1]] == n, cls
    assert counts["labels"]["Entity"] == sum(expected["entities"].values())
    for rel, n in expected["relations"].items():
        assert counts["types"][onto.relations[rel].neo4j_type] == n, rel
    assert counts == loader.rows_counts(rows_of(dev_store))


def test_load_twice_changes_nothing(empty_db, neo4j_settings, dev_store):
    first = loader.load_store(dev_store, neo4j_settings)
    assert first.rels_created > 0 and first.nodes_created > 0
    before = snapshot(empty_db)
    counts = loader.neo4j_counts(empty_db)
    second = loader.load_store(dev_store, neo4j_settings)
    assert (second.nodes_created, second.rels_created, second.nodes_deleted, second.rels_deleted) == (
        0,
        0,
        0,
        0,
    )
    assert second.batches == 0
    assert loader.neo4j_counts(empty_db) == counts
    assert snapshot(empty_db) == before


def test_new_articles_add_and_removed_ones_go(empty_db, neo4j_settings, tmp_path):
    small, big = make_store(tmp_path / "a", 2), make_store(tmp_path / "b", 4)
    loader.load_store(small, neo4j_settings)
    assert loader.neo4j_counts(empty_db) == loader.rows_counts(rows_of(small))
    s = loader.load_store(big, neo4j_settings)
    assert s.nodes_deleted == 0 and s.rels_deleted == 0 and s.rels_created == 4
    assert loader.neo4j_counts(empty_db) == loader.rows_counts(rows_of(big))
    # back to the small store: Neo4j follows once deleting is allowed (what the store no longer has)
    with pytest.raises(loader.DeletionNotConfirmed):
        loader.load_store(small, neo4j_settings)
    assert loader.neo4j_counts(empty_db) == loader.rows_counts(rows_of(big))  # nothing written
    s = loader.load_store(small, neo4j_settings, delete=True)
    assert s.nodes_deleted > 0  # their relationships go with them (DETACH DELETE)
    assert loader.neo4j_counts(empty_db) == loader.rows_counts(rows_of(small))


def test_interrupted_load_is_completed_by_the_next(empty_db, neo4j_settings, dev_store):
    loader.load_store(dev_store, neo4j_settings)
    clean = snapshot(empty_db)

    wipe(empty_db)
    with pytest.raises(loader.Interrupted):
        loader.load_store(dev_store, neo4j_settings, batch_size=50, max_batches=6)
    partial = snapshot(empty_db)
    assert partial and partial != clean
    loader.load_store(dev_store, neo4j_settings, batch_size=50)
    assert snapshot(empty_db) == clean


def test_properties_and_labels(empty_db, neo4j_settings, tmp_path):
    loader.load_store(make_store(tmp_path / "s", 4), neo4j_settings)
    with empty_db.session() as s:
        rec = s.run(
            "MATCH (n:Entity {name: 'Kementerian Sosial'}) RETURN labels(n) AS l, n.aliases AS a, "
            "n.identifiers AS i, n.implied AS imp, n.type AS t"
        ).single()
        assert set(rec["l"]) == {"Entity", "Organization", "GovernmentBody"}
        assert rec["a"] == ["Kemensos", "Ministry of Social Affairs"] and rec["i"] == ["gaz:kemensos"]
        assert rec["imp"] is False and rec["t"] == "GovernmentBody"
        r = s.run(
            "MATCH (:Entity {name: 'BAZNAS'})-[r:FUNDS]->(:Entity {name: 'Program Keluarga Harapan'}) "
            "RETURN r"
        ).single()["r"]
        assert r["amount"] == "5 miliar" and r["currency"] == "IDR" and r["source_count"] == 1
        assert r["sources"] == ["https://news.example.org/3"] and r["evidence"] == ["BAZNAS mendanai PKH."]
        assert str(r["first_seen"]) == "2021-04-15" and r["confidence"] == 0.8
        assert r["iri"].startswith("https://w3id.org/seakg/id/assertion/")
        doc = s.run("MATCH (d:Source:Article {url: 'https://news.example.org/0'}) RETURN d").single()["d"]
        assert doc["title"] == "Article 0" and doc["publisher"] == "ANTARA News" and doc["lang"] == "id"
        n = s.run(
            "MATCH (:Article {url: 'https://news.example.org/0'})-[:MENTIONS]->(e) RETURN count(e)"
        ).single()
        assert n[0] == 3
        constraints = {r["name"] for r in s.run("SHOW CONSTRAINTS YIELD name")}
        assert {"kg_entity_iri", "kg_source_iri", "kg_partners_with_iri"} <= constraints
