"""``kg build``: read sources, extract claims, resolve, and write the graph into the store.

Re-running on the same input changes nothing (documents are keyed by URL or path and
skipped when their content hash is unchanged); new documents add to what is there. The RDF
graph is regenerated from the whole claim log each time something changed, so resolution
always sees every source.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.budget import Budget
from kg.claims import Document, Extraction
from kg.errors import InputError, KGError
from kg.neo4j.reader import rdflib_scan, rows_from_scan
from kg.neo4j.snapshot import remove_snapshot, write_snapshot
from kg.rdfgraph import build_graph
from kg.resolve import resolve
from kg.store import Store

ProgressFn = Callable[[int, int, str], None]


@dataclass
class BuildSummary:
    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[InputError] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    repaired: bool = False  # the graph was stale (an interrupted build) and was regenerated
    documents: int = 0
    entities: int = 0
    entities_by_type: dict[str, int] = field(default_factory=dict)
    relations: int = 0
    triples: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "read": self.read,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [{"path": e.path, "reason": e.reason} for e in self.skipped],
            "ignored": [{"path": p, "reason": r} for p, r in self.ignored],
            "warnings": [{"path": p, "message": m} for p, m in self.warnings],
            "repaired": self.repaired,
            "documents": self.documents,
            "entities": self.entities,
            "entities_by_type": self.entities_by_type,
            "relations": self.relations,
            "triples": self.triples,
            "seconds": round(self.seconds, 2),
        }


def extract_document(doc: Document) -> Extraction:
    """Run the text extractor on one article."""
    from ingest.extract import extract

    return extract(doc)


def build_store(
    paths: Iterable[str | Path],
    store_path: str | Path,
    progress: ProgressFn | None = None,
    extractor: Callable[[Document], Extraction] | None = None,
    budget: Budget | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> BuildSummary:
    """Ingest files or folders into the store at ``store_path`` and regenerate its graph.

    ``progress(done, total, label)`` is called after each document. An article over
    ``budget`` (size of its text, time of its extraction; default :meth:`Budget.resolve`)
    is skipped, named in ``summary.skipped``. Builds of one store run one at a time: a
    second one waits for the first (``on_wait(message)`` is told).

    The new documents and the claim log's version are committed together; the graph then
    records the version it was derived from. A build killed in between leaves the last
    complete graph, marked stale, and the next build regenerates it (``summary.repaired``).
    """
    from ingest.sources import Ignored, iter_sources

    started = time.perf_counter()
    summary = BuildSummary()
    run = extractor or extract_document
    budget = budget or Budget.resolve()
    items = list(iter_sources(paths))
    work = [i for i in items if isinstance(i, Document | Extraction)]
    for item in items:
        if isinstance(item, InputError):
            summary.skipped.append(item)
        elif isinstance(item, Ignored):
            summary.ignored.append((item.path, item.reason))
    if not work and not Path(store_path).exists():
        raise nothing_to_build(summary.skipped)
    changed = False
    with Store(store_path, on_wait=on_wait) as store:
        for n, item in enumerate(work, start=1):
            doc = item if isinstance(item, Document) else item.doc
            summary.read += 1
            summary.warnings.extend((doc.source, w) for w in doc.warnings)
            previous = store.document_hash(doc.key)
            if previous == doc.content_hash:
                summary.unchanged += 1
            else:
                try:
                    ex = _extract(item, run, budget) if isinstance(item, Document) else item
                except InputError as e:
                    summary.skipped.append(e)
                    continue
                except KGError as e:
                    summary.skipped.append(InputError(doc.source, str(e)))
                    continue
                store.save_extraction(ex)
                changed = True
                if previous is None:
                    summary.added += 1
                else:
                    summary.updated += 1
            if progress:
                progress(n, len(work), doc.source)
        if changed:
            store.mark_changed()
        store.commit()
        if not changed and store.stale:
            summary.repaired = True
        if changed or store.stale or (store.triple_count() == 0 and store.document_count() > 0):
            regenerate(store)
        summary.documents = store.document_count()
        summary.triples = store.triple_count()
        counts = graph_counts(store)
        summary.entities_by_type = counts["entities"]
        summary.entities = sum(counts["entities"].values())
        summary.relations = sum(counts["relations"].values())
    summary.seconds = time.perf_counter() - started
    return summary


def _extract(doc: Document, run: Callable[[Document], Extraction], budget: Budget) -> Extraction:
    problem = budget.size_problem(doc.text)
    if problem:
        raise InputError(doc.source, problem)
    return budget.run(lambda: run(doc))


def nothing_to_build(skipped: list[InputError]) -> KGError:
    """The error of a build that read nothing into a store that does not exist (none is made)."""
    if len(skipped) == 1:
        return KGError(f"{skipped[0]} (nothing read, no store created)")
    first = f": {skipped[0]}" if skipped else ""
    return KGError(f"nothing read from {len(skipped)} inputs, no store created{first}")


def regenerate(store: Store) -> None:
    """Rebuild the store's RDF graph from its whole claim log and the analyst's judgements."""
    from kg.judgements import apply, judgements

    extractions = list(store.extractions())
    judged = apply(resolve(extractions), judgements(store.db))
    graph = build_graph(extractions, judged.resolution, judged.rejected, judged.accepted)
    remove_snapshot(store.path)  # never leave an import set of an older graph behind
    store.replace_graph(graph)
    # the Neo4j loader's rows, made from this very graph (kg.neo4j.snapshot)
    write_snapshot(store.path, rows_from_scan(rdflib_scan(graph)), store.triple_count())


def graph_counts(store: Store) -> dict[str, dict[str, int]]:
    """Entities per type and relations (assertions) per type, keyed by ontology names."""
    _, rows = store.select(
        "SELECT ?t (COUNT(?e) AS ?n) WHERE { ?e a ?t . ?e rdfs:label ?l . "
        "FILTER(STRSTARTS(STR(?e), STR(id:))) } GROUP BY ?t"
    )
    ents: Counter[str] = Counter()
    for t, n in rows:
        ents[t.rsplit("#", 1)[-1]] += int(n)
    _, rows = store.select(
        "SELECT ?p (COUNT(?a) AS ?n) WHERE { ?a a kgo:Assertion ; rdf:predicate ?p } GROUP BY ?p"
    )
    rels = {p.rsplit("#", 1)[-1]: int(n) for p, n in rows}
    return {"entities": dict(sorted(ents.items())), "relations": dict(sorted(rels.items()))}
