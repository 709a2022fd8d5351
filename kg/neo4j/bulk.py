"""``kg load --bulk``: the first load of the LOCAL server through ``neo4j-admin database import``.

Only for the server ``kg neo4j start`` runs (its home is known) and only into an EMPTY
database: the rows (the snapshot's, see :mod:`kg.neo4j.snapshot`) are written as import
CSV files, the server is stopped, ``org.neo4j.cli.AdminTool database import full`` (shipped
in the cached jars) builds the store files, the server is started again, then the schema
(the same constraints as ``kg load``) is created and the few values CSV cannot carry are
set by Cypher. The graph is the one the Cypher loader writes (same properties, ``kg_hash``
included), so later ``kg load`` runs diff against it as usual.

CSV details: one file per column signature (labels/type and property types), integer
``:ID``\\s, arrays split on U+001F. Empty lists cannot be written (the importer drops empty
fields), nor lists holding one empty string or strings holding U+001F: those are set
afterwards by Cypher, by ``iri``.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from kg.errors import Neo4jError
from kg.neo4j import cypher_names as names
from kg.neo4j import server
from kg.neo4j.connection import Settings, open_driver
from kg.neo4j.loader import LoadSummary, ensure_schema, node_hash, rel_hash
from kg.neo4j.reader import GraphRows

DELIM = "\x1f"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"
_PROP = re.compile(r"[a-z][A-Za-z0-9_]*")
Say = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def _csv_type(value: Any, is_date: bool) -> str | None:
    """The import type of a value, or None when CSV cannot carry it exactly."""
    if is_date:
        return "date"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list) and value and value != [""] and all(isinstance(v, str) for v in value):
        return None if any(DELIM in v for v in value) else "string[]"
    return None


def _records(rows: GraphRows) -> Iterator[list[Any]]:
    """GraphRows in the snapshot's record shape (for stores without a fresh snapshot)."""

    def dk(props: dict) -> list[str]:
        return [k for k, v in props.items() if isinstance(v, dt.date)]

    def iso(props: dict) -> dict:
        return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in props.items()}

    for n in rows.entities:
        yield ["e", n.iri, n.labels, iso(n.props), n.hash or node_hash(n), dk(n.props)]
    for n in rows.sources:
        yield ["s", n.iri, n.labels, iso(n.props), n.hash or node_hash(n), dk(n.props), n.mentions]
    for r in rows.relations:
        yield ["r", r.iri, r.type, r.start, r.end, iso(r.props), r.hash or rel_hash(r), dk(r.props)]


@dataclass
class CsvPlan:
    """What was written: the import arguments and the fix-ups to run afterwards."""

    folder: Path
    node_files: list[Path] = field(default_factory=list)
    rel_files: list[Path] = field(default_factory=list)
    multiline: bool = False
    nodes: int = 0
    rels: int = 0
    mentions: int = 0
    # (common label or rel type) -> key -> iris whose value is an empty list
    empty: dict[str, dict[str, list[str]]] = field(default_factory=lambda: defaultdict(_keyed))
    patches: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))  # label/type -> rows


def _keyed() -> dict[str, list[str]]:
    return defaultdict(list)


class _Files:
    def __init__(self, folder: Path, prefix: str, fixed: list[str]):
        self.folder, self.prefix, self.fixed = folder, prefix, fixed
        self.open: dict[tuple, tuple[Any, Any]] = {}
        self.paths: list[Path] = []

    def writer(self, signature: tuple[tuple[str, str], ...]) -> Any:
        got = self.open.get(signature)
        if got is None:
            path = self.folder / f"{self.prefix}-{len(self.open)}.csv"
            f = path.open("w", encoding="utf-8", newline="")
            w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
            w.writerow([*self.fixed, *(f"{k}:{t}" for k, t in signature)])
            got = self.open[signature] = (f, w)
            self.paths.append(path)
        return got[1]

    def close(self) -> None:
        for f, _ in self.open.values():
            f.close()


def _split(props: dict[str, Any], date_keys: list[str], h: str) -> tuple[tuple, list[Any], list[str], bool]:
    """(signature, values, empty-list keys, needs a patch) of one row's properties."""
    dk = set(date_keys)
    sig, vals, empty, patch = [], [], [], False
    for k in sorted(props):
        v = props[k]
        if not _PROP.fullmatch(k):
            raise Neo4jError(f"property name {k!r} cannot be imported")
        t = _csv_type(v, k in dk)
        if t is None:
            if v == []:
                empty.append(k)
            else:
                patch = True
            continue
        sig.append((k, t))
        if t == "string[]":
            v = DELIM.join(v)
        elif t == "boolean":
            v = "true" if v else "false"
        vals.append(v)
    sig.append(("kg_hash", "string"))
    vals.append(h)
    return tuple(sig), vals, empty, patch


def _full(props: dict[str, Any], date_keys: list[str], h: str) -> dict[str, Any]:
    out = dict(props)
    for k in date_keys:
        out[k] = dt.date.fromisoformat(out[k])
    out["kg_hash"] = h
    return out


def write_csvs(records: Iterable[list[Any]], folder: Path) -> CsvPlan:
    """Stream snapshot records into import CSV files under ``folder``."""
    plan = CsvPlan(folder)
    nodes = _Files(folder, "nodes", [":ID", ":LABEL"])
    rels = _Files(folder, "rels", [":START_ID", ":END_ID", ":TYPE"])
    mentions_path = folder / "mentions.csv"
    mentions_type = names.rel_type(names.mentions_type())
    ids: dict[str, int] = {}
    mf = mentions_path.open("w", encoding="utf-8", newline="")
    mw = csv.writer(mf, lineterminator="\n")
    mw.writerow([":START_ID", ":END_ID", ":TYPE"])
    multiline = re.compile(r"[\r\n]")
    try:
        for rec in records:
            kind = rec[0]
            if kind in ("e", "s"):
                iri, labels, props, h, dk = rec[1], rec[2], rec[3], rec[4], rec[5]
                names.label_clause(tuple(labels))
                node_id = ids[iri] = len(ids)
                sig, vals, empty, patch = _split(props, dk, h)
                row = [node_id, DELIM.join(labels), *vals]
                nodes.writer(sig).writerow(row)
                for k in empty:
                    plan.empty[labels[0]][k].append(iri)
                if patch:
                    plan.patches[labels[0]].append(_full(props, dk, h))
                if kind == "s":
                    for m in rec[6]:
                        mw.writerow((node_id, ids[m], mentions_type))
                    plan.mentions += len(rec[6])
                plan.nodes += 1
            elif kind == "r":
                iri, typ, start, end, props, h, dk = rec[1:8]
                names.rel_type(typ)
                sig, vals, empty, patch = _split(props, dk, h)
                rels.writer(sig).writerow([ids[start], ids[end], typ, *vals])
                for k in empty:
                    plan.empty[typ][k].append(iri)
                if patch:
                    plan.patches[typ].append(_full(props, dk, h))
                plan.rels += 1
            else:
                continue
            if not plan.multiline and any(isinstance(v, str) and multiline.search(v) for v in vals):
                plan.multiline = True
    finally:
        nodes.close()
        rels.close()
        mf.close()
    plan.node_files, plan.rel_files = nodes.paths, [*rels.paths, mentions_path]
    return plan


# ------------------------------------------------------------------ the target
def check_target(settings: Settings, home: Path) -> server.Status:
    """Refuse unless ``settings`` points at the running local server of ``home``, and it is empty."""
    st = server.status(home)
    if not st.running or not st.answering:
        raise Neo4jError(f"--bulk needs the local server of {home} running (`kg neo4j start --data {home}`)")
    u = urlparse(settings.uri)
    if u.hostname not in ("127.0.0.1", "localhost") or u.port != st.port:
        raise Neo4jError(
            f"--bulk only loads the local server started by `kg neo4j start` (bolt://127.0.0.1:{st.port}, "
            f"home {home}), not {settings.uri}; use `kg load` without --bulk for other servers"
        )
    if settings.database not in (None, "neo4j"):
        raise Neo4jError("--bulk imports into the default database `neo4j` only")
    driver = open_driver(settings)
    try:
        with driver.session(database=settings.database) as s:
            n = s.run("MATCH (n) RETURN count(n) AS n").single()["n"]
    finally:
        driver.close()
    if n:
        raise Neo4jError(
            f"--bulk needs an empty database and this one has {n} nodes; use `kg load` (it updates "
            "in place), or empty it first"
        )
    return st


def run_import(home: Path, plan: CsvPlan, say: Say = _quiet) -> float:
    """Run neo4j-admin's full import into ``home``'s (stopped) server; returns its seconds."""
    java, lib = server.find_java(), server.ensure_jars()
    cmd = [
        java, "-Xmx2g", "-cp", f"{lib}/*", ADMIN_CLASS, "database", "import", "full", "neo4j",
        "--overwrite-destination=true", "--id-type=integer", "--array-delimiter=U+001F",
        f"--multiline-fields={'true' if plan.multiline else 'false'}",
        f"--report-file={home / 'logs' / 'import.report'}",
        *(f"--nodes={p}" for p in plan.node_files),
        *(f"--relationships={p}" for p in plan.rel_files),
    ]  # fmt: skip
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    t0 = time.perf_counter()
    say(f"importing {plan.nodes} nodes and {plan.rels + plan.mentions} relationships with neo4j-admin ...")
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=home, check=False)
    if res.returncode != 0 or "IMPORT DONE" not in res.stdout + res.stderr:
        tail = "\n".join((res.stdout + res.stderr).strip().splitlines()[-20:])
        raise Neo4jError(f"neo4j-admin import failed; the server is stopped (start it again):\n{tail}")
    return time.perf_counter() - t0


def _fixups(driver: Any, plan: CsvPlan) -> int:
    """Set what CSV could not carry: empty lists and patched rows (by ``iri``, in batches)."""
    done = 0
    with driver.session() as s:
        for group, keys in sorted(plan.empty.items()):
            for key, iris in sorted(keys.items()):
                match = _match(group)
                q = f"UNWIND $rows AS i {match} SET x.`{key}` = []"
                for i in range(0, len(iris), 20_000):
                    s.execute_write(_run, q, iris[i : i + 20_000])
                done += len(iris)
        for group, rows in sorted(plan.patches.items()):
            q = f"UNWIND $rows AS r WITH r, r.iri AS i {_match(group)} SET x = r"
            for i in range(0, len(rows), 5_000):
                s.execute_write(_run, q, rows[i : i + 5_000])
            done += len(rows)
    return done


def _run(tx: Any, query: str, rows: list[Any]) -> None:
    tx.run(query, rows=rows).consume()


def _match(group: str) -> str:
    if group in ("Entity", "Source"):
        return f"MATCH (x:{names.label(group)} {{iri: i}})"
    return f"MATCH ()-[x:{names.rel_type(group)} {{iri: i}}]->()"


def bulk_load(
    store_path: str | Path, settings: Settings | None = None, home: Path | None = None, say: Say = _quiet,
    rows: GraphRows | None = None,
) -> LoadSummary:  # fmt: skip
    """First load of the local server at ``home`` (see the module docstring)."""
    from kg.neo4j import snapshot
    from kg.neo4j.loader import read_rows

    settings = settings or Settings.from_env()
    home = Path(home or server.default_home()).absolute()
    st = check_target(settings, home)
    summary = LoadSummary(route="bulk")
    t0 = time.perf_counter()
    if rows is None:
        from kg.store import Store

        with Store(store_path, create=False) as store:
            fresh = snapshot.is_fresh(store_path, store.triple_count())
        if fresh:
            records: Iterable[list[Any]] = snapshot.iter_records(store_path)
            summary.notes.append("rows read from the store's property-graph snapshot")
        else:
            rows, how = read_rows(store_path)
            summary.notes.append(how)
    if rows is not None:
        records = _records(rows)
        summary.skipped = len(rows.skipped)
    work = Path(tempfile.mkdtemp(prefix="kg-import-", dir=home))
    try:
        plan = write_csvs(records, work)
        summary.read_seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        server.stop(home)
        import_seconds = run_import(home, plan, say)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    say("starting the server again ...")
    server.start(home, st.port or server.DEFAULT_PORT)
    driver = open_driver(settings)
    try:
        ensure_schema(driver, settings.database)
        fixed = _fixups(driver, plan)
    finally:
        driver.close()
    summary.write_seconds = time.perf_counter() - t1
    summary.nodes_created, summary.rels_created = plan.nodes, plan.rels
    summary.mentions_created = plan.mentions
    summary.notes.append(
        f"bulk import: neo4j-admin {import_seconds:.1f}s, {fixed} values set afterwards by Cypher"
    )
    return summary
