"""Neo4j Browser, served by the local server (`kg neo4j start`), in headless chromium.

Against the REAL server of the integration tests (``$NEO4J_URI``, its folder
``$KG_NEO4J_HOME``, started by ``.ci/neo4j.sh`` with an HTTP port): the Browser page loads
from 127.0.0.1, connects to Bolt without credentials, applies the sea-kg style and opens the
guide of canned queries (the server's post-connect commands), then runs a query and draws the
graph. Screenshots go to tests/artifacts/ (neo4j-browser-*.png).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from kg.neo4j import loader, server
from kg.neo4j.connection import Settings, answers, open_driver

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # path_fixture
from cdp import Chromium  # noqa: E402
from path_fixture import make_path_store  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",  # nothing but this machine
    "--window-size=1400,900",
]
QUERY = (
    "MATCH p = (:Entity {name: 'Alpha Foundation'})-[:FUNDS|PARTNERS_WITH|HOLDS_POSITION*1..2]-"
    "(:Entity {name: 'Kementerian Beta'}) RETURN p"
)


def _unavailable(reason: str) -> None:
    if os.environ.get("KG_REQUIRE_NEO4J") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def local_server(tmp_path_factory):
    settings = Settings.from_env()
    if urlparse(settings.uri).hostname not in ("127.0.0.1", "localhost"):
        _unavailable(f"NEO4J_URI={settings.uri} is not the local server")
    st = server.status(Path(os.environ.get("KG_NEO4J_HOME") or server.default_home()))
    if not st.running or not answers(settings, timeout=5):
        _unavailable(f"no local server runs from {st.home} (`.ci/neo4j.sh start`)")
    if not st.browser:
        _unavailable(f"the local server in {st.home} serves no Browser (start it with --http-port)")
    store = make_path_store(tmp_path_factory.mktemp("browser"))
    driver = open_driver(settings)
    with driver.session() as s:
        s.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
    driver.close()
    loader.load_store(store, settings)
    return st


def test_browser_connects_styles_and_opens_the_guide(chromium, local_server, artifacts, tmp_path):
    st = local_server
    c = Chromium(chromium, tmp_path / "profile", FLAGS)
    try:
        c.call("Page.enable")
        c.call("Page.navigate", url=f"{st.browser}?dbms={st.uri}&preselectAuthMethod=NO_AUTH")
        assert c.wait_for("document.title.includes('Neo4j Browser')", 60), "the Browser page did not load"
        guide = "document.body.innerText.includes('sea-kg: the canned questions')"
        ok = c.wait_for(guide, 90)
        c.screenshot(artifacts / "neo4j-browser-connected.png")
        assert ok, "Browser did not connect and open the sea-kg guide"
        text = c.evaluate("document.body.innerText")
        assert f":style {st.browser}sea-kg.grass" in text and "node.GovernmentBody" in text
        assert "You have a working connection and server auth is disabled" in text
        # run a query from the editor and let Browser draw the styled graph
        c.evaluate("document.querySelector('#monaco-main-editor textarea, .monaco-editor textarea').focus()")
        c.call("Input.insertText", text=QUERY)
        for kind in ("keyDown", "keyUp"):
            c.call("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter", windowsVirtualKeyCode=13,
                   modifiers=2)  # fmt: skip
        drawn = c.wait_for("document.querySelectorAll('svg g.node').length", 60)
        c.screenshot(artifacts / "neo4j-browser-graph.png")
        assert drawn and drawn >= 3, f"the graph was not drawn ({drawn} nodes)"
        fills = c.evaluate(
            "[...document.querySelectorAll('svg g.node circle')].map(e => e.getAttribute('fill'))"
        )
        assert "#1f77b4" in [f.lower() for f in fills if f], fills  # GovernmentBody's colour, from the style
    finally:
        c.close()
