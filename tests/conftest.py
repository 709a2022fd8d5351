"""Shared fixtures: paths to the shared corpus and a store built from it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "dev"
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def gold_store(tmp_path_factory, corpus_dir) -> Path:
    """A store built from the dev corpus with the gold annotations standing in for the extractor."""
    from gold_extractor import gold_extractor

    from kg.build import build_store

    path = tmp_path_factory.mktemp("gold") / "store"
    build_store([corpus_dir], path, extractor=gold_extractor)
    return path
