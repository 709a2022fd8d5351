"""The fast path of `kg load` (empty database, no diff) writes exactly the diff loader's graph."""

from __future__ import annotations

import pytest
from conftest import graph_dump as dump
from conftest import wipe
from small_store import make_store

from kg.neo4j import loader
from kg.neo4j.fastload import fast_load_rows, is_empty

pytestmark = pytest.mark.neo4j


def constraints(driver) -> set[str]:
    with driver.session() as s:
        return {r["name"] for r in s.run("SHOW CONSTRAINTS YIELD name")}


def drop_schema(driver) -> None:
    with driver.session() as s:
        for name in constraints(driver):
            s.run(f"DROP CONSTRAINT {name}").consume()
        for r in list(s.run("SHOW INDEXES YIELD name, type, owningConstraint")):
            if r["name"].startswith("kg_") and r["owningConstraint"] is None:
                s.run(f"DROP INDEX {r['name']}").consume()


@pytest.mark.parametrize("which", ["dev", "small"])
def test_fast_load_equals_the_diff_load(empty_db, neo4j_settings, dev_store, tmp_path, which):
    store = dev_store if which == "dev" else make_store(tmp_path / "s", 4)  # with / without a snapshot
    slow = loader.load_store(store, neo4j_settings, fast=False)
    assert slow.route == "diff"
    want = dump(empty_db)
    wipe(empty_db)
    drop_schema(empty_db)  # the fast path creates the schema after the data
    fast = loader.load_store(store, neo4j_settings)
    assert fast.route == "fast" and any("fast path" in n for n in fast.notes)
    assert (fast.nodes_created, fast.rels_created, fast.mentions_created) == (
        slow.nodes_created, slow.rels_created, slow.mentions_created,
    )  # fmt: skip
    assert dump(empty_db) == want
    assert {"kg_entity_iri", "kg_source_iri", "kg_partners_with_iri"} <= constraints(empty_db)
    again = loader.load_store(store, neo4j_settings)  # a diff load, and nothing to do
    assert again.route == "diff"
    assert (again.nodes_created, again.rels_created, again.nodes_deleted, again.rels_deleted,
            again.nodes_updated, again.batches) == (0, 0, 0, 0, 0, 0)  # fmt: skip
    assert dump(empty_db) == want
    assert loader.neo4j_counts(empty_db) == loader.rows_counts(loader.read_rows(store)[0])


def test_fast_load_one_session_and_tiny_batches(empty_db, neo4j_settings, dev_store):
    rows = loader.read_rows(dev_store)[0]
    fast_load_rows(empty_db, rows, batch_size=7, workers=1)
    want = dump(empty_db)
    wipe(empty_db)
    s = fast_load_rows(empty_db, rows, batch_size=7, workers=3)
    assert s.batches > 10 and dump(empty_db) == want


def test_interrupted_fast_load_is_completed_by_a_diff_load(empty_db, neo4j_settings, dev_store):
    loader.load_store(dev_store, neo4j_settings)
    clean = dump(empty_db)
    wipe(empty_db)
    assert is_empty(empty_db)
    with pytest.raises(loader.Interrupted):
        loader.load_store(dev_store, neo4j_settings, batch_size=50, max_batches=6)
    assert not is_empty(empty_db) and dump(empty_db) != clean
    s = loader.load_store(dev_store, neo4j_settings, batch_size=50)
    assert s.route == "diff" and dump(empty_db) == clean


def test_fast_load_interrupted_before_the_mentions_is_completed_by_a_diff_load(
    empty_db, neo4j_settings, dev_store
):
    # stopped after the node batches, before any MENTIONS: the sources' hashes must not say
    # "unchanged" to the diff load (a rerun once left the graph without MENTIONS)
    rows, _ = loader.read_rows(dev_store)
    node_batches = sum(
        -(-len(group) // 50) for kind in (rows.entities, rows.sources) for group in _by_labels(kind).values()
    )
    loader.load_store(dev_store, neo4j_settings)
    clean = dump(empty_db)
    wipe(empty_db)
    with pytest.raises(loader.Interrupted):
        loader.load_store(dev_store, neo4j_settings, batch_size=50, max_batches=node_batches)
    with empty_db.session() as s:
        assert s.run("MATCH (:Source)-[m]->() RETURN count(m)").single()[0] == 0
        assert s.run("MATCH (d:Source) RETURN count(d)").single()[0] == len(rows.sources)
    s = loader.load_store(dev_store, neo4j_settings, batch_size=50)
    assert s.route == "diff" and dump(empty_db) == clean


def _by_labels(rows) -> dict:
    out: dict = {}
    for r in rows:
        out.setdefault(r.labels, []).append(r)
    return out
