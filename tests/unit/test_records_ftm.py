"""FollowTheMoney: import of the shared samples and a fixture, export read back by the library."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from followthemoney import model

from ingest.records import read_records
from kg.claims import Extraction

SHARED = Path(__file__).parents[2].parent / "shared" / "records"
DATA = Path(__file__).parents[1] / "data" / "records"


def shared(rel: str) -> Path:
    p = SHARED / rel
    if not p.is_file():
        pytest.skip(f"shared record file not found: {p}")
    return p


def test_donations_payments():
    res = read_records(shared("ftm/donations.ijson"))
    assert res.problems == []
    (ex,) = res.extractions
    types = Counter(e.type for e in ex.entities)
    assert types["Company"] == 56 and types["Person"] == 22 and types["NonProfit"] == 17
    assert res.stats["relations:Payment"] == 290 and res.stats["skipped:Address"] == 89
    funds = [r for r in ex.relations if r.type == "funds"]
    assert len(funds) == 290
    first = next(
        r for r in funds if r.evidence and "2216b422a31242fe204654ce194864661f515921" in r.evidence.sentence
    )
    assert first.qualifiers == {"amount": "100000", "currency": "EUR", "date": "2011-12-29"}
    assert ex.entity(first.target).name == "MLPD"
    assert ex.entity(first.source).name == "Lina Dachner"  # "Frau" dropped, kept as alias
    assert all(e.identifiers[0].startswith("ftm:") for e in ex.entities if e.type != "Place")


def test_public_bodies_and_sanctions_samples():
    res = read_records(shared("ftm/eu_authorities.ftm.json"))
    (ex,) = res.extractions
    assert len(ex.entities) == 151 and {e.type for e in ex.entities} == {"GovernmentBody"}
    acer = next(e for e in ex.entities if e.name == "Agency for the Cooperation of Energy Regulators")
    assert acer.aliases == ["ACER"] and "ftm:eu-authorities-acer" in acer.identifiers
    res = read_records(shared("ftm/zala_entities.ftm.json"))
    assert res.problems == []
    assert res.stats["relations:Directorship"] == 3
    assert res.stats["skipped:Sanction"] == 41 and res.stats["skipped:Ownership"] == 14
    res = read_records(shared("ftm/t1_entities.ftm.json"))
    assert res.problems == [] and res.stats["entities:Person"] == 4


def test_fixture_schemas_and_bad_lines():
    res = read_records(DATA / "ftm" / "sample.ftm.json")
    assert [p.reason.split(":")[0] for p in res.problems] == ["line 4", "line 7", "line 9"]
    assert "unknown FtM schema 'NoSuchSchema'" in res.problems[1].reason
    (ex,) = res.extractions
    names = {e.name: e for e in ex.entities}
    assert names["Kementerian Sosial"].type == "GovernmentBody"
    assert names["PT Bank Rakyat Indonesia"].type == "Company"
    assert names["Tanoto Foundation"].type == "NonProfit"
    assert names["Program Keluarga Harapan"].type == "Program"
    rels = {(r.type, ex.entity(r.source).name, ex.entity(r.target).name): r.qualifiers for r in ex.relations}
    assert rels[("holdsPosition", "Tri Rismaharini", "Kementerian Sosial")] == {"role": "Menteri Sosial"}
    assert rels[("holdsPosition", "Adhi Karyono", "Kementerian Sosial")] == {
        "role": "Kepala Biro Perencanaan"
    }
    assert rels[("holdsPosition", "Laurence Lien", "Asian Philanthropy Circle")] == {"role": "CEO"}
    assert rels[("funds", "Tanoto Foundation", "Kementerian Sosial")]["amount"] == "1500000000"
    assert rels[("funds", "PT Bank Rakyat Indonesia", "Program Keluarga Harapan")]["currency"] == "EUR"
    assert ("partnersWith", "Asian Philanthropy Circle", "Kementerian Sosial") in rels
    assert ("partnersWith", "Asian Philanthropy Circle", "Tanoto Foundation") in rels  # Representation
    assert res.stats["skipped:Ownership"] == 1 and res.stats["skipped:Address"] == 1


@pytest.fixture(scope="module")
def record_store(tmp_path_factory):
    from kg.build import build_store

    def no_text(doc):  # only records here; articles are not needed
        return Extraction(doc=doc)

    path = tmp_path_factory.mktemp("ftm") / "store"
    build_store(
        [DATA / "ftm" / "sample.ftm.json", DATA / "iati" / "kemensos-unicef-203.xml"], path, extractor=no_text
    )
    return path


def test_export_read_back_by_followthemoney(record_store, tmp_path):
    from kg.export.ftm import export_ftm
    from kg.store import Store

    out = tmp_path / "graph.ftm.json"
    with Store(record_store) as st:
        n = export_ftm(st, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines) > 0
    proxies = []
    for line in lines:
        data = json.loads(line)
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.schema.validate(data) is None, data
        proxies.append(proxy)
    schemata = Counter(p.schema.name for p in proxies)
    for s in (
        "PublicBody",
        "Organization",
        "Company",
        "Person",
        "Project",
        "Payment",
        "Employment",
        "Directorship",
        "UnknownLink",
    ):
        assert schemata[s] >= 1, s
    ids = {p.id for p in proxies}
    for p in proxies:  # every edge points at an exported entity
        if p.schema.edge:
            assert set(p.get(p.schema.edge_source)) <= ids and set(p.get(p.schema.edge_target)) <= ids
    kemensos = next(p for p in proxies if "Kementerian Sosial" in p.get("name") + p.get("alias"))
    assert kemensos.schema.name == "PublicBody" and "id" in kemensos.get("country")
    pay = next(p for p in proxies if p.schema.name == "Payment" and "250000" in p.get("amount"))
    assert pay.get("currency") == ["USD"]
    # and our own importer reads the export back
    res = read_records(out)
    assert res.problems == [] and res.extractions[0].entities


def test_export_keeps_imported_ftm_ids(record_store, tmp_path):
    from kg.export.ftm import export_ftm
    from kg.store import Store

    src_ids = {
        json.loads(line)["id"]
        for line in (DATA / "ftm" / "sample.ftm.json").read_text().splitlines()
        if line.startswith("{") and '"Person"' in line and '"broken"' not in line
    }
    out = tmp_path / "g.ftm.json"
    with Store(record_store) as st:
        export_ftm(st, out, types=["Person"])
    people = [json.loads(line) for line in out.read_text().splitlines()]
    assert people and {p["schema"] for p in people} == {"Person"}
    assert {p["id"] for p in people} == src_ids
