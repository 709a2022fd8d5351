"""`kg load --bulk` (neo4j-admin import into the local server) gives the Cypher loader's graph."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import free_port, graph_dump
from conftest import wipe as _wipe
from small_store import make_store

from kg.errors import Neo4jError
from kg.neo4j import bulk, loader, server
from kg.neo4j.connection import Settings, open_driver

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """A server of our own: the bulk load stops and restarts it."""
    if not shutil.which("java") or not server.jars_ready():
        if os.environ.get("KG_REQUIRE_NEO4J") == "1":
            pytest.fail("java and the Neo4j jars are needed")
        pytest.skip("java and the Neo4j jars are needed")
    home, port = tmp_path_factory.mktemp("bulk") / "neo4j", free_port()
    server.start(home, port)
    yield home, Settings(uri=f"bolt://127.0.0.1:{port}")
    server.stop(home)


def dump(settings) -> set[tuple]:
    d = open_driver(settings)
    try:
        return graph_dump(d)
    finally:
        d.close()


def wipe(settings) -> None:

    d = open_driver(settings)
    try:
        _wipe(d)
    finally:
        d.close()


@pytest.mark.parametrize("which", ["dev", "small", "relative"])
def test_bulk_equals_the_cypher_load(own_server, dev_store, tmp_path, monkeypatch, which):
    home, settings = own_server
    store = dev_store if which == "dev" else make_store(tmp_path / "s", 4)  # with / without an import set
    if which == "relative":  # the importer runs in the server's folder: the files' paths must not be relative
        monkeypatch.chdir(dev_store.parent)
        store = Path(dev_store.name)
    wipe(settings)
    loader.load_store(store, settings)
    want = dump(settings)
    wipe(settings)
    s = bulk.bulk_load(store, settings, home)
    assert ("import set handed to neo4j-admin" in s.notes[0]) == (which != "small")
    assert s.rels_created > 0 and s.nodes_created > 0
    assert dump(settings) == want
    again = loader.load_store(store, settings)  # the diff loader sees nothing to do
    assert (again.nodes_created, again.rels_created, again.nodes_deleted, again.batches) == (0, 0, 0, 0)
    d = open_driver(settings)
    try:
        assert loader.neo4j_counts(d) == loader.rows_counts(loader.read_rows(store)[0])
    finally:
        d.close()


def test_bulk_refuses_a_non_empty_database_or_another_server(own_server, tmp_path):
    home, settings = own_server
    store = make_store(tmp_path / "s", 2)
    wipe(settings)
    loader.load_store(store, settings)
    with pytest.raises(Neo4jError, match="empty database"):
        bulk.bulk_load(store, settings, home)
    other = Settings(uri="bolt://127.0.0.1:1")
    with pytest.raises(Neo4jError, match="only loads the local server"):
        bulk.bulk_load(store, other, home)
    with pytest.raises(Neo4jError, match="running"):
        bulk.bulk_load(store, settings, tmp_path / "no-server-here")


def test_values_csv_cannot_carry_are_set_after_the_import(own_server, tmp_path):
    """Empty strings, lists holding "" or U+001F, date-times, multi-line text: same graph as Cypher's."""
    import datetime as dt

    from kg.neo4j.reader import GraphRows, NodeRow, RelRow

    home, settings = own_server
    org = ("Entity", "Organization", "NonProfit")

    def rows() -> GraphRows:
        a = {"iri": "e:a", "type": "NonProfit", "name": 'Yayasan "Harapan"', "aliases": ["Y\nH", "YH"]}
        b = {"iri": "e:b", "type": "NonProfit", "name": "", "aliases": ["", "x"], "identifiers": ["a\x1fb"]}
        doc = {"iri": "d:1", "type": "Article", "date": dt.date(2020, 2, 29), "title": 'T, "q"'}
        rel = {"iri": "r:1", "relation": "partnersWith", "confidence": 0.3, "first_seen": dt.date(2019, 1, 1),
               "evidence": ["", "S."], "status": ""}  # fmt: skip
        return GraphRows(
            [NodeRow("e:a", org, a), NodeRow("e:b", org, b)],
            [NodeRow("d:1", ("Source", "Article"), doc, ["e:a", "e:b"])],
            [RelRow("r:1", "PARTNERS_WITH", "e:a", "e:b", rel)],
        )

    wipe(settings)
    d = open_driver(settings)
    try:
        loader.load_rows(d, rows(), fast=False)
    finally:
        d.close()
    want = dump(settings)
    wipe(settings)
    s = bulk.bulk_load(tmp_path / "unused", settings, home, rows=rows())
    assert "2 rows set afterwards" in s.notes[-1]  # e:b and r:1; multi-line text and quotes go in the CSV
    assert dump(settings) == want
