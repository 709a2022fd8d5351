"""The store's Neo4j import set: the loader's rows as ``neo4j-admin import`` CSV files.

Reading 25M triples back out of Oxigraph costs minutes at a million assertions, so when
:func:`kg.build.regenerate` rebuilds the RDF graph it also writes the rows that
:func:`kg.neo4j.reader.rows_from_scan` makes of that very graph (same code, scanning the
in-memory rdflib Graph), with their ``kg_hash`` digests, into ``STORE/neo4j-import/``, in the
very format ``neo4j-admin database import full`` reads. So ``kg load --bulk`` hands these
files to the importer as they are, and the Cypher loaders read their rows back from them.

The RDF stays the source of truth: the header records the number of triples the rows were
made from, and an import set whose count differs from the store's (or that is missing, or
of another format version) is ignored, the loader then reads the RDF as before.

Layout of the folder::

    header.json     format, version, triples, counts, the files and their columns
    nodes-N.csv     ``:ID,:LABEL,key:type,...,kg_hash:string``, one file per column signature
    rels-N.csv      ``:START_ID,:END_ID,:TYPE,key:type,...,kg_hash:string``, likewise
    mentions.csv    ``:START_ID,:END_ID,:TYPE``: a source MENTIONS an entity
    patches.jsonl   rows holding a value CSV cannot carry exactly (an empty string, a list
                    with an empty string or U+001F, a list of non-strings): the whole row
                    as JSON, set by Cypher after an import; their CSV line lacks that value

Node ``:ID``\\s are integers: entities, then sources, in the rows' order. Arrays are split on
U+001F; every field is quoted. Properties absent from a row are absent from its file.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import Neo4jError
from kg.neo4j import cypher_names as names
from kg.neo4j.reader import GraphRows, NodeRow, RelRow

SNAPSHOT_DIR = "neo4j-import"
OLD_SNAPSHOT = "neo4j-rows.jsonl.gz"  # format 1 (JSON lines): removed when seen
FORMAT = "sea-kg/neo4j-import"
VERSION = 2
DELIM = "\x1f"
HEADER, PATCHES, MENTIONS = "header.json", "patches.jsonl", "mentions.csv"
_PROP = re.compile(r"[a-z][A-Za-z0-9_]*")
_MULTILINE = re.compile(r"[\r\n]")
csv.field_size_limit(2**31 - 1)


def snapshot_path(store_path: str | Path) -> Path:
    return Path(store_path) / SNAPSHOT_DIR


def csv_type(value: Any) -> str | None:
    """The import type of a value, or None when CSV cannot carry it exactly."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, str):
        return "string" if value else None  # the importer reads an empty field as no value
    if isinstance(value, list) and value and all(isinstance(v, str) and v and DELIM not in v for v in value):
        return "string[]"
    return None


def _text(value: Any, kind: str) -> Any:
    if kind == "string[]":
        return DELIM.join(value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "date":
        return value.isoformat()
    return value


_FROM_TEXT: dict[str, Callable[[str], Any]] = {
    "string": str, "string[]": lambda v: v.split(DELIM), "long": int, "double": float,
    "boolean": lambda v: v == "true", "date": dt.date.fromisoformat,
}  # fmt: skip


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):  # datetime too
        return {"$date": value.isoformat()}
    raise TypeError(f"cannot store {type(value).__name__} in the import set")


def _json_hook(obj: dict[str, Any]) -> Any:
    if len(obj) == 1 and "$date" in obj:
        v = obj["$date"]
        return dt.datetime.fromisoformat(v) if "T" in v else dt.date.fromisoformat(v)
    return obj


class _Files:
    """One CSV file per column signature, opened as rows with a new signature arrive."""

    def __init__(self, folder: Path, prefix: str, fixed: list[str]):
        self.folder, self.prefix, self.fixed = folder, prefix, fixed
        self.open: dict[tuple, tuple[Any, Any]] = {}
        self.listed: list[dict[str, Any]] = []

    def writer(self, signature: tuple[tuple[str, str], ...]) -> Any:
        got = self.open.get(signature)
        if got is None:
            name = f"{self.prefix}-{len(self.open)}.csv"
            f = (self.folder / name).open("w", encoding="utf-8", newline="")
            w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
            w.writerow([*self.fixed, *(f"{k}:{t}" for k, t in signature)])
            got = self.open[signature] = (f, w)
            self.listed.append({"path": name, "columns": [list(c) for c in signature]})
        return got[1]

    def close(self) -> None:
        for f, _ in self.open.values():
            f.close()


class _Writer:
    def __init__(self, folder: Path):
        self.nodes = _Files(folder, "nodes", [":ID", ":LABEL"])
        self.rels = _Files(folder, "rels", [":START_ID", ":END_ID", ":TYPE"])
        self.patches = (folder / PATCHES).open("w", encoding="utf-8")
        self.multiline = False
        self.n_patches = 0

    def split(self, props: dict[str, Any], h: str, kind: str, group: str) -> tuple[tuple, list[Any]]:
        """(signature, values) of one row; a row with a value CSV cannot carry goes to the patches."""
        sig, vals, patch = [], [], False
        for k in sorted(props):
            v = props[k]
            if not _PROP.fullmatch(k) or k == "kg_hash":
                raise Neo4jError(f"property name {k!r} cannot be loaded")
            t = csv_type(v)
            if t is None:
                patch = True
                continue
            text = _text(v, t)
            if not self.multiline and isinstance(text, str) and _MULTILINE.search(text):
                self.multiline = True
            sig.append((k, t))
            vals.append(text)
        sig.append(("kg_hash", "string"))
        vals.append(h)
        if patch:
            rec = [kind, group, props["iri"], props, h]
            self.patches.write(json.dumps(rec, ensure_ascii=False, default=_json_default) + "\n")
            self.n_patches += 1
        return tuple(sig), vals

    def close(self) -> None:
        self.nodes.close()
        self.rels.close()
        self.patches.close()


def write_import_set(rows: GraphRows, folder: Path, triples: int | None = None) -> dict[str, Any]:
    """Write ``rows`` as an import set into the new ``folder``; returns its header."""
    from kg.neo4j.loader import node_hash, rel_hash

    folder.mkdir(parents=True)
    w = _Writer(folder)
    mtype = names.rel_type(names.mentions_type())
    ids: dict[str, int] = {}
    mentions = dangling = 0
    mf = (folder / MENTIONS).open("w", encoding="utf-8", newline="")
    try:
        mw = csv.writer(mf, lineterminator="\n")
        mw.writerow([":START_ID", ":END_ID", ":TYPE"])
        for n in [*rows.entities, *rows.sources]:
            names.label_clause(n.labels)
            node_id = ids[n.iri] = len(ids)
            sig, vals = w.split(n.props, n.hash or node_hash(n), "n", n.labels[0])
            w.nodes.writer(sig).writerow([node_id, DELIM.join(n.labels), *vals])
        for n in rows.sources:
            me = ids[n.iri]
            for m in n.mentions:
                if m in ids:
                    mw.writerow((me, ids[m], mtype))
                    mentions += 1
        for r in rows.relations:
            names.rel_type(r.type)
            s, o = ids.get(r.start), ids.get(r.end)
            if s is None or o is None:
                dangling += 1  # an end that is not a node: the Cypher loaders' MATCH finds none either
                continue
            sig, vals = w.split(r.props, r.hash or rel_hash(r), "r", r.type)
            w.rels.writer(sig).writerow([s, o, r.type, *vals])
    finally:
        w.close()
        mf.close()
    header = {
        "format": FORMAT, "version": VERSION, "triples": triples,
        "entities": len(rows.entities), "sources": len(rows.sources),
        "relations": len(rows.relations) - dangling, "mentions": mentions, "dangling": dangling,
        "patches": w.n_patches, "multiline": w.multiline, "skipped": list(rows.skipped),
        "nodes_files": w.nodes.listed, "rels_files": w.rels.listed,
    }  # fmt: skip
    (folder / HEADER).write_text(json.dumps(header, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return header


def write_snapshot(store_path: str | Path, rows: GraphRows, triples: int) -> Path:
    """Write ``rows`` (made from a graph of ``triples`` triples) into the store, replacing the old set."""
    final = snapshot_path(store_path)
    tmp = final.with_name(final.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    write_import_set(rows, tmp, triples)
    remove_snapshot(store_path)
    os.replace(tmp, final)
    return final


def remove_snapshot(store_path: str | Path) -> None:
    shutil.rmtree(snapshot_path(store_path), ignore_errors=True)
    (Path(store_path) / OLD_SNAPSHOT).unlink(missing_ok=True)


def read_header(store_path: str | Path) -> dict[str, Any] | None:
    """The import set's header, or None when there is none of this format."""
    try:
        head = json.loads((snapshot_path(store_path) / HEADER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(head, dict) or head.get("format") != FORMAT or head.get("version") != VERSION:
        return None
    return head


@dataclass
class ImportSet:
    """An import set on disk: what ``neo4j-admin import`` is given, and what to set afterwards."""

    folder: Path
    header: dict[str, Any]

    @property
    def node_files(self) -> list[Path]:
        return [self.folder / f["path"] for f in self.header["nodes_files"]]

    @property
    def rel_files(self) -> list[Path]:
        return [*(self.folder / f["path"] for f in self.header["rels_files"]), self.folder / MENTIONS]

    @property
    def nodes(self) -> int:
        return self.header["entities"] + self.header["sources"]

    def patches(self) -> Iterator[tuple[str, str, str, dict[str, Any], str]]:
        """``(kind "n"/"r", label or type, iri, props, kg_hash)`` of the rows CSV could not carry."""
        path = self.folder / PATCHES
        if not path.exists():
            return
        with path.open(encoding="utf-8") as f:
            for line in f:
                kind, group, iri, props, h = json.loads(line, object_hook=_json_hook)
                yield kind, group, iri, props, h


def fresh_import_set(store_path: str | Path, triples: int) -> ImportSet | None:
    """The store's import set when it is readable and was made from ``triples`` triples, else None.

    Its folder is absolute: neo4j-admin runs in the server's folder, not here."""
    head = read_header(store_path)
    if head is None or head.get("triples") != triples:
        return None
    return ImportSet(snapshot_path(store_path).absolute(), head)


def _rows_of(path: Path, columns: list[list[str]], fixed: int) -> Iterator[tuple[list[str], dict[str, Any]]]:
    """``(fixed fields, props)`` per CSV line; ``kg_hash`` stays among the props."""
    convert = [(k, _FROM_TEXT[t]) for k, t in columns]
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for rec in reader:
            yield rec[:fixed], {k: c(v) for (k, c), v in zip(convert, rec[fixed:], strict=True)}


def read_import_set(files: ImportSet) -> GraphRows:
    """The rows of an import set (reading back what :func:`write_import_set` wrote gives its
    ``rows``, but for the order of the relationships)."""
    folder, head = files.folder, files.header
    patched: dict[tuple[str, str], dict[str, Any]] = {}
    for kind, _, iri, props, _h in files.patches():
        patched[(kind, iri)] = props
    n_nodes = head["entities"] + head["sources"]
    nodes: list[NodeRow | None] = [None] * n_nodes
    for spec in head["nodes_files"]:
        for (node_id, labels), props in _rows_of(folder / spec["path"], spec["columns"], 2):
            h = props.pop("kg_hash")
            props = patched.get(("n", props["iri"]), props)
            nodes[int(node_id)] = NodeRow(props["iri"], tuple(labels.split(DELIM)), props, [], h)
    if any(n is None for n in nodes):
        raise ValueError("a node is missing")
    full: list[NodeRow] = nodes  # type: ignore[assignment]
    with (folder / MENTIONS).open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for s, o, _ in reader:
            full[int(s)].mentions.append(full[int(o)].iri)
    relations: list[RelRow] = []
    for spec in head["rels_files"]:
        for (s, o, typ), props in _rows_of(folder / spec["path"], spec["columns"], 3):
            h = props.pop("kg_hash")
            props = patched.get(("r", props["iri"]), props)
            relations.append(RelRow(props["iri"], typ, full[int(s)].iri, full[int(o)].iri, props, h))
    n_ent = head["entities"]
    return GraphRows(full[:n_ent], full[n_ent:], relations, list(head.get("skipped", [])))


def read_snapshot(store_path: str | Path, triples: int) -> GraphRows | None:
    """The rows of a fresh import set, or None (missing, stale, other version)."""
    files = fresh_import_set(store_path, triples)
    if files is None:
        return None
    try:
        return read_import_set(files)
    except (OSError, ValueError, KeyError, IndexError, TypeError, csv.Error) as e:
        raise Neo4jError(f"the import set {files.folder} is damaged ({e}); run `kg build` again") from e
