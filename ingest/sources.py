"""From paths on the command line to things the build consumes.

:func:`iter_sources` walks files and folders and yields, in a stable order:

- a :class:`~kg.claims.Document` for each article (text, HTML, JSON lines),
- an :class:`~kg.claims.Extraction` for each structured record (IATI, CSV, FtM),
- an :class:`~kg.errors.InputError` for each file, line or row that cannot be read,
- an :class:`Ignored` for a file met in a folder that is not a source (e.g. gold
  annotation ``.json`` files beside corpus articles, ``INDEX.tsv``).

A file named explicitly that is of no known format is an error; the same file met while
walking a folder is only ignored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.readers.html import read_html_file
from ingest.readers.jsonl import iter_jsonl
from ingest.readers.text import read_text_file
from kg.claims import Document, Extraction
from kg.errors import InputError

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
RECORD_EXT = {".xml", ".csv", ".json", ".ijson"}
SUPPORTED = sorted(TEXT_EXT | HTML_EXT | JSONL_EXT | RECORD_EXT)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
NOT_READ_URL = "URLs are not read: save the page (or a JSON-lines export) and pass the file"


@dataclass(frozen=True)
class Ignored:
    path: str
    reason: str


SourceItem = Document | Extraction | InputError | Ignored


def _walk(folder: Path) -> Iterator[Path]:
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if p.is_file():
            yield p


def _is_annotation_json(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:100_000]
        obj = json.loads(head)
    except (OSError, ValueError):
        return False
    return isinstance(obj, dict) and "entities" in obj and "relations" in obj


def _records(path: Path) -> tuple[str | None, object]:
    try:
        from ingest import records
    except ImportError:  # pragma: no cover - records importers are optional
        return None, None
    detect = getattr(records, "detect", None)
    if detect is None:
        return None, None
    return detect(path), records


def _read_file(path: Path, explicit: bool) -> Iterator[SourceItem]:
    ext = path.suffix.lower()
    if ext in TEXT_EXT:
        try:
            yield read_text_file(path)
        except InputError as e:
            yield e
        return
    if ext in HTML_EXT:
        try:
            yield read_html_file(path)
        except InputError as e:
            yield e
        return
    kind, records = _records(path) if ext in RECORD_EXT | JSONL_EXT else (None, None)
    if kind is not None and records is not None:
        result = records.read_records(path)  # type: ignore[attr-defined]
        yield from result.extractions
        yield from result.problems
        return
    if ext in JSONL_EXT:
        yield from iter_jsonl(path)
        return
    if ext == ".json":
        if _is_annotation_json(path):
            yield Ignored(str(path), "annotation (gold) file, not a source")
            return
        yield from iter_jsonl(path)
        return
    if not explicit:
        yield Ignored(str(path), f"not a source format ({ext or 'no extension'})")
        return
    if ext in RECORD_EXT:
        yield InputError(
            str(path), f"a {ext} file that is not a recognized record format (IATI XML, CSV, FtM)"
        )
        return
    yield InputError(
        str(path), f"unknown format {ext or '(no extension)'}; supported: {', '.join(SUPPORTED)}"
    )


def iter_sources(paths: Iterable[str | Path]) -> Iterator[SourceItem]:
    """Yield what each path holds (see the module docstring)."""
    for raw in paths:
        if isinstance(raw, str) and _URL.match(raw):
            yield InputError(raw, NOT_READ_URL)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for p in _walk(path):
                found = True
                yield from _read_file(p, explicit=False)
            if not found:
                yield InputError(str(path), "folder holds no files")
        elif path.exists():
            yield from _read_file(path, explicit=True)
        else:
            yield InputError(str(path), "no such file or folder")
