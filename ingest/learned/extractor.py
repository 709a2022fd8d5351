"""The learned extractor: the rules propose, trained models decide.

1. The rule extractor (:func:`ingest.extract.core.analyse`) reads the document: sentences,
   tokens, gazetteer matches, its mentions and its entities and relations.
2. A CRF tags entity spans and types token by token; its features include the rules'
   reading, so it learns when to trust them (:mod:`ingest.learned.token_features`).
3. Tagged spans become entities: a span the rules also found takes the rules' entity (its
   name, aliases and gazetteer identity), others are new entities; "Name (ACR)" and short
   forms of a person's name join their entity. Bodies implied by titles stay as the rules
   read them.
4. Every pair of entities mentioned in one sentence (and every pair the rules related) is a
   candidate; one classifier per relation type decides it and its direction
   (:mod:`ingest.learned.pair_features`). Qualifiers (role, status, amount) come from the
   rules' relation where there is one.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.extract import vocab
from ingest.extract.core import Analysis, analyse
from ingest.extract.lexicon import trigger_regex
from ingest.extract.relations import AMOUNT
from ingest.extract.tokens import tokenize
from ingest.learned import crf
from ingest.learned.align import spans_of
from ingest.learned.pair_features import sentence_pair_features
from ingest.learned.token_features import _word_lexicon, sentence_features
from kg.claims import Document, Evidence, Extraction, fold
from kg.errors import InputError

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "default"
ORG = frozenset({"GovernmentBody", "IntergovernmentalOrganization", "NonProfit", "Company"})
RELATION_TYPES = (
    "partnersWith",
    "holdsPosition",
    "runs",
    "funds",
    "partyTo",
    "subOrganizationOf",
    "memberOf",
    "locatedIn",
)
_RANK = {"Person": 0, "GovernmentBody": 1, "IntergovernmentalOrganization": 1, "NonProfit": 1, "Company": 1}
_RANK |= {"Program": 2, "Commitment": 3, "Place": 4}
MAX_PAIR_ENTITIES = 16  # entities per sentence that pair up (longer lists: the first ones)
KEEP_RULE_SPANS = True


def _allowed(ta: str, tb: str) -> dict[str, bool]:
    org_a, org_b = ta in ORG, tb in ORG
    return {
        "partnersWith": org_a and org_b,
        "holdsPosition": ta == "Person" and org_b,
        "runs": org_a and tb == "Program",
        "funds": org_a and (org_b or tb == "Program"),
        "partyTo": (org_a or ta == "Place") and tb == "Commitment",
        "subOrganizationOf": org_a and org_b,
        "memberOf": (org_a or ta == "Place") and org_b,
        "locatedIn": (org_a or ta == "Program") and tb == "Place",
    }


_TYPES = (*ORG, "Person", "Program", "Commitment", "Place")
_COMPATIBLE = frozenset(
    (r, ta, tb) for ta in _TYPES for tb in _TYPES for r, ok in _allowed(ta, tb).items() if ok
)


def compatible(rel: str, ta: str, tb: str) -> bool:
    """Whether relation ``rel`` may join types ``ta`` -> ``tb`` (the guide's table).

    >>> compatible("holdsPosition", "Person", "NonProfit"), compatible("holdsPosition", "NonProfit", "Person")
    (True, False)
    """
    return (rel, ta, tb) in _COMPATIBLE


@lru_cache(maxsize=256)
def pair_types_allowed(ta: str, tb: str) -> tuple[str, ...]:
    """Relation types possible between two entities in either direction."""
    return tuple(r for r in RELATION_TYPES if compatible(r, ta, tb) or compatible(r, tb, ta))


@dataclass
class Ent:
    """An entity of the learned reading (before it is written to an Extraction)."""

    key: str
    type_votes: Counter = field(default_factory=Counter)
    forms: list[str] = field(default_factory=list)
    rule_id: str | None = None  # the rules' entity it is
    implied: bool = False
    first: tuple[int, int] = (1 << 30, 0)
    sents: list[int] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.type_votes.most_common(1)[0][0]


@dataclass
class Reading:
    """Entities and their mentions per sentence: what the relation step works on."""

    an: Analysis
    ents: dict[str, Ent]
    mentions: dict[int, list[tuple[int, int, str, bool]]]  # sentence -> (i, j, entity key, is title)


def _group(t: str) -> str:
    return "org" if t in ORG else t


_TITLE_WORD = frozenset({"poshead", "honor"})


@lru_cache(maxsize=1)
def _honorific_sequences() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Honorifics and degrees of several tokens ("H.E." -> h . e .) by their first token,
    longest first."""
    seqs = {tuple(t.low for t in tokenize(w)) for w in vocab.honorifics() | vocab.degrees()}
    seqs |= {s + (".",) for s in seqs if s and s[-1] != "."}
    out: dict[str, list[tuple[str, ...]]] = {}
    for sq in sorted((s for s in seqs if len(s) > 1), key=lambda s: (-len(s), s)):
        out.setdefault(sq[0], []).append(sq)
    return {k: tuple(v) for k, v in out.items()}


def _clean_person(toks, i: int, j: int) -> tuple[int, int]:
    """A person span without the honorifics and degrees before it; empty when nothing else is
    left, or when it holds only post titles ("Presiden")."""
    lex = _word_lexicon()
    seqs = _honorific_sequences()
    moved = True
    while moved and i < j:
        moved = False
        for sq in seqs.get(toks[i].low, ()):
            n = len(sq)
            if i + n <= j and tuple(t.low for t in toks[i : i + n]) == sq:
                i, moved = i + n, True
                break
        if not moved and (toks[i].text in (".", ",") or "honor" in lex.get(toks[i].low.rstrip("."), ())):
            i, moved = i + 1, True
    chunks = "".join(t.text for t in toks[i:j]).replace(".", "").split(",")
    if all(c.upper() in vocab.degrees() for c in chunks):  # "Sp.A., MPH": degrees alone
        return i, i
    words = [t for t in toks[i:j] if t.is_word]
    if all(not _TITLE_WORD.isdisjoint(lex.get(t.low.rstrip("."), ())) for t in words):  # none, or titles
        return i, i
    return i, j


def read_entities(an: Analysis, tagger: crf.Tagger) -> Reading:
    """Entities from the tagger's spans, joined with the rules' entities."""
    rule_ents = {e.id: e for e in an.entities}
    by_form: dict[tuple[str, str], str] = {}  # (type group, folded form) -> entity key
    ents: dict[str, Ent] = {}
    mentions: dict[int, list[tuple[int, int, str, bool]]] = {}

    for e in an.entities:
        for f in e.forms:
            by_form.setdefault((_group(e.type), fold(f)), "r:" + e.id)

    def get(key: str, rule_id: str | None = None) -> Ent:
        ent = ents.get(key)
        if ent is None:
            ent = ents[key] = Ent(key, rule_id=rule_id)
            if rule_id:
                ent.forms = list(rule_ents[rule_id].forms)
        return ent

    for st in an.sents:
        s = st.s.index
        rule_spans: dict[tuple[int, int], str] = {}
        for m in st.mentions:
            eid = an.entity_id(m)
            if eid and m.j > m.i:
                rule_spans[(m.i, m.j)] = eid
        feats = sentence_features(st.toks, st.matches, st.mentions, st.titles)
        sm = mentions.setdefault(s, [])
        for i, j, typ in _repair_spans(st, spans_of(tagger.tag(feats))):
            if typ == "Person":
                i, j = _clean_person(st.toks, i, j)
                if j <= i:
                    continue
            surface = st.text[st.toks[i].start : st.toks[j - 1].end]
            eid = rule_spans.get((i, j))
            if eid is None:  # a rule mention of the same kind inside the span
                for (a, b), rid in rule_spans.items():
                    if (
                        i <= a
                        and b <= j
                        and _group(rule_ents[rid].type) == _group(typ)
                        and (b - a) * 2 >= j - i
                    ):
                        eid = rid
                        break
            key = "r:" + eid if eid else by_form.get((_group(typ), fold(surface)))
            if key is None:
                key = f"n:{_group(typ)}:{fold(surface)}"
            ent = get(key, key[2:] if key.startswith("r:") else None)
            ent.type_votes[typ] += 1
            if surface not in ent.forms:
                ent.forms.append(surface)
            by_form.setdefault((_group(typ), fold(surface)), key)
            ent.first = min(ent.first, (s, i))
            if s not in ent.sents:
                ent.sents.append(s)
            sm.append((i, j, key, False))
        if KEEP_RULE_SPANS:
            covered = {k for i, j, _, _ in sm for k in range(i, j)}
            for (i, j), eid in rule_spans.items():
                if not covered.intersection(range(i, j)):
                    ent = get("r:" + eid, eid)
                    ent.type_votes[rule_ents[eid].type] += 1
                    ent.first = min(ent.first, (s, i))
                    if s not in ent.sents:
                        ent.sents.append(s)
                    sm.append((i, j, "r:" + eid, False))
        _join_parentheses(st, sm, ents)
    # bodies implied by titles (no span of their own in the text) as the rules read them
    implied = {e.id for e in an.entities if e.implied}
    for st in an.sents:
        for m in st.titles + st.implied:
            eid = an.entity_id(m)
            if eid in implied:
                ent = get("r:" + eid, eid)
                ent.implied = True
                ent.type_votes[rule_ents[eid].type] += 0
                if not ent.type_votes:
                    ent.type_votes[rule_ents[eid].type] = 1
                ent.first = min(ent.first, (st.s.index, m.i))
                if st.s.index not in ent.sents:
                    ent.sents.append(st.s.index)
                mentions.setdefault(st.s.index, []).append((m.i, max(m.j, m.i + 1), "r:" + eid, True))
    for st in an.sents:  # titles of tagged bodies ("Menteri Sosial" of Kemensos) are mentions too
        for m in st.titles:
            eid = an.entity_id(m)
            if eid and "r:" + eid in ents and eid not in implied:
                mentions.setdefault(st.s.index, []).append((m.i, max(m.j, m.i + 1), "r:" + eid, True))
    _short_person_names(ents)
    return Reading(an, ents, mentions)


def _repair_spans(st, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Tagged spans made whole: a span that opens a bracket without closing it ("Rehabilitasi
    Sosial (Rehsos") becomes the name and the bracketed span, which then join; a body's span
    that runs into a person the rules found ("BAZNAS Arifin Purwakananta") stops before it."""
    toks = st.toks
    persons = sorted(m.i for m in st.mentions if m.type == "Person" and m.j > m.i)
    out = []
    for i, j, typ in spans:
        if typ != "Person":
            cut = next((p for p in persons if i < p < j), None)
            if cut is not None:
                j = cut
        texts = [t.text for t in toks[i:j]]
        if "(" in texts and ")" not in texts[texts.index("(") :]:
            k = i + texts.index("(")
            end = j + 1 if j < len(toks) and toks[j].text == ")" else j
            if k > i:
                out.append((i, k, typ))
            if end - 1 > k + 1 or (end - 1 == k + 1 and toks[k + 1].is_word):
                inner_j = end - 1 if toks[end - 1].text == ")" else end
                if inner_j > k + 1:
                    out.append((k + 1, inner_j, typ))
            continue
        if j > i:
            out.append((i, j, typ))
    return out


def _join_parentheses(st, sm: list[tuple[int, int, str, bool]], ents: dict[str, Ent]) -> None:
    """ "Asian Philanthropy Circle (APC)": the bracketed span is the same entity."""
    toks = st.toks
    by_start = {i: (i, j, k) for i, j, k, _ in sm}
    for _i, j, key, _ in list(sm):
        if j + 2 < len(toks) and toks[j].text == "(":
            inner = by_start.get(j + 1)
            if inner and inner[1] < len(toks) and toks[inner[1]].text == ")":
                other = inner[2]
                if (
                    other != key
                    and other in ents
                    and key in ents
                    and _group(ents[other].type) == _group(ents[key].type)
                ):
                    _merge(ents, sm, other, key)


def _merge(ents: dict[str, Ent], sm: list, src: str, dst: str) -> None:
    a, b = ents.pop(src), ents[dst]
    b.type_votes.update(a.type_votes)
    b.forms += [f for f in a.forms if f not in b.forms]
    b.sents += [s for s in a.sents if s not in b.sents]
    b.first = min(a.first, b.first)
    b.rule_id = b.rule_id or a.rule_id
    sm[:] = [(i, j, dst if k == src else k, t) for i, j, k, t in sm]
    ents[src] = b  # later look-ups of the old key land on the merged entity


def _short_person_names(ents: dict[str, Ent]) -> None:
    """A one-word person name that is a word of exactly one longer person name joins it."""
    persons = {k: e for k, e in ents.items() if e.key == k and e.type == "Person"}
    full = {k: e for k, e in persons.items() if any(len(f.split()) >= 2 for f in e.forms)}
    for k, e in persons.items():
        if k in full or len(e.forms) != 1 or len(e.forms[0].split()) != 1:
            continue
        w = e.forms[0].lower()
        cands = [
            f for f, fe in full.items() if any(w == x.lower() for form in fe.forms for x in form.split())
        ]
        if len(cands) == 1:
            _merge(ents, [], k, cands[0])


def _live(ents: dict[str, Ent]) -> dict[str, Ent]:
    return {k: e for k, e in ents.items() if e.key == k}


def pair_candidates(rd: Reading) -> dict[tuple[str, str], set[str]]:
    """Candidate pairs ``(a, b)`` in canonical order with their pooled features."""
    ents = rd.ents
    live = _live(ents)
    first = {k: e.first for k, e in live.items()}
    types = {k: e.type for k, e in live.items()}

    def canon(x: str, y: str) -> tuple[str, str]:
        kx, ky = (_RANK.get(types[x], 5), first[x]), (_RANK.get(types[y], 5), first[y])
        return (x, y) if kx <= ky else (y, x)

    feats: dict[tuple[str, str], set[str]] = {}
    nsent: Counter = Counter()
    sents = {st.s.index: st for st in rd.an.sents}
    for s, ms in rd.mentions.items():
        st = sents[s]
        norm = [(i, j, ents[k].key, t) for i, j, k, t in ms if k in ents]
        by_ent: dict[str, list[tuple[int, int, bool]]] = {}
        for i, j, k, t in sorted(norm):
            by_ent.setdefault(k, []).append((i, j, t))
        keys = list(by_ent)[:MAX_PAIR_ENTITIES]
        others_all = [(i, j, types[k]) for i, j, k, _ in norm]
        for x in range(len(keys)):
            for y in range(x + 1, len(keys)):
                a, b = canon(keys[x], keys[y])
                if not pair_types_allowed(types[a], types[b]):
                    continue
                ma, mb = min(
                    ((p, q) for p in by_ent[a] for q in by_ent[b]),
                    key=lambda pq: abs(pq[0][0] - pq[1][0]),
                )
                others = [o for o in others_all if (o[0], o[1]) not in ((ma[0], ma[1]), (mb[0], mb[1]))]
                f = sentence_pair_features(st.toks, ma[:2], mb[:2], others, st.text)
                if ma[2]:
                    f.add("a_title")
                if mb[2]:
                    f.add("b_title")
                feats.setdefault((a, b), set()).update(f)
                nsent[(a, b)] += 1
    rule_key = {e.rule_id: k for k, e in live.items() if e.rule_id}
    for r in rd.an.ex.relations:
        ka, kb = rule_key.get(r.source), rule_key.get(r.target)
        if not ka or not kb or ka == kb:
            continue
        a, b = canon(ka, kb)
        d = "ab" if (a, b) == (ka, kb) else "ba"
        f = feats.setdefault((a, b), {"nosent"})
        f.add(f"rule={r.type}:{d}")
        f.add(f"rule={r.type}")
        f.add(f"rulec={r.type}:{round(r.confidence, 1)}")
    for (a, b), f in feats.items():
        ta, tb = types[a], types[b]
        f.update({f"ta={ta}", f"tb={tb}", f"tp={ta}|{tb}", "bias"})
        f.add("nsent=" + str(min(nsent[(a, b)], 3)))
        if live[a].implied:
            f.add("a_implied")
        if live[b].implied:
            f.add("b_implied")
    return feats


@dataclass
class Models:
    """The trained model files of one model folder."""

    path: Path
    tagger: crf.Tagger
    relations: dict[str, crf.Classifier]
    manifest: dict

    @classmethod
    def load(cls, path: str | Path = MODEL_DIR) -> Models:
        path = Path(path)
        man = path / "manifest.json"
        if not man.is_file():
            raise InputError(str(path), "no trained model (manifest.json); run `kg train`, or unset KG_MODEL")
        try:
            manifest = json.loads(man.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise InputError(str(man), f"unreadable model manifest ({e})") from None
        if not (path / "tagger.crfsuite").is_file():
            raise InputError(str(path), "no tagger.crfsuite in the model folder; run `kg train`")
        rels = {}
        for r in RELATION_TYPES:
            p = path / f"rel-{r}.crfsuite"
            if p.is_file():
                rels[r] = crf.Classifier(p)
        return cls(path, crf.Tagger(path / "tagger.crfsuite"), rels, manifest)

    @property
    def threshold(self) -> float:
        """Probability from which a relation the rules did not make is accepted."""
        return float(self.manifest.get("threshold", 0.5))

    @property
    def keep_threshold(self) -> float:
        """Probability from which a relation the rules made is kept."""
        return float(self.manifest.get("keep_threshold", self.threshold))


@lru_cache(maxsize=4)
def default_models(path: str = str(MODEL_DIR)) -> Models:
    return Models.load(path)


def extract(doc: Document, models: Models | None = None) -> Extraction:
    """Entities and relations of one document, read by the trained models."""
    models = models or default_models()
    an = analyse(doc)
    rd = read_entities(an, models.tagger)
    return write(rd, decide(rd, models))


def decide(rd: Reading, models: Models) -> list[tuple[str, str, str, float]]:
    """Relations ``(type, source key, target key, probability)`` the classifiers accept."""
    live = _live(rd.ents)
    out = []
    for (a, b), f in sorted(pair_candidates(rd).items()):
        ta, tb = live[a].type, live[b].type
        for rel in pair_types_allowed(ta, tb):
            clf = models.relations.get(rel)
            if clf is None:
                continue
            p = clf.probabilities(sorted(f))
            pab, pba = p.get("ab", 0.0), p.get("ba", 0.0)
            if not compatible(rel, ta, tb):
                pab = 0.0
            if not compatible(rel, tb, ta):
                pba = 0.0
            ruled = f"rule={rel}" in f
            if pab + pba >= (models.keep_threshold if ruled else models.threshold):
                src, dst = (a, b) if pab >= pba else (b, a)
                out.append((rel, src, dst, pab + pba))
    return out


_SPACE = re.compile(r"\s+")


def named_entities(rd: Reading) -> list[tuple[str, str, str, list[str], dict, float]]:
    """``(key, type, name, aliases, claim keywords, confidence)`` of each entity, in order of
    first mention: a rules' entity keeps its name, aliases and identifiers."""
    rule_ents = {e.id: e for e in rd.an.entities}
    out = []
    for k, e in sorted(_live(rd.ents).items(), key=lambda kv: kv[1].first):
        typ = e.type
        r = rule_ents.get(e.rule_id or "")
        if r is not None and _group(r.type) == _group(typ):
            name, aliases = r.name, [f for f in [*r.aliases, *e.forms] if f != r.name]
            kw = {"identifiers": list(r.identifiers), "implied": r.implied and e.implied}
            conf = r.confidence
        else:
            name = max(e.forms, key=lambda f: (len(f.split()), len(f)))
            aliases = [f for f in e.forms if f != name]
            kw, conf = {}, 0.7 if len(e.sents) > 1 else 0.6
        out.append((k, typ, _SPACE.sub(" ", name), aliases, kw, conf))
    return out


def write(rd: Reading, rels: list[tuple[str, str, str, float]]) -> Extraction:
    """The learned reading as an :class:`Extraction` (entity names, aliases, evidence)."""
    an = rd.an
    ex = Extraction(doc=an.ex.doc, extractor="learned")
    live = _live(rd.ents)
    texts = {st.s.index: st.text for st in an.sents}
    ids: dict[str, str] = {}
    for k, typ, name, aliases, kw, conf in named_entities(rd):
        ev = [Evidence(texts[s]) for s in sorted(live[k].sents)[:5]]
        ids[k] = ex.add_entity(typ, name, aliases=aliases, confidence=conf, evidence=ev, **kw)
    rule_rel = {}
    for rr in an.ex.relations:
        rule_rel.setdefault((rr.type, rr.source, rr.target), rr)
        if rr.type == "partnersWith":
            rule_rel.setdefault((rr.type, rr.target, rr.source), rr)
    seen = set()
    for rel, a, b, p in rels:
        if a not in ids or b not in ids:
            continue
        key = (rel, *(sorted((a, b)) if rel == "partnersWith" else (a, b)))
        if key in seen:
            continue
        seen.add(key)
        ea, eb = live[a], live[b]
        rr = rule_rel.get((rel, ea.rule_id, eb.rule_id))
        sentence = rr.evidence.sentence if rr and rr.evidence else _shared_sentence(ea, eb, texts)
        q = dict(rr.qualifiers) if rr else _qualifiers(rel, ea, an, sentence)
        ex.add_relation(rel, ids[a], ids[b], sentence=sentence, confidence=round(p, 3), **q)
    return ex


def _shared_sentence(a: Ent, b: Ent, texts: dict[int, str]) -> str | None:
    both = sorted(set(a.sents) & set(b.sents))
    s = both[0] if both else (sorted(a.sents) or sorted(b.sents) or [None])[0]
    return texts.get(s) if s is not None else None


def _qualifiers(rel: str, src: Ent, an: Analysis, sentence: str | None) -> dict[str, str]:
    """Qualifiers of a relation the rules did not make (from the sentence and the rules)."""
    text = sentence or ""
    if rel == "partnersWith":
        if trigger_regex("proposed").search(text) and not trigger_regex("signed").search(text):
            return {"status": "proposed"}
        if trigger_regex("ended").search(text):
            return {"status": "ended"}
        return {"status": "active"}
    if rel == "holdsPosition" and src.rule_id:
        for rr in an.ex.relations:
            if rr.type == "holdsPosition" and rr.source == src.rule_id and rr.qualifiers.get("role"):
                return {"role": rr.qualifiers["role"]}
    if rel == "funds":
        m = AMOUNT.search(text)
        if m:
            return {"amount": m.group().strip()}
    return {}
