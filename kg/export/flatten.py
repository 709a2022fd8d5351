"""Scalar (flat) attributes of the property graph, for formats that cannot hold lists or dicts.

Nodes: ``iri name type color aliases`` (aliases joined with ``"; "``) ``degree``.
Edges: ``id source target relation label rel_type role status amount currency date
amount_value transaction_type value_date confidence first_seen last_seen first_seen_precision
last_seen_precision source_count weight evidence_count sentences urls titles
dates evidence_json``: ``sentences``/``urls``/``titles``/``dates`` are the evidence items'
fields joined with ``" | "`` (same order), and ``evidence_json`` the full evidence list as JSON.
``weight`` = ``source_count`` (at least 1). Missing values are left out (GraphML/GEXF) or
empty (CSV).
"""

from __future__ import annotations

import json
import re
from typing import Any

import networkx as nx

from kg.graphview import QUALIFIER_KEYS

QUALIFIERS = QUALIFIER_KEYS  # the qualifiers graphview puts on each edge
NODE_FIELDS = ("id", "name", "type", "color", "aliases", "degree")
EDGE_FIELDS = (
    "id",
    "source",
    "target",
    "source_name",
    "target_name",
    "relation",
    "label",
    "rel_type",
    *QUALIFIERS,
    "confidence",
    "first_seen",
    "last_seen",
    "first_seen_precision",
    "last_seen_precision",
    "source_count",
    "weight",
    "evidence_count",
    "sentences",
    "urls",
    "titles",
    "dates",
    "evidence_json",
)


def evidence_public(ev: dict[str, Any]) -> dict[str, Any]:
    """One evidence item as exported: sentence, source (url, else path, else IRI), title, date ..."""
    return {
        "sentence": ev.get("sentence"),
        "source": ev.get("url") or ev.get("path") or ev.get("source"),
        "url": ev.get("url"),
        "path": ev.get("path"),
        "title": ev.get("title"),
        "date": ev.get("date"),
        "date_precision": ev.get("date_precision"),
        "publisher": ev.get("publisher"),
        "kind": ev.get("kind"),
        "confidence": ev.get("confidence"),
        "source_iri": ev.get("source"),
    }


def node_row(g: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    d = g.nodes[n]
    return {
        "id": n,
        "name": d["name"],
        "type": d["type"],
        "color": d["color"],
        "aliases": "; ".join(d.get("aliases", [])),
        "degree": g.degree(n),
    }


def edge_row(g: nx.MultiDiGraph, u: str, v: str, key: str, d: dict[str, Any]) -> dict[str, Any]:
    evs = [evidence_public(e) for e in d.get("evidence", [])]
    q = d.get("qualifiers", {})
    row: dict[str, Any] = {
        "id": key,
        "source": u,
        "target": v,
        "source_name": g.nodes[u]["name"],
        "target_name": g.nodes[v]["name"],
        "relation": d["relation"],
        "label": d["label"],
        "rel_type": d["rel_type"],
        **{k: q.get(k) for k in QUALIFIERS},
        "confidence": d.get("confidence"),
        "first_seen": d.get("first_seen"),
        "last_seen": d.get("last_seen"),
        "first_seen_precision": d.get("first_seen_precision"),
        "last_seen_precision": d.get("last_seen_precision"),
        "source_count": d.get("source_count") or 0,
        "weight": max(1, d.get("source_count") or 0),
        "evidence_count": len(evs),
        "sentences": " | ".join(e["sentence"] or "" for e in evs),
        "urls": " | ".join(e["source"] or "" for e in evs),
        "titles": " | ".join(e["title"] or "" for e in evs),
        "dates": " | ".join(e["date"] or "" for e in evs),
        "evidence_json": json.dumps(evs, ensure_ascii=False),
    }
    return row


# characters XML 1.0 cannot hold at all, not even escaped (NUL, most C0 controls, U+FFFE/FFFF)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: Any) -> Any:
    """``value`` without the characters XML cannot hold (strings only; others as they are).

    >>> xml_text("Nul" + chr(0) + "Byte" + chr(7) + " Org")
    'NulByte Org'
    """
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def flat_graph(g: nx.MultiDiGraph, xml: bool = False) -> nx.MultiDiGraph:
    """A copy of ``g`` whose attributes are all scalars (str/int/float/bool), ``None`` left out.

    With ``xml``, strings lose the characters XML cannot hold (:func:`xml_text`)."""
    clean = xml_text if xml else (lambda v: v)
    out = nx.MultiDiGraph()
    for n in g:
        row = node_row(g, n)
        row["label"] = row["name"]
        out.add_node(clean(n), **{k: clean(v) for k, v in row.items() if v is not None and k != "id"})
    for u, v, k, d in g.edges(keys=True, data=True):
        row = edge_row(g, u, v, k, d)
        row.pop("source")
        row.pop("target")
        row.pop("id")
        attrs = {a: clean(b) for a, b in row.items() if b is not None and b != ""}
        out.add_edge(clean(u), clean(v), key=clean(k), **attrs)
    return out


def hex_rgb(color: str) -> tuple[int, int, int]:
    c = (color or "#999999").lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
