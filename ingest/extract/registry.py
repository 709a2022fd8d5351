"""Grouping the mentions of one document into entities (in-document coreference) and
writing them into an :class:`~kg.claims.Extraction`."""

from __future__ import annotations

import re
from functools import cache

from ingest.extract import gazetteer, vocab
from ingest.extract.lexicon import fold
from ingest.extract.model import Mention
from kg.claims import Evidence, Extraction

_PAREN = re.compile(r"\s*\([^)]*\)")
_REGIONAL = re.compile(r"\b(Provinsi|Kabupaten|Kota|Kab\.?|Prov\.?|Cabang|Wilayah|Daerah)\b")


def _unparen(s: str) -> str:
    return _PAREN.sub("", s) if "(" in s else s


@cache
def _folded_forms(gaz_id: str) -> tuple[str, ...]:
    """The folded names of a gazetteer entry (computed once)."""
    return tuple(fold(f) for f in gazetteer.by_id()[gaz_id].forms)


class Registry:
    """Entities of a document keyed by a cluster key (``gaz:<id>`` or a folded name)."""

    def __init__(self, lang: str):
        self.lang = lang
        self.ents: dict[str, dict] = {}
        self.alias: dict[tuple[str, str], str] = {}  # (type group, folded form) -> key
        self.order: list[str] = []
        self.redirect: dict[str, str] = {}  # merged key -> the key it went into

    @staticmethod
    def _group(typ: str) -> str:
        return (
            "org"
            if typ in ("GovernmentBody", "IntergovernmentalOrganization", "NonProfit", "Company")
            else typ
        )

    def key_of(self, m: Mention) -> str | None:
        g = self._group(m.type)
        if g == "org" and " " in m.surface:
            head, last = m.surface.rsplit(" ", 1)
            var = vocab.suffix_variants().get(last)
            if var and f"{head} {var}" not in m.aliases:
                m.aliases.append(f"{head} {var}")  # "Enesis Grup" and "Enesis Group": one company
        for f in [m.surface, _unparen(m.surface), *m.aliases]:
            k = self.alias.get((g, fold(f)))
            if k:
                return k
        return None

    def add(self, m: Mention, sentence: str) -> str:
        """Register a mention; returns its entity key."""
        key = self.key_of(m)
        if key is None and m.gaz:
            key = "gaz:" + m.gaz
        if key is None and m.type != "Person" and m.source == "pattern":
            e = gazetteer.lookup(_unparen(m.surface))
            if e and self._group(e.type) == self._group(m.type):
                key, m.gaz = "gaz:" + e.id, e.id
        if key is None:
            key = f"{self._group(m.type)}:{fold(_unparen(m.surface))}"
        ent = self.ents.get(key)
        if ent is None:
            ent = {
                "key": key,
                "type": m.type,
                "forms": [],
                "gaz": m.gaz,
                "implied": True,
                "sents": [],
                "first": (m.sent, m.i),
                "count": 0,
                "parent": None,
            }
            if m.gaz:
                ent["type"] = gazetteer.by_id()[m.gaz].type
            self.ents[key] = ent
            self.order.append(key)
        if m.source != "title":
            ent.setdefault("names", []).append(m.surface)
            ent["implied"] = False
            for f in [m.surface, *m.aliases]:
                if f not in ent["forms"]:
                    ent["forms"].append(f)
        elif m.role and m.role not in ent.setdefault("titles", []):
            ent["titles"].append(m.role)
        ent["count"] += 1
        if sentence not in ent["sents"]:
            ent["sents"].append(sentence)
        g = self._group(ent["type"])
        for f in [m.surface, _unparen(m.surface), *m.aliases] if m.source != "title" else []:
            self.alias.setdefault((g, fold(f)), key)
        if ent["gaz"] and not ent.get("gaz_aliased"):
            ent["gaz_aliased"] = True
            for f in _folded_forms(ent["gaz"]):
                self.alias.setdefault((g, f), key)
        m.ent = key
        return key

    def merge(self, src: str, dst: str) -> None:
        """Fold entity ``src`` into ``dst``."""
        if src == dst or src not in self.ents or dst not in self.ents:
            return
        a, b = self.ents.pop(src), self.ents[dst]
        for f in a["forms"]:
            if f not in b["forms"]:
                b["forms"].append(f)
        b["sents"] += [s for s in a["sents"] if s not in b["sents"]]
        b.setdefault("names", []).extend(a.get("names", []))
        b["count"] += a["count"]
        b["implied"] = b["implied"] and a["implied"]
        self.order.remove(src)
        for k, v in list(self.alias.items()):
            if v == src:
                self.alias[k] = dst
        self.redirect[src] = dst

    def resolve(self, key: str | None) -> str | None:
        red = self.redirect
        while key in red:
            key = red[key]
        return key

    def coreference(self) -> None:
        """Short forms: a person's first/last name or nickname, an org's leading words."""
        persons = [k for k in self.order if self.ents[k]["type"] == "Person"]
        full = [k for k in persons if len(self._name(k).split()) >= 2]
        for k in persons:
            name = self._name(k)
            if len(name.split()) != 1:
                continue
            w = name.lower()
            cands = [
                f
                for f in full
                if f != k
                and any(
                    t.lower() == w or (len(w) >= 4 and t.lower().startswith(w)) for t in self._name(f).split()
                )
            ]
            if len(cands) == 1:
                self.merge(k, cands[0])
        orgs = [
            k for k in self.order if self._group(self.ents[k]["type"]) == "org" and not self.ents[k]["gaz"]
        ]
        for k in orgs:
            if k not in self.ents:
                continue
            name = fold(_unparen(self._name(k)))
            longer = [
                o
                for o in orgs
                if o != k and o in self.ents and fold(_unparen(self._name(o))).startswith(name + " ")
            ]
            if (
                len(longer) == 1
                and not _REGIONAL.search(self._name(longer[0])[len(self._name(k)) :] or "x")
                or len(longer) == 1
            ):
                self.merge(k, longer[0])

    def _name(self, key: str) -> str:
        e = self.ents[key]
        forms = e.get("names") if e["type"] == "Person" and e.get("names") else e["forms"]
        if not forms:
            return gazetteer.by_id()[e["gaz"]].name_in(self.lang) if e["gaz"] else key
        return max(forms, key=lambda f: (len(f.split()), len(f)))

    def write(self, ex: Extraction) -> dict[str, str]:
        """Add every entity to ``ex``; returns key -> entity id."""
        ids = {}
        for key in self.order:
            e = self.ents[key]
            name = self._name(key)
            gz = gazetteer.by_id().get(e["gaz"]) if e["gaz"] else None
            aliases = [f for f in e["forms"] if f != name]
            if gz:
                aliases += [gz.name_in(self.lang), *gz.forms]
            if e["type"] == "Person":
                aliases = [a for a in aliases if a != name]
            conf = 0.9 if gz else (0.75 if e["count"] > 1 else 0.6)
            eid = ex.add_entity(
                e["type"],
                name,
                aliases=aliases,
                implied=bool(e["implied"] and gz),
                identifiers=[f"gaz:{gz.id}"] if gz else [],
                confidence=conf,
                evidence=[Evidence(s) for s in e["sents"][:5]],
            )
            ids[key] = eid
        return ids
