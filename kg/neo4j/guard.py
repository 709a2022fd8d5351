"""The read-only guard of ad hoc Cypher (``kg cypher`` without ``--write``).

A READ transaction already makes Neo4j refuse writes, also those hidden in ``CALL { }``,
``LOAD CSV ... CREATE``, writing procedures and schema or admin commands. What it lets
through is checked here, before the query is sent:

* procedures whose mode is not READ (``db.clearQueryCaches()`` runs in a READ transaction,
  it is a DBMS procedure), unless listed in :data:`READ_DBMS_PROCEDURES`,
* admin commands that act on the server, not on data (``TERMINATE TRANSACTIONS``),
* ``LOAD CSV``, which makes the server read files or fetch URLs.

String literals and comments are ignored; backquoted names are read as names.

>>> names_called("CALL db.labels() YIELD label CALL `db`.`clearQueryCaches`() RETURN 'CALL x.y()'")
['db.labels', 'db.clearQueryCaches']
>>> static_problem("MATCH (n) RETURN n // LOAD CSV") is None
True
>>> static_problem("LOAD CSV FROM 'http://169.254.169.254/' AS l RETURN l")
'LOAD CSV makes the server read files or URLs'
"""

from __future__ import annotations

import re
from collections.abc import Callable

# DBMS-mode procedures that only read (everything else that is not READ mode is refused)
READ_DBMS_PROCEDURES = frozenset({"dbms.components", "dbms.listConfig", "dbms.info", "dbms.queryJmx"})

_LITERALS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.DOTALL)
_CALL = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)\s*\(", re.IGNORECASE)
_ADMIN = {
    "TERMINATE TRANSACTIONS, which ends other sessions' work": re.compile(
        r"\bTERMINATE\s+TRANSACTIONS?\b", re.IGNORECASE
    ),
    "LOAD CSV makes the server read files or URLs": re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE),
}


def _code(query: str) -> str:
    """``query`` without string literals and comments, backquotes dropped from names."""
    return _LITERALS.sub(" ", query).replace("`", "")


def names_called(query: str) -> list[str]:
    return _CALL.findall(_code(query))


def static_problem(query: str) -> str | None:
    code = _code(query)
    for what, pattern in _ADMIN.items():
        if pattern.search(code):
            return what
    return None


def read_only_problem(query: str, modes: Callable[[list[str]], dict[str, str]]) -> str | None:
    """Why ``query`` may not run read-only, or None. ``modes(names)`` gives each known
    procedure's mode (READ, WRITE, SCHEMA, DBMS); an unknown name is left to Neo4j."""
    problem = static_problem(query)
    if problem:
        return problem
    called = names_called(query)
    if not called:
        return None
    for name, mode in sorted(modes(called).items()):
        if mode != "READ" and name not in READ_DBMS_PROCEDURES:
            return f"the procedure {name} runs in {mode} mode"
    return None
