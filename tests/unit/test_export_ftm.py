"""The FtM export loses nothing silently: commitments, places, partyTo and locatedIn have FtM
counterparts; what still cannot be written is counted and named on stderr."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from followthemoney import model

from kg.build import build_store
from kg.claims import Document, Extraction
from kg.cli import cli
from kg.export import export
from kg.store import Store


def _extract(doc: Document) -> Extraction:
    ex = Extraction(doc=doc)
    kemensos = ex.add_entity("GovernmentBody", "Kementerian Sosial", aliases=["Kemensos"])
    apc = ex.add_entity("NonProfit", "Asian Philanthropy Circle", aliases=["APC"])
    place = ex.add_entity("Place", "Indonesia", identifiers=["iso3166:ID"])
    mou = ex.add_entity("Commitment", "MoU Kemensos-APC")
    s = doc.text.strip()
    ex.add_relation("partyTo", kemensos, mou, sentence=s, role="signatory")
    ex.add_relation("partyTo", apc, mou, sentence=s, role="signatory")
    ex.add_relation("locatedIn", apc, place, sentence=s)
    ex.add_relation("memberOf", place, apc, sentence=s)  # odd, but a place as member must not vanish
    ex.add_relation("funds", apc, kemensos, sentence=s, amount="Rp 1 miliar")
    return ex


@pytest.fixture(scope="module")
def ftm_store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("ftm-export")
    (root / "src").mkdir()
    head = "url: https://example.org/mou\ntitle: MoU\ndate: 2021-04-28\nlang: id\n---\n"
    (root / "src" / "a.txt").write_text(head + "Kemensos dan APC menandatangani MoU.\n", encoding="utf-8")
    build_store([root / "src"], root / "store", extractor=_extract)
    return root / "store"


def _proxies(path: Path):
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        assert model.get_proxy(data, cleaned=False).schema.validate(data) is None, data
        out.append(model.get_proxy(data, cleaned=False))
    return out


def test_commitments_places_party_to_and_located_in_are_exported(ftm_store: Path, tmp_path: Path):
    out = tmp_path / "g.ftm.json"
    with Store(ftm_store, create=False) as s:
        summary = export(s, "ftm", out)
    assert summary.extra["not_exported"] == {}
    ps = _proxies(out)
    by_id = {p.id: p for p in ps}
    schemata = Counter(p.schema.name for p in ps)
    assert schemata["Document"] == 1 and schemata["Address"] == 1 and schemata["Documentation"] == 2
    doc = next(p for p in ps if p.schema.name == "Document")
    assert doc.get("title") == ["MoU Kemensos-APC"]
    parties = {by_id[p.first("entity")].first("name") for p in ps if p.schema.name == "Documentation"}
    assert parties == {"Kementerian Sosial", "Asian Philanthropy Circle"}
    assert {p.first("role") for p in ps if p.schema.name == "Documentation"} == {"signatory"}
    apc = next(p for p in ps if p.first("name") == "Asian Philanthropy Circle")
    place = by_id[apc.first("addressEntity")]
    assert (
        place.schema.name == "Address"
        and place.get("full") == ["Indonesia"]
        and place.get("country") == ["id"]
    )
    assert apc.get("country") == ["id"]
    link = next(p for p in ps if p.schema.name == "UnknownLink")
    assert by_id[link.first("subject")] is place and link.first("role") == "memberOf"
    pay = next(p for p in ps if p.schema.name == "Payment")
    assert pay.get("amount") == ["1000000000"] and pay.get("currency") == ["IDR"]
    assert "amount as written: Rp 1 miliar" in pay.get("summary")
    # sourceUrl is the article's URL, for entities and edges alike (the IRI moves to notes)
    assert all(p.get("sourceUrl") == ["https://example.org/mou"] for p in ps)
    assert any(n.startswith("sea-kg IRI: https://w3id.org/seakg/id/") for n in apc.get("notes"))


def test_what_cannot_be_exported_is_counted_and_named(ftm_store: Path, tmp_path: Path, monkeypatch):
    from kg.export import ftm

    schemata = dict(ftm.NODE_SCHEMA)
    del schemata["Place"], schemata["Commitment"]
    monkeypatch.setattr(ftm, "NODE_SCHEMA", schemata)
    r = CliRunner().invoke(cli, ["export", "--format", "ftm", "-o", str(tmp_path / "x.ftm.json"),
                                 "--store", str(ftm_store)])  # fmt: skip
    assert r.exit_code == 0, r.output
    line = next(x for x in r.stderr.splitlines() if x.startswith("not exported"))
    assert line == (
        "not exported (6): 1 Commitment entities (no FtM schema); 1 Place entities (no FtM schema); "
        "1 locatedIn relations (an end not exported); 1 memberOf relations (an end not exported); "
        "2 partyTo relations (an end not exported)"
    )
