"""Who is party to a commitment (``partyTo``) and in which role."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.extract import gazetteer
from ingest.extract.lexicon import load, phrase_regex, trigger_regex
from ingest.extract.relations import ORG, _orgs, _Rels, both


@lru_cache(maxsize=1)
def _party_rx() -> dict[str, re.Pattern[str]]:
    return {k: phrase_regex(tuple(v)) for k, v in load("triggers.yaml")["party_roles"].items()}


def party(r: _Rels, sents: list) -> None:
    """partyTo: the bodies (and countries) acting on a commitment with a signing, drafting,
    leading or adopting verb, or named as its agent (\"oleh X\"); cited ones have none."""
    rx = _party_rx()
    for st in sents:
        comms = [m for m in st.mentions if m.type == "Commitment" and m.ent]
        if not comms:
            continue
        role = next((k for k in ("lead", "signatory", "drafter", "party") if rx[k].search(st.text)), None)
        agents = _agents(r, st, comms)
        if role is None and not agents:
            continue  # a commitment only named or cited: no party
        if agents:
            for c in comms:
                for a in agents:
                    r.add("partyTo", a, c.ent, st.text, 0.5, role=role or "party")
            continue
        comms = [c for c in comms if not _cited(st, c)]
        if not comms:
            continue
        parties = [o for o in _orgs(st) if r.type_of(o) in ORG]
        if both(st.text) and r.last_pair:
            parties += list(r.last_pair)
        first_c = min(m.i for m in comms)
        for m in st.mentions:
            country = bool(m.gaz) and gazetteer.by_id()[m.gaz].kind == "country"
            if country and m.ent and m.i < first_c and role in ("party", "signatory", "lead"):
                parties.append(m.ent)
        for c in comms:
            for p in dict.fromkeys(parties):
                r.add("partyTo", p, c.ent, st.text, 0.5, role=role or "party")


def _agents(r: _Rels, st, comms: list) -> list[str]:
    """Bodies named after "oleh/by" right after a commitment ("Deklarasi X oleh Para Pemimpin
    ASEAN", "the Plan adopted by the Ministers of ASEAN")."""
    out = []
    for c in comms:
        after = st.text[st.toks[c.j - 1].end : st.toks[c.j - 1].end + 40]
        if not _BY.match(after):
            continue
        for m in sorted(st.mentions + st.titles, key=lambda m: m.i):
            if m.ent and r.type_of(m.ent) in ORG and c.j < m.i <= c.j + 7:
                out.append(m.ent)
                break
    return out


def _cited(st, c) -> bool:
    """A commitment cited as a basis ("tertuang dalam X", "in line with X"), not acted on."""
    before = st.text[max(0, st.toks[c.i].start - 40) : st.toks[c.i].start]
    return bool(trigger_regex("cited").search(before) and _CITED_END.search(before))


_BY = re.compile(r"\s*(?:,\s*)?(?:\w+\s+)?(?:oleh|by)\b", re.I)
_CITED_END = re.compile(
    r"(?:dalam|dengan|pada|kepada|berdasarkan|amanat|with|to|under|by|of|ke-?\d+)\s*(?:the\s+)?$", re.I
)
