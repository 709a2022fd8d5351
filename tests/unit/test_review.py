"""`kg review`: candidates, and judgements (merge, not-same, reject) that survive rebuilds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from review_fixture import extract, write_sources

from kg.build import build_store
from kg.cli import cli
from kg.judgements import JudgementError
from kg.review import candidates, judge, similarity, undo_judgement
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
