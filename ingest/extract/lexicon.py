"""Loading the data files under ``ingest/lexicons/`` (cached) and the text folding they share.

>>> fold("Kementerian  Sosial-RI")
'kementerian sosial ri'
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons"

_NON_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case-, accent-, punctuation- and space-insensitive form (the scorer's folding)."""
    s = unicodedata.normalize("NFKD", text or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join(_NON_WORD.sub(" ", s).split())


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


@cache
def trigger_regex(key: str) -> re.Pattern[str]:
    """Compiled regex of a list in ``triggers.yaml``."""
    return phrase_regex(tuple(str(x) for x in load("triggers.yaml")[key]))


def split_line(line: str) -> tuple[str, str, list[str]]:
    """Parse ``"id | name | alias; alias"`` lines of places/programs lists."""
    parts = [p.strip() for p in line.split("|")]
    while len(parts) < 3:
        parts.append("")
    aliases = [a.strip() for a in parts[2].split(";") if a.strip()]
    return parts[0], parts[1], aliases
