"""A property-graph view of the store: entities as nodes, assertions as edges (networkx).

:func:`load_view` reads the store with three bulk SPARQL queries (entities, assertions,
evidence with their sources) and returns a :class:`networkx.MultiDiGraph`:

* node key = the entity IRI; attributes ``iri``, ``name``, ``aliases`` (list), ``type``
  (concrete class name, e.g. ``GovernmentBody``), ``color`` (the class's ``kgo:displayColor``).
* edge key = the assertion IRI (one edge per assertion, so two roles of one person in one
  ministry are two edges); attributes ``relation`` (``partnersWith``), ``label``
  (``partners with``), ``rel_type`` (``PARTNERS_WITH``), ``symmetric``, ``qualifiers``
  (dict), ``confidence``, ``first_seen``, ``last_seen``, ``source_count`` and ``evidence``:
  a list of ``{sentence, source, url, path, title, date, publisher, kind, confidence}``.
  A symmetric relation (``partnersWith``) is one edge, in the stored direction.

Filters (see :class:`ViewFilter`), applied in this order:

1. ``since``/``until`` (ISO dates; ``2018`` and ``2018-06`` allowed) act on *evidence*:
   an evidence item is kept when its source date overlaps the window. **Undated evidence
   is kept** (we cannot say it falls outside the window) unless ``drop_undated`` is set.
   An edge whose evidence is all dropped is removed; ``first_seen``/``last_seen``/
   ``source_count`` are recomputed from what is left. With a date filter, entities left
   without any relation are removed too.
2. ``types``: entity class names (``GovernmentBody``, ``NonProfit``, ``Organization`` = the
   four organization classes) keep only those nodes; relation names (``partnersWith`` or
   ``PARTNERS_WITH``) keep only those edges. Case-insensitive; both kinds may be mixed.
3. ``center`` + ``hops``: the entities within ``hops`` relations (either direction) of the
   entity named ``center`` (matched case- and accent-insensitively on its name, then its
   aliases, or given as its IRI).
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.ontology import load
from kg.store import Store
from kg.values import parse_date, truncate

SEP = "\u001f"
ORG_TYPES = ("GovernmentBody", "IntergovernmentalOrganization", "NonProfit", "Company")
# the qualifier columns of _ASSERTIONS, in order (edge attribute ``qualifiers``)
QUALIFIER_KEYS = (
    "role",
    "status",
    "amount",
    "currency",
    "date",
    "amount_value",
    "transaction_type",
    "value_date",
)
TYPE_ORDER = (*ORG_TYPES, "Person", "Program", "Commitment", "Place")


def entity_types() -> list[str]:
    """The concrete entity classes of the ontology, in a fixed order (legends, tables)."""
    known = load().entity_types
    return [t for t in TYPE_ORDER if t in known] + sorted(t for t in known if t not in TYPE_ORDER)


class EntityNotFound(KGError):
    """The ``--center`` name matches no entity (or several)."""


class FilterError(KGError):
    """A filter value (date, type) is not valid."""


@dataclass
class ViewFilter:
    center: str | None = None
    hops: int = 1
    since: str | None = None
    until: str | None = None
    types: list[str] | None = None
    drop_undated: bool = False
    _resolved: dict[str, Any] = field(default_factory=dict, repr=False)


# ------------------------------------------------------------------ queries
_ENTITIES = """
SELECT ?e ?type ?name (GROUP_CONCAT(DISTINCT ?alias; separator="\\u001f") AS ?aliases) WHERE {
  ?e a ?type .
  FILTER(?type IN (%s))
  OPTIONAL { ?e rdfs:label ?name }
  OPTIONAL { ?e skos:altLabel ?alias }
} GROUP BY ?e ?type ?name
"""

_ASSERTIONS = """
SELECT ?a ?s ?p ?o ?conf ?first ?last ?count ?fprec ?lprec
       ?role ?status ?amount ?currency ?date ?value ?ttype ?vdate WHERE {
  ?a a kgo:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?a kgo:confidence ?conf } OPTIONAL { ?a kgo:firstSeen ?first }
  OPTIONAL { ?a kgo:lastSeen ?last } OPTIONAL { ?a kgo:sourceCount ?count }
  OPTIONAL { ?a kgo:firstSeenPrecision ?fprec } OPTIONAL { ?a kgo:lastSeenPrecision ?lprec }
  OPTIONAL { ?a kgo:role ?role } OPTIONAL { ?a kgo:status ?status }
  OPTIONAL { ?a kgo:amount ?amount } OPTIONAL { ?a kgo:currency ?currency }
  OPTIONAL { ?a kgo:date ?date } OPTIONAL { ?a kgo:amountValue ?value }
  OPTIONAL { ?a kgo:transactionType ?ttype } OPTIONAL { ?a kgo:valueDate ?vdate }
}
"""

_EVIDENCE = """
SELECT ?a ?ev ?sentence ?econf ?src ?kind ?url ?path ?title ?date ?dprec ?publisher WHERE {
  ?a a kgo:Assertion ; kgo:evidence ?ev .
  OPTIONAL { ?ev kgo:sentence ?sentence } OPTIONAL { ?ev kgo:confidence ?econf }
  OPTIONAL { ?ev kgo:source ?src .
    OPTIONAL { ?src a ?kind FILTER(?kind IN (kgo:Article, kgo:Record)) }
    OPTIONAL { ?src schema:url ?url } OPTIONAL { ?src kgo:sourcePath ?path }
    OPTIONAL { ?src dcterms:title ?title } OPTIONAL { ?src dcterms:date ?date }
    OPTIONAL { ?src kgo:datePrecision ?dprec }
    OPTIONAL { ?src kgo:publisher ?publisher } }
}
"""

# direct relation triples that no assertion describes (kept, without provenance)
_BARE = """
SELECT ?s ?p ?o WHERE {
  ?s ?p ?o . FILTER(?p IN (%s))
  FILTER NOT EXISTS { ?a rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }
}
"""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name: ``fold("Kemensos  RI") == "kemensos ri"``."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    return " ".join(t.casefold().split())


def read_graph(store: Store) -> nx.MultiDiGraph:
    """The whole store as a property graph (no filter)."""
    onto = load()
    g = nx.MultiDiGraph()
    types = entity_types()
    type_list = ", ".join(f"kgo:{t}" for t in types)
    _, rows = store.select(_ENTITIES % type_list)
    for iri, type_iri, name, aliases in rows:
        t = _local(type_iri)
        alias_list = sorted({a for a in (aliases or "").split(SEP) if a and a != name})
        g.add_node(
            iri,
            iri=iri,
            name=name or iri.rsplit("/", 1)[-1],
            aliases=alias_list,
            type=t,
            color=onto.classes[t].color or "#999999",
        )
    rel_by_iri = {str(r.iri): r for r in onto.relations.values()}

    def add_edge(key: str, s: str, p: str, o: str, **attrs: Any) -> None:
        spec = rel_by_iri.get(p)
        if spec is None or s not in g or o not in g:
            return
        g.add_edge(
            s,
            o,
            key=key,
            assertion=key,
            relation=spec.name,
            label=spec.label,
            rel_type=spec.neo4j_type,
            symmetric=spec.symmetric,
            **attrs,
        )

    _, rows = store.select(_ASSERTIONS)
    for a, s, p, o, conf, first, last, count, fprec, lprec, *qvalues in rows:
        quals = {k: v for k, v in zip(QUALIFIER_KEYS, qvalues, strict=True) if v is not None}
        add_edge(
            a,
            s,
            p,
            o,
            qualifiers=quals,
            confidence=conf,
            first_seen=first,
            last_seen=last,
            first_seen_precision=fprec,
            last_seen_precision=lprec,
            source_count=count if count is not None else 0,
            evidence=[],
        )
    by_assertion: dict[str, list[dict[str, Any]]] = defaultdict(list)
    _, rows = store.select(_EVIDENCE)
    for a, ev, sentence, econf, src, kind, url, path, title, date, dprec, publisher in rows:
        by_assertion[a].append(
            {
                "evidence": ev,
                "sentence": sentence,
                "source": src,
                "url": url,
                "path": path,
                "title": title,
                "date": date,
                "date_precision": dprec,
                "publisher": publisher,
                "kind": _local(kind) if kind else None,
                "confidence": econf,
            }
        )
    for _s, _o, key, data in g.edges(keys=True, data=True):
        seen: set[str] = set()
        for e in sorted(by_assertion.get(key, []), key=lambda e: (e["date"] or "", e["evidence"])):
            if e["evidence"] not in seen:  # a source with two types would repeat the row
                seen.add(e["evidence"])
                data["evidence"].append(e)
    preds = ", ".join(f"<{r.iri}>" for r in onto.relations.values())
    _, rows = store.select(_BARE % preds)
    for s, p, o in rows:
        add_edge(
            f"{s}|{p}|{o}",
            s,
            p,
            o,
            qualifiers={},
            confidence=None,
            first_seen=None,
            last_seen=None,
            first_seen_precision=None,
            last_seen_precision=None,
            source_count=0,
            evidence=[],
        )
    return g


# ------------------------------------------------------------------ dates
def date_bounds(value: str, end: bool) -> str:
    """``2018`` → ``2018-01-01`` (or ``2018-12-31`` when ``end``); full dates are kept."""
    v = str(value).strip()[:10]
    parts = v.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        d = int(parts[2]) if len(parts) > 2 else (calendar.monthrange(y, m)[1] if end else 1)
        return datetime.date(y, m, d).isoformat()
    except (ValueError, IndexError) as e:
        raise FilterError(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)") from e


def _in_window(
    date: str | None, since: str | None, until: str | None, precision: str | None = None
) -> bool | None:
    if not date:
        return None
    written = truncate(date, precision)  # 2018-01-01 of precision year covers all of 2018
    lo, hi = date_bounds(written, False), date_bounds(written, True)
    return not ((since and hi < since) or (until and lo > until))


def _apply_dates(g: nx.MultiDiGraph, f: ViewFilter) -> None:
    since = date_bounds(f.since, False) if f.since else None
    until = date_bounds(f.until, True) if f.until else None
    if since and until and since > until:
        raise FilterError(f"--since {f.since} is after --until {f.until}")
    drop = []
    for u, v, k, d in g.edges(keys=True, data=True):
        kept = []
        for e in d["evidence"]:
            ok = _in_window(e["date"], since, until, e.get("date_precision"))
            if ok or (ok is None and not f.drop_undated):
                kept.append(e)
        if not d["evidence"]:  # a fact with no evidence at all counts as undated
            if f.drop_undated:
                drop.append((u, v, k))
            continue
        if not kept:
            drop.append((u, v, k))
            continue
        if len(kept) != len(d["evidence"]):
            dates = sorted(truncate(e["date"], e.get("date_precision")) for e in kept if e["date"])
            first, last = (parse_date(dates[0]), parse_date(dates[-1])) if dates else (None, None)
            d["evidence"] = kept
            d["first_seen"] = first.iso if first else None
            d["last_seen"] = last.iso if last else None
            d["first_seen_precision"] = first.precision if first and first.precision != "day" else None
            d["last_seen_precision"] = last.precision if last and last.precision != "day" else None
            d["source_count"] = len({e["source"] for e in kept})
    g.remove_edges_from(drop)
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])


# ------------------------------------------------------------------ types
def parse_types(types: list[str] | None) -> tuple[set[str] | None, set[str] | None]:
    """Split type names into (entity classes, relation names); ``None`` means no filter."""
    if not types:
        return None, None
    onto = load()
    ents = {fold(t): t for t in entity_types()}
    ents_alias = {"organization": None}
    rels = {fold(r.name): r.name for r in onto.relations.values()}
    rels |= {fold(r.neo4j_type): r.name for r in onto.relations.values()}
    e_out: set[str] = set()
    r_out: set[str] = set()
    for raw in types:
        for t in (x.strip() for x in raw.split(",")):
            if not t:
                continue
            k = fold(t)
            if k in ents:
                e_out.add(ents[k])
            elif k in ents_alias:
                e_out.update(ORG_TYPES)
            elif k in rels:
                r_out.add(rels[k])
            else:
                valid = sorted(ents.values()) + ["Organization"] + sorted(set(rels.values()))
                raise FilterError(f"unknown type {t!r}; choose among: {', '.join(valid)}")
    return e_out or None, r_out or None


def _apply_types(g: nx.MultiDiGraph, ent: set[str] | None, rel: set[str] | None) -> None:
    if rel is not None:
        g.remove_edges_from([(u, v, k) for u, v, k, r in g.edges(keys=True, data="relation") if r not in rel])
    if ent is not None:
        g.remove_nodes_from([n for n, t in g.nodes(data="type") if t not in ent])


# ------------------------------------------------------------------ center
def find_entity(g: nx.MultiDiGraph, name: str) -> str:
    """The IRI of the entity called ``name`` (its IRI, canonical name, or an alias)."""
    if name in g:
        return name
    key = fold(name)
    by_name = [n for n, d in g.nodes(data=True) if fold(d["name"]) == key]
    by_alias = [n for n, d in g.nodes(data=True) if any(fold(a) == key for a in d["aliases"])]
    for hits in (by_name, by_alias):
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            desc = "; ".join(f"{g.nodes[n]['name']} ({g.nodes[n]['type']}, {n})" for n in sorted(hits))
            raise EntityNotFound(f"{name!r} names several entities: {desc}. Pass one of the IRIs instead.")
    forms: dict[str, str] = {}
    for _n, d in g.nodes(data=True):
        for f in [d["name"], *d["aliases"]]:
            forms.setdefault(fold(f), f)
    near = difflib.get_close_matches(key, list(forms), n=5, cutoff=0.6)
    near += [k for k in sorted(forms) if key and (key in k or (len(k) >= 3 and k in key)) and k not in near]
    near = near[:5]
    hint = f" Did you mean: {', '.join(repr(forms[k]) for k in near)}?" if near else ""
    raise EntityNotFound(f"no entity named {name!r} in the graph.{hint}")


def _apply_center(g: nx.MultiDiGraph, center: str, hops: int) -> str:
    if hops < 0:
        raise FilterError("--hops must be 0 or more")
    c = find_entity(g, center)
    keep = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), c, cutoff=hops)
    g.remove_nodes_from([n for n in list(g) if n not in keep])
    return c


def apply_filter(g: nx.MultiDiGraph, f: ViewFilter, entity_types: bool = True) -> nx.MultiDiGraph:
    """Apply ``f`` to ``g`` in place (see the module docstring for the order) and return it.

    ``entity_types=False`` leaves the entity-type part of ``f.types`` to the caller."""
    if f.since or f.until or f.drop_undated:
        _apply_dates(g, f)
    ent, rel = parse_types(f.types)
    _apply_types(g, ent if entity_types else None, rel)
    if f.center:
        f._resolved["center"] = _apply_center(g, f.center, f.hops)
    g.graph["filter"] = {
        "center": f.center,
        "hops": f.hops if f.center else None,
        "since": f.since,
        "until": f.until,
        "types": f.types,
        "drop_undated": f.drop_undated,
    }
    return g


def load_view(
    store: Store,
    center: str | None = None,
    hops: int = 1,
    since: str | None = None,
    until: str | None = None,
    types: list[str] | None = None,
    drop_undated: bool = False,
) -> nx.MultiDiGraph:
    """Read the store and return the filtered property graph (see the module docstring)."""
    f = ViewFilter(center=center, hops=hops, since=since, until=until, types=types, drop_undated=drop_undated)
    g = apply_filter(read_graph(store), f)
    if f._resolved.get("center"):
        g.graph["center"] = f._resolved["center"]
    return g


def sources_of(data: dict[str, Any]) -> set[str]:
    """The distinct source IRIs behind one edge."""
    return {e["source"] for e in data.get("evidence", []) if e.get("source")}
