"""One output helper for rows: ``--format table|json|csv``; data on stdout only."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

FORMATS = ("table", "json", "csv")


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list | tuple):
        return "; ".join(_cell(x) for x in v)
    return str(v)


def render(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table", max_width: int | None = 60
) -> str:
    """Render rows as an aligned text table, a JSON list of objects, or CSV.

    >>> print(render(["a", "b"], [[1, "x"]], "csv").strip())
    a,b
    1,x
    >>> render(["a"], [[1]], "json")
    '[\\n  {\\n    "a": 1\\n  }\\n]'
    """
    if fmt == "json":
        return json.dumps([dict(zip(columns, r, strict=False)) for r in rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(v) for v in r])
        return buf.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    cells = [[_cell(v) for v in r] for r in rows]
    if max_width:
        cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in r] for r in cells]
    widths = [len(c) for c in columns]
    for r in cells:
        for i, c in enumerate(r):
            widths[i] = max(widths[i], len(c))
    line = "  ".join(c.ljust(widths[i]) for i, c in enumerate(columns)).rstrip()
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip() for r in cells]
    if not rows:
        body = ["(no rows)"]
    return "\n".join([line, sep, *body])
