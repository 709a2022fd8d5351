"""The property-graph snapshot: the loader's rows, written next to the RDF by ``kg build``.

Reading 25M triples back out of Oxigraph costs minutes at a million assertions, so when
:func:`kg.build.regenerate` rebuilds the RDF graph it also writes the rows that
:func:`kg.neo4j.reader.rows_from_scan` makes of that very graph (same code, scanning the
in-memory rdflib Graph), with their ``kg_hash`` digests, into ``STORE/neo4j-rows.jsonl.gz``.

The RDF stays the source of truth: the header records the number of triples the rows were
made from, and a snapshot whose count differs from the store's (or that is missing, or of
another format version) is ignored, the loader then reads the RDF as before.

Format: gzip'd JSON lines. Line 1 is the header ``{"format", "version", "triples", ...}``;
then one array per row, entities first, then sources, then relationships::

    ["e", iri, labels, props, kg_hash, date_keys]
    ["s", iri, labels, props, kg_hash, date_keys, mentions]
    ["r", iri, type, start, end, props, kg_hash, date_keys]
    ["x", assertion_iri]                          # an assertion that cannot be a relationship

``date_keys`` names the properties that are dates (JSON has no date type).
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.errors import Neo4jError
from kg.neo4j.reader import GraphRows, NodeRow, RelRow

SNAPSHOT_NAME = "neo4j-rows.jsonl.gz"
FORMAT = "sea-kg/neo4j-rows"
VERSION = 1


def _dumps() -> Any:
    try:
        import orjson

        return lambda obj: orjson.dumps(obj) + b"\n"
    except ImportError:  # pragma: no cover - orjson is optional
        import json

        def dump(obj: Any) -> bytes:
            return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str) + "\n").encode()

        return dump


def _loads() -> Any:
    try:
        import orjson

        return orjson.loads
    except ImportError:  # pragma: no cover
        import json

        return json.loads


def snapshot_path(store_path: str | Path) -> Path:
    return Path(store_path) / SNAPSHOT_NAME


def _date_keys(props: dict[str, Any]) -> list[str]:
    return [k for k, v in props.items() if isinstance(v, dt.date)]


def write_snapshot(store_path: str | Path, rows: GraphRows, triples: int) -> Path:
    """Write ``rows`` (made from a graph of ``triples`` triples) atomically into the store."""
    from kg.neo4j.loader import node_hash, rel_hash

    dumps = _dumps()
    path = snapshot_path(store_path)
    tmp = path.with_name(path.name + ".partial")
    header = {
        "format": FORMAT, "version": VERSION, "triples": triples, "entities": len(rows.entities),
        "sources": len(rows.sources), "relations": len(rows.relations), "skipped": len(rows.skipped),
    }  # fmt: skip
    with gzip.open(tmp, "wb", compresslevel=1) as f:
        f.write(dumps(header))
        for n in rows.entities:
            f.write(dumps(["e", n.iri, n.labels, n.props, n.hash or node_hash(n), _date_keys(n.props)]))
        for n in rows.sources:
            h = n.hash or node_hash(n)
            f.write(dumps(["s", n.iri, n.labels, n.props, h, _date_keys(n.props), n.mentions]))
        for r in rows.relations:
            h = r.hash or rel_hash(r)
            f.write(dumps(["r", r.iri, r.type, r.start, r.end, r.props, h, _date_keys(r.props)]))
        for a in rows.skipped:
            f.write(dumps(["x", a]))
    os.replace(tmp, path)
    return path


def remove_snapshot(store_path: str | Path) -> None:
    snapshot_path(store_path).unlink(missing_ok=True)


def read_header(store_path: str | Path) -> dict[str, Any] | None:
    path = snapshot_path(store_path)
    if not path.exists():
        return None
    try:
        with gzip.open(path, "rb") as f:
            head = _loads()(f.readline())
    except (OSError, ValueError):
        return None
    if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("version") != VERSION:
        return None
    return head


def is_fresh(store_path: str | Path, triples: int) -> bool:
    """True when the snapshot exists, is readable and was made from ``triples`` triples."""
    head = read_header(store_path)
    return head is not None and head.get("triples") == triples


def iter_records(store_path: str | Path) -> Iterator[list[Any]]:
    """The raw row arrays (after the header), dates still as ISO strings."""
    loads = _loads()
    with gzip.open(snapshot_path(store_path), "rb") as f:
        f.readline()
        for line in f:
            yield loads(line)


def _dates(props: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    for k in keys:
        props[k] = dt.date.fromisoformat(props[k])
    return props


def read_snapshot(store_path: str | Path, triples: int) -> GraphRows | None:
    """The rows of a fresh snapshot, or None (missing, stale, other version)."""
    if not is_fresh(store_path, triples):
        return None
    rows = GraphRows([], [], [])
    try:
        for rec in iter_records(store_path):
            kind = rec[0]
            if kind == "r":
                _, iri, typ, start, end, props, h, dk = rec
                rows.relations.append(RelRow(iri, typ, start, end, _dates(props, dk) if dk else props, h))
            elif kind == "e":
                _, iri, labels, props, h, dk = rec
                rows.entities.append(NodeRow(iri, tuple(labels), _dates(props, dk) if dk else props, [], h))
            elif kind == "s":
                _, iri, labels, props, h, dk, mentions = rec
                rows.sources.append(NodeRow(iri, tuple(labels), _dates(props, dk), mentions, h))
            elif kind == "x":
                rows.skipped.append(rec[1])
            else:
                raise ValueError(f"unknown row kind {kind!r}")
    except (OSError, ValueError, EOFError) as e:
        where = snapshot_path(store_path)
        raise Neo4jError(f"the snapshot {where} is damaged ({e}); run `kg build` again") from e
    return rows
