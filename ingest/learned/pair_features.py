"""Features of a candidate pair of entities, from the sentences that mention both.

For each sentence: the type pair, order, distance, the words and trigger lists between the
two mentions (``ingest/lexicons/triggers.yaml``), the words around them and their lexicon
classes (post titles, honorifics, organization heads: ``ingest/lexicons/``), whether the pair
stands in a list, an apposition or parentheses, and how many other bodies come between.
Features of all the sentences of the pair are pooled (a set); the rules' own relations
between the two entities are added by the caller.

>>> from ingest.extract.tokens import tokenize
>>> toks = tokenize("Kemensos bekerja sama dengan Yayasan Pundi Rakyat.")
>>> f = sentence_pair_features(toks, (0, 1), (4, 7), [], "Kemensos bekerja sama dengan Yayasan Pundi Rakyat.")
>>> "trig=partnership" in f, "bw=dengan" in f, "a<b" in f, "dist=3-5" in f
(True, True, True, True)
"""

from __future__ import annotations

from functools import lru_cache

from ingest.extract.lexicon import triggers_in
from ingest.extract.tokens import Token
from ingest.learned.token_features import _word_lexicon

_COORD = frozenset({",", "dan", "and", "serta", "&", "atau", "or"})
_LINKS = frozenset(
    {"of", "dari", "pada", "di", "in", "at", "for", "untuk", "kepada", "to", "from", "oleh", "by"}
)


_CLASSES = ("poshead", "honor", "role_en", "head=", "unit", "placepre")


@lru_cache(maxsize=65536)
def _classes(word: str) -> tuple[str, ...]:
    """The lexicon classes of a word that tell relations apart (a post title, an honorific...)."""
    return tuple(c for c in _word_lexicon().get(word.rstrip("."), ()) if c.startswith(_CLASSES))


def _bucket(n: int) -> str:
    for hi, name in ((0, "0"), (1, "1"), (2, "2"), (5, "3-5"), (10, "6-10"), (20, "11-20")):
        if n <= hi:
            return name
    return ">20"


def sentence_pair_features(
    toks: list[Token],
    a: tuple[int, int],
    b: tuple[int, int],
    others: list[tuple[int, int, str]],
    text: str,
) -> set[str]:
    """Features of mentions ``a`` and ``b`` (token spans) of one sentence; ``others`` are the
    other mentions of the sentence ``(i, j, type)``."""
    first, second = (a, b) if a[0] <= b[0] else (b, a)
    f = {"a<b" if first is a else "b<a"}
    lo, hi = first[1], second[0]
    dist = max(0, hi - lo)
    f.add("dist=" + _bucket(dist))
    between = toks[lo:hi] if hi > lo else []
    words = [t.low for t in between]
    if dist <= 10:
        f.update("bw=" + w for w in words if w not in _COORD)
        f.update("bwc=" + c for w in words for c in _classes(w))
    if dist <= 3:
        f.add("bseq=" + "_".join(words))
    if words and all(w in _COORD for w in words):
        f.add("coord_only")
    if any(w in _COORD for w in words):
        f.add("has_coord")
    if "(" in words:
        f.add("paren")
    if words[:1] == [","]:
        f.add("comma_first")
    if any(w in _LINKS for w in words[-2:]):
        f.add("link_before_second")
    if first[1] == second[0]:
        f.add("adjacent")
    if between:
        seg = text[between[0].start : between[-1].end]
        f.update("trig=" + k for k in triggers_in(seg))
    left = text[toks[max(0, first[0] - 4)].start : toks[first[0]].start] if first[0] > 0 else ""
    if left:
        f.update("ltrig=" + k for k in triggers_in(left))
    f.update("strig=" + k for k in triggers_in(text))
    for d in (1, 2):
        if first[0] - d >= 0:
            w = toks[first[0] - d].low
            f.add(f"L{d}={w}")
            f.update(f"L{d}c={c}" for c in _classes(w))
        if second[1] + d - 1 < len(toks):
            w = toks[second[1] + d - 1].low
            f.add(f"R{d}={w}")
            f.update(f"R{d}c={c}" for c in _classes(w))
    if second[0] - 1 > first[1] and second[0] - 1 >= 0:  # the word just before the second mention
        f.update("B1c=" + c for c in _classes(toks[second[0] - 1].low))
    inside = [o for o in others if lo <= o[0] and o[1] <= hi]
    f.add("nbetween=" + _bucket(len(inside))[:2])
    f.update("between_type=" + o[2] for o in inside)
    f.add("nsent_ents=" + _bucket(len(others) + 2))
    return f
