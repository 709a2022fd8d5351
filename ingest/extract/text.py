"""Article text: header parsing, removal of credit and link lines, sentence splitting,
language identification.

>>> [s.text for s in sentences("Kata Dr. H. Adhi, S.Sos. di Jakarta. Ia hadir.")]
['Kata Dr. H. Adhi, S.Sos. di Jakarta.', 'Ia hadir.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.extract.lexicon import load, word_set

_HEADER_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def parse_header(raw: str) -> tuple[dict[str, str], str]:
    """Split a corpus file into its ``key: value`` header (ended by ``---``) and body."""
    lines = raw.splitlines()
    meta: dict[str, str] = {}
    for i, line in enumerate(lines):
        if line.strip() == "---":
            return meta, "\n".join(lines[i + 1 :])
        m = _HEADER_LINE.match(line)
        if not m:
            break
        meta[m.group(1).lower()] = m.group(2).strip()
    return {}, raw


@lru_cache(maxsize=1)
def _credit_re() -> re.Pattern[str]:
    labels = sorted(word_set("words.yaml", "credit_labels"), key=len, reverse=True)
    alt = "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in labels)
    return re.compile(r"^\W{0,3}(?:" + alt + r")\b\s*(?:[:|©\-–]|$|\s+[A-Z(©])", re.IGNORECASE)


_TRAILER = re.compile(r"^\(?\s*(?:sumber|source|foto|photo)\s*:", re.IGNORECASE)
_CODE_TAIL = re.compile(r"\s*\((?:[a-z*/]{1,12}|\*)\)\s*$", re.IGNORECASE)  # (fat/jpnn), (*/b), (acu)
_INLINE_CODE = re.compile(r"\.?\((?:[a-z]{1,6}/[a-z]{1,8})\)", re.IGNORECASE)
_ARTIFACT = re.compile(r"(?<=[.!?\"”])\s*DOKPRI\b|^DOKPRI$")


def _is_credit(line: str) -> bool:
    s = line.strip()
    return bool(_credit_re().match(s) or _TRAILER.match(s) or s.startswith("Copyright") or "©" in s)


_SENTENCE_END = re.compile(r"[.!?\"”;]$")
_LIST_ITEM = re.compile(r"^[-•*▪◦·]\s|^\(?\d+[.)]\s")


def _short_tail(par: list[str]) -> bool:
    """A block of short lines without sentence punctuation (signature, unit name)."""
    return all(len(x.split()) <= 6 and not _SENTENCE_END.search(x.strip()) for x in par)


def clean_body(body: str) -> list[str]:
    """The paragraphs of an article body, without link/credit lines and sign-off blocks.

    Hard-wrapped lines inside a paragraph are joined; list items stay separate.
    """
    pars: list[list[str]] = [[]]
    for line in body.splitlines():
        if not line.strip():
            if pars[-1]:
                pars.append([])
            continue
        pars[-1].append(line.strip())
    pars = [p for p in pars if p]
    out: list[list[str]] = []
    for p in pars:
        if _is_credit(p[0]):
            if out and len(out[-1]) and _short_tail(out[-1]) and len(out) > 1:
                out.pop()
            continue
        out.append([p[0]] + [x for x in p[1:] if not _is_credit(x)])  # p[0] is no credit
    while len(out) > 1 and _short_tail(out[-1]):  # sign-off: "Humas Kemensos / David ..."
        out.pop()
    result = []
    for p in out:
        items: list[str] = []
        for line in p:
            if items and not _LIST_ITEM.match(line):
                items[-1] += " " + line
            else:
                items.append(line)
        for it in items:
            if "DOKPRI" in it:
                it = _ARTIFACT.sub("", it)
            if "/" in it and "(" in it:
                it = _INLINE_CODE.sub(".", it)
            if it.rstrip().endswith(")"):
                it = _CODE_TAIL.sub("", it)
            it = it.strip()
            if it:
                result.append(it)
    return result


@dataclass(slots=True)
class Sentence:
    text: str
    index: int
    paragraph: int


@lru_cache(maxsize=1)
def _abbrev() -> frozenset[str]:
    t = load("titles.yaml")
    words = set(t["honorifics_before"]) | set(t["degrees_after"])
    words |= {
        "Rp",
        "No",
        "Nomor",
        "Jl",
        "Jln",
        "St",
        "Kab",
        "Kec",
        "Prov",
        "dll",
        "dsb",
        "vs",
        "etc",
        "Inc",
        "Ltd",
        "Co",
        "Corp",
        "Bhd",
        "Tbk",
        "Dept",
        "Sdn",
        "Pol",
        "Kol",
        "Ny",
        "Tn",
        "a.n",
        "u.p",
        "e.g",
        "i.e",
        "approx",
        "Mt",
        "Gov",
        "Sen",
        "Rep",
        "Jend",
        "Letkol",
        "Ket",
    }
    return frozenset(w.rstrip(".").lower() for w in words)


# "[.!?…][.!?…]*" rather than "[.!?…]+": a leading character set lets the search skip ahead
_BOUNDARY = re.compile(r"([.!?…][.!?…]*)([\"”’')\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9À-Ý])")
_LAST_WORD = re.compile(r"[\w.]+$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?")


def _last_word(par: str, start: int, end: int) -> str:
    """The run of word characters and dots ending at ``end`` (not before ``start``)."""
    lo = max(start, end - 40)  # look at the tail first: a search from ``start`` is quadratic
    m = _LAST_WORD.search(par, lo, end)
    if m and m.start() == lo and lo > start:
        m = _LAST_WORD.search(par, start, end)
    return m.group() if m else ""


def split_sentences(par: str) -> list[str]:
    """Split a paragraph at sentence ends, not after titles, initials or abbreviations."""
    out, start = [], 0
    abbrev = _abbrev()
    for m in _BOUNDARY.finditer(par):
        if m.group(1) == ".":
            w = _last_word(par, start, m.start())
            if w.lower() in abbrev or w.rstrip(".").lower() in abbrev:
                continue
            if len(w) == 1 and w.isupper():  # initial: "Franky O. Widjaja"
                continue
            if _DOTTED.fullmatch(w):  # "S.Sos", "K.H"
                continue
        end = m.end(2)
        out.append(par[start:end].strip())
        start = m.end()
    tail = par[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


_TOKEN_START = re.compile(r"\S+")  # words between spaces: a chunk boundary is always a space


def max_sentence_tokens() -> int:
    """The sentence-length cap (``ingest/lexicons/limits.yaml``)."""
    return int(load("limits.yaml")["max_sentence_tokens"])


def cap_sentence(s: str, cap: int) -> list[str]:
    """``s`` cut at spaces into chunks of at most ``cap`` words (itself when short enough).

    A word holds at least one token, so no chunk exceeds ``cap`` words; chunks are cut
    between words, never inside one. Linear in the length of ``s``.

    >>> cap_sentence("a b c d e", 2)
    ['a b', 'c d', 'e']
    """
    if len(s) <= cap or s.count(" ") < cap:
        return [s]
    starts = [m.start() for m in _TOKEN_START.finditer(s)]
    if len(starts) <= cap:
        return [s]
    cuts = starts[::cap] + [len(s)]
    return [c for a, b in zip(cuts, cuts[1:], strict=False) if (c := s[a:b].strip())]


def sentences(body: str) -> list[Sentence]:
    """The cleaned sentences of an article body, none longer than :func:`max_sentence_tokens` words."""
    out = []
    cap = max_sentence_tokens()
    for pi, par in enumerate(clean_body(body)):
        for sent in split_sentences(par):
            for s in cap_sentence(sent, cap):
                out.append(Sentence(s, len(out), pi))
    return out


_ID_WORDS = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ini",
        "itu",
        "dengan",
        "untuk",
        "dalam",
        "dari",
        "pada",
        "tidak",
        "akan",
        "juga",
        "kata",
        "telah",
        "oleh",
        "ke",
        "sebagai",
        "adalah",
        "bahwa",
        "para",
        "kami",
        "kita",
        "mereka",
        "serta",
        "atau",
        "karena",
    ]
)
_EN_WORDS = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "that",
        "for",
        "with",
        "on",
        "was",
        "said",
        "as",
        "by",
        "are",
        "be",
        "has",
        "have",
        "this",
        "from",
        "at",
        "which",
        "will",
        "were",
        "their",
        "its",
        "an",
        "it",
        "also",
    ]
)


def detect_language(text: str) -> str:
    """'id' or 'en' by a stop-word vote (py3langid as tie-breaker)."""
    words = re.findall(r"[a-z]+", text.lower()[:4000])
    i = sum(w in _ID_WORDS for w in words)
    e = sum(w in _EN_WORDS for w in words)
    if i != e:
        return "id" if i > e else "en"
    try:
        import py3langid

        lang = py3langid.classify(text[:2000])[0]
        return "id" if lang in ("id", "ms") else "en"
    except Exception:  # pragma: no cover - optional
        return "id"
