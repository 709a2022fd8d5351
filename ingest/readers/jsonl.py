"""JSON lines of articles: one object a line with ``text`` and optionally ``url``, ``title``,
``date``, ``publisher``, ``lang``, ``author``, ``editor``, ``id``.

A bad line is reported with its number; the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ingest.readers.cleanup import split_credits
from ingest.readers.dates import read_date
from ingest.readers.decode import read_text
from kg.claims import Document, slug
from kg.errors import InputError


def iter_jsonl(path: Path) -> Iterator[Document | InputError]:
    try:
        text = read_text(path)
    except InputError as e:
        yield e
        return
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(where, f"not valid JSON ({e.msg} at column {e.colno})")
            continue
        if not isinstance(obj, dict):
            yield InputError(where, "expected a JSON object with a 'text' field")
            continue
        raw = obj.get("text")
        if not isinstance(raw, str) or not raw.strip():
            yield InputError(where, "no 'text' field (or it is empty)")
            continue
        body, credits = split_credits(raw.replace("\r\n", "\n"))
        url = obj.get("url") if isinstance(obj.get("url"), str) else None
        doc_id = str(obj.get("id") or (slug(url)[-60:] if url else f"{path.stem}-{n}"))
        warnings: list[str] = []
        date = read_date(obj.get("date"), warnings)
        yield Document(
            doc_id=doc_id,
            source=where,
            text=body,
            url=url,
            title=obj.get("title"),
            publisher=obj.get("publisher"),
            date=date,
            lang=obj.get("lang") or obj.get("language"),
            author=obj.get("author") or credits.get("author"),
            editor=obj.get("editor") or credits.get("editor"),
            format="jsonl",
            warnings=warnings,
        )
