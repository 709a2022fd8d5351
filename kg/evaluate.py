"""Scoring extracted entities and relations against gold annotations.

The matching rules are those of ``shared/tools/score.py`` (and the annotation guide):
entities match on type and a shared folded form (greedy, one-to-one); relations on type
and both matched ends (either order for ``partnersWith``); ``optional`` gold items count
neither way; ``role`` and ``status`` are scored as accuracy over matched relations.
On top of the micro scores, :func:`evaluate` reports per-language figures, per-document
F1 and the most common misses and false alarms.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.claims import fold
from kg.errors import InputError

SYMMETRIC = {"partnersWith"}
DEFAULTS = {("runs", "role"): "implementer", ("partnersWith", "status"): "active"}


def forms(e: dict[str, Any]) -> set[str]:
    return {fold(e.get("name", ""))} | {fold(a) for a in e.get("aliases", []) or []} - {""}


def qualifier_matches(name: str, pred: str, gold: str) -> bool:
    p, g = fold(pred), fold(gold)
    if p == g:
        return True
    if name != "role" or not p or not g:
        return False
    pw, gw = set(p.split()), set(g.split())
    return gw <= pw or pw <= gw


def match_entities(gold: list[dict], pred: list[dict]) -> dict[str, str]:
    """Greedy one-to-one matching of entities of the same type sharing a folded form."""
    pairs: dict[str, str] = {}
    used: set[str] = set()
    for g in gold:
        gf = forms(g)
        for p in pred:
            if p["id"] in used or p.get("type") != g["type"]:
                continue
            if gf & forms(p):
                pairs[g["id"]] = p["id"]
                used.add(p["id"])
                break
    return pairs


Counts = dict[tuple[str, str], dict[str, int]]


@dataclass
class DocScore:
    doc: str
    lang: str
    counts: Counts
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)


def _new_counts() -> Counts:
    return defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})


def score_doc(gold: dict, pred: dict, counts: Counts, quals: dict, doc: DocScore | None = None) -> None:
    """Add one document's counts (the rules of score.py)."""
    ge, pe = gold.get("entities", []), pred.get("entities", [])
    pairs = match_entities(ge, pe)
    optional_g = {e["id"] for e in ge if e.get("optional")}
    matched_p = set(pairs.values())
    names = {e["id"]: e.get("name", e["id"]) for e in ge}
    pnames = {e["id"]: e.get("name", e["id"]) for e in pe}
    for e in ge:
        if e.get("optional"):
            continue
        if e["id"] in pairs:
            counts["ent", e["type"]]["tp"] += 1
        else:
            counts["ent", e["type"]]["fn"] += 1
            if doc:
                doc.misses.append(f"{e['type']}: {e.get('name')}")
    for e in pe:
        if e["id"] in matched_p:
            continue
        counts["ent", e.get("type", "?")]["fp"] += 1
        if doc:
            doc.false_alarms.append(f"{e.get('type')}: {e.get('name')}")
    inv = {p: g for g, p in pairs.items()}

    def key(r: dict, ids: dict) -> tuple | None:
        s, t = ids.get(r.get("source")), ids.get(r.get("target"))
        if s is None or t is None:
            return None
        if r["type"] in SYMMETRIC:
            s, t = sorted((s, t))
        return (r["type"], s, t)

    gold_keys: dict[tuple, dict] = {}
    for r in gold.get("relations", []):
        k = key(r, {e["id"]: e["id"] for e in ge})
        if k:
            gold_keys.setdefault(k, r)
    seen: set[tuple] = set()
    for r in pred.get("relations", []):
        k = key(r, inv)
        if k is not None and k in gold_keys:
            if k in seen:
                continue
            seen.add(k)
            g = gold_keys[k]
            if g.get("optional"):
                continue
            counts["rel", r["type"]]["tp"] += 1
            for q in ("role", "status"):
                want = g.get(q) or DEFAULTS.get((g["type"], q))
                if want:
                    quals[q]["n"] += 1
                    if qualifier_matches(q, r.get(q) or DEFAULTS.get((r["type"], q), ""), want):
                        quals[q]["ok"] += 1
        else:
            ends = [inv.get(r.get("source")), inv.get(r.get("target"))]
            if any(x in optional_g for x in ends if x):
                continue
            counts["rel", r.get("type", "?")]["fp"] += 1
            if doc:
                doc.false_alarms.append(
                    f"{r.get('type')}: {pnames.get(r.get('source'), r.get('source'))} -> "
                    f"{pnames.get(r.get('target'), r.get('target'))}"
                )
    for k, g in gold_keys.items():
        if g.get("optional") or k in seen:
            continue
        counts["rel", g["type"]]["fn"] += 1
        if doc:
            doc.misses.append(f"{g['type']}: {names.get(k[1], k[1])} -> {names.get(k[2], k[2])}")


def prf(c: dict[str, int]) -> tuple[float, float, float]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def summarize(counts: Counts, quals: dict, ndocs: int) -> dict[str, Any]:
    """The result structure of ``score.py --json``."""
    result: dict[str, Any] = {"docs": ndocs}
    for kind in ("ent", "rel"):
        tot = {"tp": 0, "fp": 0, "fn": 0}
        per = {}
        for (k, t), c in sorted(counts.items()):
            if k != kind:
                continue
            per[t] = dict(zip(("p", "r", "f1"), (round(x, 3) for x in prf(c)), strict=True), **c)
            for x in tot:
                tot[x] += c[x]
        result[kind] = {
            "micro": dict(zip(("p", "r", "f1"), (round(x, 3) for x in prf(tot)), strict=True), **tot),
            "types": per,
        }
    result["qualifiers"] = {q: round(v["ok"] / v["n"], 3) if v["n"] else None for q, v in quals.items()}
    return result


@dataclass
class Evaluation:
    overall: dict[str, Any]
    by_lang: dict[str, dict[str, Any]]
    docs: list[DocScore]

    def worst(self, n: int = 5) -> list[tuple[str, str, float, float]]:
        """(doc, lang, entity F1, relation F1) of the ``n`` documents with the lowest mean F1."""
        rows = []
        for d in self.docs:
            e = _micro(d.counts, "ent")
            r = _micro(d.counts, "rel")
            rows.append((d.doc, d.lang, round(e, 3), round(r, 3)))
        return sorted(rows, key=lambda x: x[2] + x[3])[:n]

    def common(self, what: str, n: int = 10) -> list[tuple[str, int]]:
        c: Counter[str] = Counter()
        for d in self.docs:
            items = d.misses if what == "misses" else d.false_alarms
            c.update(x.split(":", 1)[0] for x in items)
        return c.most_common(n)

    def examples(self, what: str, n: int = 15) -> list[tuple[str, str]]:
        out = []
        for d in self.docs:
            for x in d.misses if what == "misses" else d.false_alarms:
                out.append((d.doc, x))
        return out[:n]


def _micro(counts: Counts, kind: str) -> float:
    tot = {"tp": 0, "fp": 0, "fn": 0}
    for (k, _), c in counts.items():
        if k == kind:
            for x in tot:
                tot[x] += c[x]
    return prf(tot)[2]


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputError(str(path), f"cannot read annotation JSON ({e})") from e


def evaluate(gold_dir: str | Path, pred_dir: str | Path) -> Evaluation:
    """Score every ``GOLD_DIR/*.json`` against ``PRED_DIR/<same name>`` (missing = empty)."""
    gold_dir, pred_dir = Path(gold_dir), Path(pred_dir)
    if not gold_dir.is_dir():
        raise InputError(str(gold_dir), "not a folder")
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise InputError(str(gold_dir), "no gold *.json files")
    counts, quals = _new_counts(), defaultdict(lambda: {"n": 0, "ok": 0})
    lang_counts: dict[str, tuple[Counts, dict, list[int]]] = {}
    docs = []
    for g in files:
        gold = _read(g)
        pf = pred_dir / g.name
        pred = _read(pf) if pf.exists() else {}
        lang = gold.get("lang") or "?"
        d = DocScore(g.stem, lang, _new_counts())
        score_doc(gold, pred, counts, quals)
        lc = lang_counts.setdefault(lang, (_new_counts(), defaultdict(lambda: {"n": 0, "ok": 0}), [0]))
        score_doc(gold, pred, lc[0], lc[1])
        lc[2][0] += 1
        score_doc(gold, pred, d.counts, defaultdict(lambda: {"n": 0, "ok": 0}), d)
        docs.append(d)
    return Evaluation(
        summarize(counts, quals, len(files)),
        {lang: summarize(c, q, n[0]) for lang, (c, q, n) in sorted(lang_counts.items())},
        docs,
    )
