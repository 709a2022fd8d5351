"""Run Cypher on Neo4j: the canned queries' twins (``queries/NAME.cypher``) and ad hoc queries.

Values travel only as parameters. Ad hoc queries run in a READ transaction unless
``write=True``, after the checks of :mod:`kg.neo4j.guard`; a query that writes in read mode is
rejected with a hint to add ``--write``.
Results come back as ``(columns, rows)`` of plain Python values (dates as ISO strings, nodes
and relationships as dicts), like :meth:`kg.store.Store.select`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kg.errors import Neo4jError, QueryError
from kg.neo4j.connection import Settings, open_driver
from kg.neo4j.guard import read_only_problem
from kg.paths import queries_dir


def plain(value: Any) -> Any:
    """A Neo4j value as plain Python (JSON-friendly)."""
    from neo4j import graph, time

    if isinstance(value, time.Date | time.DateTime | time.Time):
        return value.iso_format()
    if isinstance(value, time.Duration):
        return str(value)
    if isinstance(value, graph.Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, graph.Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, graph.Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


COUNTERS = (
    "nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
    "properties_set", "labels_added", "labels_removed", "indexes_added", "indexes_removed",
    "constraints_added", "constraints_removed", "system_updates",
)  # fmt: skip


def _collect(
    tx: Any, query: str, params: Mapping[str, Any]
) -> tuple[list[str], list[list[Any]], dict[str, int]]:
    result = tx.run(query, dict(params))
    cols = list(result.keys())
    rows = [[plain(v) for v in record.values()] for record in result]
    c = result.consume().counters
    return cols, rows, {k: getattr(c, k) for k in COUNTERS if getattr(c, k, 0)}


def _procedure_modes(session: Any, names: list[str]) -> dict[str, str]:
    q = "SHOW PROCEDURES YIELD name, mode WHERE name IN $names RETURN name, mode"
    return {r["name"]: r["mode"] for r in session.run(q, names=names)}


def run_cypher(
    query: str, params: Mapping[str, Any] | None = None, write: bool = False, settings: Settings | None = None
) -> tuple[list[str], list[list[Any]]]:
    """Run one Cypher query; READ access unless ``write``."""
    cols, rows, _ = run_cypher_counted(query, params, write, settings)
    return cols, rows


def run_cypher_counted(
    query: str, params: Mapping[str, Any] | None = None, write: bool = False, settings: Settings | None = None
) -> tuple[list[str], list[list[Any]], dict[str, int]]:
    """:func:`run_cypher`, plus Neo4j's update counters (``{"nodes_created": 1, ...}``, the
    non-zero ones only: an empty dict when nothing changed)."""
    from neo4j import exceptions as nx

    settings = settings or Settings.from_env()
    driver = open_driver(settings)
    try:
        with driver.session(database=settings.database) as session:
            if not write:
                problem = read_only_problem(query, lambda names: _procedure_modes(session, names))
                if problem:
                    raise Neo4jError(f"not run: {problem}; queries run read-only by default (add --write)")
            run = session.execute_write if write else session.execute_read
            return run(_collect, query, params or {})
    except nx.ClientError as e:
        code = e.code or ""
        if not write and ("AccessMode" in code or "ForbiddenDueToTransactionType" in code):
            raise Neo4jError(
                "this query writes, and queries run read-only by default; add --write to run it"
            ) from e
        if "Syntax" in code or "ParameterMissing" in code or "Statement" in code:
            raise QueryError(f"Cypher error: {e.message}") from e
        raise Neo4jError(f"Neo4j refused the query: {e.message}") from e
    except nx.Neo4jError as e:
        raise Neo4jError(f"Neo4j failed: {e.message}") from e
    finally:
        driver.close()


def cypher_text(name: str) -> str:
    path = queries_dir() / f"{name}.cypher"
    if not path.is_file():
        raise QueryError(f"query {name!r} has no Cypher version ({path.name} not found)")
    return path.read_text(encoding="utf-8")


def run_canned(
    name: str, params: dict[str, Any], settings: Settings | None = None
) -> tuple[list[str], list[list[Any]]]:
    """Run the Cypher twin of a canned query (``queries/NAME.cypher``), read-only."""
    from kg.query import parse_header

    text = cypher_text(name)
    _, _, declared = parse_header(text)
    values = {p.name: "" for p in declared if not p.required}
    values.update({k: ("" if v is None else str(v)) for k, v in params.items()})
    missing = [p.name for p in declared if p.required and not values.get(p.name)]
    if missing:
        raise QueryError(f"query {name!r} needs {', '.join(missing)}")
    return run_cypher(text, values, write=False, settings=settings)
