"""An analyst's judgements, kept in the store and applied at every build.

A judgement is ``merge A B`` (B is the same body as A: one entity, A's IRI and name, B's name
an alias), ``not-same A B`` (never propose them again), or ``reject`` of a fact (``S REL O``:
the relation is left out of the graph). A and B are entity IRIs, which are stable across
rebuilds (``id:org/<gazetteer id or name>``). Judgements live in the claim log's database
(table ``judgements``), so :func:`kg.build.regenerate` applies them after resolution and before
the graph is written, and a later ``kg build`` or ``kg load`` keeps them; merges are transitive
and each one can be undone. They travel as a JSON-lines file (:func:`export_judgements`,
:func:`import_judgements`), so a team shares them. A merged entity says so in the graph
(``kgo:judgement "merged with ... by judgement #N"``).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.resolve import Entity, Resolution

KINDS = ("merge", "not-same", "reject")
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
    a: str  # IRI (the kept entity of a merge; the subject of a rejected fact)
    b: str  # IRI (the entity merged into a; the object of a rejected fact)
    relation: str = ""  # reject: the ontology relation name
    note: str = ""
    id: int | None = None
    created: str = ""
    active: bool = True

    def describe(self) -> str:
        if self.kind == "reject":
            return f"reject {self.a} {self.relation} {self.b}"
        return f"{self.kind} {self.a} {self.b}"


def _db(db: sqlite3.Connection) -> sqlite3.Connection:
    db.execute(_SCHEMA)
    return db


def record(db: sqlite3.Connection, j: Judgement) -> Judgement:
    """Store a judgement (again active if it was undone); returns it with its id."""
    if j.kind not in KINDS:
        raise JudgementError(f"unknown judgement {j.kind!r}; choose among: {', '.join(KINDS)}")
    if j.kind != "reject" and j.a == j.b:
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
def apply(res: Resolution, items: list[Judgement]) -> tuple[Resolution, set[tuple[str, str, str]]]:
    """The resolution with the merges applied (transitively), and the rejected facts as
    ``(relation, subject IRI, object IRI)``."""
    by_iri = {KGID_BASE + e.iri_path: i for i, e in enumerate(res.entities)}
    parent = list(range(len(res.entities)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    notes: dict[int, list[str]] = {}
    for j in items:
        if j.kind != "merge" or j.a not in by_iri or j.b not in by_iri:
            continue
        ka, kb = find(by_iri[j.a]), find(by_iri[j.b])
        if ka != kb:
            parent[kb] = ka  # the first-named entity is kept
            notes.setdefault(ka, []).append(
                f"merged with {res.entities[by_iri[j.b]].name} ({j.b}) by judgement #{j.id}"
            )
    rejected = {(j.relation, j.a, j.b) for j in items if j.kind == "reject"}
    if not notes:
        return res, rejected
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
        res.entities[root].attrs["judgements"] = lines
    index = {key: new_index[i] for key, i in res.index.items()}
    return Resolution(entities=entities, index=index), rejected
