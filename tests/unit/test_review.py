"""`kg review`: candidates, and judgements (merge, not-same, reject) that survive rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from review_fixture import extract, write_sources

from kg.build import build_store
from kg.cli import cli
from kg.judgements import JudgementError
from kg.review import FACT_COLUMNS, candidates, judge, similarity, undo_judgement
from kg.store import Store


def people(store: Path) -> list[tuple[str, str | None]]:
    with Store(store, create=False) as s:
        _, rows = s.select(
            "SELECT ?name ?j WHERE { ?p a kgo:Person ; rdfs:label ?name OPTIONAL { ?p kgo:judgement ?j } }"
        )
    return sorted(((r[0], r[1]) for r in rows), key=lambda r: (r[0], r[1] or ""))


def facts(store: Path) -> set[str]:
    with Store(store, create=False) as s:
        _, rows = s.select("SELECT ?p WHERE { ?a a kgo:Assertion ; rdf:predicate ?p }")
    return {r[0].rsplit("#", 1)[-1] for r in rows}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    build_store([write_sources(tmp_path)], path, extractor=extract)
    return path


def test_duplicates_are_proposed_and_a_merge_survives_rebuilds(store: Path, tmp_path: Path):
    assert [n for n, _ in people(store)] == ["Pratikno", "Pratikno"]
    with Store(store, create=False) as s:
        found = candidates(s)
    assert [(c.score, c.reason) for c in found] == [(100.0, "names 'pratikno' ~ 'pratikno'")]
    a, b = found[0].a, found[0].b
    j = judge(store, "merge", a, b, note="the same minister")
    assert j.id == 1 and j.a == a and j.b == b
    merged = people(store)
    assert len(merged) == 1 and merged[0][1] == f"merged with Pratikno ({b}) by judgement #1"
    with Store(store, create=False) as s:
        assert candidates(s) == []  # judged pairs are not proposed again
    # a new build (another source) regenerates the graph: the merge holds
    more = tmp_path / "more"
    more.mkdir()
    shutil.copy(tmp_path / "src" / "a.txt", more / "c.txt")
    (more / "c.txt").write_text((more / "c.txt").read_text().replace("/a\n", "/c\n"), encoding="utf-8")
    summary = build_store([tmp_path / "src", more], store, extractor=extract)
    assert summary.added == 1 and len(people(store)) == 1
    # ... and undoing it splits them again
    undo_judgement(store, 1)
    assert [n for n, _ in people(store)] == ["Pratikno", "Pratikno"]


def test_reject_and_judgements_travel_as_a_file(store: Path, tmp_path: Path):
    assert "funds" in facts(store)
    judge(store, "reject", "Bappenas", "UNFPA", relation="FUNDS", note="reversed")
    assert "funds" not in facts(store) and "partnersWith" in facts(store)
    with Store(store, create=False) as s:
        c = candidates(s)[0]
    judge(store, "not-same", c.a, c.b)
    runner = CliRunner()
    out = tmp_path / "j.jsonl"
    r = runner.invoke(cli, ["review", "export", str(out), "--store", str(store)])
    assert r.exit_code == 0 and "2 judgements" in r.stderr
    # a store built from scratch elsewhere takes the file: same graph
    fresh = tmp_path / "fresh"
    build_store([tmp_path / "src"], fresh, extractor=extract)
    assert "funds" in facts(fresh)
    r = runner.invoke(cli, ["review", "import", str(out), "--store", str(fresh)])
    assert r.exit_code == 0, r.output
    assert "funds" not in facts(fresh)
    with Store(fresh, create=False) as s:
        assert candidates(s) == []
    r = runner.invoke(cli, ["review", "list", "--store", str(fresh), "--format", "csv"])
    assert r.stdout.splitlines()[0] == "id,kind,a,relation,b,note,created,active"
    assert [ln.split(",")[1] for ln in r.stdout.splitlines()[1:]] == ["reject", "not-same"]


def test_wrong_judgements_are_refused(store: Path):
    with Store(store, create=False) as s:
        person = candidates(s)[0].a
    with pytest.raises(JudgementError, match="only entities of one kind"):
        judge(store, "merge", "Bappenas", person)
    with pytest.raises(JudgementError, match="no fact"):
        judge(store, "reject", "UNFPA", "Bappenas", relation="funds")
    r = CliRunner().invoke(cli, ["review", "merge", "Bappenas", "Nobody", "--store", str(store)])
    assert r.exit_code == 1 and "Error: no entity named 'Nobody'" in r.stderr


def test_similarity():
    assert similarity("country programme action plan", "country programme action plan cpap 2021 2025") >= 88
    assert similarity("asean", "asean secretariat") < 88


def entities(store: Path, etype: str) -> dict[str, str]:
    """IRI -> name of the entities of one type."""
    with Store(store, create=False) as s:
        _, rows = s.select(f"SELECT ?e ?n WHERE {{ ?e a kgo:{etype} ; rdfs:label ?n }}")
    return {e: n for e, n in rows}


def mentioned_by(store: Path, iri: str) -> set[str]:
    with Store(store, create=False) as s:
        _, rows = s.select(
            "SELECT ?u ?e WHERE { ?d kgo:mentions ?e ; schema:url ?u }", {"e": URIRef(iri)}, hide=("e",)
        )
    return {r[0] for r in rows}


def test_split_by_source_survives_rebuilds_and_is_undone(store: Path, tmp_path: Path):
    setneg = "https://w3id.org/seakg/id/org/id_kemensetneg"
    assert mentioned_by(store, setneg) == {"https://example.org/a", "https://example.org/b"}
    r = CliRunner().invoke(
        cli, ["review", "split", "Kemensetneg", "--source", "https://example.org/b", "--store", str(store)]
    )
    assert r.exit_code == 0, r.output
    bodies = entities(store, "GovernmentBody")
    new = sorted(set(bodies) - {setneg, "https://w3id.org/seakg/id/org/id_bappenas"})
    assert len(new) == 1 and new[0].startswith(setneg + "_split_")
    assert mentioned_by(store, setneg) == {"https://example.org/a"}
    assert mentioned_by(store, new[0]) == {"https://example.org/b"}
    # the holdsPosition fact of article b now points at the split-off body
    with Store(store, create=False) as s:
        _, rows = s.select("SELECT ?o WHERE { ?p kgo:holdsPosition ?o }")
    assert {r[0] for r in rows} == {setneg, new[0]}
    # a rebuild from scratch with the judgements file gives the same IRIs
    out = tmp_path / "j.jsonl"
    CliRunner().invoke(cli, ["review", "export", str(out), "--store", str(store)])
    fresh = tmp_path / "fresh"
    build_store([tmp_path / "src"], fresh, extractor=extract)
    r = CliRunner().invoke(cli, ["review", "import", str(out), "--store", str(fresh)])
    assert r.exit_code == 0, r.output
    assert entities(fresh, "GovernmentBody") == bodies
    undo_judgement(store, 1)
    assert setneg in entities(store, "GovernmentBody") and new[0] not in entities(store, "GovernmentBody")


def test_split_that_selects_all_or_nothing_is_refused(store: Path):
    with pytest.raises(JudgementError, match="selects every mention"):
        judge(store, "split", "Kemensetneg", "form:Kemensetneg")
    with pytest.raises(JudgementError, match="no mention"):
        judge(store, "split", "Kemensetneg", "form:Setneg")
    with pytest.raises(JudgementError, match="no source"):
        judge(store, "split", "Kemensetneg", "source:https://example.org/zzz")
    r = CliRunner().invoke(cli, ["review", "split", "Kemensetneg", "--store", str(store)])
    assert r.exit_code == 2 and "--form NAME or --source URL" in r.stderr


def test_split_by_form_moves_the_claims_written_so():
    from kg.claims import Document, Extraction
    from kg.judgements import Judgement, apply
    from kg.resolve import resolve

    exs = []
    for key, name in (("a", "Kementerian Sosial"), ("b", "Kemensos"), ("c", "Departemen Sosial")):
        ex = Extraction(Document(key, f"{key}.txt"))
        ex.add_entity("GovernmentBody", name, aliases=["Kemensos"] if key != "b" else [])
        exs.append(ex)
    res = resolve(exs)
    assert len(res.entities) == 1
    iri = "https://w3id.org/seakg/id/" + res.entities[0].iri_path
    judged = apply(res, [Judgement("split", iri, "form:Departemen Sosial", id=7)])
    ents = judged.resolution.entities
    assert [(e.name, e.aliases) for e in ents] == [
        ("Kementerian Sosial", ["Kemensos"]),
        ("Departemen Sosial", ["Kemensos"]),
    ]
    assert judged.resolution.entity_for(exs[2].doc.key, exs[2].entities[0].id) is ents[1]
    assert judged.resolution.entity_for(exs[1].doc.key, exs[1].entities[0].id) is ents[0]
    assert ents[1].attrs["judgements"] == [f"split from Kementerian Sosial ({iri}) by judgement #7"]


def test_retype_keeps_the_iri(store: Path):
    (unfpa,) = entities(store, "IntergovernmentalOrganization")
    r = CliRunner().invoke(cli, ["review", "retype", "UNFPA", "nonprofit", "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert entities(store, "IntergovernmentalOrganization") == {}
    assert entities(store, "NonProfit")[unfpa] == "United Nations Population Fund"
    with Store(store, create=False) as s:
        _, rows = s.select("SELECT ?j ?e WHERE { ?e kgo:judgement ?j }", {"e": URIRef(unfpa)}, hide=("e",))
    assert rows == [["retyped IntergovernmentalOrganization -> NonProfit by judgement #1"]]
    r = CliRunner().invoke(cli, ["review", "retype", "UNFPA", "Charity", "--store", str(store)])
    assert r.exit_code == 1 and "unknown type 'Charity'; choose among: GovernmentBody" in r.stderr


def test_low_confidence_facts_and_accept(store: Path):
    import csv
    import io

    runner = CliRunner()

    def listed(*args: str) -> list[dict[str, str]]:
        r = runner.invoke(cli, ["review", "facts", "--store", str(store), "--format", "csv", *args])
        assert r.exit_code == 0, r.output
        return list(csv.DictReader(io.StringIO(r.stdout)))

    rows = listed()
    assert list(rows[0]) == FACT_COLUMNS
    assert sorted(r["relation"] for r in rows) == ["funds", "holdsPosition", "holdsPosition", "partnersWith"]
    assert all(float(r["confidence"]) < 0.6 and r["sentence"] for r in rows)
    assert listed("--below", "0.3") == []
    r = runner.invoke(cli, ["review", "accept", "UNFPA", "PARTNERS_WITH", "Bappenas", "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert sorted(r["relation"] for r in listed()) == ["funds", "holdsPosition", "holdsPosition"]
    with Store(store, create=False) as s:
        _, rows = s.select("SELECT ?j WHERE { ?a rdf:predicate kgo:partnersWith ; kgo:judgement ?j }")
    assert rows == [["accepted by judgement #1"]]
    with pytest.raises(JudgementError, match="no fact"):
        judge(store, "accept", "UNFPA", "Bappenas", relation="funds")  # funds is not symmetric
