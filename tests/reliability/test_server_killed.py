"""A Neo4j server killed (SIGKILL) in the middle of `kg load`, then restarted: the load either
completes on the driver's retries or ends with one line, and a rerun gives the same graph as a
clean load (issue 13). A server of the
test's own in tmp_path, real `kg load` processes (marked neo4j)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import time
from pathlib import Path

import pytest
from conftest import article, graph_dump, kg, kg_env, kg_popen, no_traceback

from kg.neo4j import server
from kg.neo4j.connection import Settings, open_driver

pytestmark = pytest.mark.neo4j


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    """Running (a killed child of this process stays a zombie until reaped: not alive)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_server_killed_during_load_then_restarted(tmp_path: Path):
    if not shutil.which("java") or not (server.jars_ready() or shutil.which("mvn")):
        if os.environ.get("KG_REQUIRE_NEO4J") == "1":
            pytest.fail("java and the Neo4j jars (or mvn) are needed")
        pytest.skip("java and the Neo4j jars (or mvn) are needed")
    names = ("Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet")
    files = [
        article(
            tmp_path / "in",
            f"{i}.txt",
            f"Kementerian Sosial (Kemensos) menandatangani nota kesepahaman dengan Yayasan Mitra {w} "
            f"untuk program rehabilitasi sosial anak di Jawa Barat. UNICEF bekerja sama dengan "
            f"Yayasan Mitra {w}.",
        )
        for i, w in enumerate(names)
    ]
    store = tmp_path / "store"
    assert kg("build", *files, "--store", store, "--no-progress").returncode == 0

    home, port = tmp_path / "neo4j", _free_port()
    uri = f"bolt://127.0.0.1:{port}"
    env = kg_env(NEO4J_URI=uri)
    try:
        server.start(home, port)
        assert kg("load", "--store", store, env=env).returncode == 0
        driver = open_driver(Settings(uri=uri))
        clean = graph_dump(driver)
        with driver.session() as s:
            s.run("MATCH (n) DETACH DELETE n").consume()
        driver.close()

        proc = kg_popen("load", "--store", store, "--batch-size", "1", env=env)
        time.sleep(1.5)  # inside the load: schema and the first batches
        pid = server.status(home).pid
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.1)  # gone, with its store lock and port
        server.start(home, port)  # the same data folder, after an unclean stop
        out, err = proc.communicate(timeout=120)  # it retries, then completes or gives up
        if proc.returncode != 0:
            assert "Traceback" not in out + err, err[-2000:]
            assert len(err.strip().splitlines()) <= 3, err
        p = kg("load", "--store", store, "--yes", env=env)
        no_traceback(p)
        assert p.returncode == 0, p.stderr
        driver = open_driver(Settings(uri=uri))
        assert graph_dump(driver) == clean
        driver.close()
    finally:
        server.stop(home)
