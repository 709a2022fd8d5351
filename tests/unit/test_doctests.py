"""The runnable examples in the library's docstrings (networkx-style doctests)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import ingest
import kg

MODULES = sorted(
    m.name
    for pkg in (kg, ingest)
    for m in pkgutil.walk_packages(pkg.__path__, prefix=pkg.__name__ + ".")
    if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
