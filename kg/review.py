"""``kg review``: likely duplicates to judge, and the judgements made (see :mod:`kg.judgements`).

Candidates are pairs of entities of the same kind (organizations together, people, programs,
commitments, places) that share an identifier, or whose names or aliases are close
(``rapidfuzz`` token-set ratio, at least ``threshold``). Blocking keeps this fast: only
entities sharing a word of their names (a word found in few entities) are compared. Pairs
judged ``not-same`` (or already merged) are never proposed again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from kg.claims import fold
from kg.judgements import Judgement, JudgementError, judgements, record, undo
from kg.resolve import KIND

COLUMNS = ["score", "reason", "a", "a_type", "b", "b_type", "a_iri", "b_iri"]
_COMMON = 25  # a word in more entities than this does not block (kementerian, yayasan ...)


@dataclass
class Candidate:
    score: float
    reason: str
    a: str
    b: str


def _forms(d: dict[str, Any]) -> list[str]:
    return [f for f in (fold(x) for x in [d["name"], *d.get("aliases", [])]) if f]


def similarity(a: str, b: str) -> float:
    """How alike two folded names are (0-100): the better of edit-distance ratios on the text and
    on sorted words; a name of 3+ words contained in the other scores high, less so the more
    the other adds ("country programme action plan" in "... cpap 2021 2025": 94).

    >>> similarity("pratikno", "pratikno"), similarity("asean secretariat", "secretariat") < 88
    (100.0, True)
    """
    s = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))
    ta, tb = a.split(), b.split()
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) >= 3:
        s = max(s, fuzz.token_set_ratio(a, b) * (0.85 + 0.15 * len(short) / len(long_)))
    return round(float(s), 1)


def candidates(store: Any, threshold: float = 88.0, limit: int = 100) -> list[Candidate]:
    """Likely duplicates in the store, best first (see the module docstring)."""
    from kg.graphview import read_graph

    view = read_graph(store)
    _, rows = store.select("SELECT ?e ?i WHERE { ?e kgo:identifier ?i }")
    idents: dict[str, set[str]] = defaultdict(set)
    for e, i in rows:
        idents[e].add(i)
    judged = {frozenset((j.a, j.b)) for j in judgements(store.db) if j.kind in ("not-same", "merge")}
    kind = {n: KIND.get(d["type"], "other") for n, d in view.nodes(data=True)}
    forms = {n: _forms(d) for n, d in view.nodes(data=True)}
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n, fs in forms.items():
        for f in fs:
            for word in f.split():
                if len(word) >= 3:
                    blocks[(kind[n], word)].add(n)
        for i in idents.get(n, ()):
            blocks[(kind[n], "id:" + i)].add(n)
    pairs: dict[frozenset[str], Candidate] = {}
    for (_, word), members in blocks.items():
        shared_id = word.startswith("id:")
        if len(members) < 2 or (len(members) > _COMMON and not shared_id):
            continue
        ms = sorted(members)
        for i, a in enumerate(ms):
            for b in ms[i + 1 :]:
                key = frozenset((a, b))
                if key in judged or key in pairs:
                    continue
                if shared_id:
                    pairs[key] = Candidate(100.0, f"shared identifier {word[3:]}", a, b)
                    continue
                best, why = 0.0, ""
                for fa in forms[a]:
                    for fb in forms[b]:
                        s = similarity(fa, fb)
                        if s > best:
                            best, why = s, f"{fa!r} ~ {fb!r}"
                if best >= threshold:
                    pairs[key] = Candidate(round(best, 1), f"names {why}", a, b)
    out = sorted(pairs.values(), key=lambda c: (-c.score, view.nodes[c.a]["name"], c.a, c.b))
    return out[:limit]


def candidate_rows(
    store: Any, threshold: float = 88.0, limit: int = 100
) -> tuple[list[str], list[list[Any]]]:
    from kg.graphview import read_graph

    view = read_graph(store)
    rows = []
    for c in candidates(store, threshold, limit):
        na, nb = view.nodes[c.a], view.nodes[c.b]
        rows.append([c.score, c.reason, na["name"], na["type"], nb["name"], nb["type"], c.a, c.b])
    return COLUMNS, rows


def _iri(view: Any, name: str) -> str:
    from kg.graphview import find_entity

    return find_entity(view, name)


def judge(store_path: str | Path, kind: str, a: str, b: str, relation: str = "", note: str = "") -> Judgement:
    """Record a judgement on entities named ``a`` and ``b`` (names, aliases or IRIs) and rebuild
    the graph with it. ``relation`` (reject only): the relation's name, either spelling."""
    from kg.build import regenerate
    from kg.graphview import read_graph
    from kg.ontology import load
    from kg.store import Store

    with Store(store_path, create=False) as store:
        view = read_graph(store)
        ia, ib = _iri(view, a), _iri(view, b)
        if kind == "reject":
            rels = {r.name.casefold(): r.name for r in load().relations.values()}
            rels |= {r.neo4j_type.casefold(): r.name for r in load().relations.values()}
            if relation.casefold() not in rels:
                names = ", ".join(sorted(set(rels.values())))
                raise JudgementError(f"unknown relation {relation!r}; choose among: {names}")
            relation = rels[relation.casefold()]
            facts = [
                d
                for u, v, d in view.edges(data=True)
                if d["relation"] == relation
                and ((u, v) == (ia, ib) or (d["symmetric"] and (u, v) == (ib, ia)))
            ]
            if not facts:
                raise JudgementError(f"the graph has no fact {a} {relation} {b} to reject")
        elif KIND.get(view.nodes[ia]["type"]) != KIND.get(view.nodes[ib]["type"]):
            raise JudgementError(
                f"{view.nodes[ia]['name']} is a {view.nodes[ia]['type']} and {view.nodes[ib]['name']} "
                f"a {view.nodes[ib]['type']}: only entities of one kind can be judged the same"
            )
        j = record(store.db, Judgement(kind, ia, ib, relation, note))
        regenerate(store)
    return j


def undo_judgement(store_path: str | Path, judgement_id: int) -> Judgement:
    from kg.build import regenerate
    from kg.store import Store

    with Store(store_path, create=False) as store:
        j = undo(store.db, judgement_id)
        regenerate(store)
    return j
