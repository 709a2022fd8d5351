"""Entity resolution: one entity per real-world body, person, program, commitment or place.

Entity claims from every source are merged when they share an external identifier
(``gaz:``, ``iati:``, ``ftm:`` ...) or, within the same kind of thing (organization,
person, program, commitment, place), a normalized name or alias: case, accents,
punctuation, honorifics and suffixes such as "RI" or "Republik Indonesia" are folded.
A person's single-word short form ("Adhi") never merges across sources.

>>> from kg.claims import Document, Extraction
>>> a = Extraction(Document("a", "a.txt"))
>>> _ = a.add_entity("GovernmentBody", "Kementerian Sosial RI", aliases=["Kemensos"])
>>> b = Extraction(Document("b", "b.txt"))
>>> _ = b.add_entity("GovernmentBody", "Kemensos")
>>> r = resolve([a, b])
>>> len(r.entities), r.entities[0].name
(1, 'Kementerian Sosial')
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.claims import ORG_TYPES, EntityClaim, Extraction, fold, slug

KIND = {t: "org" for t in ORG_TYPES} | {
    "Person": "person",
    "Program": "program",
    "Commitment": "commitment",
    "Place": "place",
}
# Type preference when sources disagree on an organization's type and votes tie.
_TYPE_ORDER = ("IntergovernmentalOrganization", "GovernmentBody", "NonProfit", "Company")
_SUFFIXES = re.compile(r"\b(?:ri|republik indonesia|of the republic of indonesia|indonesia)$")
_HONORIFIC = re.compile(
    r"^(?:(?:h|hj|dr|drs|dra|ir|prof|kh|ustadz|mr|mrs|ms|dato|datuk|dato sri|tan sri|bapak|ibu|pak|bu)\s+)+"
)


def name_keys(claim: EntityClaim) -> set[str]:
    """The folded forms under which a claim may meet claims of other sources."""
    kind = KIND.get(claim.type, "other")
    keys: set[str] = set()
    for form in claim.forms:
        f = fold(form)
        if not f:
            continue
        if kind == "person":
            f = _HONORIFIC.sub("", f)
            if len(f.split()) < 2:
                continue  # a first name alone is too weak to merge across sources
        elif kind == "org":
            stripped = _SUFFIXES.sub("", f).strip()
            if stripped and stripped != f and len(stripped) > 2:
                keys.add(stripped)
        keys.add(f)
    return keys


@dataclass
class ClaimRef:
    doc_key: str
    doc_index: int
    claim: EntityClaim


@dataclass
class Entity:
    """A resolved entity."""

    iri_path: str  # "org/kementerian_sosial": appended to the id namespace
    type: str
    name: str
    aliases: list[str]
    identifiers: list[str]
    implied: bool
    claims: list[ClaimRef] = field(default_factory=list)
    attrs: dict = field(default_factory=dict)


@dataclass
class Resolution:
    entities: list[Entity]
    # (doc key, local claim id) -> index into entities
    index: dict[tuple[str, str], int]

    def entity_for(self, doc_key: str, local_id: str) -> Entity | None:
        i = self.index.get((doc_key, local_id))
        return None if i is None else self.entities[i]


class _UnionFind:
    """Union-find that refuses to merge two clusters holding different identifiers of one
    scheme (two IATI activities with the same title stay two programs)."""

    def __init__(self, idents: list[dict[str, set[str]]]):
        self.parent = list(range(len(idents)))
        self.idents = idents

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ia, ib = self.idents[ra], self.idents[rb]
        for scheme in ia.keys() & ib.keys():
            if ia[scheme].isdisjoint(ib[scheme]):
                return False
        root, child = min(ra, rb), max(ra, rb)
        self.parent[child] = root
        merged = self.idents[root]
        for scheme, values in self.idents[child].items():
            merged.setdefault(scheme, set()).update(values)
        return True


def _schemes(identifiers: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for ident in identifiers:
        scheme, _, value = ident.partition(":")
        out.setdefault(scheme, set()).add(value)
    return out


def _pick_type(refs: list[ClaimRef]) -> str:
    votes = Counter(r.claim.type for r in refs)
    best = max(votes.values())
    tied = [t for t, n in votes.items() if n == best]
    for t in _TYPE_ORDER:
        if t in tied:
            return t
    return sorted(tied)[0]


def pick_name(refs: list[ClaimRef]) -> str:
    """The most used full name; ties go to the longer, then alphabetical."""
    explicit = [r for r in refs if not r.claim.implied] or refs
    votes = Counter(r.claim.name for r in explicit)
    return sorted(votes, key=lambda n: (-votes[n], -len(n), n))[0]


def _stable_slug(kind: str, identifiers: list[str], name: str) -> str:
    for scheme in ("gaz:", "iati:", "ftm:", "csv:"):
        ids = sorted(i for i in identifiers if i.startswith(scheme))
        if ids:
            value = ids[0][len(scheme) :]
            base = slug(value) if scheme == "gaz:" else slug(scheme[:-1] + " " + value)
            if base:
                return f"{kind}/{base[:80]}"
    s = slug(name)[:80]
    if not s:
        s = hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]
    return f"{kind}/{s}"


def _gazetteer_ids(claim: EntityClaim) -> list[str]:
    """``gaz:`` ids for an organization or place claim that has none yet (records, CSV, FtM
    name bodies the gazetteer knows). Only the claim's full name is looked up."""
    if claim.type == "Person" or any(i.startswith("gaz:") for i in claim.identifiers):
        return []
    try:
        from ingest.extract.gazetteer import lookup
    except ImportError:  # pragma: no cover - the extractor package is part of the tool
        return []
    entry = lookup(claim.name)
    if entry is None or KIND.get(entry.type) != KIND.get(claim.type):
        return []
    return [f"gaz:{entry.id}"]


def _gazetteer_name(identifiers: set[str]) -> str | None:
    """The official name of a gazetteer body, when the entity has exactly one ``gaz:`` id."""
    gaz = sorted(i[4:] for i in identifiers if i.startswith("gaz:"))
    if len(gaz) != 1:
        return None
    try:
        from ingest.extract.gazetteer import by_id
    except ImportError:  # pragma: no cover
        return None
    entry = by_id().get(gaz[0])
    return entry.name if entry else None


def resolve(extractions: Iterable[Extraction]) -> Resolution:
    """Cluster the entity claims of all extractions into entities."""
    refs: list[ClaimRef] = []
    for di, ex in enumerate(extractions):
        for claim in ex.entities:
            extra = _gazetteer_ids(claim)
            if extra:
                claim.identifiers = [*claim.identifiers, *extra]
            refs.append(ClaimRef(ex.doc.key, di, claim))
    uf = _UnionFind([_schemes(r.claim.identifiers) for r in refs])
    # identifiers first, then names: a name never joins what identifiers keep apart
    for use_ids in (True, False):
        seen: dict[tuple[str, str, str], int] = {}
        for i, ref in enumerate(refs):
            kind = KIND.get(ref.claim.type, "other")
            if use_ids:
                keys = {(kind, "id", ident) for ident in ref.claim.identifiers}
            else:
                keys = {(kind, "name", k) for k in name_keys(ref.claim)}
            for key in sorted(keys):
                if key in seen:
                    uf.union(i, seen[key])
                else:
                    seen[key] = i
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(refs)):
        clusters[uf.find(i)].append(i)

    entities: list[Entity] = []
    index: dict[tuple[str, str], int] = {}
    used_paths: dict[str, int] = {}
    for root in sorted(clusters):
        members = [refs[i] for i in clusters[root]]
        etype = _pick_type(members)
        name = pick_name(members)
        forms: list[str] = []
        identifiers: set[str] = set()
        attrs: dict = {}
        for r in members:
            for f in r.claim.forms:
                if f not in forms:
                    forms.append(f)
            identifiers.update(r.claim.identifiers)
            for k, v in r.claim.attrs.items():
                attrs.setdefault(k, v)
        official = _gazetteer_name(identifiers)
        if official and official not in forms:
            forms.append(official)
        name = official or name
        aliases = sorted({f for f in forms if f != name}, key=lambda s: (fold(s), s))
        kind = KIND.get(etype, "other")
        path = _stable_slug(kind, sorted(identifiers), name)
        if path in used_paths:  # a different entity with the same natural key
            path = f"{path}_{slug(etype).lower()}"
            n = 2
            while path in used_paths:
                path = f"{path.rsplit('__', 1)[0]}__{n}"
                n += 1
        used_paths[path] = len(entities)
        ent = Entity(
            iri_path=path,
            type=etype,
            name=name,
            aliases=aliases,
            identifiers=sorted(identifiers),
            implied=all(r.claim.implied for r in members),
            claims=members,
            attrs=attrs,
        )
        for r in members:
            index[(r.doc_key, r.claim.id)] = len(entities)
        entities.append(ent)
    return Resolution(entities=entities, index=index)
