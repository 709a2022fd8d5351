"""A big article cannot stall a build (issue 13, defect 2): sentences are capped, extraction is
linear, and a per-document budget (size, time) skips an oversized article with one line."""

from __future__ import annotations

import json
import time
from pathlib import Path

from conftest import PARTNERS, article, kg, kg_env, no_traceback, one_line

from ingest.extract.text import cap_sentence, max_sentence_tokens, sentences


def test_no_sentence_is_longer_than_the_cap_and_no_word_is_lost():
    cap = max_sentence_tokens()
    text = one_line(cap * 7 + 5)
    out = sentences(text)
    assert len(out) == 8 and max(len(s.text.split()) for s in out) <= cap
    assert " ".join(s.text for s in out).split() == text.split()
    assert cap_sentence("Ia hadir.", cap) == ["Ia hadir."]


def test_extraction_time_grows_linearly_with_a_long_sentence():
    from ingest.extract import extract
    from kg.claims import Document

    def seconds(n: int) -> float:
        t = time.perf_counter()
        extract(Document("x", "x.txt", text=one_line(n), lang="id"))
        return time.perf_counter() - t

    seconds(500)  # warm the lexicons
    small, big = seconds(4_000), seconds(16_000)
    # quadratic would be 16x (it was 0.7 s at 5k words, 6.3 s at 20k); linear is 4x
    assert big < 8 * small + 0.2, (small, big)


def test_a_4mb_one_line_article_is_skipped_and_the_build_goes_on(tmp_path: Path):
    src = tmp_path / "in"
    huge = article(src, "huge.txt", one_line(600_000))  # about 4 MB
    assert huge.stat().st_size > 4_000_000
    article(src, "normal.txt", PARTNERS)
    store = tmp_path / "store"
    t = time.perf_counter()
    p = kg("build", src, "--store", store, "--no-progress", "--format", "json")
    took = time.perf_counter() - t
    no_traceback(p)
    assert took < 20, took
    assert p.returncode == 3  # some input skipped
    summary = json.loads(p.stdout)
    assert [s["path"] for s in summary["skipped"]] == [str(huge)]
    assert "MB of text, over the budget" in summary["skipped"][0]["reason"]
    assert summary["added"] == 1 and summary["relations"] > 0
    q = kg("query", "partners", "-p", "org=Kemensos", "--store", store, "--format", "json")
    assert "Yayasan Cahaya Negeri" in q.stdout, q.stdout + q.stderr


def test_the_time_budget_skips_a_slow_article_with_one_line(tmp_path: Path):
    src = tmp_path / "in"
    slow = article(src, "slow.txt", one_line(150_000))  # about 1 MB: ~10 s of extraction
    article(src, "normal.txt", PARTNERS)
    store = tmp_path / "store"
    env = kg_env(KG_MAX_DOC_SECONDS="1")
    t = time.perf_counter()
    p = kg("build", src, "--store", store, "--no-progress", "--max-doc-bytes", "0", env=env)
    took = time.perf_counter() - t
    no_traceback(p)
    assert took < 15, took
    assert p.returncode == 3
    skipped = [x for x in p.stderr.splitlines() if x.startswith("skipped:")]
    assert len(skipped) == 1 and str(slow) in skipped[0] and "took over 1 s" in skipped[0], p.stderr
    assert "new 1" in p.stdout
    q = kg("query", "partners", "-p", "org=Kemensos", "--store", store, "--format", "json")
    assert "Yayasan Cahaya Negeri" in q.stdout


def test_the_size_budget_is_an_option(tmp_path: Path):
    src = tmp_path / "in"
    article(src, "normal.txt", PARTNERS)
    p = kg("build", src, "--store", tmp_path / "s", "--no-progress", "--max-doc-bytes", "100")
    assert p.returncode == 3 and "over the budget of 100 bytes" in p.stderr
    p = kg("build", src, "--store", tmp_path / "s", "--no-progress", env=kg_env(KG_MAX_DOC_BYTES="100000"))
    assert p.returncode == 0 and "new 1" in p.stdout
