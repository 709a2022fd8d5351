"""FollowTheMoney entities as JSON lines, made with the ``followthemoney`` library.

Readable by Aleph, OpenSanctions/yente and ``ftm`` tools. Entities:
GovernmentBody -> ``PublicBody``; NonProfit, IntergovernmentalOrganization -> ``Organization``;
Company -> ``Company``; Person -> ``Person``; Program -> ``Project``. Places become the
``country`` of the entities located in them (when they carry an ``iso3166:`` identifier);
Commitments have no FtM schema and are left out. Relations:
holdsPosition -> ``Directorship`` (director/chair/head roles), ``Employment`` (in a
government body or company) or ``Membership``; memberOf -> ``Membership``;
funds -> ``Payment`` (to a Program: its ``project``); partnersWith, runs, subOrganizationOf,
partyTo -> ``UnknownLink`` with the relation as ``role``. Each entity keeps the ``ftm:`` id it
was imported with, else gets ``make_id("sea-kg", <IRI>)``; edges cite their evidence in
``summary`` and their sources in ``sourceUrl``/``publisher``.

>>> from kg.export import formats
>>> "ftm" in formats()
True
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from kg.export.base import Exporter, ExportSource, ExportSummary, register

NODE_SCHEMA = {
    "GovernmentBody": "PublicBody",
    "NonProfit": "Organization",
    "IntergovernmentalOrganization": "Organization",
    "Company": "Company",
    "Person": "Person",
    "Program": "Project",
}
_DIRECTOR = re.compile(
    r"\b(director|direktur|chair\w*|ketua|head|kepala|president|presiden|ceo|board|dewan|founder|pendiri)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_DETAILS = """
SELECT ?e ?ident ?desc ?start ?end WHERE {
  { ?e kgo:identifier ?ident } UNION { ?e kgo:description ?desc }
  UNION { ?e kgo:startDate ?start } UNION { ?e kgo:endDate ?end }
}
"""


def _details(src: ExportSource) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    _, rows = src.store.select(_DETAILS)
    for e, ident, desc, start, end in rows:
        d = out.setdefault(e, {"identifiers": [], "description": [], "startDate": [], "endDate": []})
        for key, v in (("identifiers", ident), ("description", desc), ("startDate", start), ("endDate", end)):
            if v is not None:
                d[key].append(str(v))
    return out


def _node(iri: str, data: dict[str, Any], details: dict[str, list[str]]) -> EntityProxy | None:
    schema = NODE_SCHEMA.get(data.get("type", ""))
    if schema is None:
        return None
    e = model.make_entity(schema)
    own = sorted(i[4:] for i in details.get("identifiers", []) if i.startswith("ftm:"))
    if own:
        e.id = own[0]
    else:
        e.make_id("sea-kg", iri)
    e.add("name", data.get("name"))
    e.add("alias", data.get("aliases") or [])
    e.add("sourceUrl", iri, quiet=True)
    e.add("description", details.get("description", []), quiet=True)
    for ident in details.get("identifiers", []):
        scheme, _, value = ident.partition(":")
        if scheme == "wikidata":
            e.add("wikidataId", value, quiet=True)
        elif scheme == "iati":
            e.add("projectId" if schema == "Project" else "idNumber", value, quiet=True)
        elif scheme != "ftm":
            e.add("notes", ident, quiet=True)
    if schema == "Project":
        e.add("startDate", details.get("startDate", []), quiet=True)
        e.add("endDate", details.get("endDate", []), quiet=True)
    return e


def _edge(
    rel: str, q: dict[str, Any], s: EntityProxy, o: EntityProxy, s_type: str, o_type: str
) -> EntityProxy:
    role = q.get("role")
    if rel == "holdsPosition":
        if role and _DIRECTOR.search(str(role)):
            e = model.make_entity("Directorship")
            e.add("director", s.id), e.add("organization", o.id)
        elif o_type in ("GovernmentBody", "Company"):
            e = model.make_entity("Employment")
            e.add("employee", s.id), e.add("employer", o.id)
        else:
            e = model.make_entity("Membership")
            e.add("member", s.id), e.add("organization", o.id)
        e.add("role", role)
    elif rel == "memberOf":
        e = model.make_entity("Membership")
        e.add("member", s.id), e.add("organization", o.id)
    elif rel == "funds":
        e = model.make_entity("Payment")
        e.add("payer", s.id)
        e.add("project" if o_type == "Program" else "beneficiary", o.id)
        amount = str(q.get("amount") or "").replace(",", "")
        if _NUMBER.match(amount):
            e.add("amount", amount)
            e.add("currency", q.get("currency"), quiet=True)
        elif q.get("amount"):
            e.add("summary", f"amount as written: {q['amount']} {q.get('currency') or ''}".strip())
        e.add("date", q.get("date"), quiet=True)
    else:
        e = model.make_entity("UnknownLink")
        e.add("subject", s.id), e.add("object", o.id)
        e.add("role", " ".join(x for x in (rel, role) if x))
        e.add("status", q.get("status"))
    return e


@register("ftm")
class FtMExporter(Exporter):
    description = "FollowTheMoney entities, JSON lines (for Aleph, OpenSanctions/yente, ftm tools)"
    suffix = ".ftm.json"

    def write(self, src: ExportSource, out: Path) -> ExportSummary:
        view = src.view()
        details = _details(src)
        nodes: dict[str, EntityProxy] = {}
        for iri, data in view.nodes(data=True):
            e = _node(iri, data, details.get(iri, {}))
            if e is not None:
                nodes[iri] = e
        for u, v, data in view.edges(data=True):  # Places give their country code
            if data.get("relation") == "locatedIn" and u in nodes:
                for ident in details.get(v, {}).get("identifiers", []):
                    if ident.startswith("iso3166:"):
                        nodes[u].add("country", ident.split(":", 1)[1].lower(), quiet=True)
        edges: list[EntityProxy] = []
        for u, v, key, data in view.edges(keys=True, data=True):
            rel = data.get("relation")
            if rel == "locatedIn" or u not in nodes or v not in nodes:
                continue
            e = _edge(
                rel,
                data.get("qualifiers") or {},
                nodes[u],
                nodes[v],
                view.nodes[u]["type"],
                view.nodes[v]["type"],
            )
            e.make_id("sea-kg", key)
            evidence = data.get("evidence") or []
            for ev in evidence[:20]:
                e.add("summary", ev.get("sentence"), quiet=True)
                e.add("sourceUrl", ev.get("url"), quiet=True)
                e.add("publisher", ev.get("publisher"), quiet=True)
            edges.append(e)
        entities = sorted(nodes.values(), key=lambda x: str(x.id)) + sorted(edges, key=lambda x: str(x.id))
        with out.open("w", encoding="utf-8") as f:
            for e in entities:
                f.write(json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        return self.summary(out, nodes=len(nodes), edges=len(edges), entities=len(entities))


def export_ftm(store: Any, out_path: str | Path, **filters: Any) -> int:
    """Write the graph of ``store`` (a :class:`kg.store.Store`) as FtM JSON lines; return the
    number of FtM entities written. ``filters`` are those of :func:`kg.export.export`
    (``center``, ``hops``, ``since``, ``until``, ``types``, ``drop_undated``)."""
    from kg.export import export

    summary = export(store, "ftm", out_path, **filters)
    return int(summary.extra.get("entities", summary.nodes + summary.edges))
