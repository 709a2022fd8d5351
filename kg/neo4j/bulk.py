"""``kg load --bulk``: the first load of the LOCAL server through ``neo4j-admin database import``.

Only for the server ``kg neo4j start`` runs (its home is known) and only into an EMPTY
database. The store's import set (``STORE/neo4j-import``, written by ``kg build``, see
:mod:`kg.neo4j.snapshot`) is handed to the importer as it is (for an older store without
one, it is first written from the RDF into a temporary folder); the server is stopped,
``org.neo4j.cli.AdminTool database import full`` (shipped in the cached jars) builds the
store files, the server is started again, then the schema (the same constraints as
``kg load``) is created and the few rows whose values CSV cannot carry are set by Cypher,
by ``iri``. The graph is the one the Cypher loader writes (same properties, ``kg_hash``
included), so later ``kg load`` runs diff against it as usual.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from kg.errors import Neo4jError
from kg.neo4j import cypher_names as names
from kg.neo4j import server
from kg.neo4j.connection import Settings, open_driver
from kg.neo4j.loader import LoadSummary, ensure_schema
from kg.neo4j.reader import GraphRows, read_graph
from kg.neo4j.snapshot import ImportSet

ADMIN_CLASS = "org.neo4j.cli.AdminTool"
Say = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


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


def run_import(home: Path, files: ImportSet, say: Say = _quiet) -> float:
    """Run neo4j-admin's full import of ``files`` into ``home``'s (stopped) server; returns its seconds."""
    java, lib = server.find_java(), server.ensure_jars()
    cmd = [
        java, "-Xmx2g", "-cp", f"{lib}/*", ADMIN_CLASS, "database", "import", "full", "neo4j",
        "--overwrite-destination=true", "--id-type=integer", "--array-delimiter=U+001F",
        f"--multiline-fields={'true' if files.header.get('multiline') else 'false'}",
        f"--report-file={home / 'logs' / 'import.report'}",
        *(f"--nodes={p}" for p in files.node_files),
        *(f"--relationships={p}" for p in files.rel_files),
    ]  # fmt: skip
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    t0 = time.perf_counter()
    rels = files.header["relations"] + files.header["mentions"]
    say(f"importing {files.nodes} nodes and {rels} relationships with neo4j-admin ...")
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=home, check=False)
    if res.returncode != 0 or "IMPORT DONE" not in res.stdout + res.stderr:
        lines = (res.stdout + res.stderr).splitlines()
        said = [ln for ln in lines if ln.strip() and not ln.startswith("\tat ")]  # not the Java stack
        tail = "\n".join(said[-20:])
        raise Neo4jError(f"neo4j-admin import failed; the server is stopped (start it again):\n{tail}")
    return time.perf_counter() - t0


def apply_patches(driver: Any, files: ImportSet, database: str | None = None, batch: int = 5_000) -> int:
    """Set the rows CSV could not carry (whole rows, by ``iri``); returns how many."""
    groups: dict[str, list[dict]] = {}
    for kind, group, _iri, props, h in files.patches():
        groups.setdefault(_match(kind, group), []).append({**props, "kg_hash": h})
    with driver.session(database=database) as s:
        for match, rows in sorted(groups.items()):
            q = f"UNWIND $rows AS r WITH r, r.iri AS i {match} SET x = r"
            for i in range(0, len(rows), batch):
                s.execute_write(_run, q, rows[i : i + batch])
    return sum(len(v) for v in groups.values())


def _run(tx: Any, query: str, rows: list[Any]) -> None:
    tx.run(query, rows=rows).consume()


def _match(kind: str, group: str) -> str:
    if kind == "n":
        return f"MATCH (x:{names.label(group)} {{iri: i}})"
    return f"MATCH ()-[x:{names.rel_type(group)} {{iri: i}}]->()"


def bulk_load(
    store_path: str | Path, settings: Settings | None = None, home: Path | None = None, say: Say = _quiet,
    rows: GraphRows | None = None,
) -> LoadSummary:  # fmt: skip
    """First load of the local server at ``home`` (see the module docstring)."""
    from kg.neo4j import snapshot
    from kg.neo4j.loader import FROM_RDF

    settings = settings or Settings.from_env()
    home = Path(home or server.default_home()).absolute()
    st = check_target(settings, home)
    summary = LoadSummary(route="bulk")
    t0 = time.perf_counter()
    files: ImportSet | None = None
    if rows is None:
        from kg.store import Store

        with Store(store_path, read_only=True) as store:  # the triples are counted once
            files = snapshot.fresh_import_set(store_path, store.triple_count())
            if files is None:
                rows = read_graph(store.rdf)
        summary.notes.append(
            FROM_RDF if files is None else "the store's import set handed to neo4j-admin as it is"
        )
    work: Path | None = None
    try:
        if files is None:
            assert rows is not None
            work = Path(tempfile.mkdtemp(prefix="kg-import-", dir=home))
            files = ImportSet(work / "set", snapshot.write_import_set(rows, work / "set"))
            summary.skipped = len(rows.skipped)
        else:
            summary.skipped = len(files.header.get("skipped", []))
        summary.read_seconds = time.perf_counter() - t0
        t1 = time.perf_counter()
        server.stop(home)
        t_stop = time.perf_counter() - t1
        import_seconds = run_import(home, files, say)
        say("starting the server again ...")
        t2 = time.perf_counter()
        server.start(home, st.port or server.DEFAULT_PORT, http_port=st.http_port, apoc=st.apoc)
        t_start = time.perf_counter() - t2
        driver = open_driver(settings)
        try:
            t3 = time.perf_counter()
            ensure_schema(driver, settings.database)
            t_schema = time.perf_counter() - t3
            fixed = apply_patches(driver, files, settings.database)
        finally:
            driver.close()
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    summary.write_seconds = time.perf_counter() - t1
    h = files.header
    summary.nodes_created, summary.rels_created = files.nodes, h["relations"]
    summary.mentions_created = h["mentions"]
    summary.notes.append(
        f"bulk import: server stop {t_stop:.1f}s, neo4j-admin {import_seconds:.1f}s, "
        f"server start {t_start:.1f}s, constraints and indexes {t_schema:.1f}s, "
        f"{fixed} rows set afterwards by Cypher"
    )
    return summary
