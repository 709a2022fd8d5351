"""The local server's HTTP side, as `.ci/neo4j.sh start` runs it (--http-port, --apoc):
Neo4j Browser with the sea-kg style and guide, on 127.0.0.1 only, and APOC core."""

from __future__ import annotations

import json
import os
import urllib.request
from pathlib import Path

import pytest

from kg.neo4j import server
from kg.neo4j.queries import run_cypher

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def http_server(neo4j_settings):
    st = server.status(Path(os.environ.get("KG_NEO4J_HOME") or server.default_home()))
    if not st.running or not st.browser or not st.apoc:
        reason = f"the local server in {st.home} runs without --http-port/--apoc (`.ci/neo4j.sh start`)"
        if os.environ.get("KG_REQUIRE_NEO4J") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return st


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=20) as r:
        return r.status, r.read().decode("utf-8", "replace")


def test_browser_style_and_guide_are_served_on_loopback(http_server):
    st = http_server
    assert st.browser == f"http://127.0.0.1:{st.http_port}/browser/"
    code, page = get(st.browser)
    assert code == 200 and "Neo4j Browser" in page
    code, grass = get(st.browser + "sea-kg.grass")
    assert (
        code == 200 and "node.GovernmentBody {\n  color: #1f77b4;" in grass and 'caption: "{name}"' in grass
    )
    code, guide = get(st.browser + "sea-kg-guide.html")
    assert code == 200
    for name in ("partners", "path", "search", "funding"):  # every canned query is in the guide
        assert f"(<code>{name}</code>)" in guide, name
    _, root = get(f"http://127.0.0.1:{st.http_port}/")
    assert json.loads(root)["bolt_direct"] == st.uri
    conf = (st.home / "conf" / "neo4j.conf").read_text()
    assert f"server.http.listen_address=127.0.0.1:{st.http_port}" in conf
    assert "server.default_listen_address=127.0.0.1" in conf and "server.https.enabled=false" in conf
    assert (
        f"browser.post_connect_cmd=style {st.browser}sea-kg.grass; play {st.browser}sea-kg-guide.html" in conf
    )


def test_apoc_core_is_there(http_server, neo4j_settings):
    _, rows = run_cypher(
        "RETURN apoc.version() AS v, apoc.text.join(['a', 'b'], '-') AS j", settings=neo4j_settings
    )
    assert rows == [["5.26.0", "a-b"]]
