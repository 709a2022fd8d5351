"""Gold entities projected onto the tokens of a sentence: the tagger's training labels.

A gold file lists entities by name and aliases, not by offsets. A span of tokens is labelled
with an entity's type when its folded words equal one of the entity's folded forms (the
scorer's folding); the longest forms win and spans do not overlap.

>>> from ingest.extract.tokens import tokenize
>>> toks = tokenize("Kemensos dan Asian Philanthropy Circle (APC) bekerja sama.")
>>> ents = [{"id": "k", "type": "GovernmentBody", "name": "Kementerian Sosial", "aliases": ["Kemensos"]},
...         {"id": "a", "type": "NonProfit", "name": "Asian Philanthropy Circle", "aliases": ["APC"]}]
>>> [(i, j, t) for i, j, t, _ in align(toks, FormIndex(ents))]
[(0, 1, 'GovernmentBody'), (2, 5, 'NonProfit'), (6, 7, 'NonProfit')]
>>> bio(8, [(0, 1, "GovernmentBody", "k")])[:2]
['B-GovernmentBody', 'O']
"""

from __future__ import annotations

from collections.abc import Iterable

from ingest.extract.tokens import Token
from kg.claims import fold


class FormIndex:
    """Folded forms (as word tuples) of a document's gold entities -> (type, entity id)."""

    def __init__(self, entities: Iterable[dict]):
        self.forms: dict[tuple[str, ...], tuple[str, str]] = {}
        self.longest = 0
        for e in entities:
            for f in [e.get("name", ""), *(e.get("aliases") or [])]:
                words = tuple(fold(f).split())
                if words and words not in self.forms:
                    self.forms[words] = (e["type"], e["id"])
                    self.longest = max(self.longest, len(words))


def align(toks: list[Token], index: FormIndex) -> list[tuple[int, int, str, str]]:
    """Non-overlapping spans ``(i, j, type, gold id)`` of ``toks`` naming a gold entity."""
    words = [(k, fold(t.text)) for k, t in enumerate(toks)]
    words = [(k, w) for k, w in words if w]
    found = []
    n = len(words)
    for a in range(n):
        for length in range(min(index.longest, n - a), 0, -1):
            key = tuple(w for _, w in words[a : a + length])
            hit = index.forms.get(key)
            if hit:
                found.append((words[a][0], words[a + length - 1][0] + 1, *hit))
                break
    out, taken = [], set()
    for i, j, typ, gid in sorted(found, key=lambda s: (s[0] - s[1], s[0])):
        if not taken.intersection(range(i, j)):
            taken.update(range(i, j))
            out.append((i, j, typ, gid))
    return sorted(out)


def bio(n: int, spans: Iterable[tuple[int, int, str, str]]) -> list[str]:
    """BIO labels of ``n`` tokens for the given spans."""
    labels = ["O"] * n
    for i, j, typ, _ in spans:
        labels[i] = "B-" + typ
        for k in range(i + 1, j):
            labels[k] = "I-" + typ
    return labels


def spans_of(labels: list[str]) -> list[tuple[int, int, str]]:
    """Spans ``(i, j, type)`` of a BIO sequence (an I- without its B- opens a span).

    >>> spans_of(["B-Person", "I-Person", "O", "I-Place", "B-Place"])
    [(0, 2, 'Person'), (3, 4, 'Place'), (4, 5, 'Place')]
    """
    out, start, typ = [], None, None
    for k, lab in enumerate([*labels, "O"]):
        tag, _, t = lab.partition("-")
        if start is not None and (tag != "I" or t != typ):
            out.append((start, k, typ))
            start = None
        if tag == "B" or (tag == "I" and start is None):
            start, typ = k, t
    return out
