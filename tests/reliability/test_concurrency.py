"""Readers never lock each other out, nor are they locked out by a build; writers take turns
(issue 13, defect 6). Real concurrent `kg` processes on one store."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import PARTNERS, article, kg, kg_env, kg_popen, one_line, wait_for_writer

NO_BUDGET = kg_env(KG_MAX_DOC_BYTES="0", KG_MAX_DOC_SECONDS="0")
OTHER = "UNICEF bekerja sama dengan Yayasan Pelita Harapan untuk program perlindungan anak di Surabaya."


def _store_with_one_article(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    p = kg("build", article(tmp_path / "in", "a.txt", PARTNERS), "--store", store, "--no-progress")
    assert p.returncode == 0, p.stderr
    return store


def _partners(store: Path) -> list[str]:
    p = kg("query", "partners", "-p", "org=Kemensos", "--store", store, "--format", "json")
    assert p.returncode == 0, p.stderr
    return sorted(json.dumps(r, ensure_ascii=False) for r in json.loads(p.stdout))


def test_reads_run_side_by_side_and_during_a_build(tmp_path: Path):
    store = _store_with_one_article(tmp_path)
    before = _partners(store)
    assert before and "Yayasan Cahaya Negeri" in before[0]
    slow = article(tmp_path / "more", "slow.txt", one_line(50_000))  # seconds of extraction
    build = kg_popen("build", slow, "--store", store, "--no-progress", env=NO_BUDGET)
    wait_for_writer(store, build)
    readers = [
        kg_popen("query", "partners", "-p", "org=Kemensos", "--store", store, "--format", "json"),
        kg_popen("stats", "--store", store, "--format", "json"),
        kg_popen("export", "--format", "graphml", "-o", tmp_path / "g.graphml", "--store", store),
        kg_popen("viz", "-o", tmp_path / "g.html", "--store", store),
        kg_popen(
            "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store, "--format", "json"
        ),
    ]
    outs = [(r.communicate(timeout=120), r.returncode) for r in readers]
    assert build.poll() is None, "the build ended before the readers: the test proves nothing"
    for (_out, err), code in outs:
        assert code == 0, err
        assert "LOCK" not in err and "Traceback" not in err
    # the readers saw the last complete graph: the one with the first article
    query_out = outs[0][0][0]
    assert sorted(json.dumps(r, ensure_ascii=False) for r in json.loads(query_out)) == before
    assert json.loads(outs[-1][0][0])[0]["n"] > 0
    out, err = build.communicate(timeout=180)
    assert build.returncode == 0, err
    assert "new 1" in out
    after = _partners(store)
    assert set(before) <= set(after) and len(after) > len(before)  # the new graph has both articles


def test_a_second_build_waits_for_the_first_with_a_message_and_nothing_is_lost(tmp_path: Path):
    store = _store_with_one_article(tmp_path)
    slow = article(tmp_path / "more", "slow.txt", one_line(40_000))
    other = article(tmp_path / "other", "b.txt", OTHER)
    first = kg_popen("build", slow, "--store", store, "--no-progress", env=NO_BUDGET)
    wait_for_writer(store, first)
    second = kg_popen("build", other, "--store", store, "--no-progress", "--format", "json")
    out2, err2 = second.communicate(timeout=180)
    out1, err1 = first.communicate(timeout=180)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert "Traceback" not in err2
    assert "another build is writing" in err2 and "waiting" in err2
    assert json.loads(out2)["documents"] == 3  # it saw the first build's document: nothing lost
    p = kg("stats", "--store", store, "--format", "json")
    assert json.loads(p.stdout)["documents"] == 3
    q = kg("query", "partners", "-p", "org=UNICEF", "--store", store, "--format", "json")
    assert "Yayasan Pelita Harapan" in q.stdout, q.stdout
