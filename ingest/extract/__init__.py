"""The bilingual (Indonesian/English) text extractor.

:func:`extract` turns a :class:`~kg.claims.Document` into an :class:`~kg.claims.Extraction`
with the trained model shipped in ``ingest/models/default`` (see ``docs/extraction-model.md``):
the rules of this package propose mentions and relations, learned models decide.
``KG_MODEL=DIR`` picks another model folder (made by ``kg train``); ``KG_EXTRACTOR=rules``
uses the rules alone (:func:`extract_rules`).
:mod:`ingest.extract.gazetteer` offers :func:`~ingest.extract.gazetteer.lookup` of known bodies.
"""

from __future__ import annotations

import os

from ingest.extract.core import extract as extract_rules
from kg.claims import Document, Extraction


def extract(doc: Document) -> Extraction:
    """Entities and relations stated in one article (deterministic, offline)."""
    if os.environ.get("KG_EXTRACTOR") == "rules":
        return extract_rules(doc)
    from ingest.learned.extractor import MODEL_DIR, default_models
    from ingest.learned.extractor import extract as extract_learned

    return extract_learned(doc, default_models(os.environ.get("KG_MODEL") or str(MODEL_DIR)))


__all__ = ["extract", "extract_rules"]
