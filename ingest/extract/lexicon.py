"""Loading the data files under ``ingest/lexicons/`` (cached) and the text folding they share.

>>> fold("Kementerian  Sosial-RI")
'kementerian sosial ri'
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from kg.claims import fold  # noqa: F401  (re-exported: the extractor's modules import it from here)

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons"


@cache
def load(name: str) -> Any:
    """The parsed YAML file ``ingest/lexicons/<name>``."""
    with open(LEXICON_DIR / name, encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def word_set(name: str, key: str) -> frozenset[str]:
    """A list in a lexicon file as a set of its entries (exact case)."""
    return frozenset(str(x) for x in load(name)[key])


@cache
def phrase_list(name: str, key: str) -> tuple[str, ...]:
    """A list of phrases, longest first, lower-cased."""
    items = load(name)[key]
    return tuple(sorted({str(x).lower() for x in items}, key=len, reverse=True))


def phrase_regex(phrases: tuple[str, ...] | list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One regex matching any phrase at word boundaries; a trailing ``*`` allows any word ending."""
    parts = []
    for p in sorted(phrases, key=len, reverse=True):
        star = p.endswith("*")
        body = re.escape(p.rstrip("*")).replace(r"\ ", r"\s+")
        parts.append(body + (r"\w*" if star else r"(?!\w)"))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", flags)


class Trigger:
    """A trigger list of ``triggers.yaml`` as a regex behind a cheap prefilter: one
    Aho-Corasick pass per sentence tells which lists may match at all (a superset), and
    only those run their regex."""

    __slots__ = ("key", "rx")

    def __init__(self, key: str, rx: re.Pattern[str]):
        self.key, self.rx = key, rx

    def search(self, text: str) -> re.Match[str] | None:
        return self.rx.search(text) if self.key in triggers_in(text) else None

    def finditer(self, text: str):
        return self.rx.finditer(text) if self.key in triggers_in(text) else iter(())


@cache
def trigger_regex(key: str) -> Trigger:
    """Compiled regex of a list in ``triggers.yaml`` (with its prefilter)."""
    return Trigger(key, phrase_regex(tuple(str(x) for x in load("triggers.yaml")[key])))


@cache
def _trigger_automaton():
    """Phrase (lower case, single spaces, no ``*``) -> (its length, ((list key, ends with ``*``), ...))."""
    import ahocorasick

    keys: dict[str, set[tuple[str, bool]]] = {}
    for key, items in load("triggers.yaml").items():
        if isinstance(items, list):
            for x in items:
                x = str(x).lower()
                keys.setdefault(" ".join(x.rstrip("*").split()), set()).add((key, x.endswith("*")))
    a = ahocorasick.Automaton()
    for phrase, ks in keys.items():
        a.add_word(phrase, (len(phrase), tuple(sorted(ks))))
    a.make_automaton()
    return a


@cache
def _ascii_triggers() -> bool:
    return all(str(x).isascii() for v in load("triggers.yaml").values() if isinstance(v, list) for x in v)


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


@lru_cache(maxsize=4096)
def triggers_in(text: str) -> frozenset[str]:
    """Keys of the trigger lists whose phrases occur in ``text`` (ignoring case and spacing).

    In ASCII text a phrase counts only at word boundaries, as its regex wants it (``(?<!\\w)``
    before, ``(?!\\w)`` after unless it ends with ``*``): a superset of the lists whose regex
    matches, without "sign" in "signifikan"."""
    low = " ".join(text.lower().split())
    out: set[str] = set()
    bounded = text.isascii() and _ascii_triggers()
    n = len(low)
    for end, (length, ks) in _trigger_automaton().iter(low):
        if not bounded:
            out.update(k for k, _ in ks)
            continue
        start = end - length + 1
        if start > 0 and _word_char(low[start - 1]):
            continue
        closed = end + 1 >= n or not _word_char(low[end + 1])
        out.update(k for k, star in ks if star or closed)
    return frozenset(out)


def split_line(line: str) -> tuple[str, str, list[str]]:
    """Parse ``"id | name | alias; alias"`` lines of places/programs lists."""
    parts = [p.strip() for p in line.split("|")]
    while len(parts) < 3:
        parts.append("")
    aliases = [a.strip() for a in parts[2].split(";") if a.strip()]
    return parts[0], parts[1], aliases
