"""Where organizations and programs are: ``locatedIn`` rules.

- cue phrases: "X bermarkas di / yang berkantor di / based in <Place>";
- a chain of places after "di/in/at" ("di Lombok, Nusa Tenggara Barat serta ... di Kota
  Palu, Kabupaten Donggala dan Kabupaten Sigi") belongs to the nearest program before it
  in the sentence; without one, to a body right before the "di" or joined to it by a
  relative clause ("Batalyon X yang sudah tergelar di ..."); "program
  ini/tersebut" stands for the last program named; with nothing before it, to the first
  program after it;
- venues ("di Hotel X, Jakarta") are no location; addresses ("di Jalan X, RT 7, Kebon
  Jeruk") are;
- a local body named with its place ("Dinas Sosial Kabupaten Sleman", "BAZNAS Provinsi
  Jawa Tengah") is located there (see :func:`inner_places`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.extract import gazetteer, vocab
from ingest.extract.lexicon import load, phrase_regex, trigger_regex
from ingest.extract.model import Mention

ORG = ("GovernmentBody", "IntergovernmentalOrganization", "NonProfit", "Company")
_AT = re.compile(r"(?:^|[\s(])(?:di|in|at|ke|to)\s+(?:the\s+)?$", re.I)
_ANAPHOR = re.compile(
    r"\b(?:program|programme|proyek|project|kegiatan)\s+(?:ini|tersebut|itu)\b"
    r"|\bthe (?:program|programme|project)\b",
    re.I,
)
_REL = re.compile(r"^\s*,?\s*(?:yang|which|that|who)\s+(?:\S+\s+){0,4}?$", re.I)
_GOV = re.compile(r"^(?:Pemerintah|Pemprov|Pemkab|Pemkot|Pemda|Pemdes|Kecamatan|Kelurahan|Government)\b")


@lru_cache(maxsize=1)
def _lex() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    t = load("triggers.yaml")
    venue = phrase_regex(tuple(t["venue_words"]), flags=0)
    addr = "|".join(re.escape(w) for w in t["address_words"])
    address = re.compile(r"(?:^|\s)(?:di|in|at)\s+(?:" + addr + r")\b\.?[^.;:]{0,60},\s*$")
    words = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(t["place_list_words"], key=len, reverse=True)
    )
    gap = re.compile(r"^[\s,;:()]*(?:(?:" + words + r"|\d+)[\s,;:()]*)*$", re.I)
    return venue, address, gap


def _chains(st) -> list[tuple[int, list[Mention]]]:
    """Place lists introduced by di/in/at: (token index of the cue, places)."""
    venue, address, gap = _lex()
    places = sorted((m for m in st.mentions if m.type == "Place" and m.ent), key=lambda m: m.i)
    out: list[tuple[int, list[Mention]]] = []
    prev = None
    for m in places:
        start = st.toks[m.i].start
        if prev is not None:
            between = st.text[st.toks[prev.j - 1].end : start]
            if gap.match(between) and len(between) < 60:
                out[-1][1].append(m)
                prev = m
                continue
        before = st.text[max(0, start - 80) : start]
        # an address ends in a comma right before the place: no search without one
        if _AT.search(before[-12:]) or before.rstrip().endswith(",") and address.search(before):
            cue = (
                before.rfind(" di ") if " di " in before else max(before.rfind(" in "), before.rfind(" at "))
            )
            seg = before[cue:] if cue >= 0 else before[-12:]
            if venue.search(seg):
                prev = None
                continue
            k = _tok_at(st, start - len(before) + max(cue, 0))
            out.append((k, [m]))
            prev = m
        else:
            prev = None
    return out


def _tok_at(st, pos: int) -> int:
    for k, t in enumerate(st.toks):
        if t.end > pos:
            return k
    return len(st.toks)


def located(r, sents: list) -> None:
    rx = trigger_regex("located")
    last_org, last_prog = None, None
    for st in sents:
        orgs = [m for m in st.mentions if m.type in ORG and m.ent]
        progs = [m for m in st.mentions if m.type == "Program" and m.ent]
        for o, p in getattr(st, "inner_pairs", []):
            if o.ent and p.ent:
                r.add("locatedIn", o.ent, p.ent, st.text, 0.5)
        chains = _chains(st)
        for t in rx.finditer(st.text) if orgs or last_org else ():
            before = [m for m in orgs if st.toks[m.j - 1].end <= t.start()]
            src = before[-1].ent if before else last_org
            for _k, chain in chains:
                if st.toks[chain[0].i].start >= t.end() and src:
                    for pl in chain:
                        r.add("locatedIn", src, pl.ent, st.text, 0.6)
                    break
        for k, chain in chains:
            src = _attach(st, k, orgs, progs, last_prog)
            for pl in chain if src else ():
                r.add("locatedIn", src, pl.ent, st.text, 0.4)
        if orgs:
            last_org = orgs[-1].ent
        if progs:
            last_prog = progs[-1].ent


def _attach(st, k: int, orgs: list[Mention], progs: list[Mention], last_prog: str | None) -> str | None:
    """The program or body a place list starting at token ``k`` belongs to."""
    before = [p for p in progs if p.j <= k]
    cands = before or [m for m in orgs if m.j <= k]
    ana = [a for a in _ANAPHOR.finditer(st.text) if a.end() <= st.toks[k].start] if last_prog or progs else []
    best = max(cands, key=lambda m: m.j, default=None)
    if ana and (best is None or st.toks[best.j - 1].end <= ana[-1].start()):
        earlier = [p for p in progs if st.toks[p.j - 1].end <= ana[-1].start()]
        return earlier[-1].ent if earlier else last_prog
    if best is None:
        after = [p for p in progs if p.i >= k]
        return after[0].ent if after else None
    if best.type == "Program":
        return best.ent
    gap = st.text[st.toks[best.j - 1].end : st.toks[k].start]
    if len(gap.split()) <= 1 and "," not in gap or _REL.match(gap):
        return best.ent
    return None


def inner_places(st, matches) -> list[tuple[Mention, Mention]]:
    """Local bodies named with their place: (body mention, place mention) pairs."""
    out = []
    prefixes = vocab.place_prefix()
    for m in st.mentions:
        if m.type not in ORG or _GOV.match(m.surface) or m.j - m.i < 2:
            continue
        if m.type != "GovernmentBody" and not any(st.toks[k].text in prefixes for k in range(m.i, m.j)):
            continue  # "Masjid Istiqlal Jakarta", "Yayasan X Indonesia": a name, not a branch
        end = m.j
        while end > m.i + 1 and st.toks[end - 1].text in ")" and "(" in m.surface:
            end = next(k for k in range(end - 1, m.i, -1) if st.toks[k].text == "(")
        pl = [
            x
            for x in matches
            if x.key.kind == "place"
            and m.i < x.i
            and x.j == end
            and gazetteer.by_id()[x.key.ref].kind != "country"
        ]
        i = pl[0].i if pl else None
        if i is None:
            ks = [k for k in range(m.i + 1, end - 1) if st.toks[k].text in prefixes and st.toks[k].cap]
            if not ks:
                continue
            i = ks[-1]
        elif i - 1 > m.i and st.toks[i - 1].text in prefixes:
            i -= 1
        surface = st.text[st.toks[i].start : st.toks[end - 1].end]
        aliases = []
        if st.toks[i].text in prefixes and i + 1 < end:
            aliases.append(st.text[st.toks[i + 1].start : st.toks[end - 1].end])
        gaz = pl[0].key.ref if pl else None
        out.append(
            (
                m,
                Mention(
                    m.sent,
                    i,
                    end,
                    "Place",
                    surface,
                    gaz=gaz,
                    source="gaz" if gaz else "pattern",
                    aliases=aliases,
                ),
            )
        )
    return out
