"""Dictionary matching of known names (gazetteer bodies, titles implying a body, places,
known programs) over a sentence, with one Aho-Corasick automaton built once.

Keys are folded; acronyms must keep their capitals in the text, other names must start
with a capital.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from ingest.extract import gazetteer
from ingest.extract.lexicon import fold, load, split_line
from ingest.extract.tokens import Token, fold_token


@dataclass(frozen=True, slots=True)
class Key:
    kind: str  # org | title | place | program
    ref: str  # gazetteer id, or program name
    form: str  # the form as listed
    acronym: bool


@dataclass(slots=True)
class Match:
    i: int  # first token
    j: int  # one past last token
    key: Key
    surface: str


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    ups = sum(c.isupper() for c in letters)
    return len(form.split()) == 1 and (ups >= 2 or len(form) <= 4)


@lru_cache(maxsize=1)
def automaton() -> ahocorasick.Automaton:
    keys: dict[str, list[Key]] = {}

    def add(form: str, key: Key) -> None:
        f = fold(form)
        if f:
            keys.setdefault(f, []).append(key)

    for e in gazetteer.entries():
        kind = "place" if e.type == "Place" else "org"
        for form in e.forms:
            add(form, Key(kind, e.id, form, _is_acronym(form) or form in e.acronyms))
        for t in e.titles:
            add(t, Key("title", e.id, t, _is_acronym(t)))
    for line in load("programs.yaml")["known"]:
        _, name, aliases = split_line(" | " + line if line.count("|") < 2 else line)
        for form in [name, *aliases]:
            add(form, Key("program", name, form, _is_acronym(form)))
    a = ahocorasick.Automaton()
    for f, ks in keys.items():
        a.add_word(" " + f + " ", (f, tuple(ks)))
    a.make_automaton()
    return a


def _case_ok(key: Key, surface: str) -> bool:
    if key.acronym:
        if surface == key.form or surface.replace(" ", "") == key.form.replace(" ", ""):
            return True
        if surface.isupper():
            return True
        return surface[:1].isupper() and len(surface) >= 5 and surface[1:].lower() == surface[1:]
    # a form listed in lower case ("bedah rumah") is a common-noun program name
    return surface[:1].isupper() or surface[:1].isdigit() or key.kind == "program" and key.ref[:1].islower()


def _word_spans(text: str, folded: list[str]) -> list[tuple[int, int, tuple[Key, ...]]]:
    """Automaton hits on ``text`` (the folded words joined by spaces, with a space either
    side) that start and end at word boundaries: (first word, last word, keys)."""
    hits = automaton().iter(text)
    if len(folded) == text.count(" ") - 1 and "  " not in text:
        # every space separates two words: a word's index is the count of spaces before it
        count = text.count
        return [(count(" ", 0, end - len(f)) - 1, count(" ", 0, end) - 1, ks) for end, (f, ks) in hits]
    starts, ends, pos = {}, {}, 1  # a folded word holds a space ("ma'ruf"): check the boundaries
    for n, f in enumerate(folded):
        starts[pos] = n
        pos += len(f)
        ends[pos] = n
        pos += 1
    return [
        (starts[end - len(f)], ends[end], ks)
        for end, (f, ks) in hits
        if end - len(f) in starts and end in ends
    ]


def find(sentence: str, toks: list[Token]) -> list[Match]:
    """All dictionary matches (possibly overlapping) at word boundaries."""
    texts = [t.text for t in toks if t.is_word]
    joined = " ".join(texts)
    if joined.isascii() and "'" not in joined:  # fold_token of such a word: its lower case
        spans = _word_spans(" " + joined.lower() + " ", texts)
    else:
        fw = [fold_token(w) for w in texts]
        spans = _word_spans(" " + " ".join(fw) + " ", fw)
    if not spans:
        return []
    words = [k for k, t in enumerate(toks) if t.is_word]
    out = []
    for wa, wb, ks in spans:
        a, b = words[wa], words[wb] + 1
        surface = sentence[toks[a].start : toks[b - 1].end]
        for k in ks:
            if _case_ok(k, surface):
                out.append(Match(a, b, k, surface))
    return out
