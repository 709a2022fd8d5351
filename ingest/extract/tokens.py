"""Tokens of a sentence with offsets, and helpers on them.

>>> [t.text for t in tokenize("Kemensos (RI), Hak-Hak Anak")]
['Kemensos', '(', 'RI', ')', ',', 'Hak', '-', 'Hak', 'Anak']
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKEN = re.compile(r"\w+(?:['’]\w+)?|[^\w\s]")


class Token:
    """One token: ``text``, character offsets, whether it is a word and whether it is
    capitalised (or a number: parts of names). A plain slotted class: built per token."""

    __slots__ = ("text", "start", "end", "is_word", "cap")

    def __init__(self, text: str, start: int, end: int, is_word: bool = False, cap: bool = False):
        self.text, self.start, self.end, self.is_word, self.cap = text, start, end, is_word, cap

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"

    @property
    def upper(self) -> bool:
        return self.text.isupper() and len(self.text) >= 2


@lru_cache(maxsize=65536)
def _kind(w: str) -> tuple[bool, bool]:
    c = w[0]
    return c.isalnum() or c == "_", c.isupper() or c.isdigit()


_KINDS: dict[str, tuple[bool, bool]] = {}


def tokenize(text: str) -> list[Token]:
    # Tokens are built without calling __init__ (the hot path of the extractor).
    out: list[Token] = []
    append, new, kinds = out.append, object.__new__, _KINDS
    for m in _TOKEN.finditer(text):
        w = m.group()
        k = kinds.get(w)
        if k is None:
            k = _kind(w)
            if len(kinds) < 200_000:
                kinds[w] = k
        t = new(Token)
        t.text, t.start, t.end, (t.is_word, t.cap) = w, (s := m.start()), s + len(w), k
        append(t)
    return out


@lru_cache(maxsize=65536)
def fold_token(text: str) -> str:
    s = unicodedata.normalize("NFKD", text)
    return (
        "".join(c for c in s if not unicodedata.combining(c)).casefold().replace("’", "'").replace("'", " ")
    )


def span_text(sentence: str, toks: list[Token], i: int, j: int) -> str:
    """The sentence text covered by tokens ``i`` .. ``j-1``."""
    return sentence[toks[i].start : toks[j - 1].end]
