"""Nominal anaphors: "Lembaga amal yang bermarkas di Singapura itu ...", "Yayasan tersebut ...",
"The foundation ..." stand for the last body of their type named before (``orgforms.yaml``
``anaphors``). Only a sentence opening with such a phrase is resolved.

>>> anaphor_type("Lembaga amal yang bermarkas di Singapura itu memiliki program")
'NonProfit'
>>> anaphor_type("The ministry said it will continue")
'GovernmentBody'
>>> anaphor_type("Yayasan Sayap Ibu menerima bantuan") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.extract.lexicon import load


@lru_cache(maxsize=1)
def _rx() -> list[tuple[re.Pattern[str], str]]:
    out = []
    for typ, words in load("orgforms.yaml")["anaphors"].items():
        alt = "|".join(re.escape(str(w)).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        # Indonesian: the noun, an optional relative clause, then itu/tersebut/ini
        rel = r"(?:\s+yang\s+[^,.;]{0,60}?)?"
        out.append((re.compile(r"^(?:" + alt + r")" + rel + r"\s+(?:itu|tersebut|ini)\b", re.I), typ))
        out.append((re.compile(r"^the\s+(?:" + alt + r")\b(?!\s+(?:of|for)\b)", re.I), typ))
    return out


@lru_cache(maxsize=1)
def _firsts() -> frozenset[str]:
    words = {str(w).split()[0].lower() for ws in load("orgforms.yaml")["anaphors"].values() for w in ws}
    return frozenset(words | {"the"})


def anaphor_type(sentence: str) -> str | None:
    """The body type a sentence-opening nominal anaphor refers to, or None."""
    s = sentence.lstrip('"“ ')
    if not s[:1].isalpha() or s[:1].islower() or s.split(None, 1)[0].lower() not in _firsts():
        return None
    for rx, typ in _rx():
        if rx.match(s):
            return typ
    return None
