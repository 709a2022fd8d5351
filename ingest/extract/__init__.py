"""The rule-based bilingual (Indonesian/English) extractor.

:func:`extract` turns a :class:`~kg.claims.Document` into an :class:`~kg.claims.Extraction`;
:mod:`ingest.extract.gazetteer` offers :func:`~ingest.extract.gazetteer.lookup` of known bodies.
"""

from ingest.extract.core import extract

__all__ = ["extract"]
