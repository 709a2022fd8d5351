"""Training the learned extractor from gold annotations, and document-level cross-validation.

Training is deterministic: documents are read in sorted order, L-BFGS has no random start, and
the same gold gives byte-identical model files. A model folder holds ``tagger.crfsuite``, one
``rel-<type>.crfsuite`` per relation type and ``manifest.json`` (training documents with
their hashes, parameters, feature version).

Relation classifiers are trained on the entities that the tagger reads: so that they see
the tagger's mistakes as they will at run time, the entities of each training document are
read by a tagger trained without that document (an inner split, ``inner_folds``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest.extract.core import Analysis, analyse
from ingest.learned import crf
from ingest.learned.align import FormIndex, align, bio
from ingest.learned.extractor import (
    RELATION_TYPES,
    Models,
    compatible,
    decide,
    named_entities,
    pair_candidates,
    pair_types_allowed,
    read_entities,
    write,
)
from ingest.learned.token_features import sentence_features
from kg.claims import Document
from kg.errors import InputError, KGError
from kg.evaluate import match_entities

FEATURE_VERSION = 1
AUGMENT = False


def _is_rule_feature(x: str) -> bool:
    return x.startswith(("rule=", "src=", "-1:rule=", "+1:rule=")) or x == "title"


THRESHOLD = 0.5
KEEP_THRESHOLD = 0.15


@dataclass
class GoldDoc:
    stem: str
    gold: dict
    doc: Document
    digest: str
    _an: Analysis | None = None

    @property
    def analysis(self) -> Analysis:
        if self._an is None:
            self._an = analyse(Document(**{**self.doc.__dict__}))
        return self._an


def load_gold(dirs: Iterable[str | Path], warn: Callable[[str], None] | None = None) -> list[GoldDoc]:
    """Every ``<stem>.json`` gold file with its ``<stem>.txt`` article, sorted by stem. A file
    that cannot be read is named through ``warn`` (stderr by default) and left out."""
    import sys

    from ingest.readers.text import read_text_file

    warn = warn or (lambda m: print(m, file=sys.stderr))

    out: dict[str, GoldDoc] = {}
    for d in dirs:
        d = Path(d)
        if not d.is_dir():
            raise InputError(str(d), "not a folder")
        for g in sorted(d.glob("*.json")):
            txt = g.with_suffix(".txt")
            if not txt.is_file():
                continue
            try:
                gold = json.loads(g.read_text(encoding="utf-8"))
                if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
                    raise ValueError("no 'entities' list")
                doc = read_text_file(txt)
            except (OSError, ValueError, UnicodeDecodeError, KGError) as e:
                warn(f"skipped {g}: {e}")
                continue
            doc.doc_id = g.stem
            raw = txt.read_bytes() + g.read_bytes()
            out.setdefault(g.stem, GoldDoc(g.stem, gold, doc, hashlib.sha256(raw).hexdigest()[:16]))
    if not out:
        raise InputError(", ".join(str(d) for d in dirs), "no gold *.json files with their .txt articles")
    return [out[k] for k in sorted(out)]


def tagger_data(docs: Iterable[GoldDoc]):
    for gd in docs:
        index = FormIndex(gd.gold.get("entities", []))
        for st in gd.analysis.sents:
            if not st.toks:
                continue
            feats = sentence_features(st.toks, st.matches, st.mentions, st.titles)
            labels = bio(len(st.toks), align(st.toks, index))
            yield feats, labels
            if AUGMENT:  # the same sentence without the rules' reading: words and lexicons must carry it
                yield [[x for x in f if not _is_rule_feature(x)] for f in feats], labels


def relation_items(gd: GoldDoc, tagger: crf.Tagger) -> dict[str, list[tuple[list[str], str]]]:
    """Training items per relation type for one document, read with ``tagger``."""
    rd = read_entities(gd.analysis, tagger)
    pred = [{"id": k, "type": t, "name": n, "aliases": a} for k, t, n, a, _, _ in named_entities(rd)]
    gold_ents = gd.gold.get("entities", [])
    to_pred = match_entities(gold_ents, pred)
    labels: dict[tuple[str, str, str], str] = {}  # (type, a, b) -> "req" | "opt"
    for r in gd.gold.get("relations", []):
        a, b = to_pred.get(r["source"]), to_pred.get(r["target"])
        if a and b:
            flag = "opt" if r.get("optional") else "req"
            labels[(r["type"], a, b)] = flag
            if r["type"] == "partnersWith":
                labels[("partnersWith", b, a)] = flag
    live = {k: t for k, t, *_ in named_entities(rd)}
    out: dict[str, list] = {r: [] for r in RELATION_TYPES}
    for (a, b), f in sorted(pair_candidates(rd).items()):
        feats = sorted(f)
        for rel in pair_types_allowed(live[a], live[b]):
            ab, ba = labels.get((rel, a, b)), labels.get((rel, b, a))
            if "opt" in (ab, ba):
                continue  # optional in the gold: neither way
            lab = "ab" if ab and compatible(rel, live[a], live[b]) else "ba" if ba else "none"
            if rel == "partnersWith" and lab == "ba":
                lab = "ab"
            out[rel].append((feats, lab))
    return out


def train(
    docs: list[GoldDoc],
    out_dir: str | Path,
    inner_folds: int = 3,
    progress: Callable[[str], None] | None = None,
    threshold: float = THRESHOLD,
    keep_threshold: float = KEEP_THRESHOLD,
) -> dict:
    """Train the tagger and the relation classifiers on ``docs``; writes ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    say = progress or (lambda _m: None)
    say(f"tagger on {len(docs)} documents")
    crf.train_tagger(tagger_data(docs), out / "tagger.crfsuite")
    items: dict[str, list] = {r: [] for r in RELATION_TYPES}
    with tempfile.TemporaryDirectory(prefix="kg-train-") as tmp:
        parts = (
            folds([d.stem for d in docs], inner_folds) if inner_folds > 1 and len(docs) >= inner_folds else []
        )
        by_stem = {d.stem: d for d in docs}
        if parts:
            for n, test in enumerate(parts):
                say(f"inner tagger {n + 1}/{len(parts)}")
                path = Path(tmp) / f"inner-{n}.crfsuite"
                crf.train_tagger(tagger_data(d for d in docs if d.stem not in test), path)
                tg = crf.Tagger(path)
                for stem in sorted(test):
                    for rel, xs in relation_items(by_stem[stem], tg).items():
                        items[rel] += xs
        else:
            tg = crf.Tagger(out / "tagger.crfsuite")
            for d in docs:
                for rel, xs in relation_items(d, tg).items():
                    items[rel] += xs
    trained = []
    for rel in RELATION_TYPES:
        say(f"relation classifier {rel} ({len(items[rel])} pairs)")
        p = out / f"rel-{rel}.crfsuite"
        if p.exists():
            p.unlink()
        if crf.train_classifier(items[rel], p):
            trained.append(rel)
    manifest = {
        "feature_version": FEATURE_VERSION,
        "threshold": threshold,
        "keep_threshold": keep_threshold,
        "inner_folds": inner_folds,
        "tagger_params": crf.TAGGER_PARAMS,
        "classifier_params": crf.CLASSIFIER_PARAMS,
        "relations": trained,
        "pairs": {r: len(items[r]) for r in RELATION_TYPES},
        "documents": [{"doc": d.stem, "sha256": d.digest} for d in docs],
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    return manifest


def folds(stems: Iterable[str], k: int) -> list[set[str]]:
    """A fixed split of documents into ``k`` folds: sorted by name, dealt round-robin.

    >>> [sorted(f) for f in folds(["c", "a", "b", "d", "e"], 2)]
    [['a', 'c', 'e'], ['b', 'd']]
    """
    ordered = sorted(set(stems))
    if k < 2 or k > len(ordered):
        raise ValueError(f"cannot make {k} folds of {len(ordered)} documents")
    return [{s for n, s in enumerate(ordered) if n % k == f} for f in range(k)]


def predict(docs: Iterable[GoldDoc], models: Models, out_dir: Path) -> None:
    """Predictions of ``models`` for ``docs`` as gold-format JSON files."""
    for gd in docs:
        rd = read_entities(gd.analysis, models.tagger)
        ex = write(rd, decide(rd, models))
        ex.doc.doc_id = gd.stem
        (out_dir / f"{gd.stem}.json").write_text(
            json.dumps(ex.to_gold_json(evidence=True), ensure_ascii=False), encoding="utf-8"
        )


_CV_STATE: dict = {}  # what forked fold workers read: the documents and the settings


def _run_fold(n: int) -> int:
    st = _CV_STATE
    docs, test = st["docs"], st["parts"][n]
    mdir = st["tmp"] / f"model-{n}"
    train(
        [d for d in docs if d.stem not in test],
        mdir,
        inner_folds=st["inner_folds"],
        threshold=st["threshold"],
        keep_threshold=st["keep_threshold"],
    )
    predict([d for d in docs if d.stem in test], Models.load(mdir), st["pred"])
    return n


def cross_validate(
    gold_dir: str | Path,
    k: int = 5,
    save_dir: str | Path | None = None,
    progress: Callable[[str], None] | None = None,
    inner_folds: int = 3,
    threshold: float = THRESHOLD,
    keep_threshold: float = KEEP_THRESHOLD,
    jobs: int = 1,
):
    """Document-level k-fold cross-validation: each fold is read by models trained on the
    other folds only. Returns the :class:`kg.evaluate.Evaluation` of all held-out
    predictions and the folds (for the record). ``jobs`` > 1 trains folds in parallel
    processes (the same predictions: each fold's training is deterministic and independent)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from kg.evaluate import evaluate

    say = progress or (lambda _m: None)
    docs = load_gold([gold_dir])
    parts = folds([d.stem for d in docs], k)
    tmp = Path(tempfile.mkdtemp(prefix="kg-cv-"))
    try:
        pred = Path(save_dir) if save_dir else tmp / "pred"
        pred.mkdir(parents=True, exist_ok=True)
        _CV_STATE.update(
            docs=docs, parts=parts, tmp=tmp, pred=pred, inner_folds=inner_folds,
            threshold=threshold, keep_threshold=keep_threshold,
        )  # fmt: skip
        sizes = [(len(docs) - len(t), len(t)) for t in parts]
        if jobs <= 1 or k == 1 or "fork" not in multiprocessing.get_all_start_methods():
            for n in range(k):
                say(f"fold {n + 1}/{k}: training on {sizes[n][0]} documents, testing on {sizes[n][1]}")
                _run_fold(n)
        else:
            say(f"{k} folds in {min(jobs, k)} processes")
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=min(jobs, k), mp_context=ctx) as pool:
                for n in pool.map(_run_fold, range(k)):
                    say(f"fold {n + 1}/{k} done: trained on {sizes[n][0]} documents, tested on {sizes[n][1]}")
        return evaluate(gold_dir, pred), parts
    finally:
        _CV_STATE.clear()
        shutil.rmtree(tmp, ignore_errors=True)
