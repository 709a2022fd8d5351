"""kg viz: the offline HTML page (content checks; the browser test renders it) and PNG/SVG."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from graph_fixture import make_store, synthetic_view

from kg.cli import cli
from kg.graphview import load_view
from kg.store import Store
from kg.viz.html import render_html
from kg.viz.layout import force_layout

EXTERNAL_REF = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory.mktemp("store") / "kg-store")


def page_json(html: str) -> dict:
    m = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


def test_page_is_self_contained(store_path: Path) -> None:
    with Store(store_path) as s:
        html = render_html(load_view(s), title="Test <graph>")
    assert not EXTERNAL_REF.search(html)
    assert "@import" not in html and "url(http" not in html and "@font-face" not in html
    assert "cytoscape" in html and html.count("<script") == 3
    assert "<title>Test &lt;graph&gt;</title>" in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    data = page_json(html)
    assert len(data["elements"]["nodes"]) == 12 and len(data["elements"]["edges"]) == 12
    kem = next(n for n in data["elements"]["nodes"] if n["data"]["name"] == "Kementerian Sosial")
    assert kem["data"]["color"] == "#1f77b4" and kem["data"]["aliases"] == [
        "Kemensos",
        "Ministry of Social Affairs",
    ]
    assert (
        kem["data"]["size"]
        > next(n for n in data["elements"]["nodes"] if n["data"]["name"] == "Lonely Foundation")["data"][
            "size"
        ]
    )
    assert set(kem["position"]) == {"x", "y"}
    edge = next(e for e in data["elements"]["edges"] if e["data"]["relation"] == "partyTo")
    assert edge["data"]["label"] == "party to" and edge["data"]["evidence"][0]["url"].startswith("https://")
    assert [t["name"] for t in data["types"]][:4] == [
        "GovernmentBody",
        "IntergovernmentalOrganization",
        "NonProfit",
        "Company",
    ]


def test_text_from_articles_cannot_break_out_of_the_data_script() -> None:
    g = synthetic_view(30)
    g.nodes["urn:e:1"]["name"] = "</script><script>alert(1)</script>"
    html = render_html(g)
    assert "alert(1)</script>" not in html
    assert page_json(html)["elements"]["nodes"][1]["data"]["name"].startswith("</script>")


def test_two_thousand_nodes_are_laid_out_quickly() -> None:
    g = synthetic_view(2000)
    t = time.perf_counter()
    html = render_html(g)
    assert time.perf_counter() - t < 15
    data = page_json(html)
    assert len(data["elements"]["nodes"]) == 2000
    xs = [n["position"]["x"] for n in data["elements"]["nodes"]]
    assert max(xs) - min(xs) > 1000  # spread out, not piled up


def test_layout_is_deterministic_and_bounded() -> None:
    g = synthetic_view(120)
    p1, p2 = force_layout(g), force_layout(g)
    assert p1 == p2
    assert all(-1.0001 <= c <= 1.0001 for xy in p1.values() for c in xy)
    assert force_layout(synthetic_view(1)) == {"urn:e:0": (0.0, 0.0)}


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_static_pictures(store_path: Path, tmp_path: Path, suffix: str) -> None:
    pytest.importorskip("matplotlib")
    from kg.viz.static import write_static

    out = tmp_path / f"g.{suffix}"
    with Store(store_path) as s:
        write_static(load_view(s, center="Kemensos"), out)
    data = out.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG") and len(data) > 20_000
    else:
        assert b"<svg" in data[:500] and b"Kementerian Sosial" in data or b"Kementerian" in data


def test_cli_viz(store_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "k.html"
    r = runner.invoke(cli, ["viz", "--store", str(store_path), "--center", "kemensos", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert len(page_json(out.read_text())["elements"]["nodes"]) == 7
    r = runner.invoke(cli, ["viz", "--store", str(store_path), "-o", str(tmp_path / "nope" / "k.html")])
    assert r.exit_code == 1 and "does not exist" in r.output
