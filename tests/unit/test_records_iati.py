"""IATI activity XML -> claims, on the real shared files and hand-made fixtures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ingest.records import read_records
from ingest.records.iati import read_iati

SHARED = Path(__file__).parents[2].parent / "shared" / "records"
DATA = Path(__file__).parents[1] / "data" / "records"


def shared(rel: str) -> Path:
    p = SHARED / rel
    if not p.is_file():
        pytest.skip(f"shared record file not found: {p}")
    return p


def one(path: Path):
    res = read_iati(path)
    assert res.problems == []
    assert len(res.extractions) == 1
    return res, res.extractions[0]


def test_maec_83_programs_with_orgs_and_funds():
    res, ex = one(shared("iati/activities/MAEC_IATI_INDONESIA.xml"))
    programs = [e for e in ex.entities if e.type == "Program"]
    assert len(programs) == 83 == res.stats["activities"]
    assert len({p.id for p in programs}) == 83
    assert all(p.identifiers[0].startswith("iati:ES-DIR3-E04585801-") for p in programs)
    runs = Counter(r.target for r in ex.relations if r.type == "runs")
    assert set(runs) == {p.id for p in programs}  # every program has participating orgs
    funded = {r.target for r in ex.relations if r.type == "funds" and r.qualifiers.get("amount")}
    assert funded == {p.id for p in programs}  # ... and funding transactions
    assert ex.doc.kind == "record" and ex.doc.format == "iati"
    names = {e.name: e for e in ex.entities}
    spain = names["Government of Spain"]
    assert spain.type == "GovernmentBody" and "Spain" in spain.aliases
    mineco = names["Ministerio de Economía y Competitividad"]
    assert mineco.type == "GovernmentBody" and mineco.aliases == ["MINECO"]
    reporter = names["Ministry of Foreign Affairs and Cooperation, Spain"]
    assert reporter.identifiers == ["iati:ES-DIR3-E04585801"]
    assert ex.doc.publisher == reporter.name
    place = names["Indonesia"]
    assert place.type == "Place"
    assert sum(r.type == "locatedIn" and r.target == place.id for r in ex.relations) == 83
    # category names ("Otra entidad", "Otra ONG nacional - país donante") are no entities
    assert not any(e.name.lower().startswith("otra") for e in ex.entities)


def test_maec_transactions_and_provenance():
    _, ex = one(shared("iati/activities/MAEC_IATI_INDONESIA.xml"))
    pid = next(e.id for e in ex.entities if e.identifiers == ["iati:ES-DIR3-E04585801-009-001301"])
    funds = [r for r in ex.relations if r.type == "funds" and r.target == pid and "amount" in r.qualifiers]
    assert sorted((r.qualifiers["amount"], r.qualifiers["date"]) for r in funds) == [
        ("15450", "2011-11-01"),
        ("9270", "2011-12-31"),
    ]
    assert all(r.qualifiers["currency"] == "EUR" for r in funds)
    assert funds[0].evidence is not None
    assert funds[0].evidence.sentence.startswith(
        "MAEC_IATI_INDONESIA.xml: iati-activity[ES-DIR3-E04585801-009-001301]/transaction["
    )
    runs = [r for r in ex.relations if r.type == "runs" and r.target == pid]
    assert any(r.evidence and r.evidence.sentence.endswith("/participating-org[2]") for r in runs)
    prog = ex.entity(pid)
    assert prog is not None and prog.attrs["status"] == "Finalisation"
    assert prog.attrs["startDate"] == "2011-11-01"
    assert prog.attrs["sectors"][0]["code"] == "43081"
    assert prog.attrs["description"] == "UNESCO YACARTA"


def test_netherlands_203_file():
    res, ex = one(shared("iati/activities/example_203_file.xml"))
    assert res.stats["programs"] == 13
    dgis = next(e for e in ex.entities if "iati:XM-DAC-7" in e.identifiers)
    assert dgis.type == "GovernmentBody" and dgis.name == "Ministry of Foreign Affairs (DGIS)"
    undp = next(e for e in ex.entities if "iati:XM-DAC-41114" in e.identifiers)
    assert undp.type == "IntergovernmentalOrganization"
    ictj = next(e for e in ex.entities if e.name == "ICTJ")
    assert ictj.type == "NonProfit"
    gifts = [r for r in ex.relations if r.type == "funds" and r.source == dgis.id and r.target == ictj.id]
    assert {r.qualifiers["amount"] for r in gifts} == {"2000000", "1500000", "500000"}
    assert all(r.qualifiers["currency"] == "EUR" for r in gifts)  # the activity's default-currency
    assert any(e.type == "Place" and e.name == "Myanmar" for e in ex.entities)
    prog = next(e for e in ex.entities if e.identifiers == ["iati:NL-1-PPR-24706"])
    assert prog.attrs["startDate"] == "2014-01-01" and prog.attrs["endDate"] == "2016-07-25"
    roles = {
        (r.source, r.qualifiers.get("role")) for r in ex.relations if r.type == "runs" and r.target == prog.id
    }
    assert (dgis.id, "funder") in roles and (ictj.id, "implementer") in roles
    assert any(r.type == "coParticipant" and {r.source, r.target} == {dgis.id, ictj.id} for r in ex.relations)


def test_1_0x_wrapper_file_with_text_roles_and_letter_codes():
    res, ex = one(shared("iati/activities/test_activities.xml"))  # <result><ok>...<iati-activities>
    assert res.stats["activities"] == 50 == sum(e.type == "Program" for e in ex.entities)
    assert ex.doc.meta["iati_version"] == "1.0x"
    acord = next(e for e in ex.entities if "iati:GB-CHC-283302" in e.identifiers)
    assert acord.type == "NonProfit"
    dfid = next(e for e in ex.entities if e.name == "DFID")
    prog = next(e for e in ex.entities if e.identifiers == ["iati:GB-CHC-283302-GDRC08"])
    runs = {
        (r.source, r.qualifiers.get("role")) for r in ex.relations if r.type == "runs" and r.target == prog.id
    }
    assert (dfid.id, "funder") in runs and (acord.id, "implementer") in runs  # role="Funding"/"Implementing"
    # IF (incoming funds) DFID -> ACORD and D (disbursement) ACORD -> DRC; E (expenditure) is not funding
    incoming = [r for r in ex.relations if r.type == "funds" and r.source == dfid.id and r.target == acord.id]
    assert {"31375", "58773"} <= {r.qualifiers["amount"] for r in incoming}
    assert all(r.qualifiers["currency"] == "GBP" for r in incoming)
    amounts = {r.qualifiers.get("amount") for r in ex.relations if r.type == "funds"}
    assert "2057" not in amounts  # an E transaction
    ida = next(e for e in ex.entities if e.name == "International Development Association")
    assert ida.type == "IntergovernmentalOrganization"  # type="Multilateral" (1.0x text code)
    assert any(e.name == "Cambodia" and e.type == "Place" for e in ex.entities)


def test_annotated_example_all_languages():
    _, ex = one(shared("iati/examples/activity-standard-example-annotated.xml"))
    prog = next(e for e in ex.entities if e.type == "Program")
    assert prog.name == "Activity title"
    assert set(prog.aliases) == {"Titre de l'activité", "Título de la actividad"}
    assert prog.attrs["titles"] == {
        "en": "Activity title",
        "fr": "Titre de l'activité",
        "es": "Título de la actividad",
    }
    assert prog.attrs["description"].startswith("General activity description text.")
    assert set(prog.attrs["descriptions"]) == {"en", "fr"}
    b = next(e for e in ex.entities if "iati:BB-BBB-123456789" in e.identifiers)
    assert b.type == "IntergovernmentalOrganization"  # type 40
    c = next(e for e in ex.entities if "iati:CC-CCC-123456789" in e.identifiers)
    assert c.type == "GovernmentBody"  # type 10
    accountable = [r for r in ex.relations if r.type == "runs" and r.source == c.id]
    assert [r.qualifiers["role"] for r in accountable] == ["funder"]  # role 2 Accountable
    assert {e.name for e in ex.entities if e.type == "Place"} == {"Afghanistan", "Antigua and Barbuda"}


def test_organisation_file_and_unknown_version_are_problems():
    res = read_records(shared("iati/examples/organisation-standard-example-annotated.xml"))
    assert res.extractions == []
    # not detected as an activity file at all
    assert "not a recognized record file" in str(res.problems[0])
    res = read_iati(shared("iati/examples/organisation-standard-example-annotated.xml"))
    assert "IATI organisation file" in res.problems[0].reason
    res = read_records(DATA / "iati" / "version-9.xml")
    assert res.extractions == [] and "unsupported IATI version '9.99'" in str(res.problems[0])


def test_fixture_transactions_default_to_reporting_org_and_program():
    _, ex = one(DATA / "iati" / "kemensos-unicef-203.xml")
    unicef = next(e for e in ex.entities if "iati:XM-DAC-41122" in e.identifiers)
    assert unicef.name == "United Nations Children's Fund" and "UNICEF" in unicef.aliases
    prog = next(e for e in ex.entities if e.type == "Program")
    ministry = next(e for e in ex.entities if e.name == "Ministry of Social Affairs")
    assert "Kementerian Sosial" in ministry.aliases
    funds = {(r.source, r.target, r.qualifiers.get("amount")) for r in ex.relations if r.type == "funds"}
    assert (unicef.id, ministry.id, "250000") in funds  # provider -> receiver
    assert (unicef.id, prog.id, "100000") in funds  # no provider/receiver: reporting org -> program
    assert not any(a == "5000" for *_, a in funds)  # expenditure


def test_maec_83_programs_in_the_store(tmp_path):
    from kg.build import build_store
    from kg.store import Store

    build_store([shared("iati/activities/MAEC_IATI_INDONESIA.xml")], tmp_path / "store")
    with Store(tmp_path / "store") as st:
        _, rows = st.select("SELECT (COUNT(?p) AS ?n) WHERE { ?p a kgo:Program }")
    assert rows[0][0] == 83
