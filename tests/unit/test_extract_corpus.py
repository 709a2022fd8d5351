"""The dev corpus through the extractor: a floor on the scores (skipped without the corpus)."""

import json
from pathlib import Path

import pytest

from ingest.extract import extract
from ingest.extract.text import parse_header
from kg.claims import Document
from kg.evaluate import evaluate

CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus" / "dev"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="dev corpus not available")


@pytest.fixture(scope="module")
def pred_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("pred")
    for f in sorted(CORPUS.glob("*.txt")):
        meta, body = parse_header(f.read_text(encoding="utf-8"))
        ex = extract(Document(doc_id=f.stem, source=str(f), text=body, lang=meta.get("lang")))
        (out / f"{f.stem}.json").write_text(
            json.dumps(ex.to_gold_json(evidence=True), ensure_ascii=False), encoding="utf-8"
        )
    return out


def test_dev_corpus_floor(pred_dir):
    ev = evaluate(CORPUS, pred_dir)
    assert ev.overall["ent"]["micro"]["f1"] >= 0.91
    assert ev.overall["rel"]["micro"]["f1"] >= 0.82
    assert ev.overall["qualifiers"]["role"] >= 0.90
    for lang in ("id", "en"):
        assert ev.by_lang[lang]["ent"]["micro"]["f1"] >= 0.90
        assert ev.by_lang[lang]["rel"]["micro"]["f1"] >= 0.74


def test_every_claim_has_evidence(pred_dir):
    for f in pred_dir.glob("*.json"):
        d = json.loads(f.read_text(encoding="utf-8"))
        ids = {e["id"] for e in d["entities"]}
        for r in d["relations"]:
            assert r["source"] in ids and r["target"] in ids
            assert r.get("evidence")


def test_no_entities_from_credit_lines(pred_dir):
    names = set()
    for f in pred_dir.glob("*.json"):
        names |= {e["name"] for e in json.loads(f.read_text(encoding="utf-8"))["entities"]}
    for credit_name in ("Zita Meirina", "Desi Purnamawati", "Riza Mulyadi", "Hong Minh"):
        assert credit_name not in names
