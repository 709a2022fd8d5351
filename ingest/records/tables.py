"""sea-kg CSV tables -> claims (the format is described in ``docs/csv-format.md``).

Two kinds of table, told apart by their header:

- an **entities** table: ``id,type,name`` and optionally ``aliases,identifiers,description,
  start_date,end_date,url,located_in`` (lists separated by ``|``);
- a **relations** table: ``type,source,target`` and optionally ``role,status,amount,currency,
  date,evidence``. ``source``/``target`` are ids from an entities table in the same folder,
  or ``Type:Name`` (``NonProfit:Tanoto Foundation``).

Each bad row is one problem (``row N: reason``, N the line number); the good rows are read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

from ingest.records.builder import ClaimBuilder
from ingest.records.orgs import add_gazetteer_id, clean
from ingest.records.result import RecordResult
from kg.claims import ENTITY_TYPES, ORG_TYPES, RELATION_TYPES, Document, Extraction

ENTITY_COLUMNS = ("id", "type", "name")
ENTITY_OPTIONAL = ("aliases", "identifiers", "description", "start_date", "end_date", "url", "located_in")
RELATION_COLUMNS = ("type", "source", "target")
RELATION_OPTIONAL = ("role", "status", "amount", "currency", "date", "evidence")
STATUSES = ("active", "proposed", "ended")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TYPES = {t.casefold(): t for t in ENTITY_TYPES}
_RELS = {t.casefold(): t for t in RELATION_TYPES}


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    text = _decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    header = [h.strip().lower() for h in next(reader, [])]
    rows = []
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        rows.append(
            (reader.line_num, {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)})
        )
    return header, rows


def kind_of(header: list[str]) -> str | None:
    if all(c in header for c in RELATION_COLUMNS):
        return "relations"
    if all(c in header for c in ENTITY_COLUMNS):
        return "entities"
    return None


def sniff_kind(path: Path) -> str | None:
    """``"entities"`` or ``"relations"`` from a CSV file's header, else None."""
    try:
        with path.open("rb") as f:
            first = _decode(f.readline())
    except OSError:
        return None
    delim = ";" if first.count(";") > first.count(",") else ","
    header = [h.strip().lower() for h in next(csv.reader([first], delimiter=delim), [])]
    return kind_of(header)


def _split(value: str) -> list[str]:
    return [clean(v) for v in value.split("|") if clean(v)]


def _document(path: Path, kind: str, n: int) -> Document:
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return Document(
        doc_id=path.stem,
        source=str(path),
        text=f"sea-kg CSV {kind} table {path.name}: {n} rows, sha256 {sha}",
        title=f"CSV {kind}: {path.name}",
        kind="record",
        format="csv",
        meta={"table": kind},
    )


def _entity_row(row: dict[str, str]) -> tuple[dict[str, object] | None, str | None]:
    """A checked entity row, or the reason it is bad."""
    typ = _TYPES.get(row.get("type", "").casefold())
    if not row.get("id"):
        return None, "empty id"
    if typ is None:
        return None, f"unknown type {row.get('type')!r} (expected one of {', '.join(ENTITY_TYPES)})"
    if not clean(row.get("name")):
        return None, "empty name"
    idents = _split(row.get("identifiers", ""))
    bad = [i for i in idents if ":" not in i.strip(":")]
    if bad:
        return None, f"identifier {bad[0]!r} is not written scheme:value"
    for col in ("start_date", "end_date"):
        if row.get(col) and not _DATE.match(row[col]):
            return None, f"{col} {row[col]!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    names = {"description": "description", "start_date": "startDate", "end_date": "endDate", "url": "url"}
    attrs = {key: row[col] for col, key in names.items() if row.get(col)}
    return {
        "type": typ,
        "name": clean(row["name"]),
        "aliases": _split(row.get("aliases", "")),
        "identifiers": idents,
        "attrs": attrs,
        "located_in": row.get("located_in", ""),
    }, None


def _load_entities(path: Path) -> dict[str, dict[str, object]]:
    """The good rows of the entities tables in ``path``'s folder, by id."""
    out: dict[str, dict[str, object]] = {}
    for p in sorted(path.parent.glob("*.csv")):
        if sniff_kind(p) != "entities":
            continue
        try:
            _, rows = _rows(p)
        except (OSError, csv.Error):
            continue
        for _, row in rows:
            ent, _err = _entity_row(row)
            if ent is not None:
                out.setdefault(row["id"], ent)
    return out


def _add(b: ClaimBuilder, ent: dict[str, object], ev: str) -> str:
    typ, name = str(ent["type"]), str(ent["name"])
    aliases, idents = list(ent["aliases"]), list(ent["identifiers"])  # type: ignore[call-overload]
    if typ in ORG_TYPES:
        add_gazetteer_id(idents, [name, *aliases], typ)
    return b.entity(
        typ,
        name,
        aliases=aliases,
        identifiers=idents,
        evidence=ev,
        attrs=dict(ent["attrs"]),  # type: ignore[call-overload]
        by_name=typ != "Program" or not idents,
    )


def read_csv(path: Path) -> RecordResult:
    res = RecordResult()
    try:
        header, rows = _rows(path)
    except (OSError, csv.Error) as e:
        res.problem(path, f"cannot read CSV: {e}")
        return res
    kind = kind_of(header)
    if kind is None:
        res.problem(path, f"header {','.join(header)!r} is neither an entities nor a relations table")
        return res
    b = ClaimBuilder(Extraction(doc=_document(path, kind, len(rows)), extractor="records/csv"))
    known = _load_entities(path)
    if kind == "entities":
        _read_entities(b, path, rows, known, res)
    else:
        _read_relations(b, path, rows, known, res)
    res.extractions.append(b.ex)
    return res


def _read_entities(b: ClaimBuilder, path: Path, rows: list, known: dict, res: RecordResult) -> None:
    seen: set[str] = set()
    for n, row in rows:
        ent, err = _entity_row(row)
        if err is None and row["id"] in seen:
            err = f"duplicate id {row['id']!r}"
        if err:
            res.problem(path, f"row {n}: {err}")
            continue
        assert ent is not None
        seen.add(row["id"])
        eid = _add(b, ent, f"{path.name}: row {n}")
        res.stats["rows"] += 1
        for place in _split(str(ent["located_in"])):
            target = known.get(place) or {
                "type": "Place",
                "name": place,
                "aliases": [],
                "identifiers": [],
                "attrs": {},
            }
            b.relation("locatedIn", eid, _add(b, target, f"{path.name}: row {n}"), f"{path.name}: row {n}")


def _endpoint(b: ClaimBuilder, ref: str, known: dict, ev: str) -> tuple[str | None, str | None]:
    if ref in known:
        return _add(b, known[ref], ev), str(known[ref]["type"])
    typ, sep, name = ref.partition(":")
    if sep and typ.strip().casefold() in _TYPES and clean(name):
        t = _TYPES[typ.strip().casefold()]
        return _add(b, {"type": t, "name": clean(name), "aliases": [], "identifiers": [], "attrs": {}}, ev), t
    return None, None


def _read_relations(b: ClaimBuilder, path: Path, rows: list, known: dict, res: RecordResult) -> None:
    from kg.ontology import is_subclass, load

    onto = load()
    for n, row in rows:
        ev = row.get("evidence") or f"{path.name}: row {n}"
        rel = _RELS.get(row.get("type", "").casefold())
        err = (
            None
            if rel
            else f"unknown relation type {row.get('type')!r} (expected one of {', '.join(RELATION_TYPES)})"
        )
        ends: list[tuple[str | None, str | None]] = []
        for col in ("source", "target"):
            if err is None:
                ends.append(_endpoint(b, row.get(col, ""), known, ev))
                if ends[-1][0] is None:
                    err = f"{col} {row.get(col)!r} is no id in an entities table here, nor Type:Name"
        if err is None and rel:
            spec = onto.relations[rel]
            for (_, t), allowed, col in ((ends[0], spec.domain, "source"), (ends[1], spec.range, "target")):
                if allowed and t and not any(is_subclass(t, a) for a in allowed):
                    err = f"{col} is a {t}, but {rel} needs {' or '.join(allowed)}"
                    break
        if err is None and row.get("status") and row["status"].lower() not in STATUSES:
            err = f"status {row['status']!r} is not one of {', '.join(STATUSES)}"
        if err is None and row.get("date") and not _DATE.match(row["date"]):
            err = f"date {row['date']!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
        if err is None and row.get("currency") and not re.fullmatch(r"[A-Za-z]{3}", row["currency"]):
            err = f"currency {row['currency']!r} is not a 3-letter ISO 4217 code"
        if err:
            res.problem(path, f"row {n}: {err}")
            continue
        q = {k: row.get(k) for k in ("role", "status", "amount", "date")}
        q["currency"] = (row.get("currency") or "").upper()
        q["status"] = (row.get("status") or "").lower()
        b.relation(str(rel), str(ends[0][0]), str(ends[1][0]), ev, **q)
        res.stats["rows"] += 1
