"""``kg path``: the shortest paths between two entities, hop by hop, on either backend.

A path goes over the ontology's relations only (never through articles: MENTIONS is not
walked), in either direction, optionally only over the relations named in ``via``
(``PARTNERS_WITH`` or ``partnersWith``). Entities of the types in ``exclude`` (default
``Place`` and ``Program``: "UNFPA — Indonesia — ASEAN" says little) may be the ends but are
never passed through. Each hop names its relation, its direction and one piece of evidence
(the best-attested relationship when two entities are linked several ways).

Both backends return the same rows: ``path`` (1, 2 ...), ``hop``, ``from``, ``relation``
(``-[FUNDS]->``, ``<-[RUNS]-`` or ``-[PARTNERS_WITH]-`` for a symmetric relation), ``to``,
``evidence`` (the sentence or record element) and ``source`` (URL or path).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import QueryError
from kg.ontology import load

DEFAULT_EXCLUDE = ("Place", "Program")
COLUMNS = ["path", "hop", "from", "relation", "to", "evidence", "source"]
MAX_PATHS = 25


@dataclass(frozen=True)
class Hop:
    start: str  # iri of the relationship's start node
    end: str
    start_name: str
    end_name: str
    type: str  # Neo4j type
    symmetric: bool
    evidence: str
    source: str
    rank: tuple  # higher is better: (source_count, confidence)


def relation_types(via: Iterable[str] | None) -> list[str]:
    """Neo4j types of the relations named in ``via`` (either spelling); all relations when empty."""
    onto = load()
    by_name = {}
    for r in onto.relations.values():
        by_name[r.name.casefold()] = r.neo4j_type
        by_name[r.neo4j_type.casefold()] = r.neo4j_type
    wanted = [v.strip() for item in via or () for v in item.split(",") if v.strip()]
    unknown = [v for v in wanted if v.casefold() not in by_name]
    if unknown:
        choices = ", ".join(sorted({r.neo4j_type for r in onto.relations.values()}))
        raise QueryError(f"unknown relation {', '.join(unknown)!s}; choose among: {choices}")
    types = sorted({by_name[v.casefold()] for v in wanted})
    return types or sorted(r.neo4j_type for r in onto.relations.values())


def excluded_types(exclude: Iterable[str] | None) -> list[str]:
    known = {t.casefold(): t for t in load().entity_types}
    out = []
    for item in DEFAULT_EXCLUDE if exclude is None else exclude:
        for t in (x.strip() for x in item.split(",")):
            if not t:
                continue
            if t.casefold() not in known:
                raise QueryError(
                    f"unknown entity type {t!r}; choose among: {', '.join(sorted(known.values()))}"
                )
            out.append(known[t.casefold()])
    return sorted(set(out))


def _rows(paths: list[list[Hop]], node_names: list[list[str]]) -> list[list[Any]]:
    rows = []
    for i, (hops, names) in enumerate(zip(paths, node_names, strict=True), start=1):
        for j, h in enumerate(hops, start=1):
            forward = h.start_name == names[j - 1] and h.end_name == names[j]
            arrow = f"-[{h.type}]-" if h.symmetric else f"-[{h.type}]->" if forward else f"<-[{h.type}]-"
            rows.append([i, j, names[j - 1], arrow, names[j], h.evidence, h.source])
    return rows


def _best(hops: Sequence[Hop]) -> Hop:
    return sorted(hops, key=lambda h: (-h.rank[0], -h.rank[1], h.type, h.evidence))[0]


def _finish(found: dict[tuple[str, ...], list[list[Hop]]], names: dict[str, str]) -> list[list[Any]]:
    """One path per sequence of entities, each hop its best relationship; shortest first, by names."""
    paths = []
    for seq, options in found.items():
        hops = [_best([o[k] for o in options]) for k in range(len(seq) - 1)]
        paths.append(([names[n] for n in seq], hops))
    paths.sort(key=lambda p: (len(p[0]), [n.casefold() for n in p[0]]))
    paths = paths[:MAX_PATHS]
    return _rows([h for _, h in paths], [n for n, _ in paths])


# ------------------------------------------------------------------ embedded store
def find_paths_local(
    store_path: str | Path, source: str, target: str, via: list[str], exclude: list[str], max_hops: int
) -> list[list[Any]]:
    import networkx as nx

    from kg.graphview import find_entity, read_graph
    from kg.store import Store

    with Store(store_path, create=False) as store:
        view = read_graph(store)
    a, b = find_entity(view, source), find_entity(view, target)
    if a == b:
        raise QueryError(f"{source!r} and {target!r} are the same entity")
    links: dict[frozenset[str], list[Hop]] = {}
    g = nx.Graph()
    for u, v, d in view.edges(data=True):
        if d["rel_type"] not in via or u == v:
            continue
        ev = d.get("evidence") or [{}]
        best_ev = sorted(ev, key=lambda e: (e.get("url") or e.get("path") or "", e.get("sentence") or ""))[0]
        hop = Hop(
            u,
            v,
            view.nodes[u]["name"],
            view.nodes[v]["name"],
            d["rel_type"],
            d["symmetric"],
            best_ev.get("sentence") or "",
            best_ev.get("url") or best_ev.get("path") or "",
            (d.get("source_count") or 0, d.get("confidence") or 0.0),
        )
        links.setdefault(frozenset((u, v)), []).append(hop)
        g.add_edge(u, v)
    for n in list(g):
        if view.nodes[n]["type"] in exclude and n not in (a, b):
            g.remove_node(n)
    if a not in g or b not in g or not nx.has_path(g, a, b):
        return []
    found: dict[tuple[str, ...], list[list[Hop]]] = {}
    for seq in nx.all_shortest_paths(g, a, b):
        if len(seq) - 1 > max_hops:
            break
        found[tuple(seq)] = [[_best(links[frozenset((x, y))]) for x, y in zip(seq, seq[1:], strict=False)]]
    names = {n: view.nodes[n]["name"] for seq in found for n in seq}
    return _finish(found, names)


# ------------------------------------------------------------------ Neo4j
_FIND = """
MATCH (a:Entity) WHERE any(n IN [a.name] + coalesce(a.aliases, []) WHERE toLower(n) = toLower($from))
MATCH (b:Entity) WHERE any(n IN [b.name] + coalesce(b.aliases, []) WHERE toLower(n) = toLower($to))
WITH a, b WHERE a <> b
MATCH p = allShortestPaths((a)-[:%s*..%d]-(b))
WHERE all(n IN nodes(p)[1..-1] WHERE none(l IN labels(n) WHERE l IN $exclude))
WITH p LIMIT 1000
RETURN [n IN nodes(p) | n.iri] AS iris, [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | {start: startNode(r).iri, end: endNode(r).iri, type: type(r),
         start_name: startNode(r).name, end_name: endNode(r).name,
         evidence: coalesce(r.evidence, []), sources: coalesce(r.sources, []),
         source_count: coalesce(r.source_count, 0), confidence: coalesce(r.confidence, 0.0)}] AS rels
"""


def find_paths_neo4j(
    source: str, target: str, via: list[str], exclude: list[str], max_hops: int
) -> list[list[Any]]:
    from kg.neo4j import cypher_names as names
    from kg.neo4j.queries import run_cypher

    if not 1 <= max_hops <= 8:
        raise QueryError("--max-hops must be between 1 and 8")
    types = "|".join(names.rel_type(t) for t in via)
    symmetric = {r.neo4j_type for r in load().relations.values() if r.symmetric}
    _, rows = run_cypher(
        _FIND % (types, max_hops),
        {"from": source, "to": target, "exclude": [names.label(t) for t in exclude]},
    )
    found: dict[tuple[str, ...], list[list[Hop]]] = {}
    node_names: dict[str, str] = {}
    for iris, nnames, rels in rows:
        node_names.update(zip(iris, nnames, strict=True))
        hops = []
        for r in rels:
            pairs = sorted(zip(r["sources"] or [""] * len(r["evidence"]), r["evidence"], strict=False))
            src, sentence = pairs[0] if pairs else ("", "")
            hops.append(
                Hop(
                    r["start"],
                    r["end"],
                    r["start_name"],
                    r["end_name"],
                    r["type"],
                    r["type"] in symmetric,
                    sentence,
                    src,
                    (r["source_count"], r["confidence"]),
                )  # fmt: skip
            )
        found.setdefault(tuple(iris), []).append(hops)
    return _finish(found, node_names)


def find_paths(
    source: str,
    target: str,
    via: list[str] | None = None,
    exclude: list[str] | None = None,
    max_hops: int = 4,
    backend: str = "local",
    store_path: str | Path | None = None,
) -> tuple[list[str], list[list[Any]]]:
    """The shortest paths from ``source`` to ``target`` (names or aliases), one row per hop."""
    types, skip = relation_types(via), excluded_types(exclude)
    if max_hops < 1:
        raise QueryError("--max-hops must be at least 1")
    if backend == "local":
        from kg.paths import default_store

        return COLUMNS, find_paths_local(store_path or default_store(), source, target, types, skip, max_hops)
    if backend == "neo4j":
        return COLUMNS, find_paths_neo4j(source, target, types, skip, max_hops)
    raise QueryError(f"unknown backend {backend!r}; choose local or neo4j")
