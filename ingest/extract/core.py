"""The extractor: sentences -> mentions -> entities -> relations, for one document."""

from __future__ import annotations

import re

from ingest.extract import (
    activities,
    coord,
    gazetteer,
    implied,
    located,
    matcher,
    orgs,
    persons,
    places,
    programs,
    relations,
    vocab,
)
from ingest.extract.lexicon import fold
from ingest.extract.model import Mention
from ingest.extract.registry import Registry
from ingest.extract.text import Sentence, detect_language, parse_header, sentences
from ingest.extract.tokens import Token, tokenize
from kg.claims import Document, Extraction

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&\-]{1,12}$")


class Sent:
    """A sentence with its tokens, dictionary matches and what the passes find in it."""

    __slots__ = ("s", "text", "toks", "matches", "mentions", "titles", "positions", "implied", "inner_pairs")

    def __init__(self, s: Sentence, toks: list[Token], matches: list[matcher.Match]):
        self.s, self.text, self.toks, self.matches = s, s.text, toks, matches
        self.mentions: list[Mention] = []  # bodies, places, programs, commitments, persons
        self.titles: list[Mention] = []  # titles implying a body
        self.positions: list[persons.Position] = []
        self.implied: list[Mention] = []  # bodies implied by regional posts
        self.inner_pairs: list[tuple[Mention, Mention]] = []  # local body, its place


_RANK = {"gaz": 0, "pattern": 1, "acronym": 2}


def _select(cands: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: longest first, gazetteer before pattern on ties."""
    if len(cands) < 2:
        return list(cands)
    chosen: list[Mention] = []
    rank = _RANK.get
    for m in sorted(cands, key=lambda m: (m.i - m.j, rank(m.source, 3), m.i)):
        s, i, j = m.sent, m.i, m.j
        if not any(c.sent == s and i < c.j and c.i < j for c in chosen):  # Mention.overlaps
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.i)


def _extend_with_place(st: Sent, mentions: list[Mention]) -> list[Mention]:
    """'PMI Natuna', 'BAZNAS Provinsi Jawa Tengah', 'Kemensos RI': a body followed by a place."""
    by_start = {m.i: m for m in mentions}
    out, skip = [], set()
    toks = st.toks
    for m in mentions:
        if id(m) in skip:
            continue
        if m.type not in ("Place", "Person", "Program", "Commitment") and m.source in ("gaz", "acronym"):
            j = m.j
            regional = j < len(toks) and toks[j].text in vocab.place_prefix()
            k = j + 1 if regional else j
            nxt = by_start.get(k)
            if regional and (nxt is None or nxt.type != "Place"):
                nxt = by_start.get(j)  # "Provinsi Jawa Tengah" taken as one place
            if nxt is not None and nxt.type == "Place" and nxt.sent == m.sent:
                surface = st.text[toks[m.i].start : toks[nxt.j - 1].end]
                if nxt.gaz == "place-id" or not regional and nxt.surface in ("RI", "Indonesia"):
                    m.aliases.append(surface)
                    m.j = nxt.j
                    skip.add(id(nxt))
                    out.append(m)
                    continue
                if regional:
                    out.append(
                        Mention(
                            m.sent,
                            m.i,
                            nxt.j,
                            m.type,
                            surface,
                            source="pattern",
                            aliases=[surface.replace(toks[j].text + " ", "", 1)],
                        )
                    )
                    out[-1].role = m.gaz  # parent
                else:
                    m.aliases.append(surface)
                    m.j = nxt.j
                    out.append(m)
                skip.add(id(nxt))
                continue
        out.append(m)
    return [m for m in out if id(m) not in skip]


def _pattern_orgs(st: Sent) -> list[Mention]:
    """Head-word bodies, without those that are part of a title ("Menteri Koordinator Bidang X")
    and without a person's name run into them ("Ketua Komisi VIII DPR RI Abdul Wachid")."""
    out = []
    inside = {k for t in st.titles for k in range(t.i + 1, t.j)}
    title_ends = {t.j for t in st.titles}
    places = {k for m in st.matches if m.key.kind == "place" for k in range(m.i, m.j)}
    known = {(m.i, m.j) for m in st.matches if m.key.kind == "program"}
    for m in orgs.pattern_orgs(st.s.index, st.text, st.toks):
        if m.i in inside or (m.i, m.j) in known or fold(m.surface) in vocab.generic_bodies():
            continue  # "Gerakan Bersama Pencegahan Perkawinan Anak": a known program, not a body
        if m.i > 0 and st.toks[m.i - 1].low in programs.activity_heads():
            continue  # "Pemberdayaan Komunitas Adat Terpencil": a program, not a body
        if st.toks[m.i].text == "Bidang" and (m.i == 0 or st.toks[m.i - 1].text not in _UNIT_TITLES):
            continue  # "Staf Ahli Bidang X", "Menteri PPPA Bidang X": a portfolio, not a unit
        if orgs.after_title(st.toks, m.i, title_ends):
            j = orgs.trim_person_tail(m, st.toks, st.text, places)
            if j < m.j:
                m.j = j
                m.surface = st.text[st.toks[m.i].start : st.toks[j - 1].end]
                m.aliases = [a for a in m.aliases if a in m.surface]
        out += coord.split(m, st.text, st.toks, st.matches, gazetteer.by_id())
    return out


def _implied_bodies(st: Sent) -> list[Mention]:
    """Local governments implied by regional posts without a named body ("Bupati Wajo")."""
    out = []
    for p in st.positions:
        if any(m.type in _ORG_TYPES for m in p.orgs + p.after):
            continue
        body = implied.regional_body(p.role)
        if body:
            m = Mention(
                st.s.index, p.start, p.start, "GovernmentBody", body[0], source="implied", aliases=body[1]
            )
            p.orgs.append(m)
            out.append(m)
    return out


_UNIT_TITLES = frozenset({"Kepala", "Kabid", "Ketua", "Sekretaris", "Wakil"})
_ORG_TYPES = frozenset({"GovernmentBody", "IntergovernmentalOrganization", "NonProfit", "Company"})


class Analysis:
    """What the rules read in one document: the extraction and the sentences behind it
    (tokens, dictionary matches, mentions with their entity keys), for learned components."""

    __slots__ = ("ex", "sents", "reg", "ids", "lang", "entities")

    def __init__(self, ex: Extraction, sents: list[Sent], reg: Registry, ids: dict[str, str], lang: str):
        self.ex, self.sents, self.reg, self.ids, self.lang = ex, sents, reg, ids, lang
        self.entities = list(ex.entities)  # all the rules' entities (before unlinked places go)

    def entity_id(self, m: Mention) -> str | None:
        """The extraction's entity id of a registered mention (after in-document merges)."""
        return self.ids.get(self.reg.resolve(m.ent) or "")


def extract(doc: Document) -> Extraction:
    """Entities and relations stated in one article (deterministic, offline)."""
    return analyse(doc).ex


def analyse(doc: Document) -> Analysis:
    """:func:`extract`, keeping the sentences and mentions the rules worked on."""
    text = doc.text
    if text.lstrip().startswith(("url:", "title:")) and "\n---" in text:
        meta, text = parse_header(text)
        doc.lang = doc.lang or meta.get("lang")
    lang = doc.lang if doc.lang in ("id", "en") else detect_language(text)
    ex = Extraction(doc=doc)
    sents = [Sent(s, (tk := tokenize(s.text)), matcher.find(s.text, tk)) for s in sentences(text)]
    # pass 1: bodies by gazetteer and patterns; acronyms defined in parentheses
    acronyms: dict[str, Mention] = {}
    for st in sents:
        cands = orgs.gaz_mentions(st.s.index, st.matches)
        st.titles = [m for m in cands if m.source == "title"]
        st.titles = [  # "Menteri Pekerjaan Umum" inside "Menteri Pekerjaan Umum dan Perumahan Rakyat"
            t
            for t in st.titles
            if not any(o is not t and o.i <= t.i and t.j <= o.j and o.length > t.length for o in st.titles)
        ]
        cands = [m for m in cands if m.source != "title"] + _pattern_orgs(st)
        pp = places.place_patterns(st.s.index, st.text, st.toks, st.matches)
        at = {m.i for m in pp if places.after_at(st.toks, m.i)}
        cands = [m for m in cands if not (m.source == "pattern" and m.i in at)] + pp
        st.mentions = _select(cands)
        for m in st.mentions:
            if m.type != "Place":
                for a in m.aliases:
                    if _ACRONYM.match(a) and not gazetteer.lookup(a):
                        acronyms.setdefault(a, m)
    # pass 2: defined acronyms used alone; bodies followed by places
    for st in sents:
        extra = []
        for k, t in enumerate(st.toks) if acronyms else ():
            if t.text in acronyms and not any(m.i <= k < m.j for m in st.mentions):
                d = acronyms[t.text]
                extra.append(
                    Mention(st.s.index, k, k + 1, d.type, t.text, source="acronym", aliases=[d.surface])
                )
        st.mentions = _extend_with_place(st, _select(st.mentions + extra))
        # "Ketua BAZNAS" inside "Ketua BAZNAS Provinsi Jawa Tengah": the longer body wins
        st.titles = [
            t
            for t in st.titles
            if not any(m.overlaps(t) and m.j > t.j and m.type != "Place" for m in st.mentions)
        ]
    # persons and positions, programs and commitments
    for st in sents:
        found, st.positions = persons.find_positions(st.s.index, st.text, st.toks, st.mentions + st.titles)
        st.implied = _implied_bodies(st)
        taken = {k for m in st.mentions + found for k in range(m.i, m.j)}
        comm = programs.commitments(st.s.index, st.text, st.toks, taken)
        taken |= {k for m in comm for k in range(m.i, m.j)}
        progs = programs.programs(st.s.index, st.text, st.toks, st.matches, taken)
        if "berupa" in st.text or "dalam bentuk" in st.text:
            progs += activities.aid_in_kind(st.s.index, st.text, st.toks, taken)
        progs += activities.program_list(
            st.s.index, st.text, st.toks, taken | {k for m in progs for k in range(m.i, m.j)}
        )
        progs += activities.cued_programs(
            st.s.index,
            st.text,
            st.toks,
            taken | {k for m in progs for k in range(m.i, m.j)},
            frozenset(m.j for m in st.mentions + st.titles if m.type in _ORG_TYPES),
        )
        st.mentions = _select([m for m in st.mentions] + found + comm + progs)
        st.mentions = activities.merge_alternatives(st.text, st.toks, st.mentions)
    reg = Registry(lang)
    for st in sents:
        st.inner_pairs = located.inner_places(st, st.matches)
        for m in st.mentions + st.titles + st.implied + [p for _, p in st.inner_pairs]:
            reg.add(m, st.text)
    reg.coreference()
    ids = reg.write(ex)
    relations.add_relations(ex, reg, ids, sents, lang)
    an = Analysis(ex, sents, reg, ids, lang)
    _prune_places(ex)
    doc.lang = doc.lang or lang
    return an


def _prune_places(ex: Extraction) -> None:
    """Places count only when a relation links them (not venues or datelines)."""
    linked = {r.source for r in ex.relations} | {r.target for r in ex.relations}
    ex.entities = [e for e in ex.entities if e.type != "Place" or e.id in linked]
