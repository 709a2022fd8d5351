"""The first load of an EMPTY database over Bolt: no diff, nodes then relationships by internal id.

:func:`kg.neo4j.loader.load_rows` takes this path by itself when the target database has no
node at all (any server, local or remote; ``kg load --bulk`` stays the neo4j-admin route).
Nothing is read back but the ids of the nodes just created:

1. nodes, grouped per label set (labels only from the ontology, via :mod:`cypher_names`), in
   ``UNWIND $rows AS r CREATE (n:Entity:...) SET n = r RETURN n.iri, id(n)`` batches; the
   client keeps the ``iri -> id`` map;
2. relationships, grouped per type, in ``UNWIND $rows AS r MATCH (a) WHERE id(a) = r.s
   MATCH (b) WHERE id(b) = r.o CREATE (a)-[x:TYPE]->(b) SET x = r.p`` batches (node-by-id
   seeks, no index lookup), MENTIONS likewise with one row per source (``UNWIND r.m``),
   split by start node over ``workers`` sessions
   (transient errors such as deadlocks are retried by ``execute_write``); sources carry a
   ``pending:`` hash until their MENTIONS are written, then their real one;
3. then the constraints and indexes of :func:`kg.neo4j.loader.schema_statements` (cheaper
   to build once over the data than to maintain row by row).

The graph is the diff loader's, property for property (``kg_hash`` included), so the next
``kg load`` diffs against it as usual; an interrupted fast load leaves a non-empty database
whose next ``kg load`` (then a diff load) completes it.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from kg.errors import Neo4jError
from kg.neo4j import cypher_names as names
from kg.neo4j.loader import (
    Interrupted,
    LoadSummary,
    Progress,
    chunks,
    ensure_schema,
    node_hash,
    rel_hash,
)
from kg.neo4j.reader import GraphRows

DEFAULT_WORKERS = 2
REL_BATCH_FACTOR = 2  # relationship rows are small: twice the node batch per transaction
PENDING = "pending:"  # prefix of a source's kg_hash until its MENTIONS are written


def is_empty(driver: Any, database: str | None = None) -> bool:
    """True when the database holds no node at all (so no relationship either)."""
    with driver.session(database=database) as s:
        return s.run("MATCH (n) RETURN n LIMIT 1").single() is None


class _Batches:
    """Counts write batches across threads; stops after ``max_batches``; reports progress."""

    def __init__(self, summary: LoadSummary, progress: Progress | None, max_batches: int | None):
        self.summary, self.progress, self.max_batches = summary, progress, max_batches
        self.lock = threading.Lock()
        self.done: dict[str, int] = defaultdict(int)

    def take(self) -> None:
        with self.lock:
            if self.max_batches is not None and self.summary.batches >= self.max_batches:
                raise Interrupted(f"stopped after {self.summary.batches} batches")
            self.summary.batches += 1

    def report(self, phase: str, n: int, total: int) -> None:
        if self.progress:
            with self.lock:
                self.done[phase] += n
                self.progress(phase, self.done[phase], total)


def _create_nodes(tx: Any, query: str, rows: list[dict]) -> list[list[Any]]:
    return tx.run(query, rows=rows).values()


def _write(tx: Any, query: str, rows: list[Any]) -> None:
    tx.run(query, rows=rows).consume()


def _nodes(driver: Any, database: str | None, groups: dict[tuple[str, ...], list[dict]], size: int,
           b: _Batches, phase: str, ids: dict[str, int]) -> int:  # fmt: skip
    total = sum(len(v) for v in groups.values())
    with driver.session(database=database) as s:
        for labels, props in sorted(groups.items()):
            q = f"UNWIND $rows AS r CREATE (n{names.label_clause(labels)}) SET n = r RETURN n.iri, id(n)"
            for batch in chunks(props, size):
                b.take()
                for iri, node_id in s.execute_write(_create_nodes, q, list(batch)):
                    ids[iri] = node_id
                b.report(phase, len(batch), total)
    return total


def _rels(driver: Any, database: str | None, work: list[tuple[str, str, list[dict], int]], workers: int,
          b: _Batches) -> None:  # fmt: skip
    """Write ``(phase, query, rows, rows per batch)`` groups; rows (``r.s`` the start node's id)
    split by start node over ``workers`` sessions, so that they seldom lock the same node."""
    parts: list[list[tuple[str, str, Sequence[Any], int]]] = [[] for _ in range(max(1, workers))]
    for phase, query, rows, size in work:
        rows.sort(key=_start)
        shares: list[list[Any]] = [[] for _ in parts]
        for r in rows:
            shares[r["s"] % len(parts)].append(r)
        for part, share in zip(parts, shares, strict=True):
            part.extend((phase, query, batch, len(rows)) for batch in chunks(share, size))

    def run(part: list[tuple[str, str, Sequence[Any], int]]) -> None:
        with driver.session(database=database) as s:
            for phase, query, batch, total in part:
                b.take()
                s.execute_write(_write, query, list(batch))
                b.report(phase, len(batch), total)

    if len(parts) == 1:
        run(parts[0])
        return
    with ThreadPoolExecutor(len(parts), thread_name_prefix="kg-load") as pool:
        for f in [pool.submit(run, p) for p in parts]:
            f.result()


def _start(r: dict) -> int:
    return r["s"]


def fast_load_rows(
    driver: Any,
    rows: GraphRows,
    database: str | None = None,
    batch_size: int = 20_000,
    progress: Progress | None = None,
    max_batches: int | None = None,
    workers: int = DEFAULT_WORKERS,
) -> LoadSummary:
    """Write ``rows`` into an EMPTY database (see the module docstring); the caller checks emptiness."""
    if batch_size < 1:
        raise Neo4jError("the batch size must be at least 1")
    summary = LoadSummary(skipped=len(rows.skipped), route="fast")
    b = _Batches(summary, progress, max_batches)
    started = time.perf_counter()
    ids: dict[str, int] = {}
    try:
        ents: dict[tuple[str, ...], list[dict]] = defaultdict(list)
        for row in rows.entities:
            ents[row.labels].append({**row.props, "kg_hash": row.hash or node_hash(row)})
        srcs: dict[tuple[str, ...], list[dict]] = defaultdict(list)
        for row in rows.sources:
            # a source's hash covers its MENTIONS, written later: until they are, the hash is
            # PENDING, so that a diff load after an interruption rewrites them (not "unchanged")
            srcs[row.labels].append({**row.props, "kg_hash": PENDING + (row.hash or node_hash(row))})
        summary.nodes_created += _nodes(driver, database, ents, batch_size, b, "create entities", ids)
        entity_ids = dict(ids)
        summary.nodes_created += _nodes(driver, database, srcs, batch_size, b, "create sources", ids)
        t_nodes = time.perf_counter() - started

        by_type: dict[str, list[dict]] = defaultdict(list)
        missing = 0
        for rel in rows.relations:
            s, o = entity_ids.get(rel.start), entity_ids.get(rel.end)
            if s is None or o is None:
                missing += 1  # the diff loader's MATCH would find no end either
                continue
            by_type[names.rel_type(rel.type)].append(
                {"s": s, "o": o, "p": {**rel.props, "kg_hash": rel.hash or rel_hash(rel)}}
            )
        ments: list[dict] = []  # one row per source: its id and its entities' ids
        n_ments = 0
        for row in rows.sources:
            m = [e for e in map(entity_ids.get, row.mentions) if e is not None]
            if m:
                ments.append({"s": ids[row.iri], "m": m})
                n_ments += len(m)
        size = batch_size * REL_BATCH_FACTOR
        match = "UNWIND $rows AS r MATCH (a) WHERE id(a) = r.s "
        work = [
            (
                f"create {t}",
                match + f"MATCH (b) WHERE id(b) = r.o CREATE (a)-[x:{t}]->(b) SET x = r.p",
                rs,
                size,
            )
            for t, rs in sorted(by_type.items())
        ]
        mtype = names.rel_type(names.mentions_type())
        q = match + f"UNWIND r.m AS m MATCH (b) WHERE id(b) = m CREATE (a)-[:{mtype}]->(b)"
        per_source = max(1, n_ments // max(1, len(ments)))
        work.append((f"create {mtype}", q, ments, max(1, size // per_source)))
        t1 = time.perf_counter()
        _rels(driver, database, work, workers, b)
        seal = [{"s": ids[row.iri], "h": row.hash or node_hash(row)} for row in rows.sources]
        q = match + "SET a.kg_hash = r.h"
        _rels(driver, database, [("seal sources", q, seal, batch_size)], workers, b)
        t_rels = time.perf_counter() - t1
        summary.rels_created = sum(len(v) for v in by_type.values())
        summary.mentions_created = n_ments

        t2 = time.perf_counter()
        ensure_schema(driver, database)
        t_schema = time.perf_counter() - t2
    finally:
        summary.write_seconds = time.perf_counter() - started
    summary.notes.append(
        f"fast path (the database was empty: no diff): nodes {t_nodes:.1f}s, relationships {t_rels:.1f}s "
        f"over {workers} session(s), constraints and indexes afterwards {t_schema:.1f}s"
    )
    if missing:
        summary.notes.append(f"{missing} relationships not written: an end is not an entity")
    return summary
