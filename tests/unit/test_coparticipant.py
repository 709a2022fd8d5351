"""IATI co-participation is its own relation (coParticipant / CO_PARTICIPANT), not partnersWith."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.api import query
from kg.build import build_store
from kg.neo4j.reader import read_graph
from kg.network import load_network
from kg.store import Store
from kg.validate import validate_store

IATI = Path(__file__).parents[1] / "data" / "records" / "iati" / "kemensos-unicef-203.xml"


@pytest.fixture(scope="module")
def iati_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cop") / "store"
    build_store([IATI], path)
    return path


def test_participants_of_one_activity_are_co_participants(iati_store: Path):
    with Store(iati_store, create=False) as s:
        _, rows = s.select(
            """SELECT ?pred (COUNT(?a) AS ?n) WHERE { ?a a kgo:Assertion ; rdf:predicate ?pred }
               GROUP BY ?pred"""
        )
        counts = {p.rsplit("#", 1)[-1]: n for p, n in rows}
        rels = read_graph(s.rdf).relations
    assert "partnersWith" not in counts
    assert counts["coParticipant"] == 3  # UNICEF, Kemensos, the yayasan: three pairs
    assert {r.type for r in rels} >= {"CO_PARTICIPANT", "RUNS", "FUNDS"}
    assert "PARTNERS_WITH" not in {r.type for r in rels}
    assert validate_store(iati_store).conforms


def test_co_participants_are_not_partners_but_share_a_program(iati_store: Path):
    _, rows = query("partners", store=iati_store, org="Kemensos")
    assert rows == []
    with Store(iati_store, create=False) as s:
        net = load_network(s)
    kinds = {frozenset(d["kinds"]) for _, _, d in net.edges(data=True)}
    assert kinds and all("partners" not in k and "program" in k for k in kinds)
