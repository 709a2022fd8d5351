"""The per-document budget of a build: a size and a time limit on one document's extraction.

A document over budget is skipped with one line naming it (an :class:`~kg.errors.InputError`),
and the build goes on with the next one. Defaults come from ``ingest/lexicons/limits.yaml``;
``KG_MAX_DOC_BYTES`` / ``KG_MAX_DOC_SECONDS`` override them, options of ``kg build`` override
both. ``0`` means no limit.

>>> b = Budget(max_bytes=10, max_seconds=None)
>>> b.size_problem("x" * 11)
'11 bytes of text, over the budget of 10 bytes a document (--max-doc-bytes, KG_MAX_DOC_BYTES)'
>>> b.size_problem("short") is None
True
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from kg.errors import KGError

T = TypeVar("T")


class OverBudget(KGError):
    """A document's extraction ran out of time."""


def _defaults() -> dict:
    from ingest.extract.lexicon import load

    return load("limits.yaml")


def _env_number(name: str) -> float | None:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return None
    try:
        return float(raw)
    except ValueError as e:
        raise KGError(f"{name}={raw!r} is not a number") from e


def _size(n: float) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{int(n)} bytes"


@dataclass(frozen=True)
class Budget:
    max_bytes: int | None  # None: no limit
    max_seconds: float | None

    @classmethod
    def resolve(cls, max_bytes: float | None = None, max_seconds: float | None = None) -> Budget:
        """Options first, then ``KG_MAX_DOC_BYTES`` / ``KG_MAX_DOC_SECONDS``, then limits.yaml."""
        d = _defaults()
        b = max_bytes if max_bytes is not None else _env_number("KG_MAX_DOC_BYTES")
        s = max_seconds if max_seconds is not None else _env_number("KG_MAX_DOC_SECONDS")
        b = d["max_document_bytes"] if b is None else b
        s = d["max_document_seconds"] if s is None else s
        return cls(int(b) if b and b > 0 else None, float(s) if s and s > 0 else None)

    def size_problem(self, text: str) -> str | None:
        """Why ``text`` is over the size budget, or None."""
        if self.max_bytes is None or len(text) * 4 <= self.max_bytes:  # utf-8: at most 4 bytes a char
            return None
        n = len(text.encode("utf-8", errors="replace"))
        if n <= self.max_bytes:
            return None
        return (
            f"{_size(n)} of text, over the budget of {_size(self.max_bytes)} a document "
            "(--max-doc-bytes, KG_MAX_DOC_BYTES)"
        )

    def run(self, fn: Callable[[], T]) -> T:
        """``fn()``, stopped with :class:`OverBudget` after ``max_seconds`` (main thread only)."""
        with _time_limit(self.max_seconds):
            return fn()


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise OverBudget(
            f"extraction took over {seconds:g} s, the budget a document "
            "(--max-doc-seconds, KG_MAX_DOC_SECONDS)"
        )

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
