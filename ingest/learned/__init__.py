"""Learned components of the extractor, trained from gold annotations.

- :mod:`ingest.learned.align`: gold entities projected onto sentence tokens (training labels);
- :mod:`ingest.learned.token_features`: features of each token for the entity tagger (CRF);
- :mod:`ingest.learned.pair_features`: features of a candidate pair of entities;
- :mod:`ingest.learned.extractor`: the learned extractor (rules as candidate generators and
  features, a CRF for entity spans and types, one classifier per relation type);
- :mod:`ingest.learned.training`: ``kg train`` and document-level cross-validation.
"""
