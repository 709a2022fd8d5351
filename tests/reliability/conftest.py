"""Helpers of the fault and abuse suite: the `kg` CLI as a real subprocess, made-up articles.

Every test builds its own input under ``tmp_path``; nothing here reads the shared corpus.
"""

from __future__ import annotations

import fcntl
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

KG = [sys.executable, "-m", "kg.cli"]  # the kg of this checkout (the interpreter running the tests)


def kg_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env.update({"PYTHONUNBUFFERED": "1", **extra})
    return env


def kg(
    *args: str | Path, env: dict[str, str] | None = None, timeout: float = 120, **kw
) -> subprocess.CompletedProcess:
    """Run ``kg ARGS...`` and return the finished process (text output)."""
    return subprocess.run(
        [*KG, *map(str, args)],
        capture_output=True,
        text=True,
        env=env or kg_env(),
        timeout=timeout,
        **kw,
    )


def kg_popen(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [*KG, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env or kg_env(),
    )


def article(
    folder: Path,
    name: str,
    body: str,
    date: str = "2024-03-12",
    url: str | None = None,
) -> Path:
    """Write a made-up text article with a header; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    url = url or f"https://example.org/{Path(name).stem}"
    path.write_text(
        f"url: {url}\ntitle: {Path(name).stem}\ndate: {date}\npublisher: Contoh\nlang: id\n---\n{body}\n",
        encoding="utf-8",
    )
    return path


PARTNERS = (
    "Kementerian Sosial (Kemensos) menandatangani nota kesepahaman dengan Yayasan Cahaya Negeri "
    "untuk memperkuat program rehabilitasi sosial anak di Jawa Barat."
)


def no_traceback(p: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in p.stderr + p.stdout, p.stderr[-2000:]


WORDS = [
    *("kementerian", "sosial", "bersama", "yayasan", "warga", "di", "jakarta", "menyalurkan"),
    *("bantuan", "untuk", "anak", "yatim", "program", "Kemensos", "UNICEF", "Yayasan", "Cahaya"),
    *("Bandung", "PMI", "Budi", "Santoso"),
]


def one_line(n_words: int, seed: int = 13) -> str:
    """A page scraped without punctuation or line breaks: ``n_words`` words on one line."""
    rnd = random.Random(seed)
    return " ".join(rnd.choice(WORDS) for _ in range(n_words))


def wait_for_writer(store: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Return once ``proc`` holds the store's write lock (fails if it ends first)."""
    deadline = time.monotonic() + timeout
    lock = store / "write.lock"
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        if lock.exists():
            with open(lock) as f:
                try:
                    fcntl.flock(f, fcntl.LOCK_SH | fcntl.LOCK_NB)
                    fcntl.flock(f, fcntl.LOCK_UN)
                except BlockingIOError:
                    return
        time.sleep(0.05)
    raise AssertionError("the build never took the write lock")


def graph_dump(driver) -> set[tuple]:
    """Every node (labels, properties) and relationship (type, endpoints, properties) of Neo4j."""
    with driver.session() as s:
        nodes = {(tuple(sorted(r[0])), repr(sorted(r[1].items())))
                 for r in s.run("MATCH (n) RETURN labels(n), properties(n)")}  # fmt: skip
        rels = {(r[0], r[1], r[2], repr(sorted(r[3].items())))
                for r in s.run("MATCH (a)-[x]->(b) RETURN type(x), a.iri, b.iri, properties(x)")}  # fmt: skip
    return nodes | rels


# ------------------------------------------------------------------ a real Neo4j (never a mock)
@pytest.fixture(scope="session")
def neo4j_uri() -> str:
    """``$NEO4J_URI`` of a loopback server (the tests empty it); skipped when none answers."""
    from urllib.parse import urlparse

    from kg.neo4j.connection import Settings, answers

    settings = Settings.from_env()
    if (urlparse(settings.uri).hostname or "") not in ("127.0.0.1", "localhost", "::1"):
        pytest.skip(f"NEO4J_URI={settings.uri} is not on this machine; the tests empty the database")
    if not answers(settings, timeout=5):
        if os.environ.get("KG_REQUIRE_NEO4J") == "1":
            pytest.fail(f"KG_REQUIRE_NEO4J=1 but no Neo4j answers at {settings.uri}")
        pytest.skip(f"no Neo4j answers at {settings.uri} (run `.ci/neo4j.sh start`)")
    return settings.uri


@pytest.fixture
def empty_db(neo4j_uri):
    """A driver on the emptied test database."""
    from kg.neo4j.connection import Settings, open_driver

    driver = open_driver(Settings.from_env())
    with driver.session() as s:
        s.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    yield driver
    driver.close()
