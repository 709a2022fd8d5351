"""Benchmark ``kg load`` against rdflib-neo4j on a synthetic store of realistic shape.

Generates a store following docs/data-model.md (entities with aliases and identifiers,
reified assertions with qualifiers, evidence and sources, articles that mention entities),
starts a fresh local Neo4j (``kg.neo4j.server``, on its own port and home), loads the store
with ``kg.neo4j.loader`` and reports relationships/s, nodes/s and the loader's peak memory;
then wipes the database and loads the same triples with rdflib-neo4j (its own batching),
and reports the ratio.

Example:
    python benchmarks/load.py --rels 100000
    python benchmarks/load.py --rels 1000000 --rdflib-sample 100000 --json results.json

Relationships/s counts every relationship written into Neo4j: one per assertion (with its
qualifiers and provenance) plus the MENTIONS of the articles; ``assertion_rels_per_s_total``
counts the former only. ``--rels`` is the number of assertions. Routes: ``bulk`` is
``kg load --bulk`` (the store's import set through neo4j-admin, server restarted), ``fast``
is ``kg load`` into an empty database over Bolt, ``cypher`` the diffing ``kg load --diff``.
Results of earlier runs: benchmarks/results/.

rdflib-neo4j 1.x needs no server plugin (no neosemantics): it only wants a uniqueness
constraint on ``:Resource(uri)``, which it creates. It writes one node per RDF subject, so
the assertions and evidence become nodes; its time is for the same triples.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KGO = "https://w3id.org/seakg/ontology#"
ID = "https://w3id.org/seakg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"

TYPES = [  # (class, kind, share)
    ("GovernmentBody", "org", 0.22), ("NonProfit", "org", 0.14), ("Company", "org", 0.08),
    ("IntergovernmentalOrganization", "org", 0.03), ("Person", "person", 0.25),
    ("Program", "program", 0.12), ("Commitment", "commitment", 0.06), ("Place", "place", 0.10),
]  # fmt: skip
ORGS = ("GovernmentBody", "NonProfit", "Company", "IntergovernmentalOrganization")
RELATIONS = [  # (relation, domain classes, range classes, weight, qualifier builder)
    ("partnersWith", ORGS, ORGS, 0.30),
    ("holdsPosition", ("Person",), ORGS, 0.20),
    ("runs", ORGS, ("Program",), 0.15),
    ("funds", ORGS, (*ORGS, "Program"), 0.08),
    ("partyTo", (*ORGS, "Place"), ("Commitment",), 0.10),
    ("subOrganizationOf", ORGS, ORGS, 0.05),
    ("memberOf", (*ORGS, "Place"), ORGS, 0.04),
    ("locatedIn", (*ORGS, "Program"), ("Place",), 0.08),
]
WORDS = [
    "kementerian",
    "sosial",
    "yayasan",
    "anak",
    "perlindungan",
    "program",
    "bantuan",
    "nasional",
    "daerah",
    "asean",
    "unicef",
    "dinas",
    "kesehatan",
    "pendidikan",
    "perempuan",
    "keluarga",
    "harapan",
    "rumah",
    "zakat",
    "badan",
    "pusat",
    "development",
    "foundation",
    "council",
    "network",
    "fund",
    "women",
    "children",
    "welfare",
    "social",
    "ministry",
]
PUBLISHERS = ["ANTARA News", "Kompas", "Tempo"]
ROLES = {"holdsPosition": ["Menteri", "Direktur Jenderal", "Ketua", "Kepala Dinas", "Sekretaris"],
         "runs": ["implementer", "funder"], "partyTo": ["party", "signatory", "lead", "drafter"]}  # fmt: skip


def lit(v: str) -> str:
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(n_rels: int, out: Path, seed: int = 7, rows=None) -> dict:
    """Write N-Triples of a synthetic store with ``n_rels`` assertions; returns the counts.

    With ``rows`` (a ``GraphRows``), also fills it with the loader's rows of those very triples
    (what ``kg build`` writes as the store's snapshot); checked against the RDF reader below.
    """
    import datetime as dt

    from kg import ontology
    from kg.neo4j.reader import NodeRow, RelRow, labels_for

    onto = ontology.load()
    rnd = random.Random(seed)
    ents: dict[str, NodeRow] = {}
    srcs: dict[str, NodeRow] = {}
    n_ent = max(50, n_rels // 4)
    n_docs = max(10, n_rels // 5)
    by_class: dict[str, list[str]] = {}
    counts = {"entities": n_ent, "assertions": 0, "articles": n_docs, "triples": 0}
    lines: list[str] = []
    f = out.open("w", encoding="utf-8")

    def emit(s: str) -> None:
        lines.append(s)
        if len(lines) >= 200_000:
            counts["triples"] += len(lines)
            f.write("\n".join(lines) + "\n")
            lines.clear()

    cum, acc = [], 0.0
    for cls, kind, share in TYPES:
        acc += share
        cum.append((acc, cls, kind))
    for i in range(n_ent):
        x = rnd.random() * acc
        cls, kind = next((c, k) for a, c, k in cum if x <= a)
        iri = f"<{ID}{kind}/e{i}>"
        by_class.setdefault(cls, []).append(iri)
        name = " ".join(rnd.choice(WORDS).capitalize() for _ in range(rnd.randint(2, 4))) + f" {i}"
        emit(f"{iri} <{RDF}type> <{KGO}{cls}> .")
        emit(f"{iri} <{RDFS}label> {lit(name)} .")
        row = ents[iri] = NodeRow(iri[1:-1], labels_for(cls), {"iri": iri[1:-1], "type": cls, "name": name})
        aliases, idents = set(), set()
        for k in range(rnd.choice((0, 0, 1, 1, 2, 3))):
            aliases.add(name.upper()[: 8 + k] + str(i))
            emit(f"{iri} <{SKOS}altLabel> {lit(name.upper()[: 8 + k] + str(i))} .")
        if rnd.random() < 0.3:
            idents.add(f"gaz:e{i}")
            emit(f"{iri} <{KGO}identifier> {lit(f'gaz:e{i}')} .")
        implied = rnd.random() < 0.02
        if implied:
            emit(f'{iri} <{KGO}implied> "true"^^<{XSD}boolean> .')
        if aliases:  # as the reader: an empty list is no property
            row.props["aliases"] = sorted(aliases)
        if idents:
            row.props["identifiers"] = sorted(idents)
        row.props["implied"] = implied
    docs = []
    for d in range(n_docs):
        iri = f"<{ID}doc/d{d}>"
        day = f"20{rnd.randint(15, 24)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        docs.append((iri, day))
        title, pub = "Berita " + " ".join(rnd.choice(WORDS) for _ in range(6)), rnd.choice(PUBLISHERS)
        srcs[iri] = NodeRow(iri[1:-1], labels_for("Article"), {
            "iri": iri[1:-1], "type": "Article", "url": f"https://news.example.org/{d}", "title": title,
            "publisher": pub, "date": dt.date.fromisoformat(day), "lang": "id",
            "path": f"corpus/{d}.txt"})  # fmt: skip
        emit(f"{iri} <{RDF}type> <{KGO}Article> .")
        emit(f"{iri} <{SCHEMA}url> {lit(f'https://news.example.org/{d}')} .")
        emit(f"{iri} <{DCT}title> {lit(title)} .")
        emit(f"{iri} <{KGO}publisher> {lit(pub)} .")
        emit(f'{iri} <{DCT}date> "{day}"^^<{XSD}date> .')
        emit(f"{iri} <{DCT}language> {lit('id')} .")
        emit(f"{iri} <{KGO}sourcePath> {lit(f'corpus/{d}.txt')} .")
    mentions: dict[str, set[str]] = {}
    rel_cum, acc = [], 0.0
    for r in RELATIONS:
        acc += r[3]
        rel_cum.append((acc, r))
    seen: set[tuple[str, str, str, str]] = set()
    a = 0
    while a < n_rels:
        x = rnd.random() * acc
        rel, dom, rng, _ = next(r for c, r in rel_cum if x <= c)
        s = rnd.choice(by_class[rnd.choice(dom)])
        o = rnd.choice(by_class[rnd.choice(rng)])
        if s == o:
            continue
        if rel == "partnersWith" and o < s:
            s, o = o, s
        role = rnd.choice(ROLES[rel]) if rel in ROLES else ""
        key = (rel, s, o, role)
        if key in seen:
            continue
        seen.add(key)
        airi = f"<{ID}assertion/a{a}>"
        props: dict = {"iri": airi[1:-1], "relation": rel}
        emit(f"{s} <{KGO}{rel}> {o} .")
        emit(f"{airi} <{RDF}type> <{KGO}Assertion> .")
        emit(f"{airi} <{RDF}subject> {s} .")
        emit(f"{airi} <{RDF}predicate> <{KGO}{rel}> .")
        emit(f"{airi} <{RDF}object> {o} .")
        if role:
            props["role"] = role
            emit(f"{airi} <{KGO}role> {lit(role)} .")
        if rel == "partnersWith":
            props["status"] = rnd.choice(["active", "active", "proposed", "ended"])
            emit(f"{airi} <{KGO}status> {lit(props['status'])} .")
        if rel == "funds":
            props.update(amount=str(rnd.randint(1, 900)) + " juta", currency="IDR")
            emit(f"{airi} <{KGO}amount> {lit(props['amount'])} .")
            emit(f"{airi} <{KGO}currency> {lit('IDR')} .")
        n_ev = rnd.choice((1, 1, 1, 2, 2, 3))
        days, evs = [], []
        for e in range(n_ev):
            doc, day = rnd.choice(docs)
            days.append(day)
            mentions.setdefault(doc, set()).update((s, o))
            eiri = f"<{ID}evidence/a{a}e{e}>"
            emit(f"{airi} <{KGO}evidence> {eiri} .")
            emit(f"{eiri} <{RDF}type> <{KGO}Evidence> .")
            emit(f"{eiri} <{KGO}source> {doc} .")
            sentence = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 25))).capitalize() + "."
            evs.append((doc[1:-1], sentence))
            emit(f"{eiri} <{KGO}sentence> {lit(sentence)} .")
            emit(f"{eiri} <{KGO}extractor> {lit('rules/0.1')} .")
            emit(f'{eiri} <{KGO}confidence> "0.8"^^<{XSD}decimal> .')
        emit(f'{airi} <{KGO}confidence> "0.8"^^<{XSD}decimal> .')
        emit(f'{airi} <{KGO}firstSeen> "{min(days)}"^^<{XSD}date> .')
        emit(f'{airi} <{KGO}lastSeen> "{max(days)}"^^<{XSD}date> .')
        emit(f'{airi} <{KGO}sourceCount> "{len(set(days))}"^^<{XSD}integer> .')
        if rows is not None:
            evs.sort()
            spec = onto.relations[rel]
            props.update(
                confidence=0.8, first_seen=dt.date.fromisoformat(min(days)),
                last_seen=dt.date.fromisoformat(max(days)), source_count=len(set(days)),
                evidence=[x for _, x in evs], evidence_docs=[d for d, _ in evs],
                sources=[srcs["<" + d + ">"].props["url"] for d, _ in evs],
            )  # fmt: skip
            rows.relations.append(RelRow(airi[1:-1], spec.neo4j_type, s[1:-1], o[1:-1], props))
        a += 1
    for doc, ments in mentions.items():
        srcs[doc].mentions = sorted(e[1:-1] for e in ments)
        for e in sorted(ments):
            emit(f"{doc} <{KGO}mentions> {e} .")
    if rows is not None:
        rows.entities.extend(ents.values())
        rows.sources.extend(srcs.values())
    counts["triples"] += len(lines)
    f.write("\n".join(lines) + "\n")
    f.close()
    counts["assertions"] = a
    counts["mentions"] = sum(len(v) for v in mentions.values())
    return counts


def build_store(n_rels: int, store_dir: Path, verify: bool = False) -> dict:
    """The synthetic store: its RDF graph and (as ``kg build`` writes it) its snapshot."""
    import pyoxigraph as ox

    from kg.neo4j.reader import GraphRows, read_graph
    from kg.neo4j.snapshot import write_snapshot

    store_dir.mkdir(parents=True, exist_ok=True)
    nt = store_dir.parent / "synthetic.nt"
    t0 = time.perf_counter()
    rows = GraphRows([], [], [])
    counts = generate(n_rels, nt, rows=rows)
    st = ox.Store(str(store_dir / "graph"))
    st.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    st.flush()
    write_snapshot(store_dir, rows, len(st))
    if verify:  # the snapshot must say what the RDF says
        back = read_graph(st)
        for kind in ("entities", "sources", "relations"):
            a = sorted(getattr(rows, kind), key=lambda r: r.iri)
            b = sorted(getattr(back, kind), key=lambda r: r.iri)
            if a != b:
                raise SystemExit(f"snapshot and RDF differ in {kind}")
        counts["snapshot_verified"] = True
    del st
    counts["generate_seconds"] = round(time.perf_counter() - t0, 1)
    counts["nt_file"] = str(nt)
    return counts


def fresh_server(home: Path, port: int):
    from kg.neo4j import server

    server.stop(home)
    shutil.rmtree(home / "data", ignore_errors=True)
    return server.start(home, port, progress=lambda m: print(m, file=sys.stderr))


def run_ours(store_dir: Path, uri: str, batch_size: int, route: str, home: Path) -> dict:
    """``kg load`` into an empty database (route "fast"), ``kg load --diff`` (route "cypher") or
    ``kg load --bulk`` (route "bulk"), timed end to end."""
    from kg.neo4j import loader
    from kg.neo4j.connection import Settings

    t0 = time.perf_counter()
    if route == "bulk":
        from kg.neo4j.bulk import bulk_load

        s = bulk_load(store_dir, Settings(uri=uri), home)
        t_read, t_write = s.read_seconds, s.write_seconds
    else:
        s = loader.load_store(store_dir, Settings(uri=uri), batch_size, fast=route == "fast")
        if s.route != ("fast" if route == "fast" else "diff"):
            raise RuntimeError(f"route {route} ran as {s.route}")
        t_read, t_write = s.read_seconds, s.write_seconds
    total = time.perf_counter() - t0
    rels = s.rels_created + s.mentions_created
    nodes = s.nodes_created
    return {
        "read_seconds": round(t_read, 1), "write_seconds": round(t_write, 1),
        "total_seconds": round(total, 1),
        "assertion_rels": s.rels_created, "mention_rels": s.mentions_created, "nodes": nodes,
        "assertion_rels_per_s_total": round(s.rels_created / total),
        "all_rels_per_s_total": round(rels / total), "all_rels_per_s_write": round(rels / t_write),
        "nodes_per_s_total": round(nodes / total),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "route": route, "notes": s.notes,
    }  # fmt: skip


def run_rdflib_neo4j(nt: Path, uri: str, max_triples: int | None) -> dict:
    """Load the N-Triples (or their first ``max_triples``) with rdflib-neo4j; in a child process."""
    code = f"""
import sys, time, resource, io, contextlib
from rdflib import Graph
from rdflib_neo4j import Neo4jStoreConfig, Neo4jStore, HANDLE_VOCAB_URI_STRATEGY
from neo4j import GraphDatabase
lines = []
with open({str(nt)!r}, encoding='utf-8') as f:
    for i, line in enumerate(f):
        if {max_triples!r} is not None and i >= {max_triples!r}: break
        lines.append(line)
data = ''.join(lines)
driver = GraphDatabase.driver({uri!r}, auth=None)
cfg = Neo4jStoreConfig(auth_data=None, batching=True,
                       handle_vocab_uri_strategy=HANDLE_VOCAB_URI_STRATEGY.IGNORE)
t0 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    g = Graph(store=Neo4jStore(config=cfg, neo4j_driver=driver))
    g.parse(data=data, format='nt')
    g.close(True)
dt = time.perf_counter() - t0
driver.close()
print(len(lines), dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    n, dt, rss = out.stdout.split()[-3:]
    return {"triples": int(n), "seconds": round(float(dt), 1), "triples_per_s": round(int(n) / float(dt)),
            "peak_rss_mib": int(rss)}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--rels", "--size", type=int, default=100_000, help="number of assertions (relationships)"
    )
    ap.add_argument("--port", type=int, default=7696, help="port of the fresh benchmark Neo4j")
    ap.add_argument("--batch-size", type=int, default=20_000, help="rows per transaction for kg load")
    ap.add_argument("--rdflib-sample", type=int, default=None,
                    help="load only this many assertions' worth of triples with rdflib-neo4j (the ratio is "
                         "then computed from rates); default: all")  # fmt: skip
    ap.add_argument("--skip-rdflib", action="store_true", help="do not run rdflib-neo4j")
    ap.add_argument("--workdir", type=Path, default=None, help="where to put the store and the server home")
    ap.add_argument("--keep", action="store_true", help="leave the server running and the files in place")
    ap.add_argument("--json", type=Path, default=None, help="also write the results to this file")
    ap.add_argument("--route", choices=("bulk", "cypher", "fast", "both", "all"), default="bulk",
                    help="kg load --bulk (neo4j-admin import), kg load --diff (Cypher diff), kg load into an "
                         "empty database (fast Cypher path), both (bulk, cypher) or all three")  # fmt: skip
    ap.add_argument(
        "--reuse-store",
        action="store_true",
        help="reuse WORKDIR/store when WORKDIR/input.json says it was made for --rels",
    )
    ap.add_argument("--verify", action="store_true", help="check the snapshot against the RDF reader")
    ap.add_argument("--generate-only", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.generate_only:
        print(json.dumps(build_store(args.rels, args.generate_only, args.verify)))
        return

    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    store_dir, home = work / "store", work / "neo4j"
    uri = f"bolt://127.0.0.1:{args.port}"
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**30
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())  # fmt: skip
    from kg.neo4j.server import NEO4J_VERSION

    result: dict = {
        "machine": f"{os.cpu_count()} cores ({cpu}), {platform.machine()}, {mem_gib} GiB, "
        f"Python {platform.python_version()}, Neo4j Community {NEO4J_VERSION}",
        "rels": args.rels,
    }
    # the store is generated in a child process so that the loader's peak memory is its own
    saved = work / "input.json"
    old = json.loads(saved.read_text()) if args.reuse_store and saved.exists() else {}
    from kg.neo4j.snapshot import read_header

    if old.get("assertions") == args.rels and read_header(store_dir) is not None:
        result["input"] = {**old, "reused": True}
    else:
        gen = subprocess.run(
            [sys.executable, __file__, "--rels", str(args.rels), "--generate-only", str(store_dir),
             *(["--verify"] if args.verify else [])],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        result["input"] = json.loads(gen.stdout.strip().splitlines()[-1])
        saved.write_text(json.dumps(result["input"]) + "\n")
    print(f"input: {result['input']}", file=sys.stderr)
    try:
        import neo4j

        result["driver"] = f"neo4j {neo4j.__version__}"
        try:
            import neo4j._rust  # noqa: F401

            result["driver"] += " + neo4j-rust-ext"
        except ImportError:
            result["driver"] += " (pure Python packstream)"
        routes = {"both": ["bulk", "cypher"], "all": ["fast", "bulk", "cypher"]}.get(args.route, [args.route])
        for route in routes:
            fresh_server(home, args.port)
            key = "kg_load" if route == routes[0] else f"kg_load_{route}"
            result[key] = run_ours(store_dir, uri, args.batch_size, route, home)
            print(f"kg load ({route}): {result[key]}", file=sys.stderr)
        if not args.skip_rdflib:
            fresh_server(home, args.port)
            nt = Path(result["input"]["nt_file"])
            limit = None
            if args.rdflib_sample and args.rdflib_sample < args.rels:
                limit = int(result["input"]["triples"] * args.rdflib_sample / args.rels)
            rl = run_rdflib_neo4j(nt, uri, limit)
            result["rdflib_neo4j"] = rl
            ours_tps = result["input"]["triples"] / result["kg_load"]["total_seconds"]
            result["speedup_vs_rdflib_neo4j"] = round(ours_tps / rl["triples_per_s"], 1)
            print(f"rdflib-neo4j: {rl}", file=sys.stderr)
    finally:
        if not args.keep:
            from kg.neo4j import server

            server.stop(home)
            shutil.rmtree(home if args.reuse_store else work, ignore_errors=True)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
