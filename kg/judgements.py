"""An analyst's judgements, kept in the store and applied at every build.

A judgement is one of:

- ``merge A B``: B is the same body as A (one entity, A's IRI and name, B's names aliases);
- ``not-same A B``: never propose them as duplicates again;
- ``split A PART``: resolution joined two things; the claims of A that PART selects (``form:NAME``,
  the claims written NAME; ``source:KEY``, the claims of one source) become an entity of their
  own, whose IRI is A's plus a suffix derived from PART (stable across rebuilds and stores);
- ``retype A TYPE``: A is a TYPE (IRI unchanged);
- ``reject S REL O``: the fact is wrong and left out of the graph;
- ``accept S REL O``: the fact is right: it is marked so (``kgo:judgement`` on the assertion,
  ``judgements`` on the Neo4j relationship) and is no longer listed as low-confidence.

A, B, S and O are entity IRIs, which are stable across rebuilds
(``id:org/<gazetteer id or name>``). Judgements live in the claim log's database
(table ``judgements``), so :func:`kg.build.regenerate` applies them after resolution and before
the graph is written, and a later ``kg build`` or ``kg load`` keeps them; merges are transitive
and each one can be undone. They travel as a JSON-lines file (:func:`export_judgements`,
:func:`import_judgements`), so a team shares them. A merged entity says so in the graph
(``kgo:judgement "merged with ... by judgement #N"``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kg.claims import fold
from kg.errors import KGError
from kg.resolve import ClaimRef, Entity, Resolution

KINDS = ("merge", "not-same", "split", "retype", "reject", "accept")
FACT_KINDS = ("reject", "accept")
KGID_BASE = "https://w3id.org/seakg/id/"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS judgements (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, a TEXT NOT NULL, "
    "b TEXT NOT NULL, relation TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', "
    "created TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, "
    "UNIQUE (kind, a, b, relation))"
)


class JudgementError(KGError):
    """A judgement that cannot be recorded (unknown kind, an entity merged with itself ...)."""


@dataclass
class Judgement:
    kind: str
    a: str  # IRI (the kept entity of a merge; the split or retyped entity; a fact's subject)
    b: str  # IRI (merged into a; a fact's object), or split: ``form:NAME``/``source:KEY``, retype: the type
    relation: str = ""  # reject, accept: the ontology relation name
    note: str = ""
    id: int | None = None
    created: str = ""
    active: bool = True

    def describe(self) -> str:
        if self.kind in FACT_KINDS:
            return f"{self.kind} {self.a} {self.relation} {self.b}"
        return f"{self.kind} {self.a} {self.b}"


def _db(db: sqlite3.Connection) -> sqlite3.Connection:
    db.execute(_SCHEMA)
    return db


def record(db: sqlite3.Connection, j: Judgement) -> Judgement:
    """Store a judgement (again active if it was undone); returns it with its id."""
    if j.kind not in KINDS:
        raise JudgementError(f"unknown judgement {j.kind!r}; choose among: {', '.join(KINDS)}")
    if j.kind in ("merge", "not-same") and j.a == j.b:
        raise JudgementError("an entity cannot be judged against itself")
    if j.kind == "not-same" and j.b < j.a:
        j.a, j.b = j.b, j.a
    created = j.created or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    _db(db).execute(
        "INSERT INTO judgements (kind, a, b, relation, note, created, active) VALUES (?, ?, ?, ?, ?, ?, 1) "
        "ON CONFLICT (kind, a, b, relation) DO UPDATE SET active = 1, note = excluded.note",
        (j.kind, j.a, j.b, j.relation, j.note, created),
    )
    db.commit()
    row = db.execute(
        "SELECT id, created FROM judgements WHERE kind = ? AND a = ? AND b = ? AND relation = ?",
        (j.kind, j.a, j.b, j.relation),
    ).fetchone()
    j.id, j.created, j.active = int(row[0]), row[1], True
    return j


def undo(db: sqlite3.Connection, judgement_id: int) -> Judgement:
    _db(db)
    found = [j for j in judgements(db, active_only=False) if j.id == judgement_id]
    if not found:
        raise JudgementError(f"no judgement #{judgement_id} (see `kg review list`)")
    db.execute("UPDATE judgements SET active = 0 WHERE id = ?", (judgement_id,))
    db.commit()
    found[0].active = False
    return found[0]


def judgements(db: sqlite3.Connection, active_only: bool = True) -> list[Judgement]:
    rows = (
        _db(db)
        .execute("SELECT id, kind, a, b, relation, note, created, active FROM judgements ORDER BY id")
        .fetchall()
    )
    out = [
        Judgement(k, a, b, rel, note, int(i), created, bool(act))
        for i, k, a, b, rel, note, created, act in rows
    ]
    return [j for j in out if j.active or not active_only]


def export_judgements(db: sqlite3.Connection, path: str | Path) -> int:
    """Write the active judgements as JSON lines; returns how many."""
    items = judgements(db)
    with open(path, "w", encoding="utf-8") as f:
        for j in items:
            d = asdict(j)
            for k in ("id", "active"):
                d.pop(k)
            f.write(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n")
    return len(items)


def import_judgements(db: sqlite3.Connection, path: str | Path) -> int:
    """Add the judgements of a file written by :func:`export_judgements`; returns how many."""
    n = 0
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise JudgementError(f"cannot read {path}: {e.strerror}") from e
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            d: dict[str, Any] = json.loads(line)
            j = Judgement(d["kind"], d["a"], d["b"], d.get("relation", ""), d.get("note", ""),
                          created=d.get("created", ""))  # fmt: skip
        except (ValueError, KeyError, TypeError) as e:
            raise JudgementError(f"{path}:{lineno}: not a judgement ({e})") from e
        record(db, j)
        n += 1
    return n


# ------------------------------------------------------------------ applying them
@dataclass
class Applied:
    """A resolution with the judgements applied, and the facts judged (``(relation, S, O)``)."""

    resolution: Resolution
    rejected: set[tuple[str, str, str]]
    accepted: dict[tuple[str, str, str], str]  # the fact -> "accepted by judgement #N"


def split_suffix(part: str) -> str:
    """The IRI suffix of the entity a split makes: derived from what selects its claims."""
    return "_split_" + hashlib.sha1(part.encode("utf-8")).hexdigest()[:8]


def apply(res: Resolution, items: list[Judgement]) -> Applied:
    """The resolution with splits, retypes and merges (transitive) applied, in that order."""
    res = _split(res, [j for j in items if j.kind == "split"])
    by_iri = {KGID_BASE + e.iri_path: e for e in res.entities}
    for j in items:
        e = by_iri.get(j.a)
        if j.kind == "retype" and e is not None and e.type != j.b:
            e.attrs.setdefault("judgements", []).append(f"retyped {e.type} -> {j.b} by judgement #{j.id}")
            e.type = j.b
    res = _merge(res, [j for j in items if j.kind == "merge"])
    rejected = {(j.relation, j.a, j.b) for j in items if j.kind == "reject"}
    accepted = {(j.relation, j.a, j.b): f"accepted by judgement #{j.id}" for j in items if j.kind == "accept"}
    return Applied(res, rejected, accepted)


def selects(part: str, ref: ClaimRef) -> bool:
    """Whether a split's ``part`` takes this claim: ``source:KEY`` the claims of that source,
    ``form:NAME`` those written NAME (its name or one of its forms, folded)."""
    how, _, value = part.partition(":")
    if how == "source":
        return ref.doc_key == value
    return fold(ref.claim.name) == fold(value) or fold(value) in {fold(f) for f in ref.claim.forms if f}


def _split(res: Resolution, items: list[Judgement]) -> Resolution:
    if not items:
        return res
    by_iri = {KGID_BASE + e.iri_path: i for i, e in enumerate(res.entities)}
    for j in items:
        i = by_iri.get(j.a)
        if i is None:
            continue
        e = res.entities[i]
        moved = [r for r in e.claims if selects(j.b, r)]
        kept = [r for r in e.claims if not selects(j.b, r)]
        if not moved or not kept:
            continue
        e.claims = kept
        _reform(e)
        new = Entity(e.iri_path + split_suffix(j.b), e.type, "", [], [], True, moved, {})
        _reform(new)
        new.attrs["judgements"] = [f"split from {e.name} ({j.a}) by judgement #{j.id}"]
        e.attrs.setdefault("judgements", []).append(f"{new.name} split off by judgement #{j.id}")
        res.entities.append(new)
        by_iri[KGID_BASE + new.iri_path] = len(res.entities) - 1
        for r in moved:
            res.index[(r.doc_key, r.claim.id)] = len(res.entities) - 1
    return res


def _reform(e: Entity) -> None:
    """Name, aliases, identifiers and attributes of an entity from the claims it holds now."""
    from kg.resolve import pick_name

    forms: list[str] = []
    for r in e.claims:
        forms.extend(f for f in r.claim.forms if f and f not in forms)
    if e.name not in forms:
        e.name = pick_name(e.claims)
    e.aliases = sorted({f for f in forms if f != e.name}, key=lambda s: (fold(s), s))
    e.identifiers = sorted({i for r in e.claims for i in r.claim.identifiers})
    e.implied = all(r.claim.implied for r in e.claims)
    attrs: dict = {}
    for r in e.claims:
        for k, v in r.claim.attrs.items():
            attrs.setdefault(k, v)
    e.attrs = attrs | {k: v for k, v in e.attrs.items() if k == "judgements"}


def _merge(res: Resolution, items: list[Judgement]) -> Resolution:
    by_iri = {KGID_BASE + e.iri_path: i for i, e in enumerate(res.entities)}
    parent = list(range(len(res.entities)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    notes: dict[int, list[str]] = {}
    for j in items:
        if j.a not in by_iri or j.b not in by_iri:
            continue
        ka, kb = find(by_iri[j.a]), find(by_iri[j.b])
        if ka != kb:
            parent[kb] = ka  # the first-named entity is kept
            notes.setdefault(ka, []).append(
                f"merged with {res.entities[by_iri[j.b]].name} ({j.b}) by judgement #{j.id}"
            )
    if not notes:
        return res
    entities: list[Entity] = []
    new_index: dict[int, int] = {}
    for i, e in enumerate(res.entities):
        if find(i) == i:
            new_index[i] = len(entities)
            entities.append(e)
    for i, e in enumerate(res.entities):
        root = find(i)
        if root == i:
            continue
        keep = res.entities[root]
        for form in [e.name, *e.aliases]:
            if form != keep.name and form not in keep.aliases:
                keep.aliases.append(form)
        keep.aliases.sort()
        keep.identifiers = sorted(set(keep.identifiers) | set(e.identifiers))
        keep.implied = keep.implied and e.implied
        keep.claims.extend(e.claims)
        for k, v in e.attrs.items():
            keep.attrs.setdefault(k, v)
        new_index[i] = new_index[root]
    for root, lines in notes.items():
        res.entities[root].attrs.setdefault("judgements", []).extend(lines)
    index = {key: new_index[i] for key, i in res.index.items()}
    return Resolution(entities=entities, index=index)
