"""Structured-record importers: IATI activity XML, sea-kg CSV tables, FollowTheMoney JSON lines.

Records become claims directly (no text extraction): each file is one
:class:`~kg.claims.Document` with ``kind="record"`` and one :class:`~kg.claims.Extraction`.
Bad input never raises: every bad file, row or line is one :class:`~kg.errors.InputError`
in :attr:`RecordResult.problems`, and the rest is still read.

>>> from pathlib import Path
>>> detect(Path("no/such/file.xml")) is None
True
>>> res = read_records(Path("no/such/file.xml"))
>>> res.extractions, str(res.problems[0])
([], 'no/such/file.xml: no such file')
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ingest.records.result import RecordResult

__all__ = ["FORMATS", "RecordResult", "detect", "read_records"]

FORMATS = ("iati", "csv", "ftm")
XML_SUFFIXES = (".xml",)
CSV_SUFFIXES = (".csv",)
JSONL_SUFFIXES = (".ftm.json", ".ijson", ".jsonl", ".ndjson", ".json")
_SNIFF_BYTES = 65536


def _head(path: Path, n: int = _SNIFF_BYTES) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(n)
    except OSError:
        return b""


def _sniff_jsonl(path: Path) -> bool:
    for line in _head(path).splitlines()[:5]:
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            return False
        return isinstance(obj, dict) and "schema" in obj and ("properties" in obj or "id" in obj)
    return False


def detect(path: Path) -> str | None:
    """``"iati"``, ``"csv"`` or ``"ftm"`` for a record file we read, else None.

    By extension and content: an ``.xml`` whose root (or a wrapper) holds ``iati-activities``;
    a ``.csv`` whose header is one of :mod:`ingest.records.tables`'s; a JSON-lines file
    (``.ftm.json``, ``.ijson``, ``.jsonl``, ``.ndjson``, ``.json``) whose lines have a ``schema``.
    """
    path = Path(path)
    if not path.is_file():
        return None
    name = path.name.lower()
    if name.endswith(XML_SUFFIXES):
        head = _head(path)
        return "iati" if b"<iati-activities" in head or b"<iati-activity" in head else None
    if name.endswith(CSV_SUFFIXES):
        from ingest.records.tables import sniff_kind

        return "csv" if sniff_kind(path) else None
    if name.endswith(JSONL_SUFFIXES):
        return "ftm" if _sniff_jsonl(path) else None
    return None


def _reader(fmt: str) -> Callable[[Path], RecordResult]:
    if fmt == "iati":
        from ingest.records.iati import read_iati

        return read_iati
    if fmt == "csv":
        from ingest.records.tables import read_csv

        return read_csv
    from ingest.records.ftm import read_ftm

    return read_ftm


def read_records(path: Path) -> RecordResult:
    """Read a record file (or every record file under a folder) into claims and problems."""
    path = Path(path)
    res = RecordResult()
    if path.is_dir():
        for p in sorted(x for x in path.rglob("*") if x.is_file()):
            if detect(p):
                res.extend(read_records(p))
        return res
    if not path.exists():
        res.problem(path, "no such file")
        return res
    fmt = detect(path)
    if fmt is None:
        res.problem(
            path,
            "not a recognized record file (expected IATI activity XML, a sea-kg CSV table "
            "- see docs/csv-format.md - or FollowTheMoney JSON lines)",
        )
        return res
    try:
        return _reader(fmt)(path)
    except Exception as e:  # noqa: BLE001 - the last guard: bad input must never give a traceback
        res.problem(path, f"cannot read as {fmt}: {type(e).__name__}: {e}")
        return res
