"""The property-graph snapshot written by the build equals what the store's RDF says."""

from __future__ import annotations

from pathlib import Path

from gold_extractor import gold_extractor

from kg.build import build_store, graph_counts
from kg.neo4j import snapshot
from kg.neo4j.loader import node_hash, read_rows, rel_hash, rows_counts
from kg.neo4j.reader import read_graph
from kg.ontology import load
from kg.store import Store


def _by_iri(rows):
    return {r.iri: r for r in rows}


def test_snapshot_rows_equal_the_rdf(gold_store: Path):
    with Store(gold_store, create=False) as s:
        from_rdf = read_graph(s.rdf)
        snap = snapshot.read_snapshot(gold_store, s.triple_count())
    assert snap is not None, "kg build writes a fresh snapshot"
    for kind in ("entities", "sources", "relations"):
        a, b = _by_iri(getattr(from_rdf, kind)), _by_iri(getattr(snap, kind))
        assert a.keys() == b.keys(), kind
        for iri, row in a.items():
            assert b[iri] == row, (kind, iri)  # labels/type, endpoints, every property (dates as dates)
    assert sorted(snap.skipped) == sorted(from_rdf.skipped)
    # the stored digests are the ones the loader would compute
    assert all(r.hash == node_hash(r) for r in [*snap.entities, *snap.sources])
    assert all(r.hash == rel_hash(r) for r in snap.relations)
    assert rows_counts(snap) == rows_counts(from_rdf)


def test_snapshot_counts_equal_sparql(gold_store: Path):
    rows, how = read_rows(gold_store)
    assert "snapshot" in how
    with Store(gold_store, create=False) as s:
        expected = graph_counts(s)
    counts, onto = rows_counts(rows), load()
    for cls, n in expected["entities"].items():
        assert counts["labels"][onto.classes[cls].neo4j_labels[-1]] == n, cls
    for rel, n in expected["relations"].items():
        assert counts["types"][onto.relations[rel].neo4j_type] == n, rel


def test_stale_or_missing_snapshot_falls_back_to_the_rdf(tmp_path: Path, corpus_dir: Path):
    store = tmp_path / "s"
    build_store([corpus_dir / "000_seed_kemensos-apc.txt"], store, extractor=gold_extractor)
    with Store(store, create=False) as s:
        n = s.triple_count()
        assert snapshot.read_snapshot(store, n) is not None
        assert snapshot.read_snapshot(store, n + 1) is None  # the graph changed since
        from_rdf = read_graph(s.rdf)
    snapshot.remove_snapshot(store)
    rows, how = read_rows(store)
    assert "RDF" in how and rows == from_rdf
