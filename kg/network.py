"""The partnership network: who works with whom, as an undirected weighted graph of organizations.

Nodes are organizations (GovernmentBody, IntergovernmentalOrganization, NonProfit, Company).
Two organizations are linked when, in the (date/relation-filtered) property graph:

* ``partners``   — one ``partnersWith`` the other;
* ``funds``      — one ``funds`` the other (direction dropped);
* ``program``    — both ``runs`` or ``funds`` the same Program (``via`` names it), or they are
  ``coParticipant`` (take part in one IATI activity): a shared program, not ``partners``;
* ``commitment`` — both are ``partyTo`` the same Commitment (``via`` names it).

Edge attributes: ``kinds`` (sorted list of the above), ``via`` (program/commitment names),
``weight`` = the number of distinct sources (articles or records) behind any of the
supporting facts (both legs of a shared program/commitment count), at least 1;
``relations`` = the number of supporting assertions; ``first_seen``/``last_seen``.

Filters: ``since``/``until`` and relation names in ``types`` act on the property graph
before the network is built (``runs`` → program links, ``partyTo`` → commitment links ...);
entity types in ``types`` restrict which organizations are kept; ``center``/``hops`` then
keep the organizations within ``hops`` partnership links of the center (when the center is
a program or commitment, its organizations are the starting points).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.graphview import ORG_TYPES, ViewFilter, apply_filter, find_entity, parse_types, read_graph, sources_of
from kg.store import Store

KINDS = ("partners", "funds", "program", "commitment")
COLUMNS = [
    "source",
    "source_type",
    "target",
    "target_type",
    "kinds",
    "weight",
    "relations",
    "via",
    "first_seen",
    "last_seen",
]


class Link:
    __slots__ = ("kinds", "via", "sources", "relations", "dates")

    def __init__(self) -> None:
        self.kinds: set[str] = set()
        self.via: set[str] = set()
        self.sources: set[str] = set()
        self.relations = 0
        self.dates: list[str] = []


def _dates(*edges: dict[str, Any]) -> list[str]:
    return [e["date"] for d in edges for e in d.get("evidence", []) if e.get("date")]


def build_network(view: nx.MultiDiGraph) -> nx.Graph:
    """The partnership network of a property-graph view (see the module docstring)."""
    is_org = {n for n, t in view.nodes(data="type") if t in ORG_TYPES}
    links: dict[tuple[str, str], Link] = defaultdict(Link)

    def link(a: str, b: str, kind: str, via: str | None, *edges: dict[str, Any]) -> None:
        if a == b:
            return
        lk = links[(a, b) if a < b else (b, a)]
        lk.kinds.add(kind)
        if via:
            lk.via.add(via)
        lk.relations += len(edges)
        for d in edges:
            lk.sources |= sources_of(d)
        lk.dates += _dates(*edges)

    members: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for u, v, d in view.edges(data=True):
        rel = d["relation"]
        if u in is_org and v in is_org and rel in ("partnersWith", "funds"):
            link(u, v, "partners" if rel == "partnersWith" else "funds", None, d)
        elif u in is_org and v in is_org and rel == "coParticipant":
            link(u, v, "program", None, d)  # a shared activity, never a partnership
        elif u in is_org and rel in ("runs", "funds") and view.nodes[v]["type"] == "Program":
            members[("program", v)].append((u, d))
        elif u in is_org and rel == "partyTo" and view.nodes[v]["type"] == "Commitment":
            members[("commitment", v)].append((u, d))
    for (kind, hub), legs in members.items():
        name = view.nodes[hub]["name"]
        for (a, da), (b, db) in combinations(legs, 2):
            link(a, b, kind, name, da, db)

    net = nx.Graph()
    for (a, b), lk in sorted(links.items()):
        for n in (a, b):
            if n not in net:
                d = view.nodes[n]
                net.add_node(
                    n, name=d["name"], type=d["type"], color=d["color"], aliases=d.get("aliases", [])
                )
        dates = sorted(lk.dates)
        net.add_edge(
            a,
            b,
            kinds=sorted(lk.kinds),
            via=sorted(lk.via),
            weight=max(1, len(lk.sources)),
            relations=lk.relations,
            first_seen=dates[0] if dates else None,
            last_seen=dates[-1] if dates else None,
        )
    return net


def load_network(
    store: Store,
    center: str | None = None,
    hops: int = 1,
    since: str | None = None,
    until: str | None = None,
    types: list[str] | None = None,
    drop_undated: bool = False,
) -> nx.Graph:
    """Read the store and build the filtered partnership network."""
    view = apply_filter(
        read_graph(store),
        ViewFilter(since=since, until=until, types=types, drop_undated=drop_undated),
        entity_types=False,
    )
    net = build_network(view)
    ent, _ = parse_types(types)
    if ent is not None:
        net.remove_nodes_from([n for n, t in net.nodes(data="type") if t not in ent])
    if center:
        if hops < 0:
            raise KGError("--hops must be 0 or more")
        c = find_entity(view, center)
        if c in net:
            seeds = {c}
        elif view.nodes[c]["type"] in ORG_TYPES:
            seeds = set()  # an organization without partnership links
        else:
            seeds = {n for n in nx.all_neighbors(view, c) if n in net}
        if not seeds:
            raise KGError(f"{view.nodes[c]['name']!r} has no partnership links in this selection")
        keep = set()
        for s in seeds:
            keep |= set(nx.single_source_shortest_path_length(net, s, cutoff=hops))
        net.remove_nodes_from([n for n in list(net) if n not in keep])
        net.graph["center"] = c
    net.graph["filter"] = {
        "center": center,
        "hops": hops if center else None,
        "since": since,
        "until": until,
        "types": types,
    }
    return net


def edge_rows(net: nx.Graph) -> tuple[list[str], list[list[Any]]]:
    """The network's edges as rows for :func:`kg.output.render`, heaviest first."""
    rows = []
    for a, b, d in net.edges(data=True):
        na, nb = net.nodes[a], net.nodes[b]
        if nb["name"].casefold() < na["name"].casefold():
            na, nb = nb, na
        rows.append(
            [
                na["name"],
                na["type"],
                nb["name"],
                nb["type"],
                d["kinds"],
                d["weight"],
                d["relations"],
                d["via"],
                d["first_seen"],
                d["last_seen"],
            ]
        )
    rows.sort(key=lambda r: (-r[5], r[0].casefold(), r[2].casefold()))
    return COLUMNS, rows
