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
    """One token: ``text`` (and ``low``, its lower case), character offsets, whether it is a
    word and whether it is capitalised (or a number: parts of names). A plain slotted class:
    built per token."""

    __slots__ = ("text", "low", "start", "end", "is_word", "cap")

    def __init__(self, text: str, start: int, end: int, is_word: bool = False, cap: bool = False):
        self.text, self.start, self.end, self.is_word, self.cap = text, start, end, is_word, cap
        self.low = text.lower()

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"

    @property
    def upper(self) -> bool:
        return self.text.isupper() and len(self.text) >= 2


def _kind(w: str) -> tuple[bool, bool]:
    c = w[0]
    return c.isalnum() or c == "_", c.isupper() or c.isdigit()


_Piece = tuple[str, str, int, int, bool, bool]  # text, low, start and end in its chunk, is_word, cap
_CHUNKS: dict[str, tuple[_Piece, ...]] = {}  # "Kemensos," -> its tokens: chunks recur in text


def _chunk(c: str) -> tuple[_Piece, ...]:
    pieces = tuple(
        (m.group(), m.group().lower(), m.start(), m.end(), *_kind(m.group())) for m in _TOKEN.finditer(c)
    )
    if len(_CHUNKS) < 50_000:  # about 20 MB at most
        _CHUNKS[c] = pieces
    return pieces


def tokenize(text: str) -> list[Token]:
    # The hot path of the extractor: text split at single spaces into chunks whose tokens
    # are cached; tokens are built without calling __init__.
    if not text.isprintable() or "  " in text or text[:1] == " " or text[-1:] == " ":
        return _tokenize_slow(text)  # other white space than single spaces between chunks
    out: list[Token] = []
    append, new, chunks, pos = out.append, object.__new__, _CHUNKS, 0
    for c in text.split(" "):
        for w, low, s, e, is_word, cap in chunks.get(c) or _chunk(c):
            t = new(Token)
            t.text, t.low, t.start, t.end, t.is_word, t.cap = w, low, pos + s, pos + e, is_word, cap
            append(t)
        pos += len(c) + 1
    return out


def _tokenize_slow(text: str) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        w = m.group()
        t = object.__new__(Token)
        t.text, t.low, t.start, t.end, (t.is_word, t.cap) = w, w.lower(), m.start(), m.end(), _kind(w)
        out.append(t)
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
