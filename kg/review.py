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


def _relation_name(relation: str) -> str:
    from kg.ontology import load

    rels = {r.name.casefold(): r.name for r in load().relations.values()}
    rels |= {r.neo4j_type.casefold(): r.name for r in load().relations.values()}
    if relation.casefold() not in rels:
        names = ", ".join(sorted(set(rels.values())))
        raise JudgementError(f"unknown relation {relation!r}; choose among: {names}")
    return rels[relation.casefold()]


def judge(store_path: str | Path, kind: str, a: str, b: str, relation: str = "", note: str = "") -> Judgement:
    """Record a judgement and rebuild the graph with it.

    ``a`` (and ``b`` for merge, not-same, reject, accept) name entities (names, aliases or
    IRIs); ``relation`` (reject, accept): the relation's name, either spelling. split: ``b`` is
    ``form:NAME`` or ``source:URL-OR-PATH`` (a bare value is a form); retype: ``b`` is a type.
    """
    from kg.build import regenerate
    from kg.graphview import read_graph
    from kg.store import Store

    with Store(store_path, create=False) as store:
        view = read_graph(store)
        ia = _iri(view, a)
        if kind == "split":
            ib = _split_part(store, view, ia, b)
        elif kind == "retype":
            ib = _type_name(b)
        else:
            ib = _iri(view, b)
        if kind in ("reject", "accept"):
            relation = _relation_name(relation)
            facts = [
                d
                for u, v, d in view.edges(data=True)
                if d["relation"] == relation
                and ((u, v) == (ia, ib) or (d["symmetric"] and (u, v) == (ib, ia)))
            ]
            if not facts:
                raise JudgementError(f"the graph has no fact {a} {relation} {b} to {kind}")
        elif kind in ("merge", "not-same") and KIND.get(view.nodes[ia]["type"]) != KIND.get(
            view.nodes[ib]["type"]
        ):
            raise JudgementError(
                f"{view.nodes[ia]['name']} is a {view.nodes[ia]['type']} and {view.nodes[ib]['name']} "
                f"a {view.nodes[ib]['type']}: only entities of one kind can be judged the same"
            )
        j = record(store.db, Judgement(kind, ia, ib, relation, note))
        regenerate(store)
    return j


def _type_name(name: str) -> str:
    from kg.claims import ENTITY_TYPES

    types = {t.casefold(): t for t in ENTITY_TYPES}
    if name.casefold() not in types:
        raise JudgementError(f"unknown type {name!r}; choose among: {', '.join(ENTITY_TYPES)}")
    return types[name.casefold()]


def _split_part(store: Any, view: Any, iri: str, part: str) -> str:
    """``form:NAME`` or ``source:KEY`` (a source given by URL or path is looked up), checked
    to select some but not all of the entity's claims."""
    from kg.judgements import KGID_BASE, selects
    from kg.resolve import resolve

    how, sep, value = part.partition(":")
    if not sep or how not in ("form", "source"):
        how, value = "form", part
    if how == "source":
        row = store.db.execute(
            "SELECT key FROM documents WHERE key = ? OR source = ? ORDER BY key LIMIT 1", (value, value)
        ).fetchone()
        if row is None:
            raise JudgementError(f"no source {value!r} in the store (give its URL or path)")
        value = row[0]
    part = f"{how}:{value}"
    ent = next((e for e in resolve(store.extractions()).entities if KGID_BASE + e.iri_path == iri), None)
    if ent is None:  # a merged or split entity: judge the entity as the resolution made it
        raise JudgementError(f"{view.nodes[iri]['name']} is made by a judgement; undo that one instead")
    moved = sum(selects(part, r) for r in ent.claims)
    if moved == 0:
        raise JudgementError(f"no mention of {view.nodes[iri]['name']} is selected by {part!r}")
    if moved == len(ent.claims):
        raise JudgementError(f"{part!r} selects every mention of {view.nodes[iri]['name']}: nothing to split")
    return part


FACT_COLUMNS = [
    "confidence",
    "subject",
    "relation",
    "object",
    "sources",
    "sentence",
    "subject_iri",
    "object_iri",
]


def low_confidence_facts(
    store: Any, below: float = 0.6, limit: int = 100
) -> tuple[list[str], list[list[Any]]]:
    """Facts of confidence under ``below`` that no judgement settled, least sure first."""
    _, rows = store.select(
        "SELECT ?c ?sn ?p ?on ?n ?s ?o (SAMPLE(?sent) AS ?sentence) ?below WHERE { "
        "?a a kgo:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kgo:confidence ?c ; "
        "kgo:sourceCount ?n ; kgo:evidence/kgo:sentence ?sent . ?s rdfs:label ?sn . ?o rdfs:label ?on . "
        "FILTER(?c < ?below) FILTER NOT EXISTS { ?a kgo:judgement ?j } } "
        "GROUP BY ?c ?sn ?p ?on ?n ?s ?o ?below",
        {"below": below},
        hide=("below",),
    )
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[3]))
    out = [[c, sn, p.rsplit("#", 1)[-1], on, n, sent, s, o] for c, sn, p, on, n, s, o, sent in rows]
    return FACT_COLUMNS, out[:limit]


def undo_judgement(store_path: str | Path, judgement_id: int) -> Judgement:
    from kg.build import regenerate
    from kg.store import Store

    with Store(store_path, create=False) as store:
        j = undo(store.db, judgement_id)
        regenerate(store)
    return j
