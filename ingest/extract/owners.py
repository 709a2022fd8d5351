"""Who runs a program: its grammatical owner, not every body in the sentence.

- "Program Kementerian Sosial diantaranya X, Y": the body right after "program";
- "BAZNAS bersama Dinas Sosial melalui Panti X melakukan Y": the subject group, i.e. the
  first body before the program and the bodies joined to it by "dan/bersama/melalui/with";
- "Y dilaksanakan oleh Yayasan Z": the body after "oleh/by";
- otherwise the subject of the last sentence that named a body, or the article's main body.
"""

from __future__ import annotations

import re

ORG = ("GovernmentBody", "IntergovernmentalOrganization", "NonProfit", "Company")
_JOIN = re.compile(
    r"^[\s,()]*(?:[a-z]+\s+)?(?:(?:yang\s+)?(?:di\w+\s+)?(?:dan|and|serta|&|bersama(?:-sama)?(?:\s+dengan)?|"
    r"(?:together\s+)?with|melalui|through|via|lewat)[\s,()]*)+(?:the\s+)?$",
    re.I,
)
_BY = re.compile(r"(?:^|\s)(?:oleh|by|dari|from)\s+(?:the\s+)?$", re.I)
_PROGRAM_WORD = frozenset({"program", "programs", "programme", "programmes", "program-program"})


def org_mentions(st, type_of) -> list:
    """The body mentions of sentence ``st`` in order (the longest first at one token)."""
    ms = [m for m in st.mentions + st.titles + getattr(st, "implied", []) if m.ent and m.j > m.i]
    return sorted((m for m in ms if type_of(m.ent) in ORG), key=lambda m: (m.i, -m.j))


def subject(st, type_of, ms: list | None = None) -> str | None:
    ms = org_mentions(st, type_of) if ms is None else ms
    return ms[0].ent if ms else None


def owners(st, p, type_of, fallback: str | None, ms: list | None = None) -> list[str]:
    """Entity keys of the bodies that run program mention ``p`` of sentence ``st`` (``ms``:
    its :func:`org_mentions`)."""
    toks, text = st.toks, st.text
    ms = org_mentions(st, type_of) if ms is None else ms
    for m in ms:  # "Program Kementerian Sosial diantaranya ..."
        if (
            0 < m.i <= p.i
            and toks[m.i - 1].low in _PROGRAM_WORD
            and "." not in text[toks[m.j - 1].end : toks[p.i].start]
        ):
            return [m.ent]
    for m in ms:  # "Atensi merupakan program Dirjen Rehabilitasi Sosial"
        if (
            m.i > p.j
            and m.i - p.j <= 4
            and toks[m.i - 1].low in _PROGRAM_WORD
            and not any(t.text in ",.;" for t in toks[p.j : m.i])
        ):
            return [m.ent]
    before = [m for m in ms if m.j <= p.i]
    if before:
        group = [before[0]]
        for m in before[1:]:
            if m.i < group[-1].j:
                continue
            gap = text[toks[group[-1].j - 1].end : toks[m.i].start]
            if _JOIN.match(gap):
                group.append(m)
            else:
                break
        return list(dict.fromkeys(m.ent for m in group))
    for m in ms:
        if m.i >= p.j and _BY.search(text[max(0, toks[m.i].start - 12) : toks[m.i].start]):
            return [m.ent]
    return [fallback] if fallback else []
