"""The ``kg viz`` page in headless chromium: it renders, logs no error, requests nothing.

Three independent checks of "no network request": the HTML has no external src/href; the
page itself reports ``performance.getEntriesByType('resource').length`` (0) in its
``#kg-status`` marker; and chromium's NetLog (``--log-net-log``) shows no request started by
the page (a control page with one external image proves the NetLog check sees requests).
Host names resolve to nothing (``--host-resolver-rules``), so no packet leaves the machine.
Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from graph_fixture import make_store, synthetic_view

from kg.graphview import load_view
from kg.store import Store
from kg.viz.html import write_html

pytestmark = pytest.mark.browser

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--no-pings",
    "--disable-client-side-phishing-detection",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--window-size=1400,900",
    "--hide-scrollbars",
]
EXTERNAL = re.compile(r"""\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def run_chromium(chromium: str, page: Path, tmp: Path, *extra: str, budget: int = 8000, hash_: str = ""):
    netlog = tmp / f"{page.stem}.netlog.json"
    cmd = [
        chromium,
        *FLAGS,
        f"--user-data-dir={tmp / 'profile'}",
        f"--virtual-time-budget={budget}",
        "--enable-logging=stderr",
        "--v=0",
        f"--log-net-log={netlog}",
        *extra,
        page.as_uri() + hash_,
    ]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return r, netlog


def page_requests(netlog: Path) -> list[str]:
    """URLs of the requests that a page (not the browser itself) started."""
    text = netlog.read_text(encoding="utf-8", errors="replace").rstrip().rstrip(",")
    if not text.endswith("}"):  # a log cut short when the browser quits: close the events list
        text = text.rstrip(",\n") + "]}"
    log = json.loads(text)
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        e["params"]["url"]
        for e in log.get("events", [])
        if e.get("type") == start
        and "url" in e.get("params", {})
        and e["params"].get("initiator") != "not an origin"
    ]


def status(dom: str) -> dict[str, str]:
    m = re.search(r'<div id="kg-status"([^>]*)>', dom)
    assert m, "the page wrote no #kg-status marker"
    return dict(re.findall(r'data-([\w-]+)="([^"]*)"', m.group(1)))


def console_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ":CONSOLE" in ln]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("viz")
    store = make_store(tmp / "kg-store")
    with Store(store) as s:
        small = write_html(load_view(s), tmp / "fixture.html", title="sea-kg fixture graph")
    big = write_html(synthetic_view(2000), tmp / "synthetic2000.html", title="synthetic 2,000 nodes")
    control = tmp / "control.html"
    control.write_text('<html><body><img src="http://kg-test.invalid/x.png"></body></html>')
    return {"small": small, "big": big, "control": control}


def test_netlog_check_sees_a_request(chromium: str, pages: dict[str, Path], tmp_path: Path) -> None:
    _, netlog = run_chromium(chromium, pages["control"], tmp_path, "--dump-dom", budget=3000)
    assert any("kg-test.invalid" in u for u in page_requests(netlog))


@pytest.mark.parametrize("which,nodes", [("small", 12), ("big", 2000)])
def test_page_renders_offline_without_errors(
    chromium: str, pages: dict[str, Path], tmp_path: Path, artifacts: Path, which: str, nodes: int
) -> None:
    html = pages[which].read_text(encoding="utf-8")
    assert not EXTERNAL.search(html.replace(html[html.find('<script id="kg-data"') :], ""))
    r, netlog = run_chromium(chromium, pages[which], tmp_path, "--dump-dom")
    st = status(r.stdout)
    assert st.get("state") == "ready", st
    assert st["nodes"] == str(nodes)
    assert int(st["painted"]) > 0, "nothing was drawn on the canvas"
    assert st["resources"] == "0", st.get("resource-names")
    assert st["errors"] == "0", st.get("error-messages")
    assert console_lines(r.stderr) == []
    assert page_requests(netlog) == []
    shot = artifacts / f"viz_{which}.png"
    shot.unlink(missing_ok=True)
    run_chromium(chromium, pages[which], tmp_path, f"--screenshot={shot}")
    assert shot.exists() and shot.stat().st_size > 10_000


def test_search_and_evidence_panel(
    chromium: str, pages: dict[str, Path], tmp_path: Path, artifacts: Path
) -> None:
    page = pages["small"].with_name("selftest.html")
    page.write_text(pages["small"].read_text(encoding="utf-8"), encoding="utf-8")
    url_page = page  # with the #kg-selftest hash the page searches and opens an edge
    r, _ = run_chromium(chromium, url_page, tmp_path, "--dump-dom", hash_="#kg-selftest")
    st = status(r.stdout)
    assert st["errors"] == "0" and console_lines(r.stderr) == []
    assert int(st["search-matches"]) == 1
    assert int(st["panel-evidence"]) >= 1 and int(st["panel-links"]) >= 0
    assert '<div class="ev"><q>' in r.stdout
    shot = artifacts / "viz_selftest.png"
    shot.unlink(missing_ok=True)
    run_chromium(chromium, url_page, tmp_path, f"--screenshot={shot}", hash_="#kg-selftest")
    assert shot.exists()
