"""Analysts' queries on a real Neo4j: `kg path` agrees with the embedded store, the full-text
index and the `search` query, and `kg cypher --write` prints Neo4j's counters."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from path_fixture import make_path_store

from kg.cli import cli
from kg.neo4j import loader
from kg.pathfind import find_paths
from kg.query import run_canned

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def path_store(tmp_path_factory) -> Path:
    return make_path_store(tmp_path_factory.mktemp("paths"))


@pytest.fixture
def loaded(empty_db, neo4j_settings, path_store, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    loader.load_store(path_store, neo4j_settings)
    return empty_db


@pytest.mark.parametrize(
    "via, exclude",
    [(None, None), (["PARTNERS_WITH,FUNDS"], None), (None, [""]), (["RUNS"], ["Place"]), (["RUNS"], None)],
)
def test_path_is_the_same_on_both_backends(loaded, path_store, via, exclude):
    local = find_paths("AF", "Kembeta", via=via, exclude=exclude, store_path=path_store)
    remote = find_paths("AF", "Kembeta", via=via, exclude=exclude, backend="neo4j")
    assert remote == local
    if via is None and exclude is None:  # places and programs are not walked through
        assert {r[4] for r in remote[1] if r[1] == 1} == {"Ibu Epsilon", "PT Delta"}


def test_fulltext_index_and_search_on_both_backends(loaded, path_store):
    with loaded.session() as s:
        idx = s.run("SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, state").data()
    assert {"name": "kg_entity_names", "labelsOrTypes": ["Entity"], "properties": ["name", "aliases"],
            "state": "ONLINE"} in idx  # fmt: skip
    for q in ("beta", "kembeta", "Alpha Foundation", "bet", '"(', "ibu"):
        local = run_canned("search", {"q": q}, "local", path_store)
        remote = run_canned("search", {"q": q}, "neo4j")
        assert remote == local, q
    cols, rows = run_canned("search", {"q": "kembeta"}, "neo4j")
    assert cols == ["name", "type", "iri"] and [r[:2] for r in rows] == [
        ["Kementerian Beta", "GovernmentBody"]
    ]


def test_cypher_write_prints_counters(loaded, neo4j_settings):
    env = {"NEO4J_URI": neo4j_settings.uri}
    r = CliRunner().invoke(
        cli, ["cypher", "--write", "CREATE (n:Scratch {a: 1, b: 2}) RETURN n.a AS a"], env=env
    )
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-1].strip() == "1"
    assert "counters: nodes created: 1, properties set: 2, labels added: 1" in r.stderr
    r = CliRunner().invoke(cli, ["cypher", "--write", "MATCH (n:Scratch) DETACH DELETE n"], env=env)
    assert "counters: nodes deleted: 1" in r.stderr
    r = CliRunner().invoke(cli, ["cypher", "--write", "MATCH (n:Scratch) RETURN n"], env=env)
    assert "counters: no changes" in r.stderr
    r = CliRunner().invoke(cli, ["cypher", "MATCH (n:Scratch) RETURN n"], env=env)
    assert "counters" not in r.stderr  # read-only queries change nothing: no line
