"""Building one :class:`~kg.claims.Extraction` from many record elements.

Entities are kept once per file: a second sighting with a shared identifier (or, for
organisations, people and places, the same folded name) merges into the first claim, adding
aliases, identifiers and evidence.

>>> from kg.claims import Document, Extraction
>>> b = ClaimBuilder(Extraction(Document("f", "f.xml", kind="record")))
>>> a = b.entity("GovernmentBody", "Ministry X", identifiers=["iati:XM-1"], evidence="f.xml: a")
>>> b.entity("NonProfit", "MINISTRY x", aliases=["MX"], evidence="f.xml: b") == a
True
>>> c = b.entity("Program", "Same title", identifiers=["iati:P1"], by_name=False)
>>> d = b.entity("Program", "Same title", identifiers=["iati:P2"], by_name=False)
>>> c != d, b.ex.entity(a).aliases, len(b.ex.entity(a).evidence)
(True, ['MX'], 2)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from kg.claims import EntityClaim, Evidence, Extraction, RelationClaim, slug


def fold(name: str) -> str:
    """Case, accents, punctuation and spaces folded away (the scorer's and resolver's idea of equal)."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", " ", s).strip()


class ClaimBuilder:
    def __init__(self, ex: Extraction):
        self.ex = ex
        self._by_key: dict[str, str] = {}
        self._firm_type: set[str] = set()
        self._rel_keys: set[tuple[Any, ...]] = set()

    def _new_id(self, hint: str) -> str:
        base = slug(hint)[:60] or "e"
        eid, n = base, 1
        while eid in self._by_key.values() or self.ex.entity(eid) is not None:
            n += 1
            eid = f"{base}_{n}"
        return eid

    def entity(
        self,
        type: str,
        name: str,
        *,
        aliases: Iterable[str] = (),
        identifiers: Iterable[str] = (),
        evidence: str | None = None,
        attrs: dict[str, Any] | None = None,
        id_hint: str | None = None,
        by_name: bool = True,
        firm_type: bool = True,
        confidence: float = 1.0,
        alias_name: bool = True,
    ) -> str:
        """Add (or merge) an entity claim and return its id.

        ``firm_type`` False means the type is a guess that a later sighting with a firm type
        (from a code) replaces; ``alias_name`` False means ``name`` is a stand-in (an identifier)
        that must not become an alias of an existing claim. When an identifier and the name
        point to two different claims (a publisher's error), the name wins and the
        conflicting identifier is dropped.
        """
        idents = [i for i in dict.fromkeys(identifiers) if i]
        id_keys = [f"id:{i}" for i in idents]
        name_keys = (
            [f"name:{type_group(type)}:{fold(f)}" for f in [name, *aliases] if fold(f)] if by_name else []
        )
        by_id = next((self._by_key[k] for k in id_keys if k in self._by_key), None)
        by_nm = next((self._by_key[k] for k in name_keys if k in self._by_key), None) if alias_name else None
        eid = by_nm or by_id
        if by_nm and by_id and by_nm != by_id:
            idents = [i for i in idents if self._by_key.get(f"id:{i}") in (None, by_nm)]
        keys = [f"id:{i}" for i in idents] + (name_keys if alias_name else [])
        claim = self.ex.entity(eid) if eid else None
        if claim is None:
            claim = EntityClaim(id=self._new_id(id_hint or name), type=type, name=name, confidence=confidence)
            self.ex.entities.append(claim)
            if firm_type:
                self._firm_type.add(claim.id)
        elif firm_type and claim.id not in self._firm_type and type != claim.type:
            claim.type = type
            self._firm_type.add(claim.id)
        for a in [name, *aliases] if alias_name else aliases:
            if fold(a) and fold(a) not in {fold(f) for f in claim.forms}:
                claim.add_alias(a)
        for i in idents:
            if i not in claim.identifiers:
                claim.identifiers.append(i)
        if evidence and all(e.sentence != evidence for e in claim.evidence):
            claim.evidence.append(Evidence(evidence))
        for k, v in (attrs or {}).items():
            if v not in (None, "", [], {}):
                claim.attrs.setdefault(k, v)
        for k in keys:
            self._by_key.setdefault(k, claim.id)
        if by_name:
            for f in claim.forms:
                self._by_key.setdefault(f"name:{type_group(claim.type)}:{fold(f)}", claim.id)
        return claim.id

    def relation(
        self,
        type: str,
        source: str,
        target: str,
        evidence: str | None = None,
        confidence: float = 1.0,
        **qualifiers: str | None,
    ) -> RelationClaim | None:
        """Add a relation unless the very same one (with the same evidence) is there already."""
        if source == target:
            return None
        if type in SYMMETRIC and target < source:
            source, target = target, source
        q = {k: str(v) for k, v in qualifiers.items() if v not in (None, "")}
        key = (type, source, target, tuple(sorted(q.items())), evidence)
        if key in self._rel_keys:
            return None
        self._rel_keys.add(key)
        return self.ex.add_relation(type, source, target, sentence=evidence, confidence=confidence, **q)


SYMMETRIC = ("partnersWith", "coParticipant")


def type_group(type: str) -> str:
    """Organisations of any type share names (a guessed type must not split one body in two)."""
    from kg.claims import ORG_TYPES

    return "Org" if type in ORG_TYPES else type
