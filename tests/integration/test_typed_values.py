"""Typed values in a real Neo4j: amounts sum, dates compare as dates, the canned query agrees."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.neo4j import loader
from kg.neo4j.queries import run_canned
from kg.query import run_canned as run_local

pytestmark = pytest.mark.neo4j

DATA = Path(__file__).parents[1] / "data" / "records"


@pytest.fixture(scope="module")
def records_store(tmp_path_factory) -> Path:
    from kg.build import build_store

    path = tmp_path_factory.mktemp("typed") / "store"
    build_store([DATA / "iati" / "kemensos-unicef-203.xml", DATA / "csv"], path)
    return path


def test_amounts_sum_and_dates_are_dates(empty_db, neo4j_settings, records_store, monkeypatch):
    loader.load_store(records_store, neo4j_settings)
    with empty_db.session() as s:
        total = s.run(
            "MATCH ()-[r:FUNDS]->() WHERE r.currency = 'USD' AND r.transaction_type IS NOT NULL "
            "RETURN sum(r.amount_value) AS total, collect(DISTINCT r.transaction_type) AS kinds"
        ).single()
        assert total["total"] == 350000.0
        assert sorted(total["kinds"]) == ["commitment", "disbursement"]
        q = "MATCH ()-[r]->() WHERE r.first_seen IS NOT NULL RETURN valueType(r.first_seen)"
        kinds = {r[0] for r in s.run(q)}
        assert kinds == {"DATE NOT NULL"}  # one type per property, never the string "2018"
        later = s.run(
            "MATCH ()-[r:FUNDS]->() WHERE r.value_date >= date('2023-06-01') RETURN r.amount_value"
        ).value()
        assert later == [100000.0]
        assert isinstance(s.run("MATCH (p:Program) RETURN p.start_date").single()[0].to_native(), dt.date)
    for key in ("NEO4J_URI", "NEO4J_DATABASE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    _, remote = run_canned("funding", {"org": ""})
    _, local = run_local("funding", {}, "local", records_store)
    assert remote == local and remote


def test_co_participation_loads_as_its_own_type(empty_db, neo4j_settings, records_store):
    loader.load_store(records_store, neo4j_settings)
    with empty_db.session() as s:
        pairs = s.run(
            "MATCH (a)-[r:CO_PARTICIPANT]->(b) RETURN a.name + ' / ' + b.name AS pair ORDER BY pair"
        ).value()
        iati_partners = s.run(
            "MATCH ()-[r:PARTNERS_WITH]->() WHERE any(e IN r.evidence WHERE e CONTAINS 'iati-activity') "
            "RETURN count(r)"
        ).single()[0]
    assert len(pairs) == 3 and iati_partners == 0
