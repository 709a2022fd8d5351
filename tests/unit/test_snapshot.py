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
    assert "import set" in how
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


def test_import_set_round_trip_keeps_awkward_values(tmp_path: Path):
    """Values CSV cannot carry go to the patches; reading the set back gives every row as it was."""
    import datetime as dt

    from kg.neo4j.reader import GraphRows, NodeRow, RelRow

    org = ("Entity", "Organization", "NonProfit")
    a = {"iri": "e:a", "type": "NonProfit", "name": 'Yayasan "Harapan", Jakarta', "aliases": ["YH", "Y\nH"]}
    ents = [
        NodeRow("e:a", org, {**a, "implied": False}),
        NodeRow("e:b", org, {"iri": "e:b", "type": "NonProfit", "name": "", "aliases": ["", "x"]}),
        NodeRow("e:c", org, {"iri": "e:c", "type": "NonProfit", "name": "C", "identifiers": ["a\x1fb"]}),
    ]
    doc = {"iri": "d:1", "type": "Article", "date": dt.date(2020, 2, 29), "seen": dt.datetime(2020, 3, 1, 12)}
    src = NodeRow("d:1", ("Source", "Article"), doc, ["e:a", "e:c"])
    r1 = {"iri": "r:1", "confidence": 0.1 + 0.2, "source_count": 2, "first_seen": dt.date(2019, 1, 1)}
    rels = [
        RelRow("r:1", "PARTNERS_WITH", "e:a", "e:b", {**r1, "evidence": ['S, "q".']}),
        RelRow("r:2", "FUNDS", "e:c", "e:a", {"iri": "r:2", "amount": "", "sources": []}),
        RelRow("r:3", "FUNDS", "e:c", "nowhere", {"iri": "r:3"}),
    ]
    rows = GraphRows(ents, [src], rels, ["x:1"])
    head = snapshot.write_import_set(rows, tmp_path / "set", triples=7)
    assert head["multiline"] is True  # the importer must be told
    assert (head["relations"], head["dangling"], head["mentions"]) == (2, 1, 2)
    assert head["patches"] == 4  # e:b (empty name, "" in a list), e:c (U+001F), d:1 (datetime), r:2
    back = snapshot.read_import_set(snapshot.ImportSet(tmp_path / "set", head))
    assert back.entities == ents and back.sources == [src] and back.skipped == ["x:1"]
    assert sorted(back.relations, key=lambda r: r.iri) == rels[:2]
    assert all(r.hash == node_hash(r) for r in [*back.entities, *back.sources])
    assert all(r.hash == rel_hash(r) for r in back.relations)
    # the CSV lines of patched rows lack exactly the values CSV cannot carry
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "set").glob("nodes-*.csv"))
    assert "a\x1fb" not in text and '"C"' in text and "2020-02-29" in text


def test_damaged_import_set_is_one_clear_error(tmp_path: Path, corpus_dir: Path):
    import pytest

    from kg.errors import Neo4jError

    store = tmp_path / "s"
    build_store([corpus_dir / "000_seed_kemensos-apc.txt"], store, extractor=gold_extractor)
    victim = next(snapshot.snapshot_path(store).glob("rels-*.csv"))
    victim.write_text(victim.read_text(encoding="utf-8").split("\n")[0] + '\n"0","x"\n', encoding="utf-8")
    with Store(store, create=False) as s, pytest.raises(Neo4jError, match="damaged"):
        snapshot.read_snapshot(store, s.triple_count())
