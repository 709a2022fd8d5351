"""Program and commitment mentions: known programs, "program X", lists of programs,
"X Programme", "Name (ACR)" programs; declarations, plans, agreements and laws by head words."""

from __future__ import annotations

from functools import lru_cache

from ingest.extract import vocab
from ingest.extract.lexicon import load
from ingest.extract.matcher import Match
from ingest.extract.model import Mention
from ingest.extract.orgs import _starts_head
from ingest.extract.tokens import Token, span_text


@lru_cache(maxsize=1)
def _lex() -> dict:
    d = load("programs.yaml")
    return {
        "heads": frozenset(d["heads"]),
        "cprefix": {tuple(str(w).replace("-", " - ").split()): 1 for w in d["commitment_prefix"]},
        "cwords": frozenset(d["commitment_words"]),
        "links": frozenset(d["name_links"]),
        "stops": frozenset(d["phrase_stops"]),
        "cues": tuple(sorted((str(c) for c in d["list_cues"]), key=len, reverse=True)),
        "activity": frozenset(d["activity_heads"]),
        "cstrip": frozenset(d["commitment_strip"]),
    }


def activity_heads() -> frozenset[str]:
    return _lex()["activity"]


def _cap(t: Token) -> bool:
    return (
        t.is_word and (t.text[:1].isupper() or t.text[:1].isdigit()) and t.text not in vocab.not_name_stop()
    )


def _commitment(s: int, sentence: str, toks: list[Token], i: int, j: int) -> Mention:
    """A commitment mention; "Plan (CPAP) 2021-2025" also named without its acronym, and by it."""
    surface = span_text(sentence, toks, i, j)
    m = Mention(s, i, j, "Commitment", surface, source="commitment")
    for k in range(i + 1, j - 2):
        if toks[k].text == "(" and toks[k + 2].text == ")" and toks[k + 1].text.isupper():
            m.aliases += [" ".join(surface.replace(f"({toks[k + 1].text})", "").split()), toks[k + 1].text]
    return m


def _extend_proper(
    toks: list[Token], j: int, links: frozenset[str], limit: int = 18, stop: dict | None = None
) -> int:
    start = j
    while j < len(toks) and j - start < limit:
        t = toks[j]
        if _cap(t):
            j += 1
            continue
        if stop and t.text.lower() in ("dan", "and", "serta") and _starts_head(toks, j + 1, stop):
            break  # "Konvensi Hak Anak dan Undang-Undang ...": two commitments
        if (
            t.text.lower() in links
            and j + 1 < len(toks)
            and (_cap(toks[j + 1]) or toks[j + 1].text.lower() == "the")
        ):
            j += 1
            continue
        if t.text == "(":
            k = j + 1
            while k < len(toks) and toks[k].text != ")" and k - j < 5:
                k += 1
            if k < len(toks) and toks[k].text == ")" and k + 1 < len(toks) and _cap(toks[k + 1]):
                j = k + 1
                continue
        break
    while j > start and (toks[j - 1].text.lower() in links or not toks[j - 1].is_word):
        j -= 1
    return j


def commitments(s: int, sentence: str, toks: list[Token], taken: set[int]) -> list[Mention]:
    lx = _lex()
    out = []
    k = 0
    while k < len(toks):
        if k in taken:
            k += 1
            continue
        h = _starts_head(toks, k, lx["cprefix"]) if toks[k].text[:1].isupper() else 0
        if h:
            end = _extend_proper(toks, k + h, lx["links"], stop=lx["cprefix"])
            if end > k + h:
                out.append(_commitment(s, sentence, toks, k, end))
                k = end
                continue
        if toks[k].text in lx["cwords"]:
            i = k
            while i > 0 and _cap(toks[i - 1]) and not _starts_head(toks, i - 1, vocab.position_heads()):
                i -= 1
            while i < k and toks[i].text in lx["cstrip"]:
                i += 1
            end = _extend_proper(toks, k + 1, lx["links"])
            if end - i >= 2:
                out.append(_commitment(s, sentence, toks, i, end))
                k = end
                continue
        k += 1
    return out


def _phrase(toks: list[Token], j: int, limit: int = 9) -> int:
    """End of a lower-case program phrase starting at ``j``."""
    stops = _lex()["stops"]
    start = j
    while j < len(toks) and j - start < limit:
        t = toks[j]
        if not t.is_word and t.text != "-":
            break
        if t.text.lower() in stops and j > start:
            if (
                t.text.lower() == "dan"
                and j + 1 < len(toks)
                and toks[j + 1].text.lower() in _lex()["activity"]
            ):
                j += 1
                continue
            break
        j += 1
    while j > start and (toks[j - 1].text.lower() in stops or toks[j - 1].text == "-"):
        j -= 1
    return j


def programs(
    s: int, sentence: str, toks: list[Token], matches: list[Match], taken: set[int]
) -> list[Mention]:
    lx = _lex()
    out: list[Mention] = []
    for m in matches:
        if m.key.kind == "program":
            out.append(Mention(s, m.i, m.j, "Program", m.surface, source="program", aliases=[m.key.ref]))
    k = 0
    while k < len(toks):
        t = toks[k]
        if (
            k in taken
            or t.text.lower() not in ("program", "programme", "program-program", "proyek", "project")
            or any(o.i <= k < o.j for o in out)
        ):
            k += 1
            continue
        j = k + 1
        while (
            j < len(toks)
            and toks[j].text in ("-",)
            or j < len(toks)
            and toks[j].text.lower() in ("program", "programs")
        ):
            j += 1
        if j < len(toks) and _cap(toks[j]) and j not in taken:
            end = _extend_proper(toks, j, lx["links"] - {"dan", "and", "in", "to", "for"}, limit=10)
            if end > j:
                out.append(
                    Mention(
                        s,
                        k,
                        end,
                        "Program",
                        span_text(sentence, toks, k, end),
                        source="program",
                        aliases=[span_text(sentence, toks, j, end)],
                    )
                )
                k = end
                continue
        elif (
            j < len(toks)
            and toks[j].text.lower() in lx["activity"]
            or (
                j < len(toks)
                and toks[j].is_word
                and toks[j].text.islower()
                and toks[j].text not in lx["stops"]
                and len(toks[j].text) > 3
                and t.text[0].isupper()
            )
        ):
            end = _phrase(toks, j)
            if end > j and not any(x in taken for x in range(j, end)):
                out.append(
                    Mention(
                        s,
                        j,
                        end,
                        "Program",
                        span_text(sentence, toks, j, end),
                        source="program",
                        aliases=[span_text(sentence, toks, k, end)],
                    )
                )
                k = end
                continue
        k += 1
    # "X Programme", "X Project"
    for k, t in enumerate(toks):
        if t.text in ("Program", "Programme", "Project", "programme") and k > 0 and _cap(toks[k - 1]):
            i = k
            while i > 0 and _cap(toks[i - 1]) and i - 1 not in taken and toks[i - 1].text not in ("The",):
                i -= 1
            if any(o.i <= k < o.j for o in out) or i == k:
                continue
            end = k + 1
            if end + 2 < len(toks) and toks[end].text == "(" and toks[end + 2].text == ")":
                out.append(
                    Mention(
                        s,
                        i,
                        k + 1,
                        "Program",
                        span_text(sentence, toks, i, k + 1),
                        source="program",
                        aliases=[toks[end + 1].text],
                    )
                )
            else:
                out.append(Mention(s, i, end, "Program", span_text(sentence, toks, i, end), source="program"))
    return out


def program_list(s: int, sentence: str, toks: list[Token], taken: set[int]) -> list[Mention]:
    """Items of a list introduced by "program ... diantaranya/yaitu/meliputi" or "focuses on"."""
    low = sentence.lower()
    lx = _lex()
    if "program" not in low and "berfokus" not in low and "focus" not in low:
        return []
    pos = -1
    for cue in lx["cues"]:
        p = low.find(" " + cue + " ")
        if p >= 0 and (pos < 0 or p < pos):
            pos = p + len(cue) + 2
    if pos < 0:
        return []
    k = next((n for n, t in enumerate(toks) if t.start >= pos), len(toks))
    out = []
    while k < len(toks):
        while k < len(toks) and (
            not toks[k].is_word or toks[k].text.lower() in ("dan", "and", "serta", "the", "terkait", "pada")
        ):
            if toks[k].text in ".;:":
                return out
            k += 1
        if k >= len(toks):
            break
        end = _item_end(toks, k)
        if end > k and not any(x in taken for x in range(k, end)):
            text = span_text(sentence, toks, k, end)
            if text.lower().split()[0] in lx["activity"] and text.lower() not in ("lainnya",):
                out.append(Mention(s, k, end, "Program", text, source="program"))
        k = max(end, k + 1)
        if k < len(toks) and toks[k].text in ".;":
            break
    return out


def _item_end(toks: list[Token], k: int) -> int:
    j = k
    while j < len(toks) and j - k < 10:
        t = toks[j]
        if t.text in ",.;:":
            break
        if (
            t.text.lower() in ("dan", "and", "serta")
            and j > k + 1  # "perlindungan dan jaminan sosial": one item
            and j + 1 < len(toks)
            and (
                toks[j + 1].text.lower() in _lex()["activity"]
                or toks[j + 1].text.lower() in ("lainnya", "others")
            )
        ):
            break
        j += 1
    return j
