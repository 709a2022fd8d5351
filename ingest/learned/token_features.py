"""Features of each token of a sentence, for the entity tagger (a linear-chain CRF).

Word features (lower case, affixes, shape), lexicon features (organization head nouns in both
languages, title heads, honorifics, place prefixes: ``ingest/lexicons/``), gazetteer features
(which kind of known name covers the token) and the rules' own reading (the type of the rule
mention covering the token), each also for the neighbouring tokens.

>>> from ingest.extract.tokens import tokenize
>>> toks = tokenize("Yayasan Pundi Rakyat membantu warga.")
>>> f = sentence_features(toks, [], [])
>>> "head=NonProfit" in f[0], "w=yayasan" in f[0], "+1:cap" in f[0], "-1:head=NonProfit" in f[1]
(True, True, True, True)
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.extract import gazetteer, vocab
from ingest.extract.lexicon import load
from ingest.extract.tokens import Token

USE_RULES = True  # the rules' mentions as features
_SHAPE = [(re.compile(r"[A-Z]"), "X"), (re.compile(r"[a-z]"), "x"), (re.compile(r"[0-9]"), "d")]


@lru_cache(maxsize=65536)
def _shape(w: str) -> str:
    out = []
    for c in w:
        s = "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)[:6]


@lru_cache(maxsize=1)
def _word_lexicon() -> dict[str, tuple[str, ...]]:
    """Lower-cased word -> lexicon features it carries (head nouns, title heads, honorifics)."""
    out: dict[str, set[str]] = {}

    def put(word: str, feat: str) -> None:
        out.setdefault(word.lower(), set()).add(feat)

    for words, typ in vocab.org_prefix().items():
        put(words[0], f"head={typ}")
        for w in words[1:]:
            put(w, f"headpart={typ}")
    for w, typ in vocab.org_suffix().items():
        put(w, f"tail={typ}")
    for w in vocab.unit_heads():
        put(str(w).split()[0], "unit")
    for w in vocab.nonprofit_words():
        put(w, "npword")
    for words in vocab.position_heads():
        put(words[0], "poshead")
    for w in vocab.honorifics() | vocab.degrees():
        put(w.rstrip("."), "honor")
    for w in vocab.place_prefix():
        put(w, "placepre")
    for w in load("titles.yaml").get("role_words_en_after") or []:
        put(str(w), "role_en")
    progs = load("programs.yaml")
    for key in ("heads", "activity_heads", "commitment_prefix", "commitment_words"):
        for w in progs.get(key) or []:
            if str(w).split():
                put(str(w).split()[0], "lex=" + key)
    return {w: tuple(sorted(f)) for w, f in out.items()}


def _gaz_type(kind: str, ref: str) -> str:
    if kind == "org":
        e = gazetteer.by_id().get(ref)
        return e.type if e else "org"
    return kind


_CONTEXT = ("head", "tail", "poshead", "honor", "placepre", "unit")


@lru_cache(maxsize=65536)
def _word_features(text: str, cap: bool, is_word: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Features of a token's own form, and the part of them its neighbours see."""
    w = text.lower()
    f = [f"w={w}", f"sh={_shape(text)}"]
    if len(w) > 3:
        f += [f"p3={w[:3]}", f"s3={w[-3:]}"]
    if cap:
        f.append("cap")
    if text.isupper() and len(text) >= 2:
        f.append("upper")
    if not is_word:
        f.append("punct")
    lex = _word_lexicon().get(w, ())
    f.extend(lex)
    return tuple(f), tuple(x for x in lex if x.startswith(_CONTEXT))


@lru_cache(maxsize=131072)
def _neighbour(text: str, low: str, cap: bool, is_word: bool, d: int) -> tuple[str, ...]:
    """What the token ``d`` places away sees of this one: its word, and at distance one its
    lexicon classes and capital."""
    f = [f"{d:+d}:w={low}"]
    if abs(d) == 1:
        f.extend(f"{d:+d}:{x}" for x in _word_features(text, cap, is_word)[1])
        if cap:
            f.append(f"{d:+d}:cap")
    return tuple(f)


def sentence_features(
    toks: list[Token], matches: list, mentions: list, titles: list | None = None
) -> list[list[str]]:
    """One feature list per token. ``matches`` are gazetteer matches (``i``, ``j``, ``key``),
    ``mentions`` and ``titles`` the rules' mentions (``i``, ``j``, ``type``)."""
    n = len(toks)
    base = [_word_features(t.text, t.cap, t.is_word)[0] for t in toks]
    extra: list[list[str]] = [[] for _ in range(n)]
    rule = ["O"] * n
    for m in matches:
        typ = _gaz_type(m.key.kind, m.key.ref)
        for k in range(m.i, min(m.j, n)):
            extra[k].append(("gzB=" if k == m.i else "gzI=") + typ)
        if m.j - 1 < n:
            extra[m.j - 1].append("gzE=" + typ)
    for m in mentions if USE_RULES else ():
        if m.j <= m.i:
            continue
        for k in range(m.i, min(m.j, n)):
            rule[k] = ("B-" if k == m.i else "I-") + m.type
            extra[k].append(f"src={m.source}")
    for m in titles or []:
        for k in range(m.i, min(m.j, n)):
            extra[k].append("title")
    out = []
    for k in range(n):
        f = ["bias", *base[k], *extra[k], "rule=" + rule[k]]
        if k == 0:
            f.append("BOS")
        for d in (-2, -1, 1, 2):
            q = k + d
            if 0 <= q < n:
                t = toks[q]
                f.extend(_neighbour(t.text, t.low, t.cap, t.is_word, d))
                if abs(d) == 1:
                    f.append(f"{d:+d}:rule={rule[q]}")
            elif abs(d) == 1:
                f.append(f"{d:+d}:none")
        if k > 0:
            f.append(f"bi={toks[k - 1].low}|{toks[k].low}")
        out.append(f)
    return out
