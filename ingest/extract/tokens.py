"""Tokens of a sentence with offsets, and helpers on them.

>>> [t.text for t in tokenize("Kemensos (RI), Hak-Hak Anak")]
['Kemensos', '(', 'RI', ')', ',', 'Hak', '-', 'Hak', 'Anak']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"\w+(?:['’]\w+)?|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    is_word: bool = False
    cap: bool = False  # capitalised word, roman numeral or number (parts of names)

    @property
    def upper(self) -> bool:
        return self.text.isupper() and len(self.text) >= 2


def tokenize(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        w = m.group(0)
        c = w[0]
        out.append(Token(w, m.start(), m.end(), c.isalnum() or c == "_", c.isupper() or c.isdigit()))
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
