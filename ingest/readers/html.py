"""HTML pages: the main text extracted with trafilatura, boilerplate dropped."""

from __future__ import annotations

from pathlib import Path

from ingest.readers.cleanup import split_credits
from ingest.readers.dates import read_date
from ingest.readers.decode import read_text
from kg.claims import Document
from kg.errors import InputError


def parse_html(html: str, source: str, url: str | None = None) -> Document:
    import trafilatura

    if "<" not in html:
        raise InputError(source, "does not look like HTML")
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception as e:  # trafilatura raises assorted parser errors on broken markup
        raise InputError(source, f"HTML could not be parsed ({type(e).__name__})") from e
    if result is None:
        raise InputError(source, "no article text found in the HTML page")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    body, credits = split_credits(text)
    if not body.strip():
        raise InputError(source, "no article text found in the HTML page")
    warnings: list[str] = []
    date = read_date(data.get("date"), warnings)
    return Document(
        doc_id=Path(source).stem,
        source=source,
        text=body,
        url=data.get("url") or url,
        title=data.get("title"),
        publisher=data.get("sitename") or data.get("hostname"),
        date=date,
        lang=data.get("language"),
        author=data.get("author") or credits.get("author"),
        editor=credits.get("editor"),
        format="html",
        warnings=warnings,
    )


def read_html_file(path: Path) -> Document:
    return parse_html(read_text(path), str(path))
