"""IATI activity XML (versions 1.0x and 2.0x) -> claims.

One file is one :class:`~kg.claims.Document` (``kind="record"``, ``format="iati"``) and one
:class:`~kg.claims.Extraction`:

- each ``iati-activity`` -> a ``Program`` (``iati:<iati-identifier>``; name = title in the
  activity's default language, other titles as aliases; ``attrs``: ``description``,
  ``descriptions`` {lang: text}, ``titles``, ``status``, ``startDate``, ``endDate``,
  ``dates`` {type: date}, ``sectors`` [{code, name, vocabulary, percentage}], ``currency``);
- ``recipient-country`` -> ``Place`` and ``locatedIn`` Program->Place;
- ``reporting-org`` and ``participating-org`` -> organisations typed by the IATI
  OrganisationType codelist (``codelists/mappings.toml``); roles -> ``runs`` (funding and
  accountable: funder, plus ``funds`` for funding; extending and implementing: implementer);
  the reporting organisation, when it does not take part by name, ``runs`` as funder when it
  provides money in the activity and as implementer otherwise;
- funding transactions -> ``funds`` provider -> receiver (or -> the Program) with ``amount``,
  ``currency``, ``date`` (transaction date), ``transactionType`` (commitment, disbursement,
  incoming funds, incoming commitment) and ``valueDate``; a transaction without provider-org
  is the reporting org's (IATI rule);
- the organisations of one activity are ``coParticipant`` of each other (not ``partnersWith``:
  taking part in one activity says nothing of a partnership between, say, two donors).

Every claim's evidence is ``<file>: iati-activity[<id>]/<element>[<n>]``.
"""

from __future__ import annotations

import hashlib
from itertools import combinations
from pathlib import Path
from xml.etree.ElementTree import Element

from ingest.records.builder import ClaimBuilder
from ingest.records.codes import Codes, load
from ingest.records.iati_text import country_name, pick, read_org, texts
from ingest.records.result import RecordResult
from ingest.records.xmlsafe import XML_LANG, find_activities_root, local, parse
from kg.claims import Document, Extraction
from kg.errors import InputError

PARTNER_CONFIDENCE = 0.8


def _children(el: Element, tag: str) -> list[Element]:
    return [c for c in el if local(c.tag) == tag]


def read_iati(path: Path) -> RecordResult:
    """Read one IATI activity file; never raises for bad input (problems are returned)."""
    res = RecordResult()
    try:
        root = parse(path)
    except InputError as e:
        res.problems.append(e)
        return res
    acts = find_activities_root(root)
    if acts is None:
        what = (
            "an IATI organisation file" if local(root.tag) == "iati-organisations" else "no iati-activities"
        )
        res.problem(path, f"not an IATI activity file ({what})")
        return res
    codes = load()
    version = (acts.get("version") or "1.0x").strip()
    if version != "1.0x" and version not in codes.versions:
        res.problem(path, f"unsupported IATI version {version!r} (supported: {', '.join(codes.versions)})")
        return res
    activities = _children(acts, "iati-activity")
    raw = path.read_bytes()
    doc = Document(
        doc_id=path.stem,
        source=str(path),
        text=f"IATI activity file {path.name}: {len(activities)} activities, "
        f"sha256 {hashlib.sha256(raw).hexdigest()}",
        title=f"IATI activities: {path.name}",
        date=(acts.get("generated-datetime") or "")[:10] or None,
        lang=acts.get(XML_LANG),
        kind="record",
        format="iati",
        meta={"iati_version": version, "activities": len(activities)},
    )
    b = ClaimBuilder(Extraction(doc=doc, extractor="records/iati"))
    stats: dict[str, int] = {}
    for n, act in enumerate(activities, 1):
        aid = orgs_clean(act.findtext("iati-identifier"))
        if not aid:
            res.problem(path, f"iati-activity[{n}] has no iati-identifier; skipped")
            continue
        _ActivityReader(b, codes, path, act, aid, acts, stats).read()
        res.stats["activities"] += 1
    publishers = [e.name for e in b.ex.entities if e.attrs.get("reporting")]
    doc.publisher = publishers[0] if publishers else None
    for e in b.ex.entities:
        e.attrs.pop("reporting", None)
    res.stats.update(stats)
    res.stats["programs"] += sum(e.type == "Program" for e in b.ex.entities)
    res.extractions.append(b.ex)
    return res


def orgs_clean(s: str | None) -> str:
    return " ".join((s or "").split())


class _ActivityReader:
    def __init__(
        self,
        b: ClaimBuilder,
        codes: Codes,
        path: Path,
        act: Element,
        aid: str,
        acts: Element,
        stats: dict[str, int],
    ):
        self.b, self.codes, self.act, self.aid, self.stats = b, codes, act, aid, stats
        self.lang = act.get(XML_LANG) or acts.get(XML_LANG)
        self.currency = act.get("default-currency") or acts.get("default-currency")
        self.prefix = f"{path.name}: iati-activity[{aid}]"
        rep = act.find("reporting-org")
        self.publisher = orgs_clean(rep.get("ref")) if rep is not None else None
        self.publisher = self.publisher or (aid.rsplit("-", 1)[0] if "-" in aid else None)

    def ev(self, el: Element | None = None) -> str:
        if el is None:
            return self.prefix
        same = _children(self.act, local(el.tag))
        return f"{self.prefix}/{local(el.tag)}[{same.index(el) + 1}]"

    def org(self, el: Element, evidence: str, **attrs: object) -> str | None:
        ref = read_org(el, self.codes, self.lang, self.publisher, self.stats)
        if ref is None:
            return None
        if ref.local_refs:
            attrs["iati_local_refs"] = ref.local_refs
        eid = self.b.entity(
            ref.type,
            ref.name,
            aliases=ref.aliases,
            identifiers=ref.identifiers,
            evidence=evidence,
            firm_type=ref.firm_type,
            attrs=dict(attrs),
            alias_name=not ref.name_is_ref,
        )
        claim = self.b.ex.entity(eid)
        if claim is not None and ref.local_refs:
            known = claim.attrs.setdefault("iati_local_refs", [])
            known.extend(r for r in ref.local_refs if r not in known)
        return eid

    def read(self) -> None:
        b = self.b
        prog = self.program()
        players: list[str] = []
        rep_el = self.act.find("reporting-org")
        reporter = self.org(rep_el, self.ev(rep_el), reporting=True) if rep_el is not None else None
        for el in _children(self.act, "participating-org"):
            oid = self.org(el, self.ev(el))
            if oid is None:
                continue
            players.append(oid)
            spec = self.codes.role(el.get("role"))
            b.relation("runs", oid, prog, self.ev(el), role=spec.role if spec else None)
            if spec and spec.funds:
                b.relation("funds", oid, prog, self.ev(el))
        gave = self.transactions(prog, reporter)
        if reporter and reporter not in players:
            role = "funder" if reporter in gave else "implementer"
            b.relation("runs", reporter, prog, self.ev(rep_el), role=role)
            players.append(reporter)
        for x, y in combinations(sorted(set(players)), 2):
            b.relation("coParticipant", x, y, self.prefix + "/participating-org", PARTNER_CONFIDENCE)
        for el in _children(self.act, "recipient-country"):
            code = orgs_clean(el.get("code")).upper()
            name = country_name(self.codes, code) or pick(texts(el, self.lang), self.lang)[0]
            if not name:
                continue
            place = b.entity(
                "Place", name, identifiers=[f"iso3166:{code}"] if code else [], evidence=self.ev(el)
            )
            b.relation("locatedIn", prog, place, self.ev(el))

    def program(self) -> str:
        titles = texts(self.act.find("title"), self.lang)
        name, others = pick(titles, self.lang)
        descs = _children(self.act, "description")
        general = next((d for d in descs if d.get("type") in (None, "", "1")), descs[0] if descs else None)
        dtexts = texts(general, self.lang)
        dates: dict[str, str] = {}
        for el in _children(self.act, "activity-date"):
            code = self.codes.date_type(el.get("type"))
            if code and el.get("iso-date"):
                dates[self.codes.lists["ActivityDateType"][code]] = el.get("iso-date", "")[:10]
        status_el = self.act.find("activity-status")
        sectors = [
            {
                "code": s.get("code"),
                "name": self.codes.name("Sector", s.get("code")) or pick(texts(s, self.lang), self.lang)[0],
                "vocabulary": s.get("vocabulary"),
                "percentage": s.get("percentage"),
            }
            for s in _children(self.act, "sector")
        ]
        attrs = {
            "iati_identifier": self.aid,
            "description": pick(dtexts, self.lang)[0],
            "descriptions": {lg or "": t for lg, t in dtexts},
            "titles": {lg or "": t for lg, t in titles},
            "status": self.codes.name("ActivityStatus", status_el.get("code"))
            if status_el is not None
            else None,
            "startDate": dates.get("Actual start") or dates.get("Planned start"),
            "endDate": dates.get("Actual end") or dates.get("Planned End"),
            "dates": dates,
            "sectors": [{k: v for k, v in s.items() if v} for s in sectors],
            "currency": self.currency,
        }
        return self.b.entity(
            "Program",
            name or self.aid,
            aliases=others,
            identifiers=[f"iati:{self.aid}"],
            evidence=self.ev(),
            attrs=attrs,
            id_hint=self.aid,
            by_name=False,
        )

    def transactions(self, prog: str, reporter: str | None) -> set[str]:
        """Add ``funds`` for funding transactions; return the ids of the providers."""
        providers: set[str] = set()
        for el in _children(self.act, "transaction"):
            type_el = el.find("transaction-type")
            code = self.codes.transaction_type(type_el.get("code") if type_el is not None else None)
            if code not in self.codes.funding_transactions:
                continue
            ev = self.ev(el)
            p_el, r_el = el.find("provider-org"), el.find("receiver-org")
            provider = self.org(p_el, ev) if p_el is not None else reporter
            if provider is None and p_el is not None and code in ("2", "3"):
                provider = reporter
            receiver = self.org(r_el, ev) if r_el is not None else None
            if code in ("1", "11") and r_el is None:
                receiver = reporter
            if provider is None:
                self.stats["funding transactions without provider"] = (
                    self.stats.get("funding transactions without provider", 0) + 1
                )
                continue
            value = el.find("value")
            date_el = el.find("transaction-date")
            self.b.relation(
                "funds",
                provider,
                receiver or prog,
                ev,
                amount=orgs_clean(value.text) if value is not None else None,
                currency=(value.get("currency") if value is not None else None) or self.currency,
                date=(date_el.get("iso-date") if date_el is not None else None)
                or (value.get("value-date") if value is not None else None),
                transactionType=self.codes.transaction_kinds.get(code or ""),
                valueDate=value.get("value-date") if value is not None else None,
            )
            providers.add(provider)
        return providers
