"""Labels and relationship types that may be put into Cypher text: only the ontology's.

Values always travel as parameters; names cannot, so every name is checked here first.

>>> label_clause(("Entity", "Organization", "GovernmentBody"))
':Entity:Organization:GovernmentBody'
>>> rel_type("PARTNERS_WITH")
'PARTNERS_WITH'
>>> rel_type("X]->() DETACH DELETE n //")
Traceback (most recent call last):
...
kg.errors.Neo4jError: 'X]->() DETACH DELETE n //' is not a relationship type of the ontology
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg import ontology
from kg.errors import Neo4jError

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


@lru_cache(maxsize=1)
def allowed_labels() -> frozenset[str]:
    onto = ontology.load()
    names = {lab for c in onto.classes.values() for lab in c.neo4j_labels}
    names |= {"Entity", "Source"}  # common labels: ontology classes kgo:Entity and kgo:Source
    for extra in names & {"Entity", "Source"}:
        if extra not in onto.classes:
            raise Neo4jError(f"the ontology has no class {extra}")
    return frozenset(names)


@lru_cache(maxsize=1)
def allowed_types() -> frozenset[str]:
    onto = ontology.load()
    types = {r.neo4j_type for r in onto.relations.values()}
    types.add(mentions_type())
    return frozenset(types)


@lru_cache(maxsize=1)
def mentions_type() -> str:
    onto = ontology.load()
    value = onto.graph.value(ontology.KGO.mentions, ontology.KGO.neo4jType)
    return str(value) if value else "MENTIONS"


def label(name: str) -> str:
    if name not in allowed_labels() or not _NAME.fullmatch(name):
        raise Neo4jError(f"{name!r} is not a Neo4j label of the ontology")
    return name


def label_clause(names: tuple[str, ...] | list[str]) -> str:
    return "".join(":" + label(n) for n in names)


def rel_type(name: str) -> str:
    if name not in allowed_types() or not _NAME.fullmatch(name):
        raise Neo4jError(f"{name!r} is not a relationship type of the ontology")
    return name


def entity_rel_types() -> list[str]:
    """The relationship types between entities (every kgo:Relation), sorted."""
    return sorted(rel_type(r.neo4j_type) for r in ontology.load().relations.values())
