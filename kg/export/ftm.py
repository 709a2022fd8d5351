"""FollowTheMoney entities as JSON lines, made with the ``followthemoney`` library.

Readable by Aleph, OpenSanctions/yente and ``ftm`` tools. Entities:
GovernmentBody -> ``PublicBody``; NonProfit, IntergovernmentalOrganization -> ``Organization``;
Company -> ``Company``; Person -> ``Person``; Program -> ``Project``; Place -> ``Address``
(``full`` = its name, ``country`` from an ``iso3166:`` identifier); Commitment (declaration,
agreement, MoU, plan) -> ``Document`` (``title``). Relations:
holdsPosition -> ``Directorship`` (director/chair/head roles), ``Employment`` (in a
government body or company) or ``Membership``; memberOf -> ``Membership`` (a place as member:
``UnknownLink``); funds -> ``Payment`` (to a Program: its ``project``; ``amount`` the typed
``amount_value``, ``currency`` ISO 4217); partyTo -> ``Documentation`` (``entity`` party to the
``document``, ``role``); locatedIn -> the ``addressEntity`` (and ``country``) of the entity;
partnersWith, coParticipant, runs, subOrganizationOf -> ``UnknownLink`` with the relation as
``role``. Each entity keeps the ``ftm:`` id it was imported with, else gets
``make_id("sea-kg", <IRI>)`` (the IRI is kept in ``notes``); ``sourceUrl`` is the URL of the
articles behind it (those mentioning an entity; the evidence of an edge), and edges cite their
evidence in ``summary``. Whatever cannot be written (an entity type or a relation with no
FtM counterpart, an edge whose end is not exported) is counted by kind in the summary's
``not_exported`` (``kg export`` prints it on stderr): nothing is dropped silently.

>>> from kg.export import formats
>>> "ftm" in formats()
True
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from kg.export.base import Exporter, ExportSource, ExportSummary, register
from kg.values import truncate

NODE_SCHEMA = {
    "GovernmentBody": "PublicBody",
    "NonProfit": "Organization",
    "IntergovernmentalOrganization": "Organization",
    "Company": "Company",
    "Person": "Person",
    "Program": "Project",
    "Place": "Address",
    "Commitment": "Document",
}
_DIRECTOR = re.compile(
    r"\b(director|direktur|chair\w*|ketua|head|kepala|president|presiden|ceo|board|dewan|founder|pendiri)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_DETAILS = """
SELECT ?e ?ident ?desc ?start ?end ?url WHERE {
  { ?e kgo:identifier ?ident } UNION { ?e kgo:description ?desc }
  UNION { ?e kgo:startDate ?s OPTIONAL { ?e kgo:startDatePrecision ?sp }
          BIND(CONCAT(STR(?s), "|", COALESCE(?sp, "")) AS ?start) }
  UNION { ?e kgo:endDate ?x OPTIONAL { ?e kgo:endDatePrecision ?xp }
          BIND(CONCAT(STR(?x), "|", COALESCE(?xp, "")) AS ?end) }
  UNION { ?doc kgo:mentions ?e ; schema:url ?url }
}
"""


def _ftm_date(value: str) -> str:
    """``2018-01-01|year`` -> ``2018``: FtM writes a date's precision by its length."""
    iso, _, precision = value.partition("|")
    return truncate(iso, precision or None)


def _details(src: ExportSource) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    _, rows = src.store.select(_DETAILS)
    keys = ("identifiers", "description", "startDate", "endDate", "sourceUrl")
    for e, *values in rows:
        d = out.setdefault(e, {k: [] for k in keys})
        for key, v in zip(keys, values, strict=True):
            if v is not None:
                d[key].append(_ftm_date(str(v)) if key in ("startDate", "endDate") else str(v))
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
    if schema == "Address":
        e.add("full", data.get("name"))
    if schema == "Document":
        e.add("title", data.get("name"))
    e.add("sourceUrl", sorted(set(details.get("sourceUrl", []))), quiet=True)
    e.add("notes", f"sea-kg IRI: {iri}")
    e.add("description", details.get("description", []), quiet=True)
    for ident in details.get("identifiers", []):
        scheme, _, value = ident.partition(":")
        if scheme == "wikidata":
            e.add("wikidataId", value, quiet=True)
        elif scheme == "iati":
            e.add("projectId" if schema == "Project" else "idNumber", value, quiet=True)
        elif scheme == "iso3166" and schema == "Address":
            e.add("country", value.lower(), quiet=True)
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
    elif rel == "memberOf" and s.schema.is_a("LegalEntity"):
        e = model.make_entity("Membership")
        e.add("member", s.id), e.add("organization", o.id)
    elif rel == "partyTo" and o.schema.name == "Document":
        e = model.make_entity("Documentation")
        e.add("entity", s.id), e.add("document", o.id)
        e.add("role", role)
    elif rel == "funds":
        e = model.make_entity("Payment")
        e.add("payer", s.id)
        e.add("project" if o_type == "Program" else "beneficiary", o.id)
        value = q.get("amount_value")
        if value is None and _NUMBER.match(str(q.get("amount") or "")):
            value = q.get("amount")
        if value is not None:
            e.add("amount", f"{float(value):.2f}".rstrip("0").rstrip("."))
            e.add("currency", q.get("currency"), quiet=True)
        if q.get("amount") and str(q["amount"]) != str(value):
            e.add("summary", f"amount as written: {q['amount']}")
        if q.get("transaction_type"):
            e.add("purpose", f"IATI transaction: {q['transaction_type']}")
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
        lost: Counter[str] = Counter()
        for iri, data in view.nodes(data=True):
            e = _node(iri, data, details.get(iri, {}))
            if e is not None:
                nodes[iri] = e
            else:
                lost[f"{data.get('type')} entities (no FtM schema)"] += 1
        located = 0
        for u, v, data in view.edges(data=True):  # locatedIn: the entity's address (and country)
            if data.get("relation") != "locatedIn":
                continue
            if u in nodes and v in nodes and nodes[u].schema.get("addressEntity") is not None:
                nodes[u].add("addressEntity", nodes[v].id)
                nodes[u].add("country", nodes[v].get("country"), quiet=True)
                located += 1
            else:
                lost["locatedIn relations (an end not exported)"] += 1
        edges: list[EntityProxy] = []
        for u, v, key, data in view.edges(keys=True, data=True):
            rel = data.get("relation")
            if rel == "locatedIn":
                continue
            if u not in nodes or v not in nodes:
                lost[f"{rel} relations (an end not exported)"] += 1
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
        return self.summary(
            out,
            nodes=len(nodes),
            edges=len(edges),
            entities=len(entities),
            located=located,
            not_exported=dict(sorted(lost.items())),
        )


def export_ftm(store: Any, out_path: str | Path, **filters: Any) -> int:
    """Write the graph of ``store`` (a :class:`kg.store.Store`) as FtM JSON lines; return the
    number of FtM entities written. ``filters`` are those of :func:`kg.export.export`
    (``center``, ``hops``, ``since``, ``until``, ``types``, ``drop_undated``)."""
    from kg.export import export

    summary = export(store, "ftm", out_path, **filters)
    return int(summary.extra.get("entities", summary.nodes + summary.edges))
