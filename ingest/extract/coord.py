"""Coordinated names: one capitalised run naming several bodies is split into them.

"Ministry of Social Affairs and UNICEF", "Kementerian Sosial RI dan Asian Philanthropy
Circle (APC)", "Kementerian PPPA, Kemenkominfo, Bareskrim Polri dan Kejagung" each name
several bodies; "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak" and "Department
of Social Welfare and Development" name one. Rules, in order:

1. a gazetteer name spanning the connector keeps the run whole there;
2. otherwise split at "dan/and/serta/&" or a comma when what follows is a known body, an
   acronym, an org head (Yayasan, PT, Kementerian, Ministry of ...) or a name closed by an
   org suffix (X Foundation);
3. when two separators split, the other commas of the run split too: it is a list of
   bodies.
"""

from __future__ import annotations

from functools import lru_cache

from ingest.extract import vocab
from ingest.extract.lexicon import load
from ingest.extract.matcher import Match
from ingest.extract.model import Mention
from ingest.extract.orgs import _mk, _starts_head
from ingest.extract.tokens import Token

_SEPS = frozenset({"dan", "and", "serta", "&", ","})
_ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"})


@lru_cache(maxsize=1)
def _inner_acronyms() -> frozenset[str]:
    """Acronyms that are part of body names ("Dinas Koperasi dan UMKM"), never a body alone."""
    return frozenset(str(x) for x in load("orgforms.yaml").get("name_acronyms") or [])


def _acronym(toks: list[Token], k: int, end: int) -> bool:
    t = toks[k]
    if not (t.is_word and t.text.isupper() and len(t.text) >= 2) or t.text in _ROMAN:
        return False
    return not (t.text in _inner_acronyms() or t.text in ("RI", "NKRI"))


def _suffix_named(toks: list[Token], k: int, end: int) -> str | None:
    """Type of a name "X Y Foundation" starting at ``k`` and closed by an org suffix."""
    suffix = vocab.org_suffix()
    j = k
    while j < end and j - k < 5 and toks[j].is_word and toks[j].cap:
        if j > k and toks[j].text in suffix:
            return suffix[toks[j].text]
        j += 1
    return None


def _right_type(toks: list[Token], k: int, end: int, gaz_at: dict[int, Match]) -> str | None:
    """The type of the body named from token ``k`` when it is evidently one, else None."""
    if k >= end or not toks[k].cap:
        return None
    if k in gaz_at:
        return gaz_at[k].key.ref
    h = _starts_head(toks, k, vocab.org_prefix())
    if h:
        return vocab.org_prefix()[tuple(t.text for t in toks[k : k + h])]
    if _acronym(toks, k, end):
        return "?"
    return _suffix_named(toks, k, end)


def split(m: Mention, sentence: str, toks: list[Token], matches: list[Match], by_id: dict) -> list[Mention]:
    """The bodies a pattern mention names: ``[m]`` itself, or its coordinated parts."""
    seps = [c for c in range(m.i + 1, m.j - 1) if toks[c].low in _SEPS]
    if not seps:
        return [m]
    orgs = [x for x in matches if x.key.kind == "org"]
    gaz_at = {x.i: x for x in sorted(orgs, key=lambda x: x.i - x.j) if m.i <= x.i < m.j}
    protected = {c for x in orgs for c in range(x.i + 1, x.j - 1) if x.i >= m.i}
    cuts = []
    for c in seps:
        if c in protected or c - 1 in protected and toks[c].text == ",":
            continue
        if _right_type(toks, c + 1, m.j, gaz_at):
            cuts.append(c)
    if not cuts:
        return [m]
    if len(cuts) >= 2:
        cuts = sorted(
            set(cuts) | {c for c in seps if toks[c].text == "," and c not in protected and c > cuts[0]}
        )
    out, start = [], m.i
    bounds = [*cuts, m.j]
    for c in bounds:
        i, j = start, c
        while j > i and (toks[j - 1].low in vocab.CONNECTORS or toks[j - 1].text in ",("):
            j -= 1
        while i < j and (toks[i].low in _SEPS or not toks[i].is_word):
            i += 1
        start = c + 1
        if j <= i:
            continue
        typ = m.type
        if i > m.i:
            rt = _right_type(toks, i, j, gaz_at)
            if rt in by_id:
                typ = by_id[rt].type
            elif rt and rt != "?":
                typ = rt
        surface = sentence[toks[i].start : toks[j - 1].end]
        acr = [a for a in m.aliases if f"({a})" in surface]
        out.append(_mk(m.sent, sentence, toks, i, j, typ, acr))
    return out or [m]


def joint_subject(st, type_of, org_types: tuple[str, ...]) -> list[str]:
    """ "X dan Y sepakat ...", "X and Y signed ...": the bodies coordinated right before a verb
    of joint decision (entity keys, two or more), else []."""
    from ingest.extract.lexicon import trigger_regex

    for t in trigger_regex("joint").finditer(st.text):
        keys = _group_before(st, t.start(), type_of, org_types)
        if len(keys) >= 2:
            return keys
    return []


def _group_before(st, pos: int, type_of, org_types: tuple[str, ...]) -> list[str]:
    ms = sorted(
        (m for m in st.mentions if m.ent and type_of(m.ent) in org_types and st.toks[m.j - 1].end <= pos),
        key=lambda m: m.i,
    )
    if len(ms) < 2:
        return []
    gap = st.text[st.toks[ms[-1].j - 1].end : pos]
    if len(gap.split()) > 3 or any(c in gap for c in ",.;:"):
        return []
    group = [ms[-1]]
    for m in reversed(ms[:-1]):
        between = st.text[st.toks[m.j - 1].end : st.toks[group[-1].i].start].strip(" ()").lower()
        if between in ("", ",", "dan", "and", "serta", "&", ", dan", ", and"):  # "X (ACR) dan Y"
            group.append(m)
        else:
            break
    return list(dict.fromkeys(m.ent for m in reversed(group)))
