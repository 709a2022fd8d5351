"""``kg load``: make the Neo4j graph equal to the store, quickly and idempotently.

Every node and relationship written here carries ``iri`` (its key) and ``kg_hash`` (a digest
of its labels or type, endpoints and properties). A load first reads the ``(iri, kg_hash)``
pairs already in Neo4j, then:

* creates what is missing (plain ``CREATE`` in ``UNWIND $rows`` batches, in bulk),
* updates entity and source nodes whose digest changed (in place, so relationships others
  made to them stay), and deletes-then-recreates changed relationships,
* deletes what an earlier load wrote and the store no longer has, only when allowed
  (``delete=True``, ``kg load --yes``); else it raises :class:`DeletionNotConfirmed` first.

So loading twice changes nothing, new articles only add, and a load that was interrupted
(each batch is its own transaction) is completed by the next one. What ``kg load`` owns is
what carries ``kg_hash`` (and the MENTIONS of its sources, see :mod:`kg.neo4j.plan`);
nothing else is ever changed or deleted. A node to delete that holds relationships made by
hand or by other tools is kept: only what the loader wrote on it goes, and it loses its
``kg_hash`` (``LoadSummary.nodes_kept``). :func:`plan_store` is the dry run.

An EMPTY database skips all this: :mod:`kg.neo4j.fastload` writes the same graph without
reading anything back, and creates the schema afterwards (``LoadSummary.route == "fast"``).
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import Neo4jError
from kg.neo4j import cypher_names as names
from kg.neo4j.connection import Settings, open_driver
from kg.neo4j.plan import Plan, owned, plan_rows
from kg.neo4j.reader import GraphRows, NodeRow, RelRow, read_graph

Progress = Callable[[str, int, int], None]  # (phase, done, total)
DEFAULT_BATCH = 20_000
FULLTEXT_INDEX = "kg_entity_names"


class Interrupted(Exception):
    """Raised after ``max_batches`` write batches (used to test resuming a load)."""


@dataclass
class LoadSummary:
    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_deleted: int = 0
    nodes_unchanged: int = 0
    nodes_kept: int = 0  # gone from the store, but holding relationships others made: disowned
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
LEGACY_DROPS = ("DROP INDEX kg_entity_name IF EXISTS", "DROP INDEX kg_source_url IF EXISTS")


def schema_statements() -> list[str]:
    stmts = [
        "CREATE CONSTRAINT kg_entity_iri IF NOT EXISTS FOR (n:Entity) REQUIRE n.iri IS UNIQUE",
        "CREATE CONSTRAINT kg_source_iri IF NOT EXISTS FOR (n:Source) REQUIRE n.iri IS UNIQUE",
        # TEXT indexes: a RANGE index refuses a value over 8 kB (a 10k-character name), and
        # failed the whole load; the RANGE ones of older loads are dropped
        *LEGACY_DROPS,
        "CREATE TEXT INDEX kg_entity_name_text IF NOT EXISTS FOR (n:Entity) ON (n.name)",
        "CREATE TEXT INDEX kg_source_url_text IF NOT EXISTS FOR (n:Source) ON (n.url)",
        # full-text search on names and aliases (the `search` canned query; Browser users too)
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases]",
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


class DeletionNotConfirmed(Neo4jError):
    """The load would delete what an earlier ``kg load`` wrote, and deleting was not allowed."""

    def __init__(self, plan: Plan):
        c = plan.counts()
        super().__init__(
            f"this load would delete {c['nodes_to_delete']} nodes and {c['rels_to_delete']} relationships "
            "that an earlier `kg load` wrote and this store lacks (of another store, or since removed): "
            "see them with `kg load --dry-run`, delete them with `kg load --yes`"
        )
        self.plan = plan


# ------------------------------------------------------------------ the load
def load_rows(
    driver: Any,
    rows: GraphRows,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    max_batches: int | None = None,
    fast: bool = True,
    delete: bool = False,
) -> LoadSummary:
    """Write ``rows`` into Neo4j so that the graph equals them (see the module docstring).

    With ``fast`` and an empty database, takes the fast path of :mod:`kg.neo4j.fastload`
    (same graph, no diff, schema created afterwards). Deleting what ``kg load`` wrote
    before and ``rows`` lack needs ``delete``; without it such a load raises
    :class:`DeletionNotConfirmed` before writing anything.
    """
    with driver.session(database=database) as s:  # before any data: they refuse long values
        for stmt in LEGACY_DROPS:
            s.run(stmt).consume()
    if fast:
        from kg.neo4j.fastload import fast_load_rows, is_empty

        if is_empty(driver, database):
            return fast_load_rows(driver, rows, database, batch_size, progress, max_batches)
    summary = LoadSummary(skipped=len(rows.skipped))
    started = time.perf_counter()
    plan = plan_rows(driver, rows, database)
    if plan.deletes and not delete:
        raise DeletionNotConfirmed(plan)
    ensure_schema(driver, database)
    w = _Writer(driver, database, batch_size, progress, max_batches, summary)
    try:
        _disown(w, plan.kept)
        _sync_entities(w, plan)
        _sync_relations(w, plan)
        _sync_sources(w, plan)
    finally:
        w.close()
        summary.write_seconds = time.perf_counter() - started
    return summary


def _disown(w: _Writer, kept: list[str]) -> None:
    """Gone nodes holding relationships made by others: delete what is ours on them, keep them."""
    if not kept:
        return
    w.run("disown", f"UNWIND $rows AS i MATCH (n {{iri: i}})-[x]-() WHERE {owned('x')} DELETE x", kept, 5000)
    w.run("disown", "UNWIND $rows AS i MATCH (n {iri: i}) WHERE n:Entity OR n:Source REMOVE n.kg_hash", kept)
    w.summary.nodes_kept += len(kept)


def _sync_entities(w: _Writer, plan: Plan) -> None:
    s, d = w.summary, plan.entities
    s.nodes_unchanged += d.unchanged
    new: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    changed: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for rows, into in ((d.new, new), (d.changed, changed)):
        for row, h in rows:
            into[row.labels].append({**row.props, "kg_hash": h})
    stale = plan.to_delete(d.gone)
    if stale:
        # only what kg load wrote is left on them (see _disown): DETACH takes nothing else
        q = "UNWIND $rows AS i MATCH (n:Entity {iri: i}) WHERE n.kg_hash IS NOT NULL DETACH DELETE n"
        w.run("delete entities", q, stale, 5000)
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


def _sync_relations(w: _Writer, plan: Plan) -> None:
    s = w.summary
    for t, d in plan.relations.items():
        s.rels_unchanged += d.unchanged
        stale = [row.iri for row, _ in d.changed] + d.gone  # changed: delete, then create again
        new = [
            {"s": row.start, "o": row.end, "p": {**row.props, "kg_hash": h}} for row, h in d.new + d.changed
        ]
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


def _sync_sources(w: _Writer, plan: Plan) -> None:
    s, d = w.summary, plan.sources
    gone = plan.to_delete(d.gone)
    s.nodes_unchanged += d.unchanged
    s.nodes_created += len(d.new)
    s.nodes_updated += len(d.changed)
    s.nodes_deleted += len(gone)
    mentions = names.rel_type(names.mentions_type())
    if gone:
        q = "UNWIND $rows AS i MATCH (n:Source {iri: i}) WHERE n.kg_hash IS NOT NULL DETACH DELETE n"
        w.run("delete sources", q, gone, 5000)
    if d.changed:  # in place, so relationships others made to a source stay
        q = f"UNWIND $rows AS i MATCH (:Source {{iri: i}})-[m:{mentions}]->() DELETE m"
        w.run("update sources", q, [row.iri for row, _ in d.changed], 5000)
    kinds = sorted(names.allowed_labels() & {"Article", "Record"})
    for pairs, make in ((d.new, True), (d.changed, False)):
        grouped: dict[tuple[str, ...], list[dict]] = defaultdict(list)
        for row, h in pairs:
            grouped[row.labels].append({"p": {**row.props, "kg_hash": h}, "m": row.mentions})
            s.mentions_created += len(row.mentions)
        for labels, rows in sorted(grouped.items()):
            if make:
                head = f"UNWIND $rows AS r CREATE (d{names.label_clause(labels)}) SET d = r.p "
            else:
                head = (
                    "UNWIND $rows AS r MATCH (d:Source {iri: r.p.iri}) "
                    f"REMOVE d{names.label_clause(kinds)} SET d{names.label_clause(labels)}, d = r.p "
                )
            q = head + f"WITH d, r UNWIND r.m AS m MATCH (e:Entity {{iri: m}}) CREATE (d)-[:{mentions}]->(e)"
            w.run("create sources" if make else "update sources", q, rows, max(1, w.batch_size // 10))


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
    delete: bool = False,
) -> LoadSummary:
    """Read the store at ``store_path`` and make the Neo4j at ``settings`` equal to it.

    An empty database is loaded by the fast path (:mod:`kg.neo4j.fastload`) unless ``fast`` is false.
    Deleting what an earlier load wrote needs ``delete`` (see :func:`load_rows`).
    """
    t0 = time.perf_counter()
    rows, how = read_rows(store_path)
    read_seconds = time.perf_counter() - t0
    from neo4j import exceptions as nx

    settings = settings or Settings.from_env()
    driver = open_driver(settings)
    try:
        summary = load_rows(driver, rows, settings.database, batch_size, progress, max_batches, fast, delete)
    except nx.Neo4jError as e:
        raise Neo4jError(
            f"Neo4j refused the load: {e.message} (what was written stays; rerun to complete)"
        ) from e
    except (nx.DriverError, OSError) as e:
        raise Neo4jError(
            f"the connection to Neo4j at {settings.describe()} was lost during the load "
            f"({type(e).__name__}); each batch is its own transaction: rerun `kg load` to complete it"
        ) from e
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


def plan_store(store_path: str | Path, settings: Settings | None = None) -> Plan:
    """What :func:`load_store` would create, change and delete (a dry run: nothing is written)."""
    rows, _ = read_rows(store_path)
    settings = settings or Settings.from_env()
    driver = open_driver(settings)
    try:
        return plan_rows(driver, rows, settings.database)
    finally:
        driver.close()
