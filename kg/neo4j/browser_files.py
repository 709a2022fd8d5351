"""What Neo4j Browser shows for this graph: a style (``.grass``) and a guide of the canned queries.

Both are made from data: the colours are the ontology's ``kgo:displayColor`` per label, the
captions the entity's ``name``; the guide lists every ``queries/*.cypher`` with its title,
description and parameters, as runnable blocks. ``kg neo4j start`` adds them to a copy of the
Browser jar (``HOME/browser/``, plain copies beside it), so the server serves them at
``/browser/sea-kg.grass`` and ``/browser/sea-kg-guide.html``, and has Browser apply the style
and open the guide once connected.

>>> "node.GovernmentBody" in grass() and 'caption: "{name}"' in grass()
True
"""

from __future__ import annotations

import html
from pathlib import Path

from kg.ontology import load
from kg.query import list_queries

GRASS = "sea-kg.grass"
GUIDE = "sea-kg-guide.html"


def _text_color(hex_color: str) -> str:
    c = hex_color.lstrip("#")
    r, g, b = (int(c[i : i + 2], 16) for i in (0, 2, 4))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#FFFFFF"


def grass() -> str:
    """The Browser style: one colour per ontology label, captions by name, relationship types shown."""
    out = [
        "node {\n  diameter: 50px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  border-width: 2px;\n"
        '  text-color-internal: #FFFFFF;\n  font-size: 10px;\n  caption: "{name}";\n}',
        "relationship {\n  color: #A5ABB6;\n  shaft-width: 1px;\n  font-size: 8px;\n  padding: 3px;\n"
        '  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n  caption: "<type>";\n}',
    ]
    # the common labels first, without colours: a later rule wins, so the concrete ones come after
    # (and Browser, finding a rule for every label, invents no colour of its own)
    out += [
        f"node.{lab} {{\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  text-color-internal: #000000;\n"
        f'  caption: "{{name}}";\n}}'
        for lab in ("Entity", "Organization", "Source")
    ]
    for c in sorted(load().classes.values(), key=lambda c: c.name):
        if not c.neo4j_labels:
            continue
        label = c.neo4j_labels[-1]
        if label in ("Article", "Record"):
            out.append(f'node.{label} {{\n  caption: "{{title}}";\n}}')
        elif c.color:
            out.append(
                f"node.{label} {{\n  color: {c.color};\n  border-color: {c.color};\n"
                f'  text-color-internal: {_text_color(c.color)};\n  caption: "{{name}}";\n}}'
            )
    return "\n".join(out) + "\n"


def guide_html() -> str:
    """A Browser guide (``:play``): one slide per canned query, parameters first, then the query."""
    slides = [
        '<slide class="row-fluid"><div class="col-sm-12"><h3>sea-kg: the canned questions</h3>'
        "<p>Each slide is one of <code>kg queries</code>. Click a block to put it in the editor: "
        "first the parameters (<code>:param</code>), then the query. Colours and captions come "
        "from <code>sea-kg.grass</code>.</p></div></slide>"
    ]
    for q in list_queries():
        if q.cypher_path is None:
            continue
        text = q.text("neo4j")
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()
        params = "".join(
            f"<pre class=\"pre-scrollable code runnable\">:param {p.name} =&gt; ''</pre>"
            f"<p><code>{html.escape(p.name)}</code>: {html.escape(p.description)}</p>"
            for p in q.params
        )
        slides.append(
            f'<slide class="row-fluid"><div class="col-sm-12"><h3>{html.escape(q.title)} '
            f"(<code>{html.escape(q.name)}</code>)</h3><p>{html.escape(q.description)}</p>{params}"
            f'<pre class="pre-scrollable code runnable">{html.escape(body)}</pre></div></slide>'
        )
    return '<article class="guide">\n' + "\n".join(slides) + "\n</article>\n"


def write_browser_jar(browser_jar: Path, out: Path) -> Path:
    """A copy of the Browser jar with the style and the guide added under ``browser/``.

    The server serves /browser/ from the one classpath entry holding ``browser/``, so the files
    must be inside that jar. Their plain copies are written next to it, for other servers.
    """
    import zipfile

    out.parent.mkdir(parents=True, exist_ok=True)
    extra = {f"browser/{GRASS}": grass(), f"browser/{GUIDE}": guide_html()}
    for name, text in extra.items():
        (out.parent / Path(name).name).write_text(text, encoding="utf-8")
    tmp = out.with_suffix(".partial")
    with zipfile.ZipFile(browser_jar) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename not in extra:
                dst.writestr(item, src.read(item))
        for name, text in extra.items():
            dst.writestr(name, text.encode("utf-8"))
    tmp.replace(out)
    return out
