"""Reading IATI text and organisation elements (1.0x plain text and 2.0x ``narrative``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from ingest.records import orgs
from ingest.records.codes import Codes
from ingest.records.xmlsafe import XML_LANG, local


def texts(el: Element | None, default_lang: str | None) -> list[tuple[str | None, str]]:
    """``[(lang, text)]`` of an element: its ``narrative`` children (2.0x) or its own text (1.0x)."""
    if el is None:
        return []
    out: list[tuple[str | None, str]] = []
    narratives = [c for c in el if local(c.tag) == "narrative"]
    if narratives:
        for n in narratives:
            t = orgs.clean("".join(n.itertext()))
            if t:
                out.append((n.get(XML_LANG) or el.get(XML_LANG) or default_lang, t))
    else:
        t = orgs.clean(el.text)
        if t:
            out.append((el.get(XML_LANG) or default_lang, t))
    return out


def pick(values: list[tuple[str | None, str]], lang: str | None) -> tuple[str | None, list[str]]:
    """The text in ``lang`` (else the first) and the other texts."""
    if not values:
        return None, []
    main = next((t for lg, t in values if lg == lang), values[0][1])
    return main, [t for _, t in values if t != main]


def country_name(codes: Codes, code: str | None) -> str | None:
    name = codes.name("Country", (code or "").upper())
    return re.sub(r"\s*\(the\)$", "", name) if name else None


@dataclass
class OrgRef:
    """An organisation as one IATI element names it, before it becomes a claim."""

    name: str
    type: str
    firm_type: bool
    aliases: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    local_refs: list[str] = field(default_factory=list)
    name_is_ref: bool = False


def read_org(
    el: Element, codes: Codes, lang: str | None, publisher: str | None, stats: dict[str, int]
) -> OrgRef | None:
    """An organisation from ``reporting-org``, ``participating-org``, ``provider-org`` or
    ``receiver-org``; None when it has neither name nor ref, or names a category of bodies.

    ``ref`` values that are IATI organisation identifiers become ``iati:<ref>``; other refs
    (publisher-local codes such as Spain's ``60``, 1.0x DAC codes such as ``44002``) are kept
    in ``local_refs`` only: they are not unique (Spain gives ``61`` to FAO as a channel and to
    a ministry as a funder), so they must not merge entities.
    """
    ref = orgs.clean(el.get("ref"))
    name, aliases = pick(texts(el, lang), lang)
    if name and orgs.is_placeholder(name):
        stats["placeholder orgs skipped"] = stats.get("placeholder orgs skipped", 0) + 1
        return None
    identifiers: list[str] = []
    local_refs: list[str] = []
    if ref:
        if codes.is_org_identifier(ref):
            identifiers.append(f"iati:{ref}")
        elif publisher:
            local_refs.append(f"{publisher}/{ref}")
    if not name:
        if not identifiers:
            return None
        return OrgRef(
            name=ref,
            type=codes.org_entity_type(el.get("type")) or codes.other_org_type,
            firm_type=False,
            identifiers=identifiers,
            name_is_ref=True,
        )
    name = orgs.strip_channel(name)
    name, acronyms = orgs.split_acronym(name)
    aliases = [*acronyms, *(orgs.split_acronym(a)[0] for a in aliases)]
    typ = codes.org_entity_type(el.get("type"))
    firm = typ is not None
    if typ is None:
        typ = orgs.guess_type(" ".join([name, *aliases])) or codes.other_org_type
    gaz_type = orgs.add_gazetteer_id(identifiers, [name, *aliases], typ)
    if not firm and gaz_type and gaz_type in codes.org_types.values():
        typ = gaz_type
    if typ == "GovernmentBody":
        for cname in codes.lists["Country"].values():
            short = re.sub(r"\s*\(the\)$", "", cname)
            if name.casefold() == short.casefold():
                aliases.insert(0, name)
                name = f"Government of {short}"
                break
    return OrgRef(
        name=name, type=typ, firm_type=firm, aliases=aliases, identifiers=identifiers, local_refs=local_refs
    )
