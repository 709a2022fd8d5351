"""Hostile names (Cypher/SPARQL metacharacters, markup, NUL, control characters, 10k
characters) through build, query, every export format, `kg viz` and Neo4j: nothing
executes, every file stays valid in its format, the HTML escapes them (issue 13). And the
read-only guard of `kg cypher` against writes hidden in subqueries, LOAD CSV, procedures
and admin commands."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import rdflib
from conftest import kg, kg_env, no_traceback

SCRIPT = "<script>alert('x')</script> Foundation"
HOSTILE = [
    SCRIPT,
    "Yayasan \"Quote' `tick` \\ back",
    "Org } ; DROP ?x <http://evil/> . MATCH (n) DETACH DELETE n //",
    "A&B <b>bold</b> ]]> --> Co",
    "Yayasan " + "X" * 10_000,
    "Nul\x00Byte Org",
    "Bell\x07 Esc\x1b Org",
    "Emoji 😀 RTL \u202e Org",
]
XML_SAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("hostile")
    with open(src / "ents.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "type", "name"])
        w.writerow(["kemensos", "GovernmentBody", "Kementerian Sosial"])
        w.writerows([f"h{i}", "NonProfit", n] for i, n in enumerate(HOSTILE))
    with open(src / "rels.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["type", "source", "target", "status", "evidence"])
        w.writerows(
            ["partnersWith", "kemensos", f"h{i}", "active", f"said: {n[:60]}"] for i, n in enumerate(HOSTILE)
        )
    store = src / "store"
    p = kg("build", src, "--store", store, "--no-progress", "--format", "json")
    no_traceback(p)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["entities_by_type"]["NonProfit"] == len(HOSTILE)
    return store


def test_queries_return_the_names_as_data(hostile_store: Path):
    p = kg("query", "partners", "-p", "org=Kementerian Sosial", "--store", hostile_store, "--format", "json")
    no_traceback(p)
    assert sorted(r["partner"] for r in json.loads(p.stdout)) == sorted(HOSTILE)
    for name in (SCRIPT, HOSTILE[2], HOSTILE[1]):  # a hostile parameter is a value, never query text
        q = kg("query", "partners", "-p", f"org={name}", "--store", hostile_store, "--format", "json")
        assert q.returncode == 0, q.stderr
        assert [r["partner"] for r in json.loads(q.stdout)] == ["Kementerian Sosial"]
    s = kg("sparql", "SELECT ?o ?name WHERE { ?o rdfs:label ?name }", "-p", f"name={HOSTILE[2]}",
           "--store", hostile_store, "--format", "json")  # fmt: skip
    assert s.returncode == 0 and len(json.loads(s.stdout)) == 1, s.stderr
    c = kg("query", "partners", "-p", "org=Kementerian Sosial", "--store", hostile_store, "--format", "csv")
    assert sorted(r["partner"] for r in csv.DictReader(c.stdout.splitlines(keepends=True))) == sorted(HOSTILE)


def _names_in_xml(path: Path) -> set[str]:
    root = ET.parse(path).getroot()  # well-formed, or this raises
    found = {e.text for e in root.iter() if e.text}
    found |= {v for e in root.iter() for v in e.attrib.values()}
    return found


def test_every_export_format_stays_valid_and_keeps_the_names(hostile_store: Path, tmp_path: Path):
    from kg.export import export
    from kg.store import Store

    out = tmp_path / "out"
    out.mkdir()
    p = kg("export", "--format", "graphml", "-o", out / "g.graphml", "--store", hostile_store)
    no_traceback(p)  # it was a traceback, and half a file
    assert p.returncode == 0, p.stderr
    with Store(hostile_store, read_only=True) as store:  # the CLI's own function, in one process
        for fmt in ("ttl", "nt", "jsonld", "gexf", "json", "csv", "ftm"):
            export(store, fmt, out / f"g.{fmt}")
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        g = rdflib.Graph().parse(out / f"g.{fmt}", format=parser)
        assert set(HOSTILE) <= {str(o) for o in g.objects(None, rdflib.RDFS.label)}, fmt
    for fmt in ("graphml", "gexf"):  # XML cannot hold NUL or ESC: those go, the rest stays
        assert {XML_SAFE.sub("", n) for n in HOSTILE} <= _names_in_xml(out / f"g.{fmt}"), fmt
    data = json.loads((out / "g.json").read_text(encoding="utf-8"))
    assert set(HOSTILE) <= {e["data"].get("label") for e in data["elements"]["nodes"]}
    with open(out / "g.nodes.csv", newline="", encoding="utf-8") as f:
        assert set(HOSTILE) <= {r["name"] for r in csv.DictReader(f)}
    ftm = [json.loads(line) for line in (out / "g.ftm").read_text(encoding="utf-8").splitlines()]
    # FollowTheMoney drops control characters from values (its sanitize_text), as XML does
    assert {XML_SAFE.sub("", n) for n in HOSTILE} <= {n for e in ftm for n in e["properties"].get("name", [])}


def test_viz_escapes_the_names(hostile_store: Path, tmp_path: Path):
    p = kg("viz", "-o", tmp_path / "g.html", "--store", hostile_store)
    no_traceback(p)
    assert p.returncode == 0, p.stderr
    html = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "</script> Foundation" not in html and "<b>bold" not in html
    m = re.search(r'<script[^>]*id="kg-data"[^>]*>(.*?)</script>', html, re.DOTALL)
    assert m, "the page's data block"
    payload = json.dumps(json.loads(m.group(1)), ensure_ascii=False)
    assert SCRIPT.replace("'", "\\'") in payload or json.dumps(SCRIPT, ensure_ascii=False)[1:-1] in payload
    svg = kg("viz", "--format", "svg", "-o", tmp_path / "g.svg", "--store", hostile_store)
    no_traceback(svg)
    assert svg.returncode == 0, svg.stderr
    ET.parse(tmp_path / "g.svg")  # well-formed XML


# ------------------------------------------------------------------ Neo4j
@pytest.mark.neo4j
def test_hostile_names_load_into_neo4j_as_values(hostile_store: Path, empty_db):
    p = kg("load", "--store", hostile_store, "--format", "json")
    no_traceback(p)
    assert p.returncode == 0, p.stderr
    with empty_db.session() as s:
        names = {r[0] for r in s.run("MATCH (n:NonProfit) RETURN n.name")}
        assert names == set(HOSTILE)
        assert s.run("MATCH (n) RETURN count(n)").single()[0] > len(HOSTILE)  # "DETACH DELETE" did not run
    q = kg(
        "cypher",
        "MATCH (n:Entity {name: $name}) RETURN n.name AS name",
        "-p",
        f"name={SCRIPT}",
        "--format",
        "json",
    )
    assert q.returncode == 0 and json.loads(q.stdout) == [{"name": SCRIPT}], q.stderr
    q = kg("query", "partners", "-p", "org=Kementerian Sosial", "--backend", "neo4j", "--format", "json")
    assert q.returncode == 0, q.stderr
    assert sorted(r["partner"] for r in json.loads(q.stdout)) == sorted(HOSTILE)


WRITES = [
    "CALL { CREATE (:Evil) } RETURN 1",
    "MATCH (n) CALL { WITH n SET n.evil = 1 } RETURN count(n)",
    "MATCH (n) WITH n LIMIT 1 CALL { WITH n DETACH DELETE n } IN TRANSACTIONS RETURN 1",
    "LOAD CSV FROM 'file:///etc/hostname' AS l CREATE (:Evil {l: l[0]})",
    "LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS l RETURN l",
    "CALL db.createLabel('Evil')",
    "CALL `db`.`createProperty`('evil')",
    "CALL db.clearQueryCaches()",
    "CREATE INDEX evil IF NOT EXISTS FOR (n:Evil) ON (n.x)",
    "CREATE CONSTRAINT evil IF NOT EXISTS FOR (n:Evil) REQUIRE n.x IS UNIQUE",
    "CREATE DATABASE evil",
    "CREATE USER evil SET PASSWORD 'secret-evil'",
    "STOP DATABASE neo4j",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "MERGE (e:Evil) RETURN e",
    "// comment\nMATCH (n) /* x */ SET n.evil = 1",
]


@pytest.mark.neo4j
def test_the_read_only_guard_of_kg_cypher_refuses_hidden_writes(empty_db):
    with empty_db.session() as s:
        s.run("CREATE (:Probe {x: 1})").consume()
        before = s.run("SHOW INDEXES YIELD name RETURN collect(name)").single()[0]
    from kg.errors import KGError
    from kg.neo4j.queries import run_cypher

    for q in WRITES:  # the function `kg cypher` calls, in this process (one CLI run below)
        with pytest.raises(KGError):
            run_cypher(q)
    p = kg("cypher", WRITES[0], env=kg_env())
    no_traceback(p)
    assert p.returncode == 1 and p.stderr.startswith("Error: ") and len(p.stderr.strip().splitlines()) == 1
    with empty_db.session() as s:
        assert s.run("MATCH (n) RETURN count(n)").single()[0] == 1
        assert s.run("MATCH (n:Probe) RETURN n.evil").single()[0] is None
        assert "Evil" not in s.run("CALL db.labels() YIELD label RETURN collect(label)").single()[0]
        assert s.run("SHOW INDEXES YIELD name RETURN collect(name)").single()[0] == before
    with empty_db.session(database="system") as s:
        assert "evil" not in {r["user"] for r in s.run("SHOW USERS")}
        assert "evil" not in {r["name"] for r in s.run("SHOW DATABASES")}
    ok = kg("cypher", "MATCH (n:Probe) RETURN n.x AS x", "--format", "json")  # reads still run
    assert ok.returncode == 0 and json.loads(ok.stdout) == [{"x": 1}]
    ok = kg("cypher", "CALL db.labels() YIELD label RETURN label", "--format", "json")
    assert ok.returncode == 0 and {"label": "Probe"} in json.loads(ok.stdout)
