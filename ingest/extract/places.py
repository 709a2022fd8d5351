"""Place mentions by pattern: "Kabupaten X", "Kota X", "Kecamatan X dan Y", "Desa X".

A known place right after the prefix ends the name ("Kabupaten Balangan Tohalus": the
place is Kabupaten Balangan); otherwise the name runs over capitalised name words and a
compass word. "Kecamatan Pitumpanua dan Keera" names two places, the prefix shared.
"""

from __future__ import annotations

from ingest.extract import persons, vocab
from ingest.extract.matcher import Match
from ingest.extract.model import Mention
from ingest.extract.tokens import Token

_COMPASS = frozenset({"Barat", "Timur", "Utara", "Selatan", "Tengah", "Daya", "Laut"})
_AND = frozenset({"dan", "serta", "and", ","})


def _name_end(toks: list[Token], j: int, known: dict[int, int]) -> int:
    if j in known:
        return known[j]
    k = j
    while k < len(toks) and (k - j < 3 and persons.name_token(toks[k]) or k > j and toks[k].text in _COMPASS):
        k += 1
    return k


def place_patterns(s: int, sentence: str, toks: list[Token], matches: list[Match]) -> list[Mention]:
    known: dict[int, int] = {}
    for m in matches:
        if m.key.kind == "place":
            known[m.i] = max(known.get(m.i, 0), m.j)
    prefixes = vocab.place_prefix()
    out = []
    n = len(toks)
    for k, t in [(k, t) for k, t in enumerate(toks) if t.text in prefixes]:
        if not t.text[:1].isupper():
            continue
        j = _name_end(toks, k + 1, known)
        if j <= k + 1:
            continue
        out.append(_mk(s, sentence, toks, k, k + 1, j))
        # "Kecamatan A dan B", "Kabupaten A, B dan C": the prefix is shared
        while j + 1 < n and toks[j].text in _AND and toks[j + 1].text not in prefixes:
            e = _name_end(toks, j + 1 if toks[j + 1].text not in _AND else j + 2, known)
            b = j + 1 if toks[j + 1].text not in _AND else j + 2
            if e <= b:
                break
            m = _mk(s, sentence, toks, b, b, e, prefix=t.text)
            out.append(m)
            j = e
    return out


def _mk(s: int, sentence: str, toks: list[Token], i: int, name_i: int, j: int, prefix: str = "") -> Mention:
    surface = sentence[toks[i].start : toks[j - 1].end]
    name = sentence[toks[name_i].start : toks[j - 1].end]
    aliases = [f"{prefix} {name}"] if prefix else [name]
    return Mention(s, i, j, "Place", surface, source="pattern", aliases=aliases)


def after_at(toks: list[Token], i: int) -> bool:
    """Whether token ``i`` follows "di/in/ke" (a place, not a body: "di Kecamatan X")."""
    return i > 0 and toks[i - 1].low in ("di", "in", "ke", "at")
