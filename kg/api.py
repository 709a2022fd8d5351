"""The Python API behind the CLI, for users who import the tool.

>>> from kg.api import build, query            # doctest: +SKIP
>>> build(["articles/"], store="kg-store")     # doctest: +SKIP
>>> query("partners", org="Kemensos")          # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.build import BuildSummary, build_store
from kg.claims import Document, Extraction
from kg.errors import InputError
from kg.paths import default_store, examples_dir
from kg.query import run_canned


def build(sources: list[str | Path], store: str | Path | None = None) -> BuildSummary:
    """Ingest files or folders into a store (default ``$KG_STORE`` or ``./kg-store``)."""
    return build_store(sources, store or default_store())


def query(name: str, store: str | Path | None = None, backend: str = "local", **params: Any):
    """Run a canned query; returns ``(columns, rows)``."""
    return run_canned(name, params, backend=backend, store_path=store or default_store())


def extract_file(path: str | Path) -> Extraction:
    """What one article (or one record file) yields, without storing it."""
    from ingest.sources import Ignored, iter_sources
    from kg.build import extract_document

    items = list(iter_sources([path]))
    errors = [i for i in items if isinstance(i, InputError)]
    docs = [i for i in items if isinstance(i, Document | Extraction)]
    if not docs:
        if errors:
            raise errors[0]
        ignored = [i for i in items if isinstance(i, Ignored)]
        raise InputError(str(path), ignored[0].reason if ignored else "nothing to extract")
    if len(docs) > 1:
        raise InputError(str(path), f"holds {len(docs)} documents; `kg extract` reads one (use `kg build`)")
    item = docs[0]
    return extract_document(item) if isinstance(item, Document) else item


def demo_answers(store: str | Path, orgs: list[str] | None = None):
    """Build the bundled examples into ``store`` and yield (title, columns, rows) answers."""
    summary = build_store([examples_dir()], store)
    yield (
        "built",
        ["documents", "entities", "relations", "triples"],
        [[summary.documents, summary.entities, summary.relations, summary.triples]],
    )
    for org in orgs or ["Kemensos", "UNICEF"]:
        for name in ("partners", "programs", "people"):
            cols, rows = run_canned(name, {"org": org}, store_path=store)
            yield f"{name} of {org}", cols, rows
