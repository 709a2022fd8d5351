"""FollowTheMoney entities (JSON lines) -> claims, read with the ``followthemoney`` library.

- ``PublicBody`` -> GovernmentBody, ``Company`` -> Company, ``Person`` -> Person,
  ``Project`` -> Program, ``Organization`` (and plain ``LegalEntity``) -> typed by its name
  (``org_hints.csv``), then by the gazetteer, else NonProfit;
- ``Membership``/``Employment``/``Directorship`` -> ``holdsPosition`` Person->Org with its
  ``role`` (default member/employee/director); between two organisations, ``memberOf``;
- ``Payment`` -> ``funds`` payer -> beneficiary (or -> its ``project``) with ``amount``,
  ``currency``, ``date`` (``amount`` + ``currency``, else ``amountEur``/``amountUsd``);
- ``UnknownLink``/``Representation`` between two organisations -> ``partnersWith`` (active);
- an organisation's or project's ``country`` -> ``locatedIn`` a Place (ISO code via the IATI
  Country codelist);
- every other schema (Address, Sanction, Ownership...) is skipped and counted in
  ``stats["skipped:<Schema>"]``.

Every entity gets ``ftm:<id>``; evidence is ``<file>: line <n> <Schema>[<id>]``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from ingest.records.builder import ClaimBuilder
from ingest.records.codes import load as load_codes
from ingest.records.iati_text import country_name
from ingest.records.orgs import add_gazetteer_id, clean, guess_type, strip_honorifics
from ingest.records.result import RecordResult
from kg.claims import ORG_TYPES, Document, Extraction

NODE_TYPES = {"PublicBody": "GovernmentBody", "Company": "Company", "Person": "Person", "Project": "Program"}
GUESSED = ("Organization", "LegalEntity")
POSITION_EDGES = {"Membership": "member", "Employment": "employee", "Directorship": "director"}
LINK_EDGES = ("UnknownLink", "Representation")
ALIAS_PROPS = ("alias", "weakAlias", "previousName", "abbreviation")


def _stem(path: Path) -> str:
    name = path.name
    for suffix in (".ftm.json", ".ijson", ".jsonl", ".ndjson", ".json"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _load(path: Path, res: RecordResult) -> list[tuple[int, EntityProxy]]:
    proxies: list[tuple[int, EntityProxy]] = []
    with path.open("rb") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except ValueError as e:
                res.problem(path, f"line {n}: not JSON ({e})")
                continue
            if not isinstance(data, dict) or not data.get("schema") or not data.get("id"):
                res.problem(path, f"line {n}: not an FtM entity (needs 'id' and 'schema')")
                continue
            try:
                proxies.append((n, model.get_proxy(data)))
            except InvalidData as e:
                res.problem(path, f"line {n}: unknown FtM schema {data.get('schema')!r} ({e})")
    return proxies


def _node_type(p: EntityProxy) -> str | None:
    name = p.schema.name
    if name in NODE_TYPES:
        return NODE_TYPES[name]
    if name in GUESSED:
        return guess_type(" ".join(p.names)) or "NonProfit"
    return None


def _first(p: EntityProxy, *props: str) -> str | None:
    for prop in props:
        if prop in p.schema.properties:
            vals = p.get(prop)
            if vals:
                return clean(vals[0])
    return None


class _Reader:
    def __init__(self, path: Path, b: ClaimBuilder, res: RecordResult):
        self.path, self.b, self.res = path, b, res
        self.ids: dict[str, str] = {}
        self.types: dict[str, str] = {}

    def ev(self, n: int, p: EntityProxy) -> str:
        return f"{self.path.name}: line {n} {p.schema.name}[{p.id}]"

    def node(self, n: int, p: EntityProxy, typ: str) -> None:
        names = [clean(x) for x in p.get("name")] if "name" in p.schema.properties else []
        caption = clean(p.caption) if p.caption and p.caption != p.schema.label else ""
        name = caption or (names[0] if names else "")
        if typ == "Person":
            bare = strip_honorifics(name)
            if bare and bare != name:
                names.append(name)
                name = bare
        if not name:
            self.res.stats["skipped:no name"] += 1
            return
        aliases = [
            *names,
            *(clean(a) for prop in ALIAS_PROPS if prop in p.schema.properties for a in p.get(prop)),
        ]
        idents = [f"ftm:{p.id}"]
        wikidata = _first(p, "wikidataId")
        if wikidata:
            idents.append(f"wikidata:{wikidata}")
        if typ in ORG_TYPES:
            gaz_type = add_gazetteer_id(idents, [name, *aliases], typ)
            if p.schema.name in GUESSED and gaz_type in ORG_TYPES and not guess_type(name):
                typ = gaz_type
        attrs: dict[str, Any] = {
            "description": _first(p, "description", "summary", "notes"),
            "url": _first(p, "website", "sourceUrl"),
            "startDate": _first(p, "startDate", "incorporationDate"),
            "endDate": _first(p, "endDate", "dissolutionDate"),
            "ftm_schema": p.schema.name,
        }
        ev = self.ev(n, p)
        eid = self.b.entity(
            typ, name, aliases=aliases, identifiers=idents, evidence=ev, attrs=attrs, by_name=False
        )
        self.ids[str(p.id)], self.types[str(p.id)] = eid, typ
        self.res.stats[f"entities:{p.schema.name}"] += 1
        if typ in (*ORG_TYPES, "Program"):
            for code in p.get("country") if "country" in p.schema.properties else []:
                cname = country_name(load_codes(), code)
                if cname:
                    place = self.b.entity(
                        "Place", cname, identifiers=[f"iso3166:{code.upper()}"], evidence=ev
                    )
                    self.b.relation("locatedIn", eid, place, ev)

    def end(self, p: EntityProxy, prop: str) -> str | None:
        if prop not in p.schema.properties:
            return None
        for ref in p.get(prop):
            if ref in self.ids:
                return ref
        return None

    def edge(self, n: int, p: EntityProxy) -> None:
        s = p.schema.name
        ev = self.ev(n, p)
        if s in POSITION_EDGES:
            src, dst = self.end(p, p.schema.edge_source or ""), self.end(p, p.schema.edge_target or "")
            if not src or not dst or self.types[dst] not in ORG_TYPES:
                self.res.stats[f"skipped:{s} (ends missing)"] += 1
                return
            if self.types[src] == "Person":
                role = _first(p, "role") or POSITION_EDGES[s]
                self.b.relation("holdsPosition", self.ids[src], self.ids[dst], ev, role=role)
            elif self.types[src] in ORG_TYPES:
                self.b.relation("memberOf", self.ids[src], self.ids[dst], ev)
        elif s == "Payment":
            payer = self.end(p, "payer")
            to = self.end(p, "beneficiary") or self.end(p, "project")
            if not payer or not to or self.types[payer] not in ORG_TYPES + ("Person",):
                self.res.stats["skipped:Payment (ends missing)"] += 1
                return
            amount, currency = _first(p, "amount"), _first(p, "currency")
            if not amount:
                for prop, cur in (("amountEur", "EUR"), ("amountUsd", "USD")):
                    amount, currency = _first(p, prop), cur
                    if amount:
                        break
            date = _first(p, "date", "startDate")
            self.b.relation(
                "funds", self.ids[payer], self.ids[to], ev, amount=amount, currency=currency, date=date
            )
        elif s in LINK_EDGES:
            a, b = self.end(p, p.schema.edge_source or ""), self.end(p, p.schema.edge_target or "")
            if not a or not b or self.types[a] not in ORG_TYPES or self.types[b] not in ORG_TYPES:
                self.res.stats[f"skipped:{s} (not two organisations)"] += 1
                return
            self.b.relation("partnersWith", self.ids[a], self.ids[b], ev, status="active")
        else:
            self.res.stats[f"skipped:{s}"] += 1
            return
        self.res.stats[f"relations:{s}"] += 1


def read_ftm(path: Path) -> RecordResult:
    """Read one FtM JSON-lines file; bad lines are problems, the rest is read."""
    res = RecordResult()
    try:
        proxies = _load(path, res)
        raw = path.read_bytes()
    except OSError as e:
        res.problem(path, f"cannot read: {e}")
        return res
    doc = Document(
        doc_id=_stem(path),
        source=str(path),
        text=f"FtM file {path.name}: {len(proxies)} entities, sha256 {hashlib.sha256(raw).hexdigest()}",
        title=f"FtM entities: {path.name}",
        kind="record",
        format="ftm",
    )
    reader = _Reader(path, ClaimBuilder(Extraction(doc=doc, extractor="records/ftm")), res)
    for n, p in proxies:
        typ = _node_type(p)
        if typ is not None:
            reader.node(n, p, typ)
    for n, p in proxies:
        if p.schema.edge or p.schema.name in ("Payment",):
            reader.edge(n, p)
        elif _node_type(p) is None:
            res.stats[f"skipped:{p.schema.name}"] += 1
    res.extractions.append(reader.b.ex)
    return res
