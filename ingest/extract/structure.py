"""Relation rules on money and structure: donations (funds), sub-organizations and
memberships of intergovernmental bodies."""

from __future__ import annotations

import re

from ingest.extract import gazetteer
from ingest.extract.lexicon import trigger_regex
from ingest.extract.relations import AMOUNT, ORG, _parent, _Rels

_FROM = re.compile(r"\b(dari|from|by)\s+(the\s+)?$")
_TO = re.compile(r"\b(kepada|to|untuk|for)\s+(the\s+)?$")
_HAS = re.compile(r"\s*(juga\s+)?(telah\s+)?(memiliki|mempunyai|has|have|owns)\s*")


def funds(r: _Rels, sents: list, main: str | None) -> None:
    rx = trigger_regex("funds")
    recent: list[str] = []
    for st in sents:
        orgs = [m for m in st.mentions if m.type in ORG and m.ent]
        amount = AMOUNT.search(st.text) if (orgs or recent) and rx.search(st.text) else None
        if amount:
            giver = receiver = None
            for m in orgs:
                before = st.text[max(0, st.toks[m.i].start - 14) : st.toks[m.i].start].lower()
                if _FROM.search(before):
                    giver = m.ent
                elif _TO.search(before):
                    receiver = m.ent
            rest = [m.ent for m in orgs if m.ent not in (giver, receiver)]
            if giver is None and rest and (receiver or rest[0] != main):
                giver = rest[0]
            if giver is None:
                giver = next(
                    (
                        k
                        for k in reversed(recent)
                        if k != receiver and r.type_of(k) in ("Company", "NonProfit")
                    ),
                    None,
                )
            if receiver is None:
                receiver = next((k for k in rest if k != giver), None) or main
            r.add("funds", giver, receiver, st.text, 0.5, amount=amount.group(0).strip())
        recent += [m.ent for m in orgs]


def sub_and_members(r: _Rels, sents: list) -> None:
    reg = r.reg
    for key in list(reg.order):
        par = _parent(reg, key)
        if par and par in reg.ents:
            r.add("subOrganizationOf", key, par, (reg.ents[key]["sents"] or [""])[0], 0.7)
    asean = "gaz:asean"
    members = {"place-" + c.lower() for c in gazetteer.by_id()["asean"].members}
    member_rx = trigger_regex("member")
    for st in sents:
        ents = {m.ent for m in st.mentions if m.ent}
        if asean in ents and member_rx.search(st.text):
            for m in st.mentions:
                if m.type == "Place" and m.gaz in members:
                    r.add("memberOf", m.ent, asean, st.text, 0.5)
        orgs = [m for m in st.mentions if m.type in ORG and m.ent]
        if len(orgs) < 2:
            continue
        gaz = {id(m): bool(reg.ents.get(reg.resolve(m.ent) or "", {}).get("gaz")) for m in orgs}
        for a in orgs:  # "BAZNAS Tanggap Bencana" under BAZNAS; "X memiliki UPTD Y"
            for b in orgs:
                if a is b:
                    continue
                if gaz[id(b)] and not gaz[id(a)] and a.surface.startswith(b.surface + " ") and a.i != b.i:
                    r.add("subOrganizationOf", a.ent, b.ent, st.text, 0.5)
                if b.i > a.j and _HAS.fullmatch(st.text, st.toks[a.j - 1].end, st.toks[b.i].start):
                    r.add("subOrganizationOf", b.ent, a.ent, st.text, 0.5)
