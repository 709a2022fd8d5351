"""`kg load` deletes nothing without consent and never what it did not write (issue 13,
defect 7). Real `kg load` processes against the real Neo4j (marked neo4j)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PARTNERS, article, graph_dump, kg, kg_popen, no_traceback

pytestmark = pytest.mark.neo4j

UNICEF = "United Nations Children's Fund"  # the gazetteer's name of UNICEF
OTHER = "UNICEF bekerja sama dengan Yayasan Pelita Harapan untuk program perlindungan anak di Surabaya."


def _store(tmp_path: Path, name: str, *bodies: str) -> Path:
    store = tmp_path / name
    files = [article(tmp_path / f"in-{name}", f"{i}.txt", b, url=f"https://example.org/{name}/{i}")
             for i, b in enumerate(bodies)]  # fmt: skip
    p = kg("build", *files, "--store", store, "--no-progress")
    assert p.returncode == 0, p.stderr
    return store


def test_load_of_another_store_asks_before_deleting_and_keeps_what_analysts_made(tmp_path, empty_db):
    a = _store(tmp_path, "a", PARTNERS, OTHER)
    b = _store(tmp_path, "b", OTHER)
    p = kg("load", "--store", a, "--format", "json")
    assert p.returncode == 0, p.stderr
    with empty_db.session() as s:  # an analyst's own work on the loaded graph
        made = s.run(
            "MATCH (y:Entity {name: 'Yayasan Cahaya Negeri'}) "
            "CREATE (y)-[r:NOTED_IN {by: 'ana'}]->(:Note {t: 'x'}) RETURN count(r)"
        ).single()[0]
        made += s.run(
            "MATCH (k:Entity {name: 'Kementerian Sosial'}), (u:Entity {name: $u}) "
            "CREATE (k)-[r:ANALYST_LINK {by: 'ana'}]->(u) RETURN count(r)",
            u=UNICEF,
        ).single()[0]
    assert made == 2
    before = graph_dump(empty_db)

    dry = kg("load", "--store", b, "--dry-run", "--format", "json")
    no_traceback(dry)
    assert dry.returncode == 0, dry.stderr
    plan = json.loads(dry.stdout)
    assert plan["nodes_to_delete"] > 0 and plan["rels_to_delete"] > 0 and plan["nodes_to_keep"] == 2
    assert any("/doc/" in i for i in plan["would_delete"])  # the sources of store a
    assert graph_dump(empty_db) == before  # a dry run writes nothing

    refused = kg("load", "--store", b, stdin=None)  # not a terminal: no prompt
    no_traceback(refused)
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "would delete" in lines[0] and "--yes" in lines[0], refused.stderr
    assert graph_dump(empty_db) == before  # refused before writing anything

    done = kg("load", "--store", b, "--yes", "--format", "json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (
        summary["nodes_deleted"] == plan["nodes_to_delete"] and summary["nodes_kept"] == plan["nodes_to_keep"]
    )
    with empty_db.session() as s:
        # what the analyst made is all there, and the nodes it hangs on
        assert (
            s.run(
                "MATCH (:Entity {name: 'Yayasan Cahaya Negeri'})-[r:NOTED_IN]->(:Note) RETURN count(r)"
            ).single()[0]
            == 1
        )
        assert (
            s.run(
                "MATCH (:Entity {name: 'Kementerian Sosial'})-[r:ANALYST_LINK]->(:Entity {name: $u}) "
                "RETURN count(r)",
                u=UNICEF,
            ).single()[0]
            == 1
        )
        # the kept node is no longer the loader's, and holds nothing the loader wrote
        kept = s.run("MATCH (y:Entity {name: 'Yayasan Cahaya Negeri'}) RETURN y.kg_hash AS h, "
                     "COUNT { (y)-[x]-() WHERE x.kg_hash IS NOT NULL } AS ours").single()  # fmt: skip
        assert kept["h"] is None and kept["ours"] == 0
        # store b is loaded
        assert (
            s.run(
                "MATCH (:Entity {name: $u})-[r:PARTNERS_WITH]-(:Entity {name: 'Yayasan Pelita Harapan'}) "
                "RETURN count(r)",
                u=UNICEF,
            ).single()[0]
            == 1
        )
        assert s.run("MATCH (d:Source) RETURN count(d)").single()[0] == 1
    again = kg("load", "--store", b, "--format", "json")  # nothing left to delete: no --yes needed
    assert again.returncode == 0 and json.loads(again.stdout)["nodes_deleted"] == 0

    back = kg("load", "--store", a, "--yes", "--format", "json")  # a back (b's source goes), re-owned
    assert back.returncode == 0, back.stderr
    with empty_db.session() as s:
        assert s.run(
            "MATCH (y:Entity {name: 'Yayasan Cahaya Negeri'}) RETURN count(y), max(y.kg_hash) IS NOT NULL"
        ).single()[:] == [1, True]


def _wipe(driver) -> None:
    with driver.session() as s:
        s.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def test_a_load_killed_at_random_moments_is_completed_by_a_rerun(tmp_path, empty_db):
    import random
    import signal
    import time

    bodies = [
        f"Kementerian Sosial (Kemensos) menandatangani nota kesepahaman dengan Yayasan Mitra {w} "
        f"untuk program rehabilitasi sosial anak di Jawa Barat. UNICEF bekerja sama dengan Yayasan Mitra {w}."
        for w in ("Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet")
    ]
    store = _store(tmp_path, "s", *bodies)
    assert kg("load", "--store", store).returncode == 0
    clean = graph_dump(empty_db)
    rnd = random.Random()
    seed = rnd.randrange(1 << 30)
    rnd.seed(seed)
    _wipe(empty_db)
    moments = []
    for _ in range(3):
        proc = kg_popen("load", "--store", store, "--batch-size", "1")
        delay = rnd.uniform(0.8, 3.0)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        moments.append(round(delay, 2))
    p = kg("load", "--store", store, "--yes", "--format", "json")
    assert p.returncode == 0, p.stderr
    assert graph_dump(empty_db) == clean, f"kills at {moments} s (seed {seed})"
