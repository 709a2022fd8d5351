"""The Neo4j Browser files and the server configuration with HTTP (no server needed)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from kg.neo4j.browser_files import GRASS, GUIDE, grass, guide_html, write_browser_jar
from kg.neo4j.server import render_conf
from kg.ontology import load
from kg.query import list_queries


def test_grass_colours_every_coloured_label_after_the_common_ones():
    g = grass()
    colours = dict(re.findall(r"node\.(\w+) \{\n  color: (#[0-9a-fA-F]{6});", g))
    for c in load().classes.values():
        if c.color and c.neo4j_labels:
            assert colours[c.neo4j_labels[-1]] == c.color
    order = [m for m in re.findall(r"node\.(\w+) \{", g)]
    assert order[:3] == ["Entity", "Organization", "Source"]  # later rules win in Browser
    assert 'node.Article {\n  caption: "{title}";' in g


def test_guide_has_every_canned_query_with_its_parameters():
    html = guide_html()
    for q in list_queries():
        assert f"(<code>{q.name}</code>)" in html
        for p in q.params:
            assert f":param {p.name} =&gt; ''" in html
    assert "// title:" not in html  # the header comments are left out of the runnable block


def test_browser_jar_copy_carries_the_files(tmp_path: Path):
    jar = tmp_path / "neo4j-browser-x.jar"
    with zipfile.ZipFile(jar, "w") as z:
        z.writestr("browser/index.html", "<html>Neo4j Browser</html>")
    out = write_browser_jar(jar, tmp_path / "home" / "browser" / jar.name)
    with zipfile.ZipFile(out) as z:
        assert set(z.namelist()) == {"browser/index.html", f"browser/{GRASS}", f"browser/{GUIDE}"}
        assert z.read(f"browser/{GRASS}").decode() == grass()
    assert (out.parent / GRASS).read_text() == grass()


def test_conf_serves_http_on_loopback_only_when_asked():
    off = render_conf(Path("/h"), 7687)
    assert "server.http.enabled=false" in off and "browser." not in off and "apoc" not in off
    on = render_conf(Path("/h"), 7687, http_port=7474, apoc=True)
    assert "server.http.enabled=true" in on and "server.http.listen_address=127.0.0.1:7474" in on
    assert "server.default_listen_address=127.0.0.1" in on and "server.https.enabled=false" in on
    assert "browser.post_connect_cmd=style http://127.0.0.1:7474/browser/sea-kg.grass;" in on
    assert "dbms.security.procedures.unrestricted=apoc.*" in on
