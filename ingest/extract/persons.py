"""Person names and the posts they hold: "Kepala Dinas Sosial X Budi Santoso",
"Budi Santoso, Head of Marketing Y", "Budi (Chair of Z)", "Budi selaku Ketua Z",
names after honorifics and next to speech verbs. Honorifics and degrees are stripped."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ingest.extract import vocab
from ingest.extract.model import Mention
from ingest.extract.orgs import _firsts, _starts_head
from ingest.extract.tokens import Token, span_text

TITLE_LINKS = frozenset(
    {"of", "for", "the", "and", "dan", "di", "untuk", "with", "on", "in", "at", "to", "/", "-", "&"}
)
ROLE_INTRO = frozenset({"selaku", "sebagai", "as"})


@dataclass(slots=True)
class Position:
    person: Mention
    role: str
    orgs: list[Mention] = field(default_factory=list)  # bodies named inside the title
    after: list[Mention] = field(default_factory=list)  # bodies right after the title (of X)
    start: int = -1  # first token of the title


def _upper_lower(t: Token) -> bool:
    return t.text[:1].isupper() and not t.text.isupper()


def name_token(t: Token) -> bool:
    return t.is_word and _name_word(t.text)


@lru_cache(maxsize=65536)
def _name_word(w: str) -> bool:
    if not w[:1].isupper() or w.isupper() and len(w) > 1:
        return False
    return w not in vocab.institutional() and w not in vocab.not_name()


class _MayStart(dict):
    """Token text -> whether the token may start a name: a name word or an honorific."""

    def __missing__(self, w: str) -> bool:
        c = w[:1]
        is_word, cap = c.isalnum() or c == "_", c.isupper() or c.isdigit()  # as Token
        v = self[w] = is_word and (cap and _name_word(w) or w in vocab.honorific_starts())
        return v


_MAY_START = _MayStart()


class _Ctx:
    def __init__(self, s: int, sentence: str, toks: list[Token], mentions: list[Mention]):
        self.s, self.sentence, self.toks = s, sentence, toks
        self.cover: dict[int, Mention] = {}
        for m in mentions:
            for k in range(m.i, m.j):
                self.cover[k] = m
        may = _MAY_START if len(_MAY_START) < 100_000 else _MayStart()
        self.may_start = [may[t.text] for t in toks]
        self._names: dict[tuple[int, int], tuple[int, int, int] | None] = {}  # name_at, memoized

    def starts(self) -> list[int]:
        """Indices of the tokens that may start a name."""
        return [k for k, ok in enumerate(self.may_start) if ok]

    def honor(self, k: int) -> int:
        """Length of an honorific at ``k`` (with its dot), 0 if none."""
        toks = self.toks
        if (
            k >= len(toks)
            or not toks[k].is_word
            or toks[k].text.replace("'", "") not in vocab.honorific_starts()
        ):
            return 0
        for n in (3, 2, 1):
            words = [t.text for t in toks[k : k + n] if t.is_word]
            if len(words) and "".join(words).replace("'", "") in vocab.honorifics():
                span = k + n
                if span < len(toks) and toks[span].text == "." and toks[span].start == toks[span - 1].end:
                    span += 1
                if all(t.is_word for t in toks[k : k + n]):
                    return span - k
        return 0

    def name_at(self, k: int, min_len: int = 1) -> tuple[int, int, int] | None:
        """A person's name starting at ``k`` (after optional honorifics): (titled start, start, end)."""
        key = (k, min_len)
        if key not in self._names:
            self._names[key] = self._name_at(k, min_len)
        return self._names[key]

    def _name_at(self, k: int, min_len: int) -> tuple[int, int, int] | None:
        toks, t0 = self.toks, k
        if k >= len(toks) or not (name_token(toks[k]) or self.honor(k)):
            return None
        while True:
            h = self.honor(k)
            if not h:
                break
            nxt = k + h
            if toks[k].text in vocab.weak_honorifics() and not (nxt < len(toks) and name_token(toks[nxt])):
                break
            k = nxt
            while k in self.cover and self.cover[k].type != "Person":  # "Marsekal TNI Hadi"
                k = self.cover[k].j
        start, j = k, k
        while j < len(toks) and j - start < 5:
            t = toks[j]
            if j in self.cover or not name_token(t):
                if (
                    t.text == "."
                    and j > start
                    and len(toks[j - 1].text) == 1
                    and toks[j - 1].text.isupper()
                    and j + 1 < len(toks)
                    and j + 1 not in self.cover
                    and name_token(toks[j + 1])
                ):
                    j += 1  # "Franky O. Widjaja": the initial's dot
                    continue
                # an initial: "Franky O. Widjaja"
                if (
                    j > start
                    and len(t.text) == 1
                    and t.text.isupper()
                    and j + 2 < len(toks)
                    and toks[j + 1].text == "."
                    and name_token(toks[j + 2])
                ):
                    j += 2
                    continue
                break
            j += 1
        if j - start < min_len or j == start:
            return None
        return t0, start, j

    def strip_degrees(self, j: int) -> int:
        """Skip ", S.Sos., M.Si" after a name; returns the new end."""
        toks, k = self.toks, j
        while k < len(toks):
            m = k + 1 if toks[k].text == "," else k
            w = ""
            e = m
            while e < len(toks) and (toks[e].is_word or toks[e].text == ".") and e - m < 4:
                w += toks[e].text
                e += 1
                if w.replace(".", "").upper() in vocab.degrees():
                    break
            if w.replace(".", "").upper() in vocab.degrees() and e > m:
                if e < len(toks) and toks[e].text == ".":
                    e += 1
                k = e
                continue
            break
        return k

    def person(self, titled: int, start: int, end: int) -> Mention:
        name = span_text(self.sentence, self.toks, start, end)
        m = Mention(self.s, start, end, "Person", name, source="person")
        if titled < start:
            m.aliases.append(span_text(self.sentence, self.toks, titled, self.strip_degrees(end)))
        return m


def _title_end(ctx: _Ctx, k: int) -> int:
    """End of a title chunk starting at ``k``: capitalised words, bodies, connectors, commas."""
    toks, j = ctx.toks, k
    while j < len(toks):
        t = toks[j]
        if j in ctx.cover:
            j = ctx.cover[j].j
            continue
        if t.is_word and (t.text[:1].isupper() or t.text[:1].isdigit()):
            if j > k and ctx.honor(j) and toks[j].text not in vocab.institutional():
                nm = ctx.name_at(j)
                return nm[2] if nm else j
            j += 1
            continue
        low = t.low
        if (
            t.text == "."
            and j > k + 1
            and len(toks[j - 1].text) == 1
            and toks[j - 1].text.isupper()
            and j + 1 < len(toks)
            and name_token(toks[j + 1])
        ):
            j += 1  # an initial: "Franky O. Widjaja"
            continue
        if t.text == ")" and j > k:
            j += 1
            continue
        if (
            (low in TITLE_LINKS or t.text in ",()")
            and j + 1 < len(toks)
            and (toks[j + 1].text[:1].isupper() or toks[j + 1].text in "()" or toks[j + 1].low in ("the",))
        ):
            if low in ("dan", "and") and _starts_head(toks, j + 1, vocab.position_heads()) and j > k + 1:
                return j
            if low in ("dan", "and", "serta") and j + 1 not in ctx.cover and name_token(toks[j + 1]):
                return j  # "Kepala BPBD dan Suhelmi ...": a second person
            j += 1
            continue
        break
    return j


def _split_title_name(ctx: _Ctx, k: int, end: int) -> tuple[int, tuple[int, int, int]] | None:
    """Inside a title chunk [k, end): where the title ends and which tokens are the name."""
    toks = ctx.toks
    for h in range(k + 1, end):  # an honorific starts the name
        if ctx.honor(h) and toks[h].text not in vocab.institutional():
            nm = ctx.name_at(h)
            if nm:
                return h, nm
    commas = [c for c in range(k + 1, end) if toks[c].text == "," and c not in ctx.cover]
    if commas:
        for c in reversed(commas):
            nm = ctx.name_at(c + 1)
            if nm and nm[2] >= end - 1 or nm and nm[2] < len(toks) and toks[nm[2]].text == ",":
                rest_ok = nm[2] >= end or toks[nm[2]].text in ",."
                if rest_ok:
                    return c, nm
    # trailing run of name tokens
    j = end
    while j > k + 1 and toks[j - 1].text in ",.":
        j -= 1
    s = j
    while s > k + 1 and s - 1 not in ctx.cover and name_token(toks[s - 1]) and j - s < 4:
        s -= 1
    if s < j and s > k:
        prev = toks[s - 1]
        if prev.text == "." and s >= 2 and len(toks[s - 2].text) == 1:  # initial inside the name
            s -= 2
            if not (s > k + 1 and s - 1 not in ctx.cover and name_token(toks[s - 1])):
                return None
            s -= 1
        nm = ctx.name_at(s)
        if nm and nm[2] == j:
            return s, nm
    return None


def find_positions(
    s: int, sentence: str, toks: list[Token], mentions: list[Mention]
) -> tuple[list[Mention], list[Position]]:
    """Persons and positions of one sentence (``mentions`` are its bodies and places)."""
    ctx = _Ctx(s, sentence, toks, [m for m in mentions if m.source != "title"])
    titles = {m.i: m for m in mentions if m.source == "title"}
    persons: list[Mention] = []
    positions: list[Position] = []
    taken: set[int] = set()
    k = 0
    heads = vocab.position_heads()
    firsts = _firsts(heads)
    for c in sorted({c for c, t in enumerate(toks) if t.cap and t.text in firsts} | titles.keys()):
        if c < k:  # only a title head or a title mention starts a post
            continue
        k = c
        h = _starts_head(toks, k, heads) if toks[k].text in firsts and toks[k].cap else 0
        if not h and k in titles:
            h = titles[k].j - k
        if not h or k in taken:
            continue
        end = _title_end(ctx, k)
        split = _split_title_name(ctx, k, end)
        if not split:
            k += h
            continue
        tend, (titled, ns, ne) = split
        person = ctx.person(titled if titled >= tend else ns, ns, ne)
        if titled > tend:
            person.aliases.append(span_text(sentence, toks, titled, ne))
        role_end = tend
        while role_end > k and toks[role_end - 1].text in ",(":
            role_end -= 1
        role = span_text(sentence, toks, k, role_end)
        inside = [m for m in mentions if k <= m.i and m.j <= role_end]
        persons.append(person)
        positions.append(Position(person, role, inside, names.orgs_after(ctx, mentions, ne), k))
        taken.update(range(k, ne))
        k = ne
    names.name_then_title(ctx, mentions, persons, positions, taken)
    names.org_then_lower_title(ctx, mentions, persons, positions, taken)
    names.loose_names(ctx, persons, taken)
    return persons, positions


# names.py builds on this module: imported last, once both are defined (a function-level
# import would run for every sentence)
from ingest.extract import names  # noqa: E402
