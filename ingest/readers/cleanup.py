"""Separating an article's body from what is not a fact: credit lines and "Baca juga" links.

Credits (Pewarta, Reporter, Editor, Writer, Translator, Foto, Copyright ...) become article
metadata; "Baca juga:"/"Read also:" lines are dropped. The label words live in
``ingest/readers/credits.yaml``.

>>> body, meta = split_credits("Isi berita.\\n\\nBaca juga: Judul lain\\n\\nPewarta: Desi\\nEditor: Zita")
>>> body
'Isi berita.'
>>> meta["author"], meta["editor"]
('Desi', 'Zita')
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_DATA = Path(__file__).with_name("credits.yaml")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], str]], re.Pattern[str]]:
    spec = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    related = re.compile(
        r"^\s*(?:" + "|".join(re.escape(w) for w in spec["related_prefixes"]) + r")\s*:?", re.IGNORECASE
    )
    labels = []
    for field_name, words in spec["credit_labels"].items():
        pat = re.compile(
            r"^\s*(?:" + "|".join(re.escape(w) for w in words) + r")\s*[:：]\s*(.*)$", re.IGNORECASE
        )
        labels.append((pat, field_name))
    copyright_ = re.compile(r"^\s*(?:copyright\b|©|\(c\)\s)", re.IGNORECASE)
    return related, labels, copyright_


def split_credits(text: str) -> tuple[str, dict[str, Any]]:
    """Return the body without credit and related-link lines, and the metadata they gave."""
    related, labels, copyright_ = _patterns()
    lines = text.split("\n")
    meta: dict[str, Any] = {}
    keep: list[str] = []
    pending: str | None = None
    for line in lines:
        stripped = line.strip()
        if pending is not None and stripped:
            meta.setdefault(pending, stripped)
            pending = None
            continue
        if related.match(line):
            continue
        if copyright_.match(line):
            meta.setdefault("copyright", stripped)
            continue
        for pat, field_name in labels:
            m = pat.match(line)
            if m:
                value = m.group(1).strip()
                if value:
                    meta.setdefault(field_name, value)
                else:
                    pending = field_name
                break
        else:
            keep.append(line)
    body = "\n".join(keep).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)
    return body, meta
