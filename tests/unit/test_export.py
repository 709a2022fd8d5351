"""Exports: every format, the registry, the filtered RDF subgraph, the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from graph_fixture import fixture_graph, iri, make_store, uri
from rdflib import RDF, Graph

from kg.cli import cli
from kg.export import Exporter, ExportError, export, formats, register
from kg.export.base import REGISTRY
from kg.ontology import KGO
from kg.store import Store

BUILTIN = {"ttl", "jsonld", "nt", "graphml", "gexf", "json", "csv"}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("store") / "kg-store")


@pytest.fixture()
def store(store_path: Path):
    with Store(store_path, create=False) as s:
        yield s


def test_registry_lists_the_builtin_formats() -> None:
    assert set(formats()) >= BUILTIN


def test_a_new_module_registers_with_the_decorator(tmp_path: Path, store: Store) -> None:
    @register("edgecount")
    class EdgeCount(Exporter):
        description = "number of edges"

        def write(self, src, out):
            out.write_text(str(src.view().number_of_edges()))
            return self.summary(out, edges=src.view().number_of_edges())

    try:
        summary = export(store, "edgecount", tmp_path / "n.txt")
        assert (tmp_path / "n.txt").read_text() == "12" and summary.format == "edgecount"
        with pytest.raises(ValueError, match="already registered"):

            @register("edgecount")
            class Other(Exporter):
                pass
    finally:
        REGISTRY.pop("edgecount", None)


def test_unknown_format_and_missing_folder_are_user_errors(tmp_path: Path, store: Store) -> None:
    with pytest.raises(ExportError, match="unknown export format 'xls'.*graphml"):
        export(store, "xls", tmp_path / "x.xls")
    with pytest.raises(ExportError, match="does not exist"):
        export(store, "ttl", tmp_path / "nope" / "x.ttl")


@pytest.mark.parametrize("fmt,rdflib_fmt", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_exports_hold_the_whole_store(tmp_path: Path, store: Store, fmt: str, rdflib_fmt: str) -> None:
    out = tmp_path / f"all.{fmt}"
    summary = export(store, fmt, out)
    g = Graph().parse(out, format=rdflib_fmt)
    assert len(g) == summary.triples == len(fixture_graph())
    assert "xsd:string" not in out.read_text() and "XMLSchema#string" not in out.read_text()


def test_filtered_rdf_keeps_assertions_evidence_and_sources(tmp_path: Path, store: Store) -> None:
    out = tmp_path / "apc.ttl"
    export(store, "ttl", out, center="APC", hops=1, types=["partnersWith"])
    g = Graph().parse(out, format="turtle")
    apc, kemensos = uri("org/asian_philanthropy_circle"), uri("org/kementerian_sosial")
    assert (apc, KGO.partnersWith, kemensos) in g
    assertions = set(g.subjects(RDF.type, KGO.Assertion))
    assert len(assertions) == 2  # APC-Kemensos, APC-Dompet Dhuafa
    for a in assertions:
        ev = g.value(a, KGO.evidence)
        assert g.value(ev, KGO.sentence) is not None
        assert (g.value(ev, KGO.source), RDF.type, KGO.Article) in g
    # no entity outside the subgraph, not even through kgo:mentions
    assert (uri("org/unicef"), None, None) not in g
    assert (None, KGO.mentions, uri("org/unicef")) not in g
    assert (None, KGO.runs, None) not in g


def test_date_filter_drops_evidence_links_in_rdf(tmp_path: Path, store: Store) -> None:
    out = tmp_path / "late.nt"
    export(store, "nt", out, center="Kemensos", hops=1, since="2021", drop_undated=True)
    g = Graph().parse(out, format="nt")
    assert len(set(g.subjects(RDF.type, KGO.Evidence))) == 2  # partyTo + holdsPosition (2021 source)
    for a in g.subjects(RDF.type, KGO.Assertion):
        assert all((e, RDF.type, KGO.Evidence) in g for e in g.objects(a, KGO.evidence))


def test_graphml_has_scalar_attributes_and_evidence(tmp_path: Path, store: Store) -> None:
    out = tmp_path / "g.graphml"
    export(store, "graphml", out)
    g = nx.read_graphml(out)
    kem = g.nodes[iri("org/kementerian_sosial")]
    assert kem["type"] == "GovernmentBody" and kem["color"] == "#1f77b4" and "Kemensos" in kem["aliases"]
    funds = [d for _, _, d in g.edges(data=True) if d["relation"] == "funds" and d.get("amount")]
    assert funds[0]["currency"] == "USD" and funds[0]["weight"] == 1
    ev = json.loads(funds[0]["evidence_json"])
    assert ev[0]["sentence"] == "iati-activity/transaction[1]" and ev[0]["date"] == "2019-07-01"


def test_gexf_opens_with_colours_and_weights(tmp_path: Path, store: Store) -> None:
    out = tmp_path / "g.gexf"
    export(store, "gexf", out)
    text = out.read_text()
    assert "<viz:color" in text and 'r="31" g="119" b="180"' in text  # GovernmentBody #1f77b4
    g = nx.read_gexf(out)
    assert g.number_of_nodes() == 12 and g.number_of_edges() == 12
    runs = [d for _, _, d in g.edges(data=True) if d["relation"] == "runs"]
    assert {d["weight"] for d in runs} == {2.0, 1.0}
    assert any("Kemensos menjalankan PKH." in d["sentences"] for d in runs)


def test_cytoscape_json_keeps_nested_evidence(tmp_path: Path, store: Store) -> None:
    out = tmp_path / "g.json"
    export(store, "json", out, center="Dompet Dhuafa", hops=1)
    doc = json.loads(out.read_text())
    names = {n["data"]["name"] for n in doc["elements"]["nodes"]}
    assert names == {"Dompet Dhuafa", "Bank Mandiri", "Asian Philanthropy Circle", "Program Keluarga Harapan"}
    for e in doc["elements"]["edges"]:
        assert e["data"]["source"] and e["data"]["evidence"][0]["sentence"]
        assert e["data"]["evidence"][0]["source"].startswith(("https://", "corpus/", "records/"))


@pytest.mark.parametrize(
    "target,expected",
    [
        ("out", ("out.nodes.csv", "out.edges.csv")),
        ("out.csv", ("out.nodes.csv", "out.edges.csv")),
        ("folder/", ("folder/nodes.csv", "folder/edges.csv")),
    ],
)
def test_csv_writes_a_node_list_and_an_edge_list(tmp_path: Path, store: Store, target: str, expected) -> None:
    summary = export(store, "csv", f"{tmp_path}/{target}")
    assert [p.relative_to(tmp_path).as_posix() for p in summary.paths] == list(expected)
    with open(tmp_path / expected[1], encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert len(edges) == 12
    partner = next(e for e in edges if e["relation"] == "partnersWith" and e["status"] == "proposed")
    assert partner["sentences"].startswith("Kementerian Sosial membuka") and partner["dates"] == "2018-11-02"
    assert partner["urls"] == "https://www.antaranews.com/berita/1"


def test_cli_export_and_errors(tmp_path: Path, store_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "x.gexf"
    r = runner.invoke(
        cli,
        [
            "export",
            "--format",
            "gexf",
            "-o",
            str(out),
            "--store",
            str(store_path),
            "--center",
            "unicef",
            "--hops",
            "1",
        ],
    )
    assert r.exit_code == 0, r.output
    assert out.exists() and "gexf:" in r.output
    r = runner.invoke(cli, ["export", "--format", "ttl", "-o", str(out), "--store", str(tmp_path / "none")])
    assert r.exit_code == 1 and "no store at" in r.output
    r = runner.invoke(
        cli,
        ["export", "--format", "ttl", "-o", str(out), "--store", str(store_path), "--center", "Kemensoss"],
    )
    assert r.exit_code == 1 and "Did you mean" in r.output and "Traceback" not in r.output
    r = runner.invoke(cli, ["export", "--list-formats"])
    assert r.exit_code == 0 and "graphml" in r.output
