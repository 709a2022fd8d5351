"""The learned extractor: alignment, features, folds, deterministic training, the shipped model."""

import json
from pathlib import Path

import pytest

from ingest.extract.tokens import tokenize
from ingest.learned.align import FormIndex, align, bio, spans_of
from ingest.learned.extractor import MODEL_DIR, Models, compatible
from ingest.learned.extractor import extract as learned_extract
from ingest.learned.pair_features import sentence_pair_features
from ingest.learned.token_features import sentence_features
from ingest.learned.training import folds, load_gold, train
from kg.claims import Document
from kg.errors import InputError

CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus" / "dev"

ARTICLES = {
    "a1": (
        "Yayasan Harapan Bangsa bekerja sama dengan Dinas Sosial Kota Malang. "
        "Ketua Yayasan Harapan Bangsa, Budi Santoso, mengatakan program Sekolah Sehat berjalan.",
        [
            ("NonProfit", "Yayasan Harapan Bangsa", []),
            ("GovernmentBody", "Dinas Sosial Kota Malang", []),
            ("Person", "Budi Santoso", []),
            ("Program", "Sekolah Sehat", []),
        ],
        [("partnersWith", 0, 1), ("holdsPosition", 2, 0), ("runs", 0, 3)],
    ),
    "a2": (
        "Lembaga Peduli Anak menandatangani nota kesepahaman dengan Dinas Kesehatan Kabupaten Bogor. "
        "Direktur Lembaga Peduli Anak, Siti Aminah, hadir.",
        [
            ("NonProfit", "Lembaga Peduli Anak", []),
            ("GovernmentBody", "Dinas Kesehatan Kabupaten Bogor", []),
            ("Person", "Siti Aminah", []),
        ],
        [("partnersWith", 0, 1), ("holdsPosition", 2, 0)],
    ),
    "a3": (
        "The Green Earth Foundation partnered with the Ministry of Social Affairs. "
        "Foundation chair John Tan said the Clean Water programme would start.",
        [
            ("NonProfit", "Green Earth Foundation", []),
            ("GovernmentBody", "Ministry of Social Affairs", []),
            ("Person", "John Tan", []),
            ("Program", "Clean Water programme", []),
        ],
        [("partnersWith", 0, 1), ("holdsPosition", 2, 0), ("runs", 0, 3)],
    ),
    "a4": (
        "Perkumpulan Nelayan Sejahtera menjalin kerja sama dengan Badan Pangan Nasional. "
        "Sekretaris Perkumpulan Nelayan Sejahtera, Agus Wibowo, menjelaskan.",
        [
            ("NonProfit", "Perkumpulan Nelayan Sejahtera", []),
            ("GovernmentBody", "Badan Pangan Nasional", []),
            ("Person", "Agus Wibowo", []),
        ],
        [("partnersWith", 0, 1), ("holdsPosition", 2, 0)],
    ),
}


def _write_gold(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, (text, ents, rels) in ARTICLES.items():
        lang = "en" if stem == "a3" else "id"
        header = (
            f"url: https://example.org/{stem}\ntitle: {stem}\ndate: 2024-01-0{stem[1]}\nlang: {lang}\n---\n"
        )
        (folder / f"{stem}.txt").write_text(header + text + "\n", encoding="utf-8")
        gold = {
            "doc": stem,
            "lang": lang,
            "entities": [
                {"id": f"e{k}", "type": t, "name": n, "aliases": a} for k, (t, n, a) in enumerate(ents)
            ],
            "relations": [{"type": r, "source": f"e{s}", "target": f"e{t}"} for r, s, t in rels],
        }
        (folder / f"{stem}.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_alignment_labels_every_form_longest_first():
    toks = tokenize("Menteri Sosial dan Kementerian Sosial (Kemensos) hadir.")
    index = FormIndex(
        [{"id": "k", "type": "GovernmentBody", "name": "Kementerian Sosial", "aliases": ["Kemensos"]}]
    )
    spans = align(toks, index)
    assert [(i, j) for i, j, _, _ in spans] == [(3, 5), (6, 7)]
    labels = bio(len(toks), spans)
    assert labels[3:7] == ["B-GovernmentBody", "I-GovernmentBody", "O", "B-GovernmentBody"]
    assert spans_of(labels) == [(3, 5, "GovernmentBody"), (6, 7, "GovernmentBody")]


def test_token_features_carry_lexicons_and_the_rules_reading():
    toks = tokenize("Direktorat Jenderal Rehabilitasi Sosial menyalurkan bantuan.")
    f = sentence_features(toks, [], [])
    assert "head=GovernmentBody" in f[0] and "cap" in f[0] and "BOS" in f[0]
    assert "-1:head=GovernmentBody" in f[1]
    assert "rule=O" in f[2]


def test_pair_features_see_lists_and_appositions():
    text = "Ketua Yayasan Harapan, Budi Santoso, hadir bersama Dinas Sosial dan Yayasan Pelita."
    toks = tokenize(text)
    appos = sentence_pair_features(toks, (1, 3), (4, 6), [], text)
    assert "comma_first" in appos and "dist=1" in appos and "L1=ketua" in appos
    listed = sentence_pair_features(toks, (9, 11), (12, 14), [], text)
    assert "coord_only" in listed and "bseq=dan" in listed


def test_relation_types_follow_the_guide():
    assert compatible("runs", "NonProfit", "Program") and not compatible("runs", "Program", "NonProfit")
    assert compatible("locatedIn", "Program", "Place") and not compatible("partnersWith", "Person", "Company")


def test_folds_are_disjoint_and_cover_every_document():
    stems = [f"d{n:02d}" for n in range(23)]
    parts = folds(stems, 5)
    assert len(parts) == 5 and set().union(*parts) == set(stems)
    assert sum(len(p) for p in parts) == len(stems)
    for k, p in enumerate(parts):
        train_docs = set(stems) - p
        assert not train_docs & p
        assert all(not p & q for q in parts[k + 1 :])
    assert parts == folds(reversed(stems), 5)  # fixed split, whatever the order given
    with pytest.raises(ValueError):
        folds(stems[:3], 5)


def test_training_is_deterministic_and_the_model_reads_new_text(tmp_path):
    gold = _write_gold(tmp_path / "gold")
    docs = load_gold([gold])
    assert [d.stem for d in docs] == ["a1", "a2", "a3", "a4"]
    m1, m2 = tmp_path / "m1", tmp_path / "m2"
    train(docs, m1, inner_folds=2)
    train(load_gold([gold]), m2, inner_folds=2)
    files = sorted(p.name for p in m1.iterdir())
    assert "tagger.crfsuite" in files and "manifest.json" in files
    for name in files:
        assert (m1 / name).read_bytes() == (m2 / name).read_bytes(), name
    ex = learned_extract(
        Document(
            doc_id="new",
            source="new.txt",
            text="Yayasan Harapan Bangsa bekerja sama dengan Dinas Sosial.",
            lang="id",
        ),
        Models.load(m1),
    )
    assert ex.extractor == "learned"
    assert {e.name for e in ex.entities} >= {"Yayasan Harapan Bangsa"}


def test_cv_keeps_test_documents_out_of_training(tmp_path, monkeypatch):
    from ingest.learned import training

    gold = _write_gold(tmp_path / "gold")
    seen: list[tuple[set[str], set[str]]] = []
    real_train, real_predict = training.train, training.predict

    def spy_train(docs, out, **kw):
        seen.append(({d.stem for d in docs}, set()))
        return real_train(docs, out, **kw)

    def spy_predict(docs, models, out):
        docs = list(docs)
        seen[-1][1].update(d.stem for d in docs)
        return real_predict(docs, models, out)

    monkeypatch.setattr(training, "train", spy_train)
    monkeypatch.setattr(training, "predict", spy_predict)
    ev, parts = training.cross_validate(gold, 2, inner_folds=0)
    assert len(seen) == 2 and ev.overall["docs"] == 4
    for trained_on, tested_on in seen:
        assert tested_on and not trained_on & tested_on
    assert set().union(*(t for _, t in seen)) == set(ARTICLES)


def test_missing_model_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="kg train"):
        Models.load(tmp_path)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="dev corpus not available")
def test_shipped_model_is_reproducible_from_the_dev_corpus(tmp_path):
    shipped = json.loads((MODEL_DIR / "manifest.json").read_text(encoding="utf-8"))
    man = train(load_gold([CORPUS]), tmp_path / "m", inner_folds=shipped["inner_folds"])
    assert man["documents"] == shipped["documents"]
    for p in sorted(MODEL_DIR.glob("*.crfsuite")):
        assert (tmp_path / "m" / p.name).read_bytes() == p.read_bytes(), p.name


@pytest.mark.parametrize(
    ("span", "kept"),
    [
        ("H.E. Dr. San San Aye", "San San Aye"),  # a two-token honorific before another
        ("Dr. Maria Endang", "Maria Endang"),
        ("Hj. Misnah", "Misnah"),
        ("Presiden", ""),  # a post title alone is nobody
        ("Sp.A., MPH", ""),  # degrees alone
        ("Budi Santoso", "Budi Santoso"),
    ],
)
def test_person_spans_lose_honorifics_and_titles(span, kept):
    from ingest.extract.tokens import tokenize
    from ingest.learned.extractor import _clean_person

    toks = tokenize(span)
    i, j = _clean_person(toks, 0, len(toks))
    assert (span[toks[i].start : toks[j - 1].end] if j > i else "") == kept


def _spans_text(text, spans):
    from ingest.extract.tokens import tokenize

    toks = tokenize(text)
    return [(text[toks[i].start : toks[j - 1].end], t) for i, j, t in spans], toks


def test_span_opening_a_bracket_becomes_name_and_acronym():
    from types import SimpleNamespace

    from ingest.extract.tokens import tokenize
    from ingest.learned.extractor import _repair_spans

    text = "Program Rehabilitasi Sosial (Rehsos) berjalan."
    toks = tokenize(text)
    st = SimpleNamespace(toks=toks, mentions=[])
    paren = [t.text for t in toks].index("(")
    out = _repair_spans(st, [(0, paren + 2, "Program")])  # "Program Rehabilitasi Sosial (Rehsos"
    got, _ = _spans_text(text, out)
    assert got == [("Program Rehabilitasi Sosial", "Program"), ("Rehsos", "Program")]


def test_body_span_stops_before_a_person_the_rules_found():
    from types import SimpleNamespace

    from ingest.extract.tokens import tokenize
    from ingest.learned.extractor import _repair_spans

    text = "Ketua BAZNAS Arifin Purwakananta mengatakan."
    toks = tokenize(text)
    person = SimpleNamespace(i=2, j=4, type="Person")
    st = SimpleNamespace(toks=toks, mentions=[person])
    got, _ = _spans_text(text, _repair_spans(st, [(1, 4, "NonProfit"), (2, 4, "Person")]))
    assert got == [("BAZNAS", "NonProfit"), ("Arifin Purwakananta", "Person")]
    # a span with no bracket and no person inside is left as it is
    assert _repair_spans(SimpleNamespace(toks=toks, mentions=[]), [(1, 2, "NonProfit")]) == [
        (1, 2, "NonProfit")
    ]


def test_unreadable_gold_file_is_named_and_skipped(tmp_path):
    gold = _write_gold(tmp_path / "gold")
    (gold / "zz.txt").write_text("url: https://example.org/zz\nlang: id\n---\nTeks.\n", encoding="utf-8")
    (gold / "zz.json").write_text("{not json", encoding="utf-8")
    said: list[str] = []
    docs = load_gold([gold], warn=said.append)
    assert [d.stem for d in docs] == ["a1", "a2", "a3", "a4"]
    assert len(said) == 1 and "zz.json" in said[0]


def test_cv_in_two_processes_gives_the_same_predictions(tmp_path):
    from ingest.learned.training import cross_validate

    gold = _write_gold(tmp_path / "gold")
    one, two = tmp_path / "one", tmp_path / "two"
    ev1, parts1 = cross_validate(gold, 2, save_dir=one, inner_folds=2, jobs=1)
    ev2, parts2 = cross_validate(gold, 2, save_dir=two, inner_folds=2, jobs=2)
    assert parts1 == parts2
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir()) and len(names) == 4
    for n in names:
        assert (one / n).read_bytes() == (two / n).read_bytes(), n
    assert ev1.overall == ev2.overall
