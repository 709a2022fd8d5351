"""Canned queries on the embedded store (built from the dev corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query import list_queries, parse_header, run_canned, run_sparql


def _rows(name: str, store: Path, **params):
    cols, rows = run_canned(name, params, store_path=store)
    return [dict(zip(cols, r, strict=True)) for r in rows]


def test_every_canned_query_has_a_header():
    qs = list_queries()
    assert {q.name for q in qs} >= {"partners", "programs", "people", "commitments", "path", "evidence"}
    for q in qs:
        assert q.title and q.description and q.sparql_path is not None


@pytest.mark.parametrize("org", ["Kementerian Sosial", "Kemensos", "kemensos", "KEMENTERIAN SOSIAL RI"])
def test_partners_match_names_through_aliases_and_case(gold_store: Path, org: str):
    rows = _rows("partners", gold_store, org=org)
    apc = [r for r in rows if r["partner"] == "Asian Philanthropy Circle"]
    assert apc and apc[0]["status"] == "proposed" and apc[0]["type"] == "NonProfit"
    assert list(rows[0]) == ["partner", "type", "status", "sources", "first_seen", "last_seen"]


def test_evidence_gives_the_sentence_and_source(gold_store: Path):
    rows = _rows("evidence", gold_store, source="Kemensos", target="APC")
    assert rows and rows[0]["relation"] == "partnersWith"
    assert "membuka peluang kerja sama" in rows[0]["sentence"]
    assert rows[0]["url"].startswith("https://www.antaranews.com/")


def test_people_programs_commitments(gold_store: Path):
    people = _rows("people", gold_store, org="APC")
    assert {"person": "Laurence Lien", "role": "Director", "sources": 1} in people
    programs = {r["program"] for r in _rows("programs", gold_store, org="APC")}
    assert "pendidikan anak" in programs
    all_c = _rows("commitments", gold_store)
    kemensos_c = _rows("commitments", gold_store, org="Kemensos")
    assert len(all_c) > len(kemensos_c) >= 1
    assert {r["party"] for r in kemensos_c} == {"Kementerian Sosial"}


def test_path_finds_shortest_paths(gold_store: Path):
    rows = _rows("path", gold_store, **{"from": "APC", "to": "Singapura"})
    assert rows == [{"length": 1, "path": "Asian Philanthropy Circle — Singapura"}]
    two = _rows("path", gold_store, **{"from": "Laurence Lien", "to": "Kemensos"})
    assert two and all(r["length"] == 2 for r in two)
    assert "Laurence Lien — Asian Philanthropy Circle — Kementerian Sosial" in [r["path"] for r in two]


def test_parameter_errors_are_clear(gold_store: Path):
    with pytest.raises(QueryError, match="needs org"):
        run_canned("partners", {}, store_path=gold_store)
    with pytest.raises(QueryError, match="no parameter foo"):
        run_canned("partners", {"org": "x", "foo": "y"}, store_path=gold_store)
    with pytest.raises(QueryError, match="no canned query"):
        run_canned("nope", {}, store_path=gold_store)


def test_values_are_parameters_not_query_text(gold_store: Path):
    # A value full of SPARQL syntax is just a name that matches nothing.
    evil = 'x") } UNION { ?s ?p ?o } #'
    assert _rows("partners", gold_store, org=evil) == []
    cols, rows = run_sparql(
        "SELECT ?name ?n WHERE { ?e rdfs:label ?n FILTER(?n = ?name) }", gold_store, {"name": "APC"}
    )
    assert cols == ["n"] and rows == []


def test_header_parsing():
    title, desc, params = parse_header(
        "# title: T\n# description: D\n# param: a  first\n# optional: b  second\nSELECT"
    )
    assert (title, desc) == ("T", "D")
    assert [(p.name, p.required) for p in params] == [("a", True), ("b", False)]
