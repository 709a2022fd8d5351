"""Where the data folders (ontology, queries, lexicons) live, in a checkout or an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

_PKG = Path(__file__).resolve().parent
_REPO = _PKG.parent


def _data_dir(name: str) -> Path:
    for candidate in (_REPO / name, _PKG / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"data folder {name!r} not found next to the kg package")


def ontology_dir() -> Path:
    return _data_dir("ontology")


def queries_dir() -> Path:
    return _data_dir("queries")


def default_store() -> Path:
    """The store folder: ``$KG_STORE`` or ``./kg-store``."""
    return Path(os.environ.get("KG_STORE") or "kg-store")


def examples_dir() -> Path:
    """The bundled example articles."""
    return _data_dir("examples") / "articles"
