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


@lru_cache(maxsize=1)
def _commitment_firsts() -> frozenset[str]:
    lx = _lex()
    return frozenset(k[0] for k in lx["cprefix"]) | lx["cwords"]


def _owner_after(toks: list[Token], j: int) -> bool:
    """Whether "program" is followed by its owner (a body or a post), not by its name."""
    return bool(
        toks[j].cap
        and (
            _starts_head(toks, j, vocab.org_prefix())
            or _starts_head(toks, j, vocab.position_heads())
            or toks[j].text in _title_words()
        )
    )


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """First words of the gazetteer's post titles and acronyms (Dirjen, Mensos, Kemensos...)."""
    from ingest.extract import gazetteer

    out = set()
    for e in gazetteer.entries():
        if e.type != "Place":
            out.update(t.split()[0] for t in e.titles if t)
            out.update(a for a in e.acronyms if " " not in a)
    return frozenset(out)


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
        if stop and t.low in ("dan", "and", "serta") and _starts_head(toks, j + 1, stop):
            break  # "Konvensi Hak Anak dan Undang-Undang ...": two commitments
        if t.low in links and j + 1 < len(toks) and (_cap(toks[j + 1]) or toks[j + 1].low == "the"):
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
    while j > start and (toks[j - 1].low in links or not toks[j - 1].is_word):
        j -= 1
    return j


def commitments(s: int, sentence: str, toks: list[Token], taken: set[int]) -> list[Mention]:
    lx = _lex()
    out: list[Mention] = []
    firsts = _commitment_firsts()
    k = 0
    for c in [c for c, t in enumerate(toks) if t.text in firsts]:  # only these words start one
        if c < k or c in taken:
            continue
        k = c
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
    return out


def _phrase(toks: list[Token], j: int, limit: int = 9) -> int:
    """End of a lower-case program phrase starting at ``j``."""
    stops = _lex()["stops"]
    start = j
    while j < len(toks) and j - start < limit:
        t = toks[j]
        if not t.is_word and t.text != "-":
            break
        if t.low in stops and j > start:
            if t.low == "dan" and j + 1 < len(toks) and toks[j + 1].low in _lex()["activity"]:
                j += 1
                continue
            break
        j += 1
    while j > start and (toks[j - 1].low in stops or toks[j - 1].text == "-"):
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
    low = sentence.lower()
    if "program" not in low and "proyek" not in low and "project" not in low:
        return out
    words = ("program", "programme", "program-program", "proyek", "project")
    k = 0
    for c in [c for c, t in enumerate(toks) if t.low in words]:
        if c < k or c in taken or any(o.i <= c < o.j for o in out):
            continue
        k = c
        t = toks[k]
        j = k + 1
        while (
            j < len(toks)
            and toks[j].text in ("-",)
            or j < len(toks)
            and toks[j].low in ("program", "programs")
        ):
            j += 1
        if j < len(toks) and _owner_after(toks, j):
            k = j  # "program Dirjen Rehabilitasi Sosial", "program Kementerian X": whose program
            continue
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
            and toks[j].low in lx["activity"]
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
    heads = ("Program", "Programme", "Project", "programme")
    for k in [k for k, t in enumerate(toks) if t.text in heads]:
        if k > 0 and _cap(toks[k - 1]):
            i = k
            while i > 0 and _cap(toks[i - 1]) and i - 1 not in taken and toks[i - 1].text not in ("The",):
                i -= 1
            if any(o.i <= k < o.j for o in out) or i == k:
                continue
            if any(_starts_head(toks, x, vocab.position_heads()) for x in range(i, k)):
                continue  # "Senior Manager Program and Partnership": a post, not a program
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
