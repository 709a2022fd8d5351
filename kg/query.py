"""Canned questions stored as files under ``queries/`` and run by name.

Each question has a SPARQL file (``NAME.rq``, the embedded store) and a Cypher twin
(``NAME.cypher``, Neo4j) with the same header::

    # title: Partners of an organization
    # description: ...
    # param: org  The organization: its name or any alias
    # optional: org  ... (a parameter that may be left out)

(``//`` instead of ``#`` in Cypher). Parameters reach the engines only as bound values.

>>> [q.name for q in list_queries()][:3]
['commitments', 'evidence', 'funding']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import QueryError
from kg.paths import queries_dir
from kg.store import Store

BACKENDS = ("local", "neo4j")
_HEADER = re.compile(r"^\s*(?:#|//)\s*(title|description|param|optional)\s*:\s*(.*)$")


@dataclass
class Param:
    name: str
    description: str
    required: bool = True


@dataclass
class CannedQuery:
    name: str
    title: str
    description: str
    params: list[Param] = field(default_factory=list)
    sparql_path: Path | None = None
    cypher_path: Path | None = None

    def text(self, backend: str) -> str:
        path = self.sparql_path if backend == "local" else self.cypher_path
        if path is None:
            raise QueryError(
                f"query {self.name!r} has no {'SPARQL' if backend == 'local' else 'Cypher'} version"
            )
        return path.read_text(encoding="utf-8")


def parse_header(text: str) -> tuple[str, str, list[Param]]:
    title, description, params = "", "", []
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            if line.strip() and not line.strip().startswith(("#", "//")):
                break
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        else:
            pname, _, pdesc = value.partition(" ")
            params.append(Param(pname.strip(), pdesc.strip(), required=(key == "param")))
    return title, description, params


def list_queries(folder: Path | None = None) -> list[CannedQuery]:
    folder = folder or queries_dir()
    found: dict[str, CannedQuery] = {}
    for path in sorted(folder.glob("*.rq")) + sorted(folder.glob("*.cypher")):
        title, description, params = parse_header(path.read_text(encoding="utf-8"))
        q = found.get(path.stem)
        if q is None:
            q = found[path.stem] = CannedQuery(path.stem, title, description, params)
        if path.suffix == ".rq":
            q.sparql_path = path
        else:
            q.cypher_path = path
    return [found[k] for k in sorted(found)]


def get_query(name: str) -> CannedQuery:
    queries = {q.name: q for q in list_queries()}
    if name not in queries:
        raise QueryError(f"no canned query {name!r}; available: {', '.join(sorted(queries))}")
    return queries[name]


def check_params(q: CannedQuery, params: dict[str, Any]) -> dict[str, Any]:
    known = {p.name for p in q.params}
    unknown = sorted(set(params) - known)
    if unknown:
        raise QueryError(
            f"query {q.name!r} has no parameter {', '.join(unknown)}; "
            f"it takes: {', '.join(sorted(known)) or 'none'}"
        )
    missing = [p.name for p in q.params if p.required and p.name not in params]
    if missing:
        hint = " ".join(f"--param {m}=..." for m in missing)
        raise QueryError(f"query {q.name!r} needs {', '.join(missing)} ({hint})")
    return params


def run_canned(
    name: str, params: dict[str, Any], backend: str = "local", store_path: str | Path | None = None
) -> tuple[list[str], list[list[Any]]]:
    """Run a canned question by name on one backend; returns ``(columns, rows)``."""
    q = get_query(name)
    params = dict(check_params(q, params))
    for p in q.params:  # an optional parameter left out is bound to "" (queries test STR(?p) = "")
        params.setdefault(p.name, "")
    if backend == "local":
        from kg.paths import default_store

        with Store(store_path or default_store(), read_only=True) as store:
            return store.select(q.text("local"), params, hide=[p.name for p in q.params])
    if backend == "neo4j":
        from kg.neo4j.queries import run_canned as run_neo4j

        return run_neo4j(name, params)
    raise QueryError(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")


def run_sparql(query: str, store_path: str | Path, params: dict[str, Any] | None = None):
    with Store(store_path, read_only=True) as store:
        return store.select(query, params, hide=list(params or {}))
