"""Plain-text articles, optionally with a ``key: value`` header ended by a ``---`` line.

The header keys understood are ``url``, ``title``, ``date``, ``publisher``, ``lang``,
``author`` and ``editor``; others are kept in ``Document.meta``.

>>> doc = parse_text("url: https://x.id/a\\ntitle: T\\ndate: unknown\\nlang: id\\n---\\nIsi.", "a.txt")
>>> doc.url, doc.title, doc.date, doc.lang, doc.text
('https://x.id/a', 'T', None, 'id', 'Isi.')
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.readers.cleanup import split_credits
from ingest.readers.dates import read_date
from ingest.readers.decode import read_text
from kg.claims import Document
from kg.errors import InputError

_HEADER_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s?(.*)$")
_KNOWN = ("url", "title", "date", "publisher", "lang", "author", "editor")


def parse_text(text: str, source: str, doc_id: str | None = None) -> Document:
    lines = text.split("\n")
    header: dict[str, str] = {}
    body = text
    first = lines[0] if lines else ""
    m = _HEADER_LINE.match(first)
    if m and m.group(1).lower() in _KNOWN:
        try:
            end = next(i for i, line in enumerate(lines) if line.strip() == "---")
        except StopIteration:
            end = -1
        if end < 0:
            raise InputError(source, "the header (url:, title: ...) is not closed by a '---' line")
        for line in lines[:end]:
            hm = _HEADER_LINE.match(line)
            if hm:
                header[hm.group(1).lower()] = hm.group(2).strip()
        body = "\n".join(lines[end + 1 :])
    body, credits = split_credits(body)
    if not body.strip():
        raise InputError(source, "no article text after the header")
    stem = doc_id or Path(source).stem
    meta = {k: v for k, v in header.items() if k not in _KNOWN}
    meta.update({k: v for k, v in credits.items() if k not in ("author", "editor")})
    warnings: list[str] = []
    date = read_date(header.get("date"), warnings)
    return Document(
        doc_id=stem,
        source=source,
        text=body,
        url=header.get("url") or None,
        title=header.get("title") or None,
        publisher=header.get("publisher") or None,
        date=date,
        lang=(header.get("lang") or None),
        author=header.get("author") or credits.get("author"),
        editor=header.get("editor") or credits.get("editor"),
        format="text",
        meta=meta,
        warnings=warnings,
    )


def read_text_file(path: Path) -> Document:
    return parse_text(read_text(path), str(path))
