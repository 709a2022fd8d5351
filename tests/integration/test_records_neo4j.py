"""IATI records in Neo4j: the MAEC file's 83 programs, queryable on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import wipe

from kg.neo4j import loader
from kg.query import run_canned
from kg.store import Store

pytestmark = pytest.mark.neo4j

MAEC = (
    Path(__file__).parents[2].parent
    / "shared"
    / "records"
    / "iati"
    / "activities"
    / "MAEC_IATI_INDONESIA.xml"
)


@pytest.fixture(scope="module")
def maec_store(tmp_path_factory, driver, neo4j_settings) -> Path:
    if not MAEC.exists():
        pytest.skip(f"{MAEC} not found")

    from kg.build import build_store

    path = tmp_path_factory.mktemp("maec") / "store"
    build_store([MAEC], path)
    wipe(driver, neo4j_settings.database)
    loader.load_store(path, neo4j_settings)
    return path


def test_83_programs_with_organizations_and_funds(maec_store, driver, neo4j_settings):
    with driver.session(database=neo4j_settings.database) as s:
        programs = s.run("MATCH (p:Program) RETURN count(p) AS n").single()["n"]
        runs = s.run(
            "MATCH (:Organization)-[r:RUNS]->(:Program) RETURN count(DISTINCT endNode(r)) AS n"
        ).single()["n"]
        funds = s.run("MATCH ()-[r:FUNDS]->() WHERE r.amount IS NOT NULL RETURN count(r) AS n").single()["n"]
    assert programs == 83 and runs == 83 and funds > 100


def test_canned_queries_agree_on_records(maec_store):
    with Store(maec_store, create=False) as s:
        _, rows = s.select(
            "SELECT ?name (COUNT(?a) AS ?n) WHERE { ?a rdf:predicate kgo:runs ; rdf:subject ?o . "
            "?o rdfs:label ?name } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 3"
        )
    assert rows
    for org, _n in rows:
        for name in ("programs", "partners"):
            local = run_canned(name, {"org": org}, backend="local", store_path=maec_store)
            neo = run_canned(name, {"org": org}, backend="neo4j")
            assert local == neo, (name, org)
    local = run_canned("programs", {"org": rows[0][0]}, backend="local", store_path=maec_store)
    assert len(local[1]) > 10
