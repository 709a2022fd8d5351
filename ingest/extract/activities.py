"""Activity programs named after a run cue: "BAZNAS mendistribusikan 1.500 paket bantuan
kebutuhan pokok", "WFP membantu melalui bantuan makanan langsung, transfer berbasis uang
tunai", "distributes 250 packages of basic food assistance". The phrase opens with an
activity noun (``activity_heads``), has at least two words and ends at a stop word or
punctuation; a list of such phrases after the cue gives one program each."""

from __future__ import annotations

from functools import lru_cache

from ingest.extract.lexicon import load
from ingest.extract.model import Mention
from ingest.extract.tokens import Token, span_text


@lru_cache(maxsize=1)
def _lex() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    d = load("programs.yaml")
    return (
        frozenset(str(x).lower() for x in d["run_cues"]),
        frozenset(str(x).lower() for x in d["quantity_words"]),
        frozenset(str(x).lower() for x in d["activity_heads"]),
        frozenset(str(x).lower() for x in d["phrase_stops"]),
    )


def _quantity(t: Token, qty: frozenset[str]) -> bool:
    return t.text.lower() in qty or t.text[:1].isdigit() or t.text in ".,"


def _phrase_end(toks: list[Token], j: int, stops: frozenset[str], limit: int = 5) -> int:
    k = j
    while k < len(toks) and k - j < limit:
        t = toks[k]
        if not t.is_word and t.text != "-":
            break
        low = t.text.lower()
        if low in stops or low in ("dan", "and") or low[:1].isdigit() or k > j and t.text[:1].isupper():
            break
        k += 1
    while k > j and toks[k - 1].text == "-":
        k -= 1
    return k


def cued_programs(s: int, sentence: str, toks: list[Token], taken: set[int]) -> list[Mention]:
    cues, qty, heads, stops = _lex()
    out: list[Mention] = []
    n = len(toks)
    k = 0
    while k < n:
        if toks[k].text.lower() not in cues:
            k += 1
            continue
        j = k + 1
        while j < n and j - k <= 5 and _quantity(toks[j], qty) and toks[j].text.lower() not in heads:
            j += 1
        while j < n and toks[j].text.lower() in heads and j not in taken:
            end = _phrase_end(toks, j, stops)
            if end - j < 2 or any(x in taken for x in range(j, end)):
                break
            out.append(Mention(s, j, end, "Program", span_text(sentence, toks, j, end), source="program"))
            j = end
            if j < n and toks[j].text in (",",):
                j += 1
            if j < n and toks[j].text.lower() in ("dan", "serta", "and"):
                j += 1
                if j < n and toks[j].text.lower() in ("juga", "also"):
                    j += 1
        k = max(j, k + 1)
    return out
