"""Relation rules over the sentences of one document: positions, partnerships, programs run,
places, commitments, donations, sub-organizations and memberships."""

from __future__ import annotations

import re

from ingest.extract import anaphora, coord, gazetteer, located, owners, vocab
from ingest.extract.lexicon import trigger_regex
from ingest.extract.registry import Registry
from kg.claims import Extraction

ORG = ("GovernmentBody", "IntergovernmentalOrganization", "NonProfit", "Company")
AMOUNT = re.compile(
    r"(?:Rp\.?|IDR|USD|US\s?\$|S\$|RM|\$|€|£)\s?\d[\d.,]*(?:\s?(?:juta|miliar|triliun|ribu|jt|"
    r"million|billion|thousand|m|bn))?",
    re.I,
)
BOTH = re.compile(
    r"\b(kedua belah pihak|kedua pihak|kedua lembaga|both parties|both sides|the two sides|"
    r"the two governments|keduanya)\b",
    re.I,
)


def both(text: str) -> re.Match[str] | None:
    """``BOTH.search(text)``; ASCII text without "kedua", "both" or "the two" needs no search."""
    if text.isascii():
        low = text.lower()
        if "kedua" not in low and "both" not in low and "the two" not in low:
            return None
    return BOTH.search(text)


class _Rels:
    def __init__(self, ex: Extraction, reg: Registry, ids: dict[str, str]):
        self.ex, self.reg, self.ids = ex, reg, ids
        self.seen: set[tuple] = set()
        self.last_pair: tuple[str, str] | None = None

    def add(self, typ: str, a: str | None, b: str | None, sentence: str, conf: float = 0.6, **q: str) -> bool:
        a, b = self.reg.resolve(a), self.reg.resolve(b)
        if not a or not b or a == b or a not in self.ids or b not in self.ids:
            return False
        key = (typ, *(sorted((a, b)) if typ == "partnersWith" else (a, b)))
        if key in self.seen:
            return False
        self.seen.add(key)
        self.ex.add_relation(typ, self.ids[a], self.ids[b], sentence=sentence, confidence=conf, **q)
        if typ == "partnersWith":
            self.last_pair = (a, b)
        return True

    def type_of(self, key: str | None) -> str:
        ents = self.reg.ents
        key = self.reg.resolve(key)
        return ents[key]["type"] if key in ents else ""


def _orgs(st, with_titles: bool = True) -> list[str]:
    ms = [m for m in st.mentions if m.type in ORG and m.ent]
    if with_titles:
        ms += [m for m in st.titles if m.ent]
    ms.sort(key=lambda m: m.i)
    return list(dict.fromkeys(m.ent for m in ms))


def _parent(reg: Registry, key: str) -> str | None:
    e = reg.ents.get(reg.resolve(key) or "")
    if e and e["gaz"] and gazetteer.by_id()[e["gaz"]].parent:
        return "gaz:" + gazetteer.by_id()[e["gaz"]].parent
    return e.get("parent") if e else None


def add_relations(ex: Extraction, reg: Registry, ids: dict[str, str], sents: list, lang: str) -> None:
    r = _Rels(ex, reg, ids)
    main = _main_org(reg)
    _positions(r, sents, main)
    _partnerships(r, sents)
    _runs(r, sents, main)
    located.located(r, sents)
    from ingest.extract import parties, structure

    parties.party(r, sents)

    structure.funds(r, sents, main)
    structure.sub_and_members(r, sents)


def _positions(r: _Rels, sents: list, main: str | None) -> None:
    """Posts with their body named first; a post without one ("Deputy Minister X said") goes
    to a body of its sentence only when the person holds no named post elsewhere."""
    fallback = []
    held: set[str | None] = set()
    for st in sents:
        for p in st.positions:
            targets, role_for = [], {}
            for m in p.orgs + p.after:
                if m.type in ORG and m.ent:
                    targets.append(m.ent)
                    role_for[m.ent] = _strip_org(p.role, m.surface)
                    par = _parent(r.reg, m.ent)
                    if par and par in r.reg.ents or par and m.source == "title":
                        targets.append(par)
            if not targets:  # "MoLISA Deputy Minister X": the body right before the title
                targets = [m.ent for m in st.mentions if m.type in ORG and m.ent and m.j == p.start > 0]
            if not targets:
                cands = _nearest_before(st, p) or [k for k in _orgs(st, False) if k != p.person.ent]
                if not _head_of_state(p.role):
                    fallback.append((st, p, cands[:1] or ([main] if main else [])))
                continue
            elif main and all(_bare_unit(r.reg, t) for t in targets) and r.type_of(main) == "GovernmentBody":
                targets.append(main)  # "Kepala Biro Perencanaan": a unit of the article's ministry
            for t in dict.fromkeys(targets):
                r.add("holdsPosition", p.person.ent, t, st.text, 0.7, role=role_for.get(t, p.role))
            held.add(r.reg.resolve(p.person.ent))
    for st, p, targets in fallback:
        if r.reg.resolve(p.person.ent) in held:
            continue
        for t in targets:
            r.add("holdsPosition", p.person.ent, t, st.text, 0.6, role=p.role)


def _nearest_before(st, p) -> list[str]:
    """The body named last before a listed person ("... dan dari X, Budi, Head of PR; Ani, ...")
    when only a comma, "dari/from" and other listed people stand between them."""
    ms = [m for m in st.mentions if m.type in ORG and m.ent and m.j <= p.person.i]
    if not ms:
        return []
    last = max(ms, key=lambda m: m.j)
    if last.j >= len(st.toks) or st.toks[last.j].text not in ",:":
        return []
    people = {k for m in st.mentions if m.type == "Person" for k in range(m.i, m.j)}
    odd = 0  # only other listed people and their posts between (a name particle allowed)
    for k in range(last.j, p.person.i):
        t = st.toks[k]
        if not (k in people or t.cap or t.text in ",;:()&" or t.low in _LIST_LINKS):
            odd += 1
    return [last.ent] if odd <= 1 else []


_LIST_LINKS = frozenset({"dan", "serta", "and", "of", "for", "the", "di", "dari"})


def _bare_unit(reg: Registry, key: str) -> bool:
    """A unit (Biro X, Direktorat X) with no parent named or known."""
    e = reg.ents.get(reg.resolve(key) or "")
    if not e or e["gaz"] or e.get("parent"):
        return False
    name = reg._name(reg.resolve(key) or key)
    return name.split()[0] in vocab.unit_heads() and not any(w in vocab.place_prefix() for w in name.split())


def _strip_org(role: str, org: str) -> str:
    if role.endswith(org) and len(role) > len(org) + 1:
        return role[: -len(org)].rstrip(" ,(")
    return role


def _status(text: str) -> str:
    if trigger_regex("ended").search(text):
        return "ended"
    if trigger_regex("proposed").search(text) and not trigger_regex("signed").search(text):
        return "proposed"
    return "active"


def _list_after(st, pos: int, orgs: dict[int, str]) -> list[str]:
    """Bodies listed from token ``pos``: "A, B dan C"."""
    out, k = [], pos
    toks = st.toks
    while k < len(toks):
        if k in orgs:
            out.append(orgs[k])
            m = next(m for m in st.mentions + st.titles if m.i == k and m.ent == orgs[k])
            k = m.j
            continue
        if toks[k].low in (",", "dan", "and", "serta", "&", "dengan", "with", "the", "pihak"):
            k += 1
            continue
        break
    return out


def _partner_candidates(r: _Rels, st, signed: bool) -> list[str]:
    in_titles = set()
    for p in st.positions:
        for m in p.orgs:
            in_titles.add(m.ent)
    starts = {}
    for m in sorted(st.mentions + st.titles, key=lambda m: m.i):
        if m.ent and r.type_of(m.ent) in ORG and (signed or m.ent not in in_titles or m.source != "title"):
            starts.setdefault(m.i, m.ent)
    low = [t.low for t in st.toks]
    for cue in ("antara", "between"):
        if cue in low:
            lst = _list_after(st, low.index(cue) + 1, starts)
            if len(lst) >= 2:
                return list(dict.fromkeys(lst))
            if len(lst) == 1:
                before = [e for i, e in sorted(starts.items()) if i < low.index(cue)]
                return list(dict.fromkeys(before[:1] + lst))
    for cue in ("dengan", "with", "menggandeng", "gandeng", "bersama"):
        if cue in low:
            k = low.index(cue) + 1
            lst = _list_after(st, k, starts)
            before = [e for i, e in sorted(starts.items()) if i < k - 1]
            if lst and before:
                return list(dict.fromkeys(before[:1] + lst))
    return list(dict.fromkeys(e for _, e in sorted(starts.items())))


def _partnerships(r: _Rels, sents: list) -> None:
    pending: tuple[int, str | None] | None = None  # (sentence index, hub or None)
    for n, st in enumerate(sents):
        trig = trigger_regex("partnership").search(st.text)
        joint = coord.joint_subject(st, r.type_of, ORG)
        for i, a in enumerate(joint):
            for b in joint[i + 1 :]:
                r.add("partnersWith", a, b, st.text, 0.6, status=_status(st.text))
        if not trig and not pending:
            continue
        signed = bool(trigger_regex("signed").search(st.text))
        orgs = [o for o in _partner_candidates(r, st, signed)]
        orgs = [o for o in orgs if _parent(r.reg, o) not in orgs]  # a unit with its parent
        status = _status(st.text) if trig else "active"
        if (
            pending
            and n - pending[0] <= 4
            and len(orgs) >= 3
            and (not trig or pending[1] and pending[1] not in orgs)
        ):
            hub = pending[1]
            for a in orgs:
                if hub:
                    r.add("partnersWith", hub, a, st.text, 0.5, status="active")
                else:
                    for b in orgs:
                        if a < b:
                            r.add("partnersWith", a, b, st.text, 0.4, status="active")
            pending = None
            continue
        if not trig:
            continue
        if len(orgs) <= 1:
            if orgs or not pending or pending[1] is None or n - pending[0] > 4:
                mutual = trigger_regex("mutual").search(st.text)
                pending = (n, orgs[0] if orgs and not mutual else None)
            if len(orgs) == 1 and both(st.text) is None:
                continue
        if 2 <= len(orgs) <= 5:
            for i, a in enumerate(orgs):
                for b in orgs[i + 1 :]:
                    r.add("partnersWith", a, b, st.text, 0.6, status=status)
        elif len(orgs) > 5:
            for b in orgs[1:]:
                r.add("partnersWith", orgs[0], b, st.text, 0.5, status=status)


def _runs(r: _Rels, sents: list, main: str | None) -> None:
    prev = main
    seen: list[str] = []  # bodies in order of mention
    for st in sents:
        typ = anaphora.anaphor_type(st.text) if st.text[:1].isupper() else None
        ref = next((k for k in reversed(seen) if r.type_of(k) == typ), None) if typ else None
        fallback = ref or prev
        ms = owners.org_mentions(st, r.type_of)
        for p in (m for m in st.mentions if m.type == "Program" and m.ent):
            for o in owners.owners(st, p, r.type_of, fallback, ms):
                r.add("runs", o, p.ent, st.text, 0.5, **({"role": p.role} if p.role else {}))
        prev = owners.subject(st, r.type_of, ms) or ref or prev
        seen += [k for k in _orgs(st) if r.type_of(k) in ORG]


def _head_of_state(role: str) -> bool:
    low = role.lower()
    return low.startswith(
        ("presiden", "president", "wakil presiden", "vice president", "prime minister", "perdana")
    )


def _main_org(reg: Registry) -> str | None:
    best, score = None, -1
    for k in reg.order:
        e = reg.ents[k]
        if e["type"] in ORG and e["count"] > score:
            best, score = k, e["count"]
    return best
