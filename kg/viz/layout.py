"""Node positions for the pictures: a Fruchterman-Reingold force layout in numpy.

networkx's ``spring_layout`` takes 12-17 s on 2,000 nodes here (its sparse variant loops in
Python); this vectorised version of the same algorithm takes about 2 s, so ``kg viz``
ships precomputed positions and the browser never runs a physics simulation.
"""

from __future__ import annotations

import math

import networkx as nx

SEED = 42


def _circle(nodes: list[str]) -> dict[str, tuple[float, float]]:
    n = max(1, len(nodes))
    return {v: (math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)) for i, v in enumerate(nodes)}


def force_layout(
    g: nx.Graph | nx.MultiDiGraph,
    seed: int = SEED,
    iterations: int | None = None,
    gravity_factor: float = 1.0,
) -> dict[str, tuple[float, float]]:
    """Positions in [-1, 1]² for every node of ``g`` (deterministic for a given seed).

    Falls back to a circle when numpy is not installed.
    """
    nodes = sorted(g)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with matplotlib
        return _circle(nodes)
    if iterations is None:
        iterations = 80 if n <= 500 else 50
    index = {v: i for i, v in enumerate(nodes)}
    pairs = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in g.edges() if u != v}
    ea = np.array([p[0] for p in pairs], dtype=np.intp)
    eb = np.array([p[1] for p in pairs], dtype=np.intp)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)).astype(np.float32)
    k = np.float32(math.sqrt(1.0 / n))
    temp = 0.1
    gravity = np.float32(gravity_factor * n * k * k / 0.25) if gravity_factor else np.float32(0)
    cool = temp / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        d2 = dx * dx + dy * dy
        np.maximum(d2, np.float32(1e-6), out=d2)
        rep = (k * k) / d2
        np.fill_diagonal(rep, 0)
        force = np.stack([(dx * rep).sum(axis=1), (dy * rep).sum(axis=1)], axis=1)
        if len(ea):
            delta = pos[ea] - pos[eb]
            dist = np.sqrt((delta * delta).sum(axis=1, keepdims=True))
            pull = delta * dist / k
            np.subtract.at(force, ea, pull)
            np.add.at(force, eb, pull)
        # gravity towards the centre keeps isolated nodes and small components close by
        force -= gravity * (pos - pos.mean(axis=0))
        length = np.sqrt((force * force).sum(axis=1, keepdims=True))
        np.maximum(length, np.float32(0.01), out=length)
        pos += force / length * np.minimum(length, np.float32(temp))
        temp -= cool
    pos -= pos.mean(axis=0)
    scale = float(np.abs(pos).max()) or 1.0
    pos /= scale
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for i, v in enumerate(nodes)}
