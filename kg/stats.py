"""``kg stats``: counts of documents, triples, entities per type and relations per type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.build import graph_counts
from kg.store import Store


def store_stats(store_path: str | Path) -> dict[str, Any]:
    """Counts keyed by the ontology's type names (``Program``, ``partnersWith`` ...)."""
    with Store(store_path, read_only=True) as store:
        counts = graph_counts(store)
        _, rows = store.select("SELECT (COUNT(DISTINCT ?a) AS ?articles) WHERE { ?a a kgo:Article }")
        articles = int(rows[0][0])
        _, rows = store.select("SELECT (COUNT(DISTINCT ?r) AS ?records) WHERE { ?r a kgo:Record }")
        records = int(rows[0][0])
        _, rows = store.select("SELECT (COUNT(?e) AS ?n) WHERE { ?e a kgo:Evidence }")
        evidence = int(rows[0][0])
        return {
            "store": str(store_path),
            "documents": store.document_count(),
            "articles": articles,
            "records": records,
            "triples": store.triple_count(),
            "entities": counts["entities"],
            "relations": counts["relations"],
            "evidence": evidence,
        }
