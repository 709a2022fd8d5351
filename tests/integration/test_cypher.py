"""`kg cypher`: read-only by default, writes only with --write."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import Neo4jError
from kg.neo4j.queries import run_cypher

pytestmark = pytest.mark.neo4j


def test_write_in_read_mode_is_rejected(empty_db, neo4j_settings):
    with pytest.raises(Neo4jError, match="--write"):
        run_cypher("CREATE (n:Scratch {x: 1})", settings=neo4j_settings)
    cols, rows = run_cypher("MATCH (n:Scratch) RETURN count(n) AS n", settings=neo4j_settings)
    assert (cols, rows) == (["n"], [[0]])


def test_write_with_flag_and_params(empty_db, neo4j_settings):
    run_cypher("CREATE (n:Scratch {x: $x})", {"x": "a'); DROP"}, write=True, settings=neo4j_settings)
    cols, rows = run_cypher("MATCH (n:Scratch) RETURN n.x AS x", settings=neo4j_settings)
    assert rows == [["a'); DROP"]]


def test_cli(empty_db, neo4j_settings, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    runner = CliRunner()
    res = runner.invoke(cli, ["cypher", "CREATE (n:Scratch)"])
    assert res.exit_code == 1 and "add --write" in res.output
    res = runner.invoke(cli, ["cypher", "--write", "CREATE (n:Scratch {d: date('2020-01-02')})"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["cypher", "MATCH (n:Scratch) RETURN n.d AS d", "--format", "csv"])
    assert res.exit_code == 0 and res.output.splitlines() == ["d", "2020-01-02"]
