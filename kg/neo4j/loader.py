"""``kg load``: make the Neo4j graph equal to the store, quickly and idempotently.

Every node and relationship written here carries ``iri`` (its key) and ``kg_hash`` (a digest
of its labels or type, endpoints and properties). A load first reads the ``(iri, kg_hash)``
pairs already in Neo4j, then:

* creates what is missing (plain ``CREATE`` in ``UNWIND $rows`` batches, in bulk),
* updates entity nodes whose digest changed (in place, so their relationships stay), and
  deletes-then-recreates changed relationships and sources,
* deletes what the store no longer has (nodes with ``DETACH DELETE``).

So loading twice changes nothing, new articles only add, and a load that was interrupted
(each batch is its own transaction) is completed by the next one. Nodes and relationships
without ``kg_hash`` (made by hand or by other tools) are never touched, except relationships
of deleted nodes.

An EMPTY database skips all this: :mod:`kg.neo4j.fastload` writes the same graph without
reading anything back, and creates the schema afterwards (``LoadSummary.route == "fast"``).
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import Neo4jError
from kg.neo4j import cypher_names as names
from kg.neo4j.connection import Settings, open_driver
from kg.neo4j.reader import GraphRows, NodeRow, RelRow, read_graph

Progress = Callable[[str, int, int], None]  # (phase, done, total)
DEFAULT_BATCH = 20_000


class Interrupted(Exception):
    """Raised after ``max_batches`` write batches (used to test resuming a load)."""


@dataclass
class LoadSummary:
    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_deleted: int = 0
    nodes_unchanged: int = 0
    rels_created: int = 0
    rels_deleted: int = 0
    rels_unchanged: int = 0
    mentions_created: int = 0
    skipped: int = 0
    batches: int = 0
    read_seconds: float = 0.0
    write_seconds: float = 0.0
    route: str = "diff"  # "diff", "fast" (empty database, see kg.neo4j.fastload) or "bulk"
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["read_seconds"] = round(self.read_seconds, 2)
        d["write_seconds"] = round(self.write_seconds, 2)
        return d


# ------------------------------------------------------------------ schema
def schema_statements() -> list[str]:
    stmts = [
        "CREATE CONSTRAINT kg_entity_iri IF NOT EXISTS FOR (n:Entity) REQUIRE n.iri IS UNIQUE",
        "CREATE CONSTRAINT kg_source_iri IF NOT EXISTS FOR (n:Source) REQUIRE n.iri IS UNIQUE",
        "CREATE INDEX kg_entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
        "CREATE INDEX kg_source_url IF NOT EXISTS FOR (n:Source) ON (n.url)",
    ]
    for t in names.entity_rel_types():
        stmts.append(
            f"CREATE CONSTRAINT kg_{t.lower()}_iri IF NOT EXISTS FOR ()-[r:{t}]-() REQUIRE r.iri IS UNIQUE"
        )
    return stmts


def ensure_schema(driver: Any, database: str | None) -> None:
    with driver.session(database=database) as s:
        for stmt in schema_statements():
            s.run(stmt).consume()
        s.run("CALL db.awaitIndexes(300)").consume()


# ------------------------------------------------------------------ digests
def _digest(*parts: Any) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def node_hash(row: NodeRow) -> str:
    return _digest(row.labels, sorted(row.props.items()), row.mentions)


def rel_hash(row: RelRow) -> str:
    return _digest(row.type, row.start, row.end, sorted(row.props.items()))


# ------------------------------------------------------------------ batching
def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class _Writer:
    def __init__(self, driver: Any, database: str | None, batch_size: int, progress: Progress | None,
                 max_batches: int | None, summary: LoadSummary):  # fmt: skip
        if batch_size < 1:
            raise Neo4jError("the batch size must be at least 1")
        self.driver, self.database, self.batch_size = driver, database, batch_size
        self.progress, self.max_batches, self.summary = progress, max_batches, summary
        self.session = driver.session(database=database)

    def close(self) -> None:
        self.session.close()

    def run(self, phase: str, query: str, rows: Sequence[Any], size: int | None = None) -> None:
        size = size or self.batch_size
        done = 0
        for batch in chunks(rows, size):
            if self.max_batches is not None and self.summary.batches >= self.max_batches:
                raise Interrupted(f"stopped after {self.summary.batches} batches")
            self.session.execute_write(_run_query, query, list(batch))
            self.summary.batches += 1
            done += len(batch)
            if self.progress:
                self.progress(phase, done, len(rows))


def _run_query(tx: Any, query: str, rows: list[Any]) -> None:
    tx.run(query, rows=rows).consume()


def _existing(driver: Any, database: str | None, query: str) -> dict[str, str | None]:
    with driver.session(database=database) as s:
        return {r[0]: r[1] for r in s.run(query) if r[0] is not None}


# ------------------------------------------------------------------ the load
def load_rows(
    driver: Any,
    rows: GraphRows,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    max_batches: int | None = None,
    fast: bool = True,
) -> LoadSummary:
    """Write ``rows`` into Neo4j so that the graph equals them (see the module docstring).

    With ``fast`` and an empty database, takes the fast path of :mod:`kg.neo4j.fastload`
    (same graph, no diff, schema created afterwards).
    """
    if fast:
        from kg.neo4j.fastload import fast_load_rows, is_empty

        if is_empty(driver, database):
            return fast_load_rows(driver, rows, database, batch_size, progress, max_batches)
    summary = LoadSummary(skipped=len(rows.skipped))
    started = time.perf_counter()
    ensure_schema(driver, database)
    w = _Writer(driver, database, batch_size, progress, max_batches, summary)
    try:
        _sync_entities(driver, w, rows.entities)
        _sync_relations(driver, w, rows.relations)
        _sync_sources(driver, w, rows.sources)
    finally:
        w.close()
        summary.write_seconds = time.perf_counter() - started
    return summary


def _diff(
    rows: Iterable[Any], have: dict[str, str | None], digest: Callable[[Any], str]
) -> tuple[list[tuple[Any, str]], list[tuple[Any, str]], int, list[str]]:
    """``(new, changed, unchanged, gone)`` of ``rows`` against ``have`` (iri -> kg_hash in Neo4j):
    ``(row, kg_hash)`` pairs, a count, and the iris Neo4j has but the rows do not (only those
    with a ``kg_hash``: what other tools made is never touched)."""
    new: list[tuple[Any, str]] = []
    changed: list[tuple[Any, str]] = []
    unchanged = 0
    wanted = set()
    for row in rows:
        wanted.add(row.iri)
        h = row.hash or digest(row)
        old = have.get(row.iri, False)
        if old == h:
            unchanged += 1
        elif old is False:
            new.append((row, h))
        else:
            changed.append((row, h))
    gone = [iri for iri, h in have.items() if iri not in wanted and h is not None]
    return new, changed, unchanged, gone


def _sync_entities(driver: Any, w: _Writer, entities: list[NodeRow]) -> None:
    s = w.summary
    have = _existing(driver, w.database, "MATCH (n:Entity) RETURN n.iri, n.kg_hash")
    added, altered, unchanged, stale = _diff(entities, have, node_hash)
    s.nodes_unchanged += unchanged
    new: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    changed: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for rows, into in ((added, new), (altered, changed)):
        for row, h in rows:
            into[row.labels].append({**row.props, "kg_hash": h})
    if stale:
        w.run("delete entities", "UNWIND $rows AS i MATCH (n:Entity {iri: i}) DETACH DELETE n", stale, 5000)
        s.nodes_deleted += len(stale)
    all_labels = sorted(names.allowed_labels() - {"Entity", "Source", "Article", "Record"})
    for labels, props in sorted(changed.items()):
        q = (
            f"UNWIND $rows AS r MATCH (n:Entity {{iri: r.iri}}) REMOVE n{names.label_clause(all_labels)} "
            f"SET n{names.label_clause(labels)}, n = r"
        )
        w.run("update entities", q, props)
        s.nodes_updated += len(props)
    for labels, props in sorted(new.items()):
        w.run("create entities", f"UNWIND $rows AS r CREATE (n{names.label_clause(labels)}) SET n = r", props)
        s.nodes_created += len(props)


def _sync_relations(driver: Any, w: _Writer, relations: list[RelRow]) -> None:
    s = w.summary
    by_type: dict[str, list[RelRow]] = defaultdict(list)
    for row in relations:
        by_type[names.rel_type(row.type)].append(row)
    for t in names.entity_rel_types():
        have = _existing(driver, w.database, f"MATCH ()-[r:{t}]->() RETURN r.iri, r.kg_hash")
        added, altered, unchanged, gone = _diff(by_type.get(t, ()), have, rel_hash)
        s.rels_unchanged += unchanged
        stale = [row.iri for row, _ in altered] + gone  # changed: delete, then create again
        new = [{"s": row.start, "o": row.end, "p": {**row.props, "kg_hash": h}} for row, h in added + altered]
        if stale:
            w.run(f"delete {t}", f"UNWIND $rows AS i MATCH ()-[r:{t} {{iri: i}}]->() DELETE r", stale)
            s.rels_deleted += len(stale)
        if new:
            q = (
                "UNWIND $rows AS r MATCH (a:Entity {iri: r.s}) MATCH (b:Entity {iri: r.o}) "
                f"CREATE (a)-[x:{t}]->(b) SET x = r.p"
            )
            w.run(f"create {t}", q, new)
            s.rels_created += len(new)


def _sync_sources(driver: Any, w: _Writer, sources: list[NodeRow]) -> None:
    s = w.summary
    have = _existing(driver, w.database, "MATCH (n:Source) RETURN n.iri, n.kg_hash")
    added, altered, unchanged, gone = _diff(sources, have, node_hash)
    stale = [row.iri for row, _ in altered]  # changed: delete, then create again with its mentions
    s.nodes_unchanged += unchanged
    s.nodes_created += len(added)
    s.nodes_updated += len(altered)
    s.nodes_deleted += len(gone)
    new: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for row, h in added + altered:
        new[row.labels].append({"p": {**row.props, "kg_hash": h}, "m": row.mentions})
        s.mentions_created += len(row.mentions)
    if stale or gone:
        q = "UNWIND $rows AS i MATCH (n:Source {iri: i}) DETACH DELETE n"
        w.run("delete sources", q, stale + gone, 5000)
    mentions = names.rel_type(names.mentions_type())
    for labels, rows in sorted(new.items()):
        q = (
            f"UNWIND $rows AS r CREATE (d{names.label_clause(labels)}) SET d = r.p "
            f"WITH d, r UNWIND r.m AS m MATCH (e:Entity {{iri: m}}) CREATE (d)-[:{mentions}]->(e)"
        )
        w.run("create sources", q, rows, max(1, w.batch_size // 10))


FROM_IMPORT_SET = "rows read from the store's import set (neo4j-import/)"
FROM_RDF = "rows read from the RDF graph (no fresh import set: rebuild)"


def read_rows(store_path: str | Path) -> tuple[GraphRows, str]:
    """The store's rows: from its import set when fresh, else by scanning the RDF (old stores)."""
    from kg.neo4j.snapshot import read_snapshot
    from kg.store import Store

    with Store(store_path, read_only=True) as store:
        rows = read_snapshot(store_path, store.triple_count())
        if rows is not None:
            return rows, FROM_IMPORT_SET
        return read_graph(store.rdf), FROM_RDF


def load_store(
    store_path: str | Path,
    settings: Settings | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    max_batches: int | None = None,
    fast: bool = True,
) -> LoadSummary:
    """Read the store at ``store_path`` and make the Neo4j at ``settings`` equal to it.

    An empty database is loaded by the fast path (:mod:`kg.neo4j.fastload`) unless ``fast`` is false.
    """
    t0 = time.perf_counter()
    rows, how = read_rows(store_path)
    read_seconds = time.perf_counter() - t0
    settings = settings or Settings.from_env()
    driver = open_driver(settings)
    try:
        summary = load_rows(driver, rows, settings.database, batch_size, progress, max_batches, fast)
    finally:
        driver.close()
    summary.read_seconds = read_seconds
    summary.notes.append(how)
    if rows.skipped:
        summary.notes.append(
            f"{len(rows.skipped)} assertions skipped (unknown relation, or an end that is not an entity)"
        )
    return summary


# ------------------------------------------------------------------ counts
def neo4j_counts(driver: Any, database: str | None = None) -> dict[str, dict[str, int]]:
    """Nodes per ontology label and relationships per type, as loaded (``kg_hash`` set)."""
    labels: dict[str, int] = {}
    types: dict[str, int] = {}
    with driver.session(database=database) as s:
        for lab in sorted(names.allowed_labels()):
            q = f"MATCH (n:{names.label(lab)}) WHERE n.kg_hash IS NOT NULL RETURN count(n)"
            labels[lab] = s.run(q).single()[0]
        for t in sorted(names.allowed_types()):
            types[t] = s.run(f"MATCH ()-[r:{names.rel_type(t)}]->() RETURN count(r)").single()[0]
    return {"labels": labels, "types": types}


def rows_counts(rows: GraphRows) -> dict[str, dict[str, int]]:
    """The same counts computed from the store's rows (what :func:`neo4j_counts` should give)."""
    labels: dict[str, int] = {lab: 0 for lab in names.allowed_labels()}
    types: dict[str, int] = {t: 0 for t in names.allowed_types()}
    for row in [*rows.entities, *rows.sources]:
        for lab in row.labels:
            labels[lab] += 1
    for rel in rows.relations:
        types[rel.type] += 1
    types[names.mentions_type()] = sum(len(r.mentions) for r in rows.sources)
    return {"labels": dict(sorted(labels.items())), "types": dict(sorted(types.items()))}
