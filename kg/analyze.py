"""Network analysis of the partnership network (:mod:`kg.network`).

Sections of :func:`analyze`:

* ``brokers`` — betweenness centrality (networkx, normalized, unweighted: a path is a chain
  of partnerships, whatever their weight), highest first, ties broken by name.
* ``connected`` — degree (number of distinct partner organizations) and weighted degree
  (sum of link weights = of independent sources per link), by degree then weighted degree.
* ``communities`` — ``networkx.community.louvain_communities(weight="weight", seed=42)``,
  largest first. A community is *dominated* by a type when that type is the most common
  among its members AND makes up at least half of them; otherwise it is ``mixed``.
* ``bridges`` — links between the government and non-profit sides, of two sorts:

  - ``edge``: a link whose ends lie in two different communities, one dominated by
    GovernmentBody and the other by NonProfit;
  - ``broker``: an organization with betweenness > 0 whose direct partners include at
    least one GovernmentBody and at least one NonProfit (it sits on paths between them),
    whatever its own type.

  Edge bridges come first (heaviest first), then brokers (highest betweenness first).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

SEED = 42
GOV, NGO = "GovernmentBody", "NonProfit"


@dataclass
class Section:
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]


@dataclass
class Analysis:
    summary: dict[str, Any]
    sections: dict[str, Section]

    def to_json(self) -> dict[str, Any]:
        return {"summary": self.summary, **{k: s.records() for k, s in self.sections.items()}}


def dominant_type(types: list[str]) -> str:
    """The type making up at least half of ``types`` and more than any other, else ``"mixed"``.

    >>> dominant_type(["GovernmentBody", "GovernmentBody", "NonProfit"])
    'GovernmentBody'
    >>> dominant_type(["GovernmentBody", "NonProfit"])
    'mixed'
    """
    if not types:
        return "mixed"
    (top, n), *rest = Counter(types).most_common() + [("", 0)]
    return top if 2 * n >= len(types) and n > rest[0][1] else "mixed"


def communities(net: nx.Graph) -> list[set[str]]:
    """Louvain communities with a fixed seed, largest first (ties: by the smallest member IRI)."""
    if net.number_of_nodes() == 0:
        return []
    comms = nx.community.louvain_communities(net, weight="weight", seed=SEED)
    return sorted((set(c) for c in comms), key=lambda c: (-len(c), min(c)))


def analyze(net: nx.Graph, top: int = 10) -> Analysis:
    name = {n: d["name"] for n, d in net.nodes(data=True)}
    ntype = {n: d["type"] for n, d in net.nodes(data=True)}
    btw = nx.betweenness_centrality(net, normalized=True) if net.number_of_nodes() else {}
    wdeg = dict(net.degree(weight="weight"))

    def by_name(n: str) -> str:
        return name[n].casefold()

    brokers = Section("Brokers (betweenness centrality)", ["name", "type", "betweenness", "degree"])
    for n in sorted(net, key=lambda n: (-btw[n], by_name(n)))[:top]:
        brokers.rows.append([name[n], ntype[n], round(btw[n], 4), net.degree(n)])

    connected = Section(
        "Most connected (degree, weighted degree)", ["name", "type", "degree", "weighted_degree"]
    )
    for n in sorted(net, key=lambda n: (-net.degree(n), -wdeg[n], by_name(n)))[:top]:
        connected.rows.append([name[n], ntype[n], net.degree(n), wdeg[n]])

    comms = communities(net)
    comm_of = {n: i for i, c in enumerate(comms, 1) for n in c}
    dom = {i: dominant_type([ntype[n] for n in c]) for i, c in enumerate(comms, 1)}
    comm_sec = Section(
        "Communities (Louvain, seed 42)", ["community", "size", "dominant_type", "types", "members"]
    )
    for i, c in enumerate(comms, 1):
        counts = Counter(ntype[n] for n in c)
        members = sorted(c, key=lambda n: (-wdeg[n], by_name(n)))
        comm_sec.rows.append(
            [
                i,
                len(c),
                dom[i],
                ", ".join(f"{t} {k}" for t, k in counts.most_common()),
                [name[n] for n in members[:top]],
            ]
        )

    bridges = Section(
        "Government / non-profit bridges",
        ["kind", "name", "type", "other", "other_type", "communities", "weight", "betweenness"],
    )
    edge_rows = []
    for a, b, d in net.edges(data=True):
        ca, cb = comm_of[a], comm_of[b]
        if {dom[ca], dom[cb]} == {GOV, NGO} and ca != cb:
            if dom[ca] != GOV:
                a, b, ca, cb = b, a, cb, ca
            edge_rows.append(["edge", name[a], ntype[a], name[b], ntype[b], f"{ca}->{cb}", d["weight"], None])
    edge_rows.sort(key=lambda r: (-r[6], r[1].casefold(), r[3].casefold()))
    broker_rows = []
    for n in net:
        nb_types = {ntype[m] for m in net[n]}
        if btw.get(n, 0) > 0 and GOV in nb_types and NGO in nb_types:
            broker_rows.append(
                ["broker", name[n], ntype[n], None, None, str(comm_of[n]), wdeg[n], round(btw[n], 4)]
            )
    broker_rows.sort(key=lambda r: (-r[7], r[1].casefold()))
    bridges.rows = edge_rows[:top] + broker_rows[:top]

    summary = {
        "organizations": net.number_of_nodes(),
        "links": net.number_of_edges(),
        "components": nx.number_connected_components(net) if net.number_of_nodes() else 0,
        "communities": len(comms),
        "density": round(nx.density(net), 4) if net.number_of_nodes() > 1 else 0.0,
        "types": dict(Counter(ntype.values()).most_common()),
        "filter": net.graph.get("filter", {}),
    }
    return Analysis(
        summary, {"brokers": brokers, "connected": connected, "communities": comm_sec, "bridges": bridges}
    )
