"""The property-graph view, its filters, the partnership network and its analysis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_fixture import iri, make_store

from kg.analyze import analyze, dominant_type
from kg.cli import cli
from kg.graphview import EntityNotFound, FilterError, date_bounds, load_view
from kg.network import edge_rows, load_network
from kg.store import Store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("store") / "kg-store")


@pytest.fixture()
def store(store_path: Path):
    with Store(store_path, create=False) as s:
        yield s


def names(g) -> set[str]:
    return {d["name"] for _, d in g.nodes(data=True)}


def test_view_nodes_and_edges_follow_the_data_model(store: Store) -> None:
    g = load_view(store)
    assert g.number_of_nodes() == 12 and g.number_of_edges() == 12
    kem = g.nodes[iri("org/kementerian_sosial")]
    assert kem == {
        "iri": iri("org/kementerian_sosial"),
        "name": "Kementerian Sosial",
        "aliases": ["Kemensos", "Ministry of Social Affairs"],
        "type": "GovernmentBody",
        "color": "#1f77b4",
    }
    runs = g.get_edge_data(iri("org/kementerian_sosial"), iri("program/pkh"))
    (edge,) = runs.values()
    assert edge["relation"] == "runs" and edge["qualifiers"] == {"role": "implementer"}
    assert edge["source_count"] == 2 and edge["first_seen"] == "2018-11-02" and edge["confidence"] == 0.9
    assert [e["date"] for e in edge["evidence"]] == [None, "2018-11-02"]
    assert {e["path"] for e in edge["evidence"]} == {"corpus/d1.txt", "corpus/d3.txt"}
    # partnersWith is stored once, in IRI order
    apc, kemensos = iri("org/asian_philanthropy_circle"), iri("org/kementerian_sosial")
    assert g.has_edge(apc, kemensos) and not g.has_edge(kemensos, apc)


@pytest.mark.parametrize(
    "name",
    [
        "kemensos",
        "KEMENTERIAN SOSIAL",
        "Ministry of Social Affairs",
        "https://w3id.org/seakg/id/org/kementerian_sosial",
    ],
)
def test_center_matches_names_aliases_and_iris(store: Store, name: str) -> None:
    g = load_view(store, center=name, hops=1)
    assert g.graph["center"] == iri("org/kementerian_sosial")
    assert names(g) == {
        "Kementerian Sosial",
        "Asian Philanthropy Circle",
        "UNICEF",
        "Program Keluarga Harapan",
        "ASEAN Declaration on the Elimination of Violence against Children",
        "Tri Rismaharini",
        "Indonesia",
    }


def test_center_hops(store: Store) -> None:
    assert names(load_view(store, center="Bank Mandiri", hops=0)) == {"Bank Mandiri"}
    assert names(load_view(store, center="Bank Mandiri", hops=2)) == {
        "Bank Mandiri",
        "Dompet Dhuafa",
        "Asian Philanthropy Circle",
        "Program Keluarga Harapan",
    }


def test_unknown_center_suggests_names(store: Store) -> None:
    with pytest.raises(EntityNotFound, match="Did you mean:.*'UNICEF'"):
        load_view(store, center="Unicef Indonesia")
    with pytest.raises(EntityNotFound, match="no entity named 'zzz'"):
        load_view(store, center="zzz")


def test_date_window_keeps_undated_facts_unless_asked(store: Store) -> None:
    g = load_view(store, since="2019", until="2020-06")
    rels = {(g.nodes[u]["name"], d["relation"], g.nodes[v]["name"]) for u, v, d in g.edges(data=True)}
    assert ("Kementerian Sosial", "runs", "Program Keluarga Harapan") in rels  # its undated source d3
    assert ("Dompet Dhuafa", "runs", "Program Keluarga Harapan") in rels
    assert len(rels) == 6 and "Lonely Foundation" not in names(g)
    (edge,) = g.get_edge_data(iri("org/kementerian_sosial"), iri("program/pkh")).values()
    assert edge["source_count"] == 1 and edge["first_seen"] is None and len(edge["evidence"]) == 1
    strict = load_view(store, since="2019", until="2020-06", drop_undated=True)
    assert strict.number_of_edges() == 4


def test_partial_dates_and_bad_dates() -> None:
    assert date_bounds("2020", end=True) == "2020-12-31"
    assert date_bounds("2020-02", end=True) == "2020-02-29"
    assert date_bounds("2020-02", end=False) == "2020-02-01"
    with pytest.raises(FilterError, match="not a date"):
        date_bounds("last year", end=False)


def test_type_filters(store: Store) -> None:
    g = load_view(store, types=["GovernmentBody,NonProfit", "PARTNERS_WITH"])
    assert {d["type"] for _, d in g.nodes(data=True)} == {"GovernmentBody", "NonProfit"}
    assert {d["relation"] for *_, d in g.edges(data=True)} == {"partnersWith"}
    assert g.number_of_edges() == 2
    with pytest.raises(FilterError, match="unknown type 'ngo'"):
        load_view(store, types=["ngo"])


def test_partnership_network_kinds_and_weights(store: Store) -> None:
    net = load_network(store)
    cols, rows = edge_rows(net)
    table = {(r[0], r[2]): (r[4], r[5]) for r in rows}
    assert table[("Kementerian Sosial", "UNICEF")] == (["partners", "program"], 4)
    assert table[("Dompet Dhuafa", "Kementerian Sosial")] == (["program"], 2)
    assert table[("Bappenas", "Kementerian Sosial")] == (["commitment"], 1)
    assert table[("Bank Mandiri", "Dompet Dhuafa")] == (["funds"], 1)
    assert len(rows) == 8 and "Tri Rismaharini" not in {r[0] for r in rows} | {r[2] for r in rows}
    assert rows[0][0:3] == ["Kementerian Sosial", "GovernmentBody", "UNICEF"]  # heaviest first


def test_network_filters(store: Store) -> None:
    around_program = load_network(store, center="PKH", hops=0)
    assert names(around_program) == {"Kementerian Sosial", "UNICEF", "Dompet Dhuafa"}
    only_gov_ngo = load_network(store, types=["GovernmentBody", "NonProfit"])
    assert {t for _, t in only_gov_ngo.nodes(data="type")} == {"GovernmentBody", "NonProfit"}
    no_programs = load_network(store, types=["partnersWith", "partyTo"])
    assert {k for *_, d in no_programs.edges(data=True) for k in d["kinds"]} == {"partners", "commitment"}


def test_analysis_is_deterministic(store: Store) -> None:
    net = load_network(store)
    a1, a2 = analyze(net, top=5), analyze(load_network(store), top=5)
    assert a1.to_json() == a2.to_json()
    j = a1.to_json()
    assert j["summary"]["organizations"] == 7 and j["summary"]["links"] == 8
    assert {b["name"] for b in j["brokers"][:2]} == {"Kementerian Sosial", "Dompet Dhuafa"}
    assert j["connected"][0] == {
        "name": "Kementerian Sosial",
        "type": "GovernmentBody",
        "degree": 4,
        "weighted_degree": 8,
    }
    assert sum(c["size"] for c in j["communities"]) == 7
    doms = {c["dominant_type"] for c in j["communities"]}
    assert {"GovernmentBody", "NonProfit"} <= doms
    edges = [b for b in j["bridges"] if b["kind"] == "edge"]
    assert edges and all({b["type"], b["other_type"]} & {"NonProfit"} for b in edges)
    brokers = [b["name"] for b in j["bridges"] if b["kind"] == "broker"]
    assert "Kementerian Sosial" in brokers and "Bank Mandiri" not in brokers


def test_dominant_type() -> None:
    assert dominant_type(["NonProfit"] * 2 + ["Company"]) == "NonProfit"
    assert dominant_type(["NonProfit", "Company"]) == "mixed"
    assert dominant_type([]) == "mixed"


def test_cli_network_and_analyze(store_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["network", "--store", str(store_path), "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert rows[0]["kinds"] == ["partners", "program"] and rows[0]["weight"] == 4
    r = runner.invoke(cli, ["network", "--store", str(store_path), "--format", "csv", "--since", "2021"])
    assert r.exit_code == 0 and r.stdout.splitlines()[0].startswith("source,source_type,target")
    r = runner.invoke(cli, ["analyze", "--store", str(store_path), "--top", "3"])
    assert r.exit_code == 0 and "Brokers" in r.output and "Communities" in r.output
    r = runner.invoke(cli, ["analyze", "--store", str(store_path), "--format", "json"])
    assert json.loads(r.stdout)["summary"]["communities"] >= 2
    r = runner.invoke(cli, ["network", "--store", str(store_path), "--since", "2020-13"])
    assert r.exit_code == 1 and "not a date" in r.output
