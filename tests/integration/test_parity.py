"""Every canned query gives the same answers on the embedded store and on Neo4j."""

from __future__ import annotations

import pytest
from conftest import wipe

from kg.neo4j import loader
from kg.query import list_queries, run_canned
from kg.store import Store

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def loaded(dev_store, driver, neo4j_settings):

    wipe(driver, neo4j_settings.database)
    loader.load_store(dev_store, neo4j_settings)
    return dev_store


def _cases(store_path) -> list[tuple[str, dict]]:
    """Parameters taken from the store itself: busy organizations, linked pairs, far pairs."""
    with Store(store_path, create=False) as s:
        _, orgs = s.select(
            "SELECT ?name (COUNT(?a) AS ?n) WHERE { ?a a kgo:Assertion . { ?a rdf:subject ?o } UNION "
            "{ ?a rdf:object ?o } ?o rdfs:label ?name } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 8"
        )
        _, pairs = s.select(
            "SELECT DISTINCT ?x ?y WHERE { ?a a kgo:Assertion ; rdf:subject ?s ; rdf:object ?o . "
            "?s rdfs:label ?x . ?o rdfs:label ?y } ORDER BY ?x ?y LIMIT 12"
        )
        _, alias = s.select("SELECT ?l WHERE { ?e skos:altLabel ?l } ORDER BY ?l LIMIT 3")
    names = [r[0] for r in orgs] + [r[0].upper() for r in alias]
    cases: list[tuple[str, dict]] = []
    for n in names:
        cases += [("partners", {"org": n}), ("programs", {"org": n}), ("people", {"org": n})]
        cases.append(("commitments", {"org": n}))
    cases.append(("commitments", {}))
    for x, y in pairs:
        cases += [("evidence", {"source": x, "target": y}), ("evidence", {"source": y, "target": x})]
    top = [r[0] for r in orgs]
    for i, a in enumerate(top):
        for b in top[i + 1 :]:
            cases.append(("path", {"from": a, "to": b}))
    for x, y in pairs[:4]:
        cases.append(("path", {"from": x, "to": y}))
    cases.append(("funding", {}))
    cases += [("funding", {"org": n}) for n in names]
    cases += [("search", {"q": q}) for q in [*names, "kemensos", "sosial", "unicef"]]
    return cases


def test_every_canned_query_has_a_cypher_twin():
    queries = list_queries()
    assert {q.name for q in queries} >= {"partners", "programs", "people", "commitments", "path", "evidence"}
    for q in queries:
        assert q.sparql_path and q.cypher_path, q.name


def test_same_answers_on_both_backends(loaded):
    cases = _cases(loaded)
    assert {name for name, _ in cases} == {q.name for q in list_queries()}
    nonempty = set()
    for name, params in cases:
        local = run_canned(name, dict(params), backend="local", store_path=loaded)
        neo = run_canned(name, dict(params), backend="neo4j")
        assert neo[0] == local[0], (name, params)
        assert neo[1] == local[1], (name, params)
        if local[1]:
            nonempty.add(name)
    assert nonempty == {name for name, _ in cases}, "every query should be tried on a case with answers"
