"""Activity programs named after a run cue: "BAZNAS mendistribusikan 1.500 paket bantuan
kebutuhan pokok", "WFP membantu melalui bantuan makanan langsung, transfer berbasis uang
tunai", "distributes 250 packages of basic food assistance". The phrase opens with an
activity noun (``activity_heads``), has at least two words and ends at a stop word or
punctuation; a list of such phrases after the cue gives one program each."""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.extract.lexicon import load
from ingest.extract.model import Mention
from ingest.extract.programs import _lex as _plex
from ingest.extract.tokens import Token, span_text


@lru_cache(maxsize=1)
def _lex() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    d = load("programs.yaml")
    return (
        frozenset(str(x).lower() for x in d["run_cues"]),
        frozenset(str(x).lower() for x in d["quantity_words"]),
        frozenset(str(x).lower() for x in d["activity_heads"]),
        frozenset(str(x).lower() for x in d["phrase_stops"]),
    )


def _quantity(t: Token, qty: frozenset[str]) -> bool:
    return t.low in qty or t.text[:1].isdigit() or t.text in ".,"


def _phrase_end(toks: list[Token], j: int, stops: frozenset[str], limit: int = 5) -> int:
    k = j
    while k < len(toks) and k - j < limit:
        t = toks[k]
        if not t.is_word and t.text != "-":
            break
        low = t.low
        if low in stops or low in ("dan", "and") or low[:1].isdigit() or k > j and t.text[:1].isupper():
            break
        k += 1
    while k > j and toks[k - 1].text == "-":
        k -= 1
    return k


@lru_cache(maxsize=1)
def _scope() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    d = load("programs.yaml")
    return tuple(
        frozenset(str(x).lower() for x in d[k]) for k in ("scope_cues", "scope_fillers", "scope_heads")
    )


def _scoped(
    s: int, sentence: str, toks: list[Token], k: int, taken: set[int], org_ends: frozenset[int]
) -> Mention | None:
    """ "BAZNAS aktif dalam (upaya) penanganan bencana": a program phrase after a scope cue at
    ``k``, when a body is named shortly before the cue (its subject), not a vague aim."""
    _, fillers, heads = _scope()
    if not any(k - 8 <= e <= k for e in org_ends) or any(t.text in ".;:" for t in toks[max(0, k - 8) : k]):
        return None
    j = k + 1
    while j < len(toks) and j - k <= 2 and toks[j].low in fillers:
        j += 1
    if j >= len(toks) or toks[j].low not in heads or j in taken:
        return None
    end = _phrase_end(toks, j, _lex()[3])
    if end - j < 2 or any(x in taken for x in range(j, end)):
        return None
    return Mention(s, j, end, "Program", span_text(sentence, toks, j, end), source="program")


def cued_programs(
    s: int, sentence: str, toks: list[Token], taken: set[int], org_ends: frozenset[int] = frozenset()
) -> list[Mention]:
    cues, qty, heads, stops = _lex()
    scope_cues, _, scope_heads = _scope()
    if org_ends:
        low_s = sentence.lower()
        if not any(h in low_s for h in scope_heads):
            scope_cues = frozenset()
    else:
        scope_cues = frozenset()
    out: list[Mention] = []
    n = len(toks)
    keys = cues | scope_cues if scope_cues else cues
    k = 0
    for c in [c for c, t in enumerate(toks) if t.low in keys]:  # only cue words start a rule
        if c < k:
            continue
        k = c
        low = toks[k].low
        if low in scope_cues:
            m = _scoped(s, sentence, toks, k, taken, org_ends)
            if m:
                out.append(m)
                k = m.j
                continue
        if low not in cues:
            k += 1
            continue
        j = k + 1
        while j < n and j - k <= 5 and _quantity(toks[j], qty) and toks[j].low not in heads:
            j += 1
        while j < n and toks[j].low in heads and j not in taken:
            end = _phrase_end(toks, j, stops)
            if end - j < 2 or any(x in taken for x in range(j, end)):
                break
            out.append(Mention(s, j, end, "Program", span_text(sentence, toks, j, end), source="program"))
            j = end
            if j < n and toks[j].text in (",",):
                j += 1
            if j < n and toks[j].low in ("dan", "serta", "and"):
                j += 1
                if j < n and toks[j].low in ("juga", "also"):
                    j += 1
        k = max(j, k + 1)
    return out


@lru_cache(maxsize=1)
def _aid() -> tuple[frozenset[str], frozenset[str], re.Pattern[str]]:
    d = load("programs.yaml")
    links = "|".join(re.escape(str(x)).replace(r"\ ", r"\s+") for x in d["aid_links"])
    return (
        frozenset(str(x).lower() for x in d["aid_cues"]),
        frozenset(str(x).lower() for x in d["aid_words"]),
        re.compile(r"^\s+(?:[a-z]+\s+){0,2}?(?:" + links + r")\s+", re.I),
    )


def aid_in_kind(s: int, sentence: str, toks: list[Token], taken: set[int]) -> list[Mention]:
    """ "memberikan bantuan kemanusiaan berupa rumah 3.000 unit bagi warga": the aid given."""
    cues, words, link = _aid()
    stops = _lex()[3]
    out = []
    for k in range(1, len(toks) - 2):
        if toks[k].low not in words or toks[k - 1].low not in cues or k in taken:
            continue
        m = link.match(sentence[toks[k].end :])
        if not m:
            continue
        pos = toks[k].end + m.end()
        j = next((x for x in range(k + 1, len(toks)) if toks[x].start >= pos), len(toks))
        end = j
        while end < len(toks) and end - j < 8:
            t = toks[end]
            dot_in_number = t.text in ".," and 0 < end < len(toks) - 1 and toks[end + 1].text[:1].isdigit()
            upper = end > j and t.text[:1].isupper()
            if not (t.is_word or dot_in_number) or t.low in stops or upper:
                break
            end += 1
        if end > j and not any(x in taken for x in range(k, end)):
            m = Mention(s, k, end, "Program", span_text(sentence, toks, k, end), source="program")
            m.role = "funder"  # the giver pays for the aid
            out.append(m)
    return out


_ALT = re.compile(
    r"^\s*['’]?\s*(?:\(\s*([A-Z][A-Za-z0-9-]{1,12})\s*\))?\s*,?\s*"
    r"(?:atau|or|alias|disebut juga|also known as|yang dikenal dengan|known as)?\s*$"
)


def merge_alternatives(sentence: str, toks: list[Token], mentions: list[Mention]) -> list[Mention]:
    """ "program X (ACR) atau Program Y", "perbaikan rumah tidak layak huni atau bedah rumah":
    one program under several names; the later mention becomes an alias of the first."""
    progs = sorted((m for m in mentions if m.type in ("Program", "Commitment")), key=lambda m: m.i)
    drop = set()
    for a, b in zip(progs, progs[1:], strict=False):
        if id(a) in drop or a.type != b.type:
            continue
        gap = sentence[toks[a.j - 1].end : toks[b.i].start]
        m = _ALT.match(gap)
        if m and (m.group(1) or gap.strip(" ,'’")):
            a.aliases += [b.surface, *b.aliases] + ([m.group(1)] if m.group(1) else [])
            drop.add(id(b))
    return [m for m in mentions if id(m) not in drop]


def program_list(s: int, sentence: str, toks: list[Token], taken: set[int]) -> list[Mention]:
    """Items of a list introduced by "program ... diantaranya/yaitu/meliputi" or "focuses on"."""
    low = sentence.lower()
    lx = _plex()
    if "program" not in low and "berfokus" not in low and "focus" not in low:
        return []
    pos = -1
    for cue in lx["cues"]:
        p = low.find(" " + cue + " ")
        if p >= 0 and (pos < 0 or p < pos):
            pos = p + len(cue) + 2
    if pos < 0:
        return []
    k = next((n for n, t in enumerate(toks) if t.start >= pos), len(toks))
    out = []
    while k < len(toks):
        while k < len(toks) and (
            not toks[k].is_word or toks[k].low in ("dan", "and", "serta", "the", "terkait", "pada")
        ):
            if toks[k].text in ".;:":
                return out
            k += 1
        if k >= len(toks):
            break
        end = _item_end(toks, k)
        if end > k and not any(x in taken for x in range(k, end)):
            text = span_text(sentence, toks, k, end)
            if text.lower().split()[0] in lx["activity"] and text.lower() not in ("lainnya",):
                out.append(Mention(s, k, end, "Program", text, source="program"))
        k = max(end, k + 1)
        if k < len(toks) and toks[k].text in ".;":
            break
    return out


def _item_end(toks: list[Token], k: int) -> int:
    j = k
    while j < len(toks) and j - k < 10:
        t = toks[j]
        if t.text in ",.;:":
            break
        if (
            t.low in ("dan", "and", "serta")
            and j > k + 1  # "perlindungan dan jaminan sosial": one item
            and j + 1 < len(toks)
            and (toks[j + 1].low in _plex()["activity"] or toks[j + 1].low in ("lainnya", "others"))
        ):
            break
        j += 1
    return j
