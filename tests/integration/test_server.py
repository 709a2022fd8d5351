"""The local server tooling: start, status, stop, on its own port and folder."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import free_port

from kg.neo4j import server
from kg.neo4j.connection import Settings, answers

pytestmark = pytest.mark.neo4j


def test_start_status_stop(tmp_path):
    if not shutil.which("java") or not (server.jars_ready() or shutil.which("mvn")):
        if os.environ.get("KG_REQUIRE_NEO4J") == "1":
            pytest.fail("java and the Neo4j jars (or mvn) are needed")
        pytest.skip("java and the Neo4j jars (or mvn) are needed")
    home, port = tmp_path / "neo4j", free_port()
    assert not server.status(home).running
    try:
        st = server.start(home, port)
        assert st.running and st.answering and st.port == port
        assert answers(Settings(uri=f"bolt://127.0.0.1:{port}"))
        conf = (home / "conf" / "neo4j.conf").read_text()
        assert "dbms.security.auth_enabled=false" in conf and "server.http.enabled=false" in conf
        again = server.start(home, port)  # idempotent
        assert again.pid == st.pid
        assert server.status(home).answering
    finally:
        server.stop(home)
    after = server.status(home)
    assert not after.running
    assert not answers(Settings(uri=f"bolt://127.0.0.1:{port}"), timeout=1)


def test_missing_java_is_explained(monkeypatch, tmp_path):
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "nowhere"))
    from kg.errors import Neo4jError

    with pytest.raises(Neo4jError, match="Java 17"):
        server.find_java()
