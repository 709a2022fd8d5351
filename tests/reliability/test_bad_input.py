"""One clear line, no traceback, for inputs an operator gets wrong (issue 13, defects 3-5)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import PARTNERS, article, kg, kg_env, no_traceback


def test_an_http_neo4j_uri_says_that_bolt_is_needed():
    for uri in ("http://127.0.0.1:7474", "https://db.example.org"):
        p = kg("cypher", "RETURN 1", env=kg_env(NEO4J_URI=uri))
        no_traceback(p)
        assert p.returncode == 1
        lines = p.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: NEO4J_URI"), p.stderr
        assert "bolt://" in lines[0] and "neo4j://" in lines[0]


def test_a_url_given_to_build_is_not_read_and_makes_no_store(tmp_path: Path):
    store = tmp_path / "store"
    p = kg("build", "https://www.example.org/berita/1", "--store", store, "--no-progress")
    no_traceback(p)
    assert p.returncode == 1
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and "URLs are not read" in lines[0], p.stderr
    assert "https://www.example.org/berita/1" in lines[0]  # the URL as given, not "https:/www..."
    assert not store.exists()


def test_a_url_beside_good_files_is_skipped_and_the_files_are_built(tmp_path: Path):
    a = article(tmp_path / "in", "a.txt", PARTNERS)
    store = tmp_path / "store"
    p = kg("build", "http://example.org/x", a, "--store", store, "--no-progress", "--format", "json")
    no_traceback(p)
    assert p.returncode == 3
    summary = json.loads(p.stdout)
    assert summary["added"] == 1 and summary["relations"] > 0
    assert [s["path"] for s in summary["skipped"]] == ["http://example.org/x"]


def test_an_impossible_date_is_unknown_with_a_warning_naming_the_file(tmp_path: Path):
    bad = article(tmp_path / "in", "bad-date.txt", PARTNERS, date="2020-02-30")
    article(tmp_path / "in", "month13.txt", PARTNERS.replace("Cahaya", "Terang"), date="2021-13-01")
    store = tmp_path / "store"
    p = kg("build", tmp_path / "in", "--store", store, "--no-progress")
    no_traceback(p)
    assert p.returncode == 0, p.stderr
    warnings = [x for x in p.stderr.splitlines() if x.startswith("warning:")]
    assert any(str(bad) in w and "2020-02-30" in w and "unknown" in w for w in warnings), p.stderr
    assert any("month13.txt" in w and "2021-13-01" in w for w in warnings), p.stderr
    q = kg("sparql", "SELECT ?d WHERE { ?s dcterms:date ?d }", "--store", store, "--format", "json")
    assert q.returncode == 0 and json.loads(q.stdout) == []  # no date at all, not a broken literal
    v = kg("validate", "--store", store)
    no_traceback(v)
    assert v.returncode == 0 and v.stdout.startswith("conforms"), v.stdout + v.stderr
    assert v.stderr == ""


def test_a_real_date_is_kept(tmp_path: Path):
    article(tmp_path / "in", "ok.txt", PARTNERS, date="2020-02-29")
    store = tmp_path / "store"
    p = kg("build", tmp_path / "in", "--store", store, "--no-progress")
    assert p.returncode == 0 and "warning" not in p.stderr
    q = kg("sparql", "SELECT ?d WHERE { ?s dcterms:date ?d }", "--store", store, "--format", "json")
    assert [r["d"] for r in json.loads(q.stdout)] == ["2020-02-29"]
