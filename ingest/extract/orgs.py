"""Organization and place mentions of one sentence: gazetteer matches, head-word patterns
(Yayasan X, Dinas Sosial X, X Foundation, Ministry of X), acronyms defined in parentheses,
and regional government forms (Pemkab X)."""

from __future__ import annotations

import re

from ingest.extract import gazetteer, vocab
from ingest.extract.matcher import Match
from ingest.extract.model import Mention
from ingest.extract.tokens import Token, span_text

MAX_NAME = 16
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _starts_head(toks: list[Token], j: int, heads: dict[tuple[str, ...], object]) -> int:
    """Length of the head in ``heads`` starting at token ``j`` (0 if none)."""
    if j >= len(toks):
        return 0
    lens = _firsts(heads).get(toks[j].text)
    if not lens:
        return 0
    for n in lens:
        if n == 1 or j + n <= len(toks) and tuple(t.text for t in toks[j : j + n]) in heads:
            return n
    return 0


_FIRSTS: dict[int, dict[str, tuple[int, ...]]] = {}


def _firsts(heads: dict) -> dict[str, tuple[int, ...]]:
    """First word of each head -> the lengths of the heads it opens, longest first."""
    f = _FIRSTS.get(id(heads))
    if f is None:
        acc: dict[str, set[int]] = {}
        for k in heads:
            acc.setdefault(k[0], set()).add(len(k))
        f = _FIRSTS[id(heads)] = {w: tuple(sorted(v, reverse=True)) for w, v in acc.items()}
    return f


def _name_word(t: Token) -> bool:
    return t.is_word and t.cap and t.text not in vocab.not_name_stop()


def extend_name(
    toks: list[Token], j: int, limit: int = MAX_NAME, stop_titles: bool = True
) -> tuple[int, list[str]]:
    """Extend a name from token ``j`` over capitalised words, inner connectors, inner
    parentheses and comma lists ("Pendidikan Tinggi, Sains, dan Teknologi").

    Returns the end token and acronyms seen in parentheses.
    """
    acr: list[str] = []
    start, n = j, len(toks)
    while j < n and j - start < limit:
        t = toks[j]
        if _name_word(t):
            if j > start and stop_titles and _starts_head(toks, j, vocab.position_heads()):
                break
            if t.text.rstrip(".") in vocab.honorifics() and t.text not in vocab.institutional():
                break
            j += 1
            continue
        low = t.low
        if j > start and low in vocab.CONNECTORS and j + 1 < n and _name_word(toks[j + 1]):
            if low in ("dan", "and", "&") and _starts_head(toks, j + 1, vocab.org_prefix()):
                break
            if low in ("dan", "and") and _starts_head(toks, j + 1, vocab.position_heads()):
                break
            j += 1
            continue
        if (
            j > start
            and t.text in "-/"
            and j + 1 < n
            and toks[j + 1].cap
            and toks[j].start == toks[j - 1].end
        ):
            j += 1
            continue
        if j > start and t.text == "(":
            k = j + 1
            while k < n and k - j <= 6 and toks[k].text != ")":
                k += 1
            if (
                k < n
                and toks[k].text == ")"
                and k > j + 1
                and all(x.cap or not x.is_word for x in toks[j + 1 : k])
            ):
                inner = " ".join(x.text for x in toks[j + 1 : k])
                acr.append(inner)
                if (
                    k + 1 < n
                    and _name_word(toks[k + 1])
                    and not _starts_head(toks, k + 1, vocab.position_heads())
                ):
                    j = k + 1
                    continue
            break
        if j > start and t.text == ",":
            k = _comma_list_end(toks, j)
            if k:
                j = k
                continue
        break
    while j > start and (toks[j - 1].low in vocab.CONNECTORS or not toks[j - 1].is_word):
        j -= 1
    return j, acr


def _comma_list_end(toks: list[Token], j: int) -> int:
    """At a comma inside a name: the end of ", A, B, dan C" when it closes with dan/and."""
    n, k, items = len(toks), j, 0
    while k < n and toks[k].text == ",":
        k += 1
        last = k < n and toks[k].low in ("dan", "and")  # ", and X": the last item
        if last:
            k += 1
        m = k
        while m < n and _name_word(toks[m]) and not _starts_head(toks, m, vocab.org_prefix()):
            m += 1
        if m == k or m - k > 3:
            return 0
        items += 1
        k = m
        if k < n and toks[k].low in ("dan", "and"):
            m = k + 1
            while m < n and _name_word(toks[m]) and not _starts_head(toks, m, vocab.org_prefix()):
                m += 1
            if m > k + 1 and m - k <= 4:
                return m
            return 0
        if last:
            return k
    return 0


def _suffix_start(toks: list[Token], k: int) -> int:
    """Start of an English name ending in a suffix head at token ``k`` (X Foundation)."""
    i = k
    while i > 0 and k - i < 5:
        p = toks[i - 1]
        if (
            _name_word(p)
            and p.text not in vocab.function_words()
            and not _starts_head(toks, i - 1, vocab.position_heads())
        ):
            i -= 1
            continue
        if p.text in ("&",) and i >= 2 and _name_word(toks[i - 2]):
            i -= 1
            continue
        break
    return i


def pattern_orgs(sent_idx: int, sentence: str, toks: list[Token]) -> list[Mention]:
    """Org mentions found by head words, with the acronyms defined in parentheses."""
    out: list[Mention] = []
    n, j = len(toks), 0
    prefix = vocab.org_prefix()
    firsts = _firsts(prefix)
    for c in [c for c, t in enumerate(toks) if t.text in firsts]:  # only a head word starts a name
        if c < j:
            continue
        j = c
        h = _starts_head(toks, j, prefix)
        if h:
            typ = prefix[tuple(t.text for t in toks[j : j + h])]
            end, acr = extend_name(toks, j + h)
            while end > j + h and _YEAR.match(toks[end - 1].text):
                end -= 1  # "Badan Pusat Statistik 2018": the year of the data, not the name
            if end > j + h:
                out.append(_mk(sent_idx, sentence, toks, j, end, typ, acr))
                j = end
    suffix = vocab.org_suffix()
    for k in [k for k, t in enumerate(toks) if t.cap and t.text in suffix]:
        i = _suffix_start(toks, k)
        if i < k:
            end = k + 1
            while end < n and toks[end].text in suffix:
                end += 1
            out.append(_mk(sent_idx, sentence, toks, i, end, suffix[toks[k].text], []))
    return out


def _mk(s: int, sentence: str, toks: list[Token], i: int, j: int, typ: str, acr: list[str]) -> Mention:
    surface = span_text(sentence, toks, i, j)
    if (
        typ == "GovernmentBody"
        and any(t.text in vocab.nonprofit_words() for t in toks[i:j])
        and not _starts_head(toks, i, vocab.state_heads())
    ):
        typ = "NonProfit"  # "Badan Amil Zakat ...": a zakat body, whatever its head word
    m = Mention(s, i, j, typ, surface, source="pattern")
    for a in acr:
        m.aliases.append(a)
        bare = surface.replace(f" ({a})", "").replace(f"({a})", "")
        if bare != surface:
            m.aliases.append(" ".join(bare.split()))
            tail = surface.split(f"({a})", 1)[1].strip()
            if tail:  # "Badan X (BX) Jakarta Timur" is also "BX Jakarta Timur"
                m.aliases.append(f"{a} {tail}")
    return m


def gaz_mentions(sent_idx: int, matches: list[Match]) -> list[Mention]:
    out = []
    for m in matches:
        if m.key.kind in ("org", "place"):
            e = gazetteer.by_id()[m.key.ref]
            out.append(Mention(sent_idx, m.i, m.j, e.type, m.surface, gaz=e.id, source="gaz"))
        elif m.key.kind == "title":
            e = gazetteer.by_id()[m.key.ref]
            out.append(
                Mention(sent_idx, m.i, m.j, e.type, m.surface, gaz=e.id, source="title", role=m.surface)
            )
    return out


def _org_internal(t: Token, place_toks: set[int], k: int) -> bool:
    """A token that belongs to a body's name, never to a person's (units, acronyms, places)."""
    if not t.is_word:
        return t.text in ")"
    if k in place_toks or t.text in vocab.institutional() or t.text in vocab.not_name():
        return True
    return t.text.isupper() or t.text[:1].isdigit()


def _initial(toks: list[Token], k: int) -> bool:
    """A name initial ("Franky O. Widjaja"): one capital letter right before a dot, after a name word."""
    t = toks[k]
    return (
        len(t.text) == 1
        and t.text.isupper()
        and k + 1 < len(toks)
        and toks[k + 1].text == "."
        and k > 0
        and toks[k - 1].is_word
        and not toks[k - 1].text.isupper()
    )


def trim_person_tail(m: Mention, toks: list[Token], sentence: str, place_toks: set[int]) -> int:
    """'(Kepala) Dinas Sosial Kulonprogo Yohanes Irianto': in a title, the capitalised words
    after the last institutional word, acronym or place are the person's name.

    Returns the new end of ``m`` (``m.j`` when nothing is cut); the body keeps at least
    one word after its head.
    """
    k = m.j
    while k > m.i + 1 and (not _org_internal(toks[k - 1], place_toks, k - 1) or _initial(toks, k - 1)):
        if toks[k - 1].text in ".":
            break
        k -= 1
    if k == m.j or k <= m.i + 1:
        return m.j
    return k


def after_title(toks: list[Token], i: int, title_ends: set[int]) -> bool:
    """Whether token ``i`` follows a position title ("Kepala", "Ketua Umum", "Mensos")."""
    if i in title_ends:
        return True
    heads = vocab.position_heads()
    return any(i - n >= 0 and _starts_head(toks, i - n, heads) == n for n in (1, 2, 3))
