"""Working data of one document: mentions found in sentences."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Mention:
    """A name found in a sentence: tokens ``i``..``j-1`` of sentence ``sent``."""

    sent: int
    i: int
    j: int
    type: str
    surface: str
    gaz: str | None = None
    implied: bool = False  # an org named only through a title
    aliases: list[str] = field(default_factory=list)
    source: str = ""  # gaz | pattern | title | acronym | person | program | commitment
    role: str | None = None  # for title mentions: the title as written
    ent: str | None = None  # entity id once registered

    def overlaps(self, other: Mention) -> bool:
        return self.sent == other.sent and self.i < other.j and other.i < self.j

    @property
    def length(self) -> int:
        return self.j - self.i
