"""Bodies implied by a regional post: "Bupati Wajo" -> Pemerintah Kabupaten Wajo,
"Camat Kebon Jeruk" -> Kecamatan Kebon Jeruk, "Asisten Daerah I Kabupaten Balangan" ->
Pemerintah Kabupaten Balangan. The words come from ``orgforms.yaml``.

>>> regional_body("Wakil Bupati Wajo")
('Pemerintah Kabupaten Wajo', ['Pemkab Wajo', 'Pemda Wajo'])
>>> regional_body("Kepala Dinas Sosial") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.extract.lexicon import load

_ROMAN = re.compile(r"^(?:[IVX]+|\d+)$")
_PAREN = re.compile(r"\([^)]*\)")
_LOWER_STOP = frozenset({"dan", "and", "di", "yang", "serta", "of", "for"})


@lru_cache(maxsize=1)
def _lex() -> tuple[re.Pattern[str], dict[str, str], dict[str, str], dict[str, list[str]]]:
    f = load("orgforms.yaml")
    titles = {str(k): str(v) for k, v in f["regional_titles"].items()}
    alt = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    rx = re.compile(r"(?:^|\s)(" + alt + r")\s+(.+)$")
    levels = {str(k): str(v) for k, v in f["regional_levels"].items()}
    short = {str(k): [str(x) for x in v or []] for k, v in f["regional_short"].items()}
    return rx, titles, levels, short


def regional_body(role: str) -> tuple[str, list[str]] | None:
    """The local government a regional post serves, with its short names, or None."""
    rx, titles, levels, short = _lex()
    m = rx.search(role)
    if not m:
        return None
    head = titles[m.group(1)]
    words = [w for w in _PAREN.sub(" ", m.group(2)).replace(",", " ").split()]
    while words and _ROMAN.match(words[0]):
        words.pop(0)
    if words and words[0].rstrip(".") in levels:
        lvl = levels[words.pop(0).rstrip(".")]
        head = lvl if head == "Pemerintah Daerah" or head.startswith("Pemerintah") else head
    place = []
    for w in words:
        if w.lower() in _LOWER_STOP or not (w[:1].isupper()):
            break
        place.append(w)
    if not place or len(place) > 4:
        return None
    name = " ".join(place)
    return f"{head} {name}", [f"{s} {name}" for s in short.get(head, [])]
