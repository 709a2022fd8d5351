"""Claims: the seam between reading and the graph.

Every reader and extractor produces a :class:`Extraction` per source document:
entity claims and relation claims, each with evidence (the sentence or record
element) and a confidence. ``kg eval`` scores them against gold before they are
resolved; :mod:`kg.build` turns them into RDF.

>>> doc = Document(doc_id="d1", source="d1.txt", text="APC bekerja sama dengan Kemensos.")
>>> ex = Extraction(doc=doc)
>>> a = ex.add_entity("NonProfit", "Asian Philanthropy Circle", aliases=["APC"])
>>> b = ex.add_entity("GovernmentBody", "Kementerian Sosial", aliases=["Kemensos"])
>>> _ = ex.add_relation("partnersWith", a, b, sentence=doc.text, status="active")
>>> ex.to_gold_json()["relations"][0]["type"]
'partnersWith'
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

ENTITY_TYPES = (
    "GovernmentBody",
    "IntergovernmentalOrganization",
    "NonProfit",
    "Company",
    "Person",
    "Program",
    "Commitment",
    "Place",
)
ORG_TYPES = ("GovernmentBody", "IntergovernmentalOrganization", "NonProfit", "Company")
RELATION_TYPES = (
    "partnersWith",
    "coParticipant",
    "holdsPosition",
    "runs",
    "funds",
    "partyTo",
    "subOrganizationOf",
    "memberOf",
    "locatedIn",
)
QUALIFIERS = ("role", "status", "amount", "currency", "date")
_NON_WORD = re.compile(r"[^\w]+")


@dataclass
class Document:
    """One source: an article (text) or a structured record file.

    ``doc_id`` is the file stem (or a stable id for JSON-lines items);
    ``source`` the path or URL it was read from; ``date`` ISO ``YYYY-MM-DD`` (or
    ``YYYY``/``YYYY-MM``) or None when unknown; ``kind`` "article" or "record".
    """

    doc_id: str
    source: str
    text: str = ""
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    lang: str | None = None
    author: str | None = None
    editor: str | None = None
    kind: str = "article"
    format: str = "text"
    meta: dict[str, Any] = field(default_factory=dict)
    # what the reader noticed but could live with (an impossible date ...): reported by the
    # build, never stored in the claim log, never part of the content hash
    warnings: list[str] = field(default_factory=list, compare=False, repr=False)

    @property
    def key(self) -> str:
        """The natural key of the document: its URL when known, else its source path."""
        return self.url or self.source

    @property
    def content_hash(self) -> str:
        h = hashlib.sha256()
        for part in (self.text, self.url, self.title, self.publisher, self.date, self.lang, self.author):
            h.update((part or "").encode("utf-8"))
            h.update(b"\x00")
        h.update(json.dumps(self.meta, sort_keys=True, default=str).encode("utf-8"))
        return h.hexdigest()


@dataclass
class Evidence:
    """Where a claim was read: the sentence (or a record element path) and its offsets."""

    sentence: str
    start: int | None = None
    end: int | None = None


@dataclass
class EntityClaim:
    """An entity as one document names it.

    ``id`` is local to the document. ``identifiers`` holds external ids written
    ``scheme:value`` (``gaz:kemensos`` for a gazetteer entry, ``iati:XM-DAC-7``,
    ``ftm:<id>``): resolution merges entities sharing one.
    """

    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    implied: bool = False
    optional: bool = False
    identifiers: list[str] = field(default_factory=list)
    confidence: float = 1.0
    evidence: list[Evidence] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)

    def add_alias(self, alias: str) -> None:
        alias = " ".join(alias.split())
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    @property
    def forms(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class RelationClaim:
    """A relation between two entity claims of the same document, with qualifiers
    (``role``, ``status``, ``amount``, ``currency``, ``date``) and its evidence."""

    type: str
    source: str
    target: str
    qualifiers: dict[str, str] = field(default_factory=dict)
    confidence: float = 0.5
    evidence: Evidence | None = None
    extractor: str = "rules"
    optional: bool = False


@dataclass
class Extraction:
    """What one document yields."""

    doc: Document
    entities: list[EntityClaim] = field(default_factory=list)
    relations: list[RelationClaim] = field(default_factory=list)
    extractor: str = "rules"

    def entity(self, entity_id: str) -> EntityClaim | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def add_entity(self, type: str, name: str, aliases: list[str] | None = None, **kw: Any) -> str:
        """Add an entity claim (or merge into the one with the same type and name); returns its id."""
        if type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {type!r}")
        for e in self.entities:
            if e.type == type and e.name == name:
                for a in aliases or []:
                    e.add_alias(a)
                return e.id
        base = slug(name)[:40] or "e"
        eid, n = base, 1
        taken = {e.id for e in self.entities}
        while eid in taken:
            n += 1
            eid = f"{base}_{n}"
        claim = EntityClaim(id=eid, type=type, name=name, **kw)
        for a in aliases or []:
            claim.add_alias(a)
        self.entities.append(claim)
        return eid

    def add_relation(
        self,
        type: str,
        source: str,
        target: str,
        sentence: str | None = None,
        confidence: float = 0.5,
        **qualifiers: str,
    ) -> RelationClaim:
        if type not in RELATION_TYPES:
            raise ValueError(f"unknown relation type {type!r}")
        rel = RelationClaim(
            type=type,
            source=source,
            target=target,
            qualifiers={k: str(v) for k, v in qualifiers.items() if v not in (None, "")},
            confidence=confidence,
            evidence=Evidence(sentence) if sentence else None,
            extractor=self.extractor,
        )
        self.relations.append(rel)
        return rel

    # ------------------------------------------------------------------ formats

    def to_gold_json(self, evidence: bool = False) -> dict[str, Any]:
        """The annotation-guide JSON: ``{doc, lang, entities, relations}``.

        With ``evidence``, each relation also carries its ``confidence`` and ``evidence``
        sentence (fields the guide does not define; scorers ignore them).
        """
        ents = []
        for e in self.entities:
            d: dict[str, Any] = {"id": e.id, "type": e.type, "name": e.name, "aliases": list(e.aliases)}
            if e.implied:
                d["implied"] = True
            if e.optional:
                d["optional"] = True
            ents.append(d)
        rels = []
        for r in self.relations:
            d = {"type": r.type, "source": r.source, "target": r.target}
            for q in ("role", "status", "amount"):
                if q in r.qualifiers:
                    d[q] = r.qualifiers[q]
            if evidence:
                d["confidence"] = round(r.confidence, 3)
                if r.evidence:
                    d["evidence"] = r.evidence.sentence
            rels.append(d)
        return {"doc": self.doc.doc_id, "lang": self.doc.lang, "entities": ents, "relations": rels}

    def to_dict(self) -> dict[str, Any]:
        """A lossless JSON-able form (what the store's claim log keeps)."""
        return {
            "doc": {k: v for k, v in asdict(self.doc).items() if k != "warnings"},
            "entities": [asdict(e) for e in self.entities],
            "relations": [asdict(r) for r in self.relations],
            "extractor": self.extractor,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Extraction:
        doc = Document(**d["doc"])
        ents = []
        for e in d["entities"]:
            e = dict(e)
            e["evidence"] = [Evidence(**v) for v in e.get("evidence", [])]
            ents.append(EntityClaim(**e))
        rels = []
        for r in d["relations"]:
            r = dict(r)
            r["evidence"] = Evidence(**r["evidence"]) if r.get("evidence") else None
            rels.append(RelationClaim(**r))
        return cls(doc=doc, entities=ents, relations=rels, extractor=d.get("extractor", "rules"))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)


@lru_cache(maxsize=65536)
def fold(text: str | None) -> str:
    """Case-, accent-, punctuation- and space-folded form: the scorer's idea of an equal name.

    >>> fold("Kementerian  Sosial (RI)")
    'kementerian sosial ri'
    """
    s = unicodedata.normalize("NFKD", text or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return " ".join(_NON_WORD.sub(" ", s).split())


def slug(text: str) -> str:
    """A lower-case ASCII slug.

    >>> slug("Kementerian Sosial RI")
    'kementerian_sosial_ri'
    """
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s
