"""Person names followed by their post ("Budi, Head of PR", "Budi selaku Ketua X") and names
found without a title: after honorifics or next to speech verbs ("kata Budi Santoso")."""

from __future__ import annotations

import re

from ingest.extract import vocab
from ingest.extract.model import Mention
from ingest.extract.orgs import _starts_head
from ingest.extract.persons import ROLE_INTRO, TITLE_LINKS, Position, _Ctx, name_token
from ingest.extract.tokens import span_text

_SPEECH_ENDS = (  # words right before a speaker's name
    "kata", "ujar", "ucap", "tutur", "ungkap", "jelas", "terang", "tandas", "tegas", "imbuh", "tambah",
    "papar", "lanjut", "sebut", "menurut", "said", "says", "added", "according to", "dipimpin", "led by",
    "oleh",
)  # fmt: skip
_SPEECH_BEFORE = re.compile(r"(?:^|\W)(" + "|".join(_SPEECH_ENDS) + r")\s*$", re.I)
_SPEECH_AFTER = re.compile(
    r"^\s*(mengatakan|menyatakan|menjelaskan|menegaskan|mengungkapkan|menyampaikan|menilai|"
    r"menyebut|menambahkan|berharap|berpesan|mengimbau|meminta|said|says|stated|added|noted|"
    r"explained|stressed|told|emphasi[sz]ed|concluded|expressed|believed|acknowledged|gave)\b",
    re.I,
)
_DASH_NAME = re.compile(r"^\s*-\s*[A-Z]")


def _speech_before(before: str) -> bool:
    """``_SPEECH_BEFORE.search(before)``; ASCII text not ending with one of its words needs no search."""
    if before.isascii() and not before.rstrip().lower().endswith(_SPEECH_ENDS):
        return False
    return bool(_SPEECH_BEFORE.search(before))


def loose_names(ctx: _Ctx, persons: list[Mention], taken: set[int]) -> None:
    """Names after honorifics or next to speech verbs."""
    toks, sentence = ctx.toks, ctx.sentence
    k = 0
    for c in ctx.starts():
        if c < k or c in taken or c in ctx.cover:
            continue
        k = c
        nm = ctx.name_at(k)
        if not nm:
            continue
        titled, ns, ne = nm
        before = sentence[max(0, toks[titled].start - 30) : toks[titled].start]
        after = sentence[toks[ne - 1].end : toks[ne - 1].end + 30]
        honorific = titled < ns
        speech = _speech_before(before) or bool(_SPEECH_AFTER.match(after))
        if honorific or speech or ne - ns >= 2 and _DASH_NAME.match(after):
            persons.append(ctx.person(titled, ns, ne))
            taken.update(range(titled, ne))
        k = ne


_EN_HEADS_LOWER = frozenset(
    {
        "president",
        "secretary",
        "chairman",
        "chair",
        "director",
        "head",
        "minister",
        "representative",
        "manager",
        "officer",
        "coordinator",
        "founder",
        "chief",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "chairperson",
    }
)


def _role_after(ctx: _Ctx, k: int) -> int:
    """End of a title starting at ``k`` when it follows a name ("Budi, Head of PR")."""
    toks = ctx.toks
    j = k
    saw_head = False
    while j < len(toks):
        t = toks[j]
        if j in ctx.cover:
            j = ctx.cover[j].j
            continue
        if t.is_word and (t.text[:1].isupper() or t.low in _EN_HEADS_LOWER):
            saw_head = (
                saw_head or _starts_head(toks, j, vocab.position_heads()) > 0 or t.low in _EN_HEADS_LOWER
            )
            j += 1
            continue
        if (
            t.low in TITLE_LINKS
            and j + 1 < len(toks)
            and (toks[j + 1].text[:1].isupper() or toks[j + 1].text == "the")
        ):
            if t.low in ("dan", "and") and j + 1 not in ctx.cover and name_token(toks[j + 1]):
                break
            j += 1
            continue
        if t.low == "the" and j + 1 < len(toks):
            j += 1
            continue
        break
    return j if saw_head else k


def name_then_title(
    ctx: _Ctx, mentions: list[Mention], persons: list[Mention], positions: list[Position], taken: set[int]
) -> None:
    toks = ctx.toks
    k = 0
    for c in ctx.starts():
        if c < k or c in taken or c in ctx.cover:
            continue
        k = c
        nm = ctx.name_at(k)
        if not nm:
            continue
        titled, ns, ne = nm
        if ns != titled and ne - ns < 1:
            continue
        j = ctx.strip_degrees(ne)
        if j < len(toks) and (toks[j].text in (",", "(") or toks[j].low in ROLE_INTRO):
            r0 = j + 1
            if r0 < len(toks) and toks[r0].low == "the":
                r0 += 1
            r1 = _role_after(ctx, r0)
            if r1 > r0:
                role = span_text(ctx.sentence, toks, r0, r1)
                person = ctx.person(titled, ns, ne)
                inside = [m for m in mentions if r0 <= m.i and m.j <= r1 and m.source != "title"]
                titles = [m for m in mentions if r0 <= m.i and m.j <= r1 and m.source == "title"]
                persons.append(person)
                positions.append(Position(person, role, inside + titles, orgs_after(ctx, mentions, r1), r0))
                taken.update(range(titled, r1))
                k = r1
                continue
        k = ne + 1


_ORG = frozenset({"GovernmentBody", "IntergovernmentalOrganization", "NonProfit", "Company"})
_LOWER_MODIFIERS = frozenset({"deputy", "executive", "general", "vice", "country", "regional", "managing"})


def org_then_lower_title(
    ctx: _Ctx, mentions: list[Mention], persons: list[Mention], positions: list[Position], taken: set[int]
) -> None:
    """ "DSWD secretary Rex Gatchalian", "UNICEF country representative Jane Doe": a body, a
    lower-case English post, then a name of two words or more."""
    toks = ctx.toks
    for m in mentions:
        if m.type not in _ORG or m.source == "title" or m.j >= len(toks):
            continue
        k = m.j
        while k < len(toks) and k - m.j < 2 and toks[k].text in _LOWER_MODIFIERS:
            k += 1
        if k >= len(toks) or toks[k].text not in _EN_HEADS_LOWER or k in taken:
            continue
        nm = ctx.name_at(k + 1)
        if not nm or nm[2] - nm[1] < 2 or any(x in taken for x in range(nm[0], nm[2])):
            continue
        person = ctx.person(*nm)
        persons.append(person)
        positions.append(Position(person, span_text(ctx.sentence, toks, m.j, k + 1), [m], [], m.j))
        taken.update(range(m.j, nm[2]))


_BODY_ADJ = frozenset({"national", "local", "regional", "international", "provincial", "global", "country"})


def orgs_after(ctx: _Ctx, mentions: list[Mention], j: int) -> list[Mention]:
    """A body right after a name or title: "(Head ...) of the Directorate X", "dari X"."""
    toks = ctx.toks
    k = j
    while k < len(toks) and toks[k].text in (")", ","):
        k += 1
    if k < len(toks) and toks[k].low in ("of", "dari", "from", "at", "di"):
        k += 1
        if k < len(toks) and toks[k].low == "the":
            k += 1
            if k + 1 < len(toks) and toks[k].text in _BODY_ADJ:  # "of the national Caritas"
                k += 1
        return [m for m in mentions if m.i == k and m.type != "Place" and m.source != "title"]
    return []
