"""Naming and typing organisations found in records (shared by the IATI, CSV and FtM readers).

>>> split_acronym("MINECO - Ministerio de Economía y Competitividad ")
('Ministerio de Economía y Competitividad', ['MINECO'])
>>> split_acronym("CCAA CAV - País Vasco")
('CCAA CAV - País Vasco', [])
>>> guess_type("Kementerian Sosial"), guess_type("Tanoto Foundation"), guess_type("PT Bank Rakyat Indonesia")
('GovernmentBody', 'NonProfit', 'Company')
>>> is_placeholder("Otra ONG nacional - país donante"), is_placeholder("ACORD")
(True, False)
>>> strip_honorifics("Frau Dr. Irene Nierstenhöfer")
'Irene Nierstenhöfer'
>>> strip_channel("Vía AECID")
'AECID'
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).parent
_ACRONYM = re.compile(r"^\s*([A-Z][A-Z0-9/&.]{1,14})\s+[-–]\s+(.+?)\s*$")
_CHANNEL = re.compile(r"^\s*v[ií]a\s+(?!directa\b)(\S.*?)\s*$", re.IGNORECASE)


def clean(name: str | None) -> str:
    return " ".join((name or "").split())


def split_acronym(name: str) -> tuple[str, list[str]]:
    """``"ACRONYM - Full name"`` -> ``("Full name", ["ACRONYM"])``; anything else unchanged."""
    m = _ACRONYM.match(name)
    if not m:
        return clean(name), []
    return clean(m.group(2)), [m.group(1)]


_HONORIFIC = re.compile(
    r"^(?:(?:frau|herr|mr|mrs|ms|miss|dr|prof|drs|ir|h|hj|kh|bapak|ibu|pak|bu)\.?\s+)+", re.IGNORECASE
)


def strip_honorifics(name: str) -> str:
    """``"Frau Dr. Irene Nierstenhöfer"`` -> ``"Irene Nierstenhöfer"`` (the guide's person names)."""
    return clean(_HONORIFIC.sub("", clean(name)))


def strip_channel(name: str) -> str:
    """``"Vía AECID"`` (a Spanish CRS channel: "through AECID") -> ``"AECID"``."""
    m = _CHANNEL.match(name)
    return clean(m.group(1)) if m else clean(name)


@lru_cache(maxsize=1)
def _hints() -> list[tuple[re.Pattern[str], str]]:
    with (_HERE / "org_hints.csv").open(encoding="utf-8", newline="") as f:
        return [(re.compile(r["pattern"], re.IGNORECASE), r["type"]) for r in csv.DictReader(f)]


@lru_cache(maxsize=1)
def _placeholders() -> re.Pattern[str]:
    lines = (_HERE / "generic_orgs.txt").read_text(encoding="utf-8").splitlines()
    pats = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    return re.compile("^(?:" + "|".join(f"(?:{p})" for p in pats) + ")$", re.IGNORECASE)


def guess_type(name: str) -> str | None:
    """An organisation type from words in the name (``org_hints.csv``, first match wins)."""
    for pat, typ in _hints():
        if pat.search(name):
            return typ
    return None


def is_placeholder(name: str) -> bool:
    """True for names of a category rather than a body (``generic_orgs.txt``)."""
    return not clean(name) or bool(_placeholders().match(clean(name)))


@dataclass(frozen=True)
class GazHit:
    id: str
    type: str | None


def gazetteer(name: str) -> GazHit | None:
    """The colleague's gazetteer entry for ``name``, when that module exists and knows it."""
    try:
        from ingest.extract.gazetteer import lookup  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        entry: Any = lookup(name)
    except Exception:  # noqa: BLE001 - a broken gazetteer must not stop a record import
        return None
    if entry is None or not getattr(entry, "id", None):
        return None
    return GazHit(id=str(entry.id), type=getattr(entry, "type", None))


def add_gazetteer_id(identifiers: list[str], forms: list[str], org_type: str) -> str | None:
    """Append ``gaz:<id>`` for the first form the gazetteer knows (when its type is an org type).

    Returns the gazetteer's type, so a caller without a better type can use it.
    """
    from kg.claims import ORG_TYPES

    for form in forms:
        hit = gazetteer(form)
        if hit is None:
            continue
        if hit.type and hit.type not in ORG_TYPES and org_type in ORG_TYPES:
            continue
        gid = f"gaz:{hit.id}"
        if gid not in identifiers:
            identifiers.append(gid)
        return hit.type
    return None
