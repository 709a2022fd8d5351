"""What a diff load would do: read what Neo4j holds of ours, compare it with the store's rows.

Ownership: every node and relationship ``kg load`` writes carries ``kg_hash`` (the digest
of what it wrote), and the MENTIONS of a source node it wrote are its own too. Nothing else
is ever changed or deleted: a node or relationship without ``kg_hash`` was made by hand or
by another tool. :func:`plan_rows` reads, writes nothing; ``kg load --dry-run`` prints it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kg.neo4j import cypher_names as names
from kg.neo4j.reader import GraphRows, RelRow


@dataclass
class Diff:
    """``new`` and ``changed``: ``(row, kg_hash)`` pairs; ``gone``: iris Neo4j has (of ours) and
    the rows lack."""

    new: list[tuple[Any, str]] = field(default_factory=list)
    changed: list[tuple[Any, str]] = field(default_factory=list)
    unchanged: int = 0
    gone: list[str] = field(default_factory=list)


def diff(rows: Iterable[Any], have: dict[str, str | None], digest: Callable[[Any], str]) -> Diff:
    """``rows`` against ``have`` (iri -> kg_hash in Neo4j; None: not written by ``kg load``).

    A row whose iri Neo4j holds without ``kg_hash`` is *changed*: updated in place, it
    becomes ours (the iri is unique, it cannot be created beside it)."""
    d = Diff()
    wanted = set()
    for row in rows:
        wanted.add(row.iri)
        h = row.hash or digest(row)
        old = have.get(row.iri, False)
        if old == h:
            d.unchanged += 1
        elif old is False:
            d.new.append((row, h))
        else:
            d.changed.append((row, h))
    d.gone = sorted(iri for iri, h in have.items() if iri not in wanted and h is not None)
    return d


@dataclass
class Plan:
    entities: Diff
    relations: dict[str, Diff]  # by Neo4j type
    sources: Diff
    # gone nodes that hold relationships kg load did not write: kept, only disowned
    # (their own relationships and MENTIONS deleted, kg_hash removed)
    kept: list[str] = field(default_factory=list)

    def to_delete(self, gone: list[str]) -> list[str]:
        keep = set(self.kept)
        return [i for i in gone if i not in keep]

    def counts(self) -> dict[str, int]:
        rels = list(self.relations.values())
        return {
            "nodes_to_create": len(self.entities.new) + len(self.sources.new),
            "nodes_to_change": len(self.entities.changed) + len(self.sources.changed),
            "nodes_to_delete": len(self.entities.gone) + len(self.sources.gone) - len(self.kept),
            "nodes_to_keep": len(self.kept),
            "nodes_unchanged": self.entities.unchanged + self.sources.unchanged,
            "rels_to_create": sum(len(d.new) for d in rels),
            "rels_to_change": sum(len(d.changed) for d in rels),
            "rels_to_delete": sum(len(d.gone) for d in rels),
            "rels_unchanged": sum(d.unchanged for d in rels),
        }

    @property
    def deletes(self) -> int:
        c = self.counts()
        return c["nodes_to_delete"] + c["rels_to_delete"]

    def deleted_iris(self) -> list[str]:
        out = self.to_delete([*self.entities.gone, *self.sources.gone])
        for d in self.relations.values():
            out += d.gone
        return out


def owned(r: str) -> str:
    """Cypher: relationship ``r`` was written by ``kg load`` (see the module docstring)."""
    m = names.rel_type(names.mentions_type())
    return f"({r}.kg_hash IS NOT NULL OR (type({r}) = '{m}' AND startNode({r}).kg_hash IS NOT NULL))"


HOLDS_FOREIGN = "EXISTS {{ MATCH (n)-[x]-() WHERE NOT {owned} }}"


def _existing(driver: Any, database: str | None, query: str) -> dict[str, str | None]:
    with driver.session(database=database) as s:
        return {r[0]: r[1] for r in s.run(query) if r[0] is not None}


def plan_rows(driver: Any, rows: GraphRows, database: str | None = None) -> Plan:
    """What loading ``rows`` would create, change and delete (reads Neo4j, writes nothing)."""
    from kg.neo4j.loader import node_hash, rel_hash

    have = _existing(driver, database, "MATCH (n:Entity) RETURN n.iri, n.kg_hash")
    entities = diff(rows.entities, have, node_hash)
    by_type: dict[str, list[RelRow]] = defaultdict(list)
    for row in rows.relations:
        by_type[names.rel_type(row.type)].append(row)
    relations = {}
    for t in names.entity_rel_types():
        have = _existing(driver, database, f"MATCH ()-[r:{t}]->() RETURN r.iri, r.kg_hash")
        relations[t] = diff(by_type.get(t, ()), have, rel_hash)
    have = _existing(driver, database, "MATCH (n:Source) RETURN n.iri, n.kg_hash")
    sources: Diff = diff(rows.sources, have, node_hash)
    kept = []
    for label, gone in (("Entity", entities.gone), ("Source", sources.gone)):
        if gone:
            q = (
                f"UNWIND $iris AS i MATCH (n:{label} {{iri: i}}) "
                f"WHERE {HOLDS_FOREIGN.format(owned=owned('x'))} RETURN n.iri"
            )
            with driver.session(database=database) as s:
                kept += [r[0] for r in s.run(q, iris=gone)]
    return Plan(entities, relations, sources, sorted(kept))
