"""What a record reader returns: the extractions, the problems, and counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kg.claims import Extraction
from kg.errors import InputError


@dataclass
class RecordResult:
    """Claims read from record files, and one :class:`InputError` per bad file, row or line.

    ``stats`` counts what was read and skipped (``activities``, ``rows``, ``skipped:Address``...).
    """

    extractions: list[Extraction] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    stats: Counter[str] = field(default_factory=Counter)

    def problem(self, path: object, reason: str) -> None:
        self.problems.append(InputError(str(path), reason))

    def extend(self, other: RecordResult) -> RecordResult:
        self.extractions.extend(other.extractions)
        self.problems.extend(other.problems)
        self.stats.update(other.stats)
        return self

    @property
    def ok(self) -> bool:
        return not self.problems
