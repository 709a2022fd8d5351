"""Fixtures for the tests against a REAL Neo4j (never a mock).

The server is the one at ``$NEO4J_URI`` (start it with ``.ci/neo4j.sh start`` or
``kg neo4j start``). When none answers the tests are skipped, unless ``KG_REQUIRE_NEO4J=1``,
then they fail. These tests EMPTY the database they are pointed at, so they only run on a
loopback address (127.0.0.1, localhost) unless ``KG_NEO4J_TEST_ANY_HOST=1``.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

from kg.neo4j.connection import Settings, answers, open_driver

DEV_CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus" / "dev"


def _unavailable(reason: str) -> None:
    if os.environ.get("KG_REQUIRE_NEO4J") == "1":
        pytest.fail(f"KG_REQUIRE_NEO4J=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_settings() -> Settings:
    settings = Settings.from_env()
    host = urlparse(settings.uri).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1") and os.environ.get("KG_NEO4J_TEST_ANY_HOST") != "1":
        _unavailable(f"NEO4J_URI={settings.uri} is not on this machine; the tests empty the database")
    if not answers(settings, timeout=5):
        _unavailable(f"no Neo4j answers at {settings.uri} (run `.ci/neo4j.sh start` or `kg neo4j start`)")
    return settings


@pytest.fixture(scope="session")
def driver(neo4j_settings):
    d = open_driver(neo4j_settings)
    yield d
    d.close()


def free_port() -> int:
    """A TCP port nobody listens on, for a server of a test's own."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def graph_dump(driver) -> set[tuple]:
    """Every node and relationship with labels/type, endpoints and all properties (no duplicates)."""
    with driver.session() as s:
        nodes = {
            ("n", tuple(sorted(r[0])), repr(sorted(r[1].items())))
            for r in s.run("MATCH (n) RETURN labels(n), properties(n)")
        }
        rels = {
            ("r", r[0], r[1], r[2], repr(sorted(r[3].items())))
            for r in s.run("MATCH (a)-[x]->(b) RETURN type(x), a.iri, b.iri, properties(x)")
        }
        n = s.run("MATCH (n) RETURN count(n)").single()[0]
        m = s.run("MATCH ()-[x]->() RETURN count(x)").single()[0]
    assert (len(nodes), len(rels)) == (n, m), "duplicates"
    return nodes | rels


def wipe(driver, database=None) -> None:
    with driver.session(database=database) as s:
        s.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


@pytest.fixture
def empty_db(driver, neo4j_settings):
    wipe(driver, neo4j_settings.database)
    return driver


@pytest.fixture(scope="session")
def dev_store(tmp_path_factory) -> Path:
    """A store built by `kg build` from the shared dev corpus."""
    if not DEV_CORPUS.is_dir():
        pytest.skip(f"dev corpus not found at {DEV_CORPUS}")
    from kg.build import build_store

    path = tmp_path_factory.mktemp("dev") / "store"
    build_store([DEV_CORPUS], path)
    return path
