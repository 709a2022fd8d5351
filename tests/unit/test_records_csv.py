"""The sea-kg CSV tables (docs/csv-format.md): good rows read, bad rows reported by number."""

from __future__ import annotations

from pathlib import Path

from ingest.records import read_records

DATA = Path(__file__).parents[1] / "data" / "records" / "csv"


def test_entities_table_good_and_bad_rows():
    res = read_records(DATA / "entities.csv")
    assert res.stats["rows"] == 5
    reasons = [p.reason for p in res.problems]
    assert reasons == [
        "row 7: unknown type 'Charity' (expected one of GovernmentBody, IntergovernmentalOrganization, "
        "NonProfit, Company, Person, Program, Commitment, Place)",
        "row 8: empty id",
        "row 9: empty name",
        "row 10: duplicate id 'tanoto'",
        "row 11: start_date '2020-13-45x' is not YYYY, YYYY-MM or YYYY-MM-DD",
        "row 12: identifier 'not-an-identifier' is not written scheme:value",
    ]
    assert all(p.path == str(DATA / "entities.csv") for p in res.problems)
    (ex,) = res.extractions
    assert ex.doc.kind == "record" and ex.doc.format == "csv"
    kemensos = next(e for e in ex.entities if e.name == "Kementerian Sosial")
    assert kemensos.type == "GovernmentBody"
    assert kemensos.aliases[:2] == ["Kemensos", "Ministry of Social Affairs"]
    assert "csv:kemensos" in kemensos.identifiers
    assert kemensos.attrs["url"] == "https://kemensos.go.id"
    pkh = next(e for e in ex.entities if e.name == "Program Keluarga Harapan")
    assert pkh.attrs["startDate"] == "2007"
    located = {(r.source, r.target) for r in ex.relations if r.type == "locatedIn"}
    assert (kemensos.id, "indonesia") in located


def test_relations_table_resolves_ids_and_type_name():
    res = read_records(DATA / "relations.csv")
    assert res.stats["rows"] == 5
    assert [p.reason.split(":")[0] for p in res.problems] == ["row 7", "row 8", "row 9", "row 10", "row 11"]
    assert "target is a NonProfit, but runs needs Program" in res.problems[1].reason
    (ex,) = res.extractions
    by = {(r.type, ex.entity(r.source).name, ex.entity(r.target).name): r for r in ex.relations}
    p = by[("partnersWith", "Asian Philanthropy Circle", "Kementerian Sosial")]
    assert p.qualifiers == {"status": "proposed", "date": "2018-11-02"}
    assert p.evidence.sentence == "Kemensos opened cooperation with APC"
    h = by[("holdsPosition", "Tri Rismaharini", "Kementerian Sosial")]
    assert h.qualifiers["role"] == "Menteri Sosial" and h.evidence.sentence == "relations.csv: row 4"
    f = by[("funds", "Tanoto Foundation", "Beasiswa Teladan")]
    assert f.qualifiers == {"amount": "Rp1.5 miliar", "currency": "IDR", "date": "2020-05-01"}
    assert ex.entity(f.target).type == "Program"
    assert by[("funds", "Dompet Dhuafa", "Kementerian Sosial")].qualifiers["currency"] == "IDR"


def test_semicolon_and_cp1252(tmp_path):
    p = tmp_path / "orgs.csv"
    p.write_bytes("id;type;name;aliases\nx;NonProfit;Fundación Ñandú;FN\n".encode("cp1252"))
    res = read_records(p)
    assert res.problems == []
    assert res.extractions[0].entities[0].name == "Fundación Ñandú"


def test_unknown_header_is_not_ours(tmp_path):
    p = tmp_path / "other.csv"
    p.write_text("a,b\n1,2\n")
    res = read_records(p)
    assert res.extractions == [] and "not a recognized record file" in res.problems[0].reason
