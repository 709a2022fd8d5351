"""IATI codelists, read from the data files shipped in ``ingest/records/codelists/``.

The CSV files (``code,name``) are derived from the official IATI codelist XML
(CC BY 4.0, "IATI Standard (http://iatistandard.org/)"; see ``codelists/ATTRIBUTION.md``)
by :func:`regenerate`. ``mappings.toml`` holds our own decisions: which entity type an
IATI organisation type becomes, what each participating-org role means, which
transaction types are funding, and the IATI 1.0x text codes.

>>> codes = load()
>>> codes.org_entity_type("40"), codes.org_entity_type("Multilateral")
('IntergovernmentalOrganization', 'IntergovernmentalOrganization')
>>> codes.role("Funding").role, codes.transaction_type("D")
('funder', '3')
>>> codes.name("Country", "ID")
'Indonesia'
"""

from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "codelists"
CODELISTS = (
    "ActivityDateType",
    "ActivityStatus",
    "Country",
    "OrganisationRole",
    "OrganisationType",
    "Sector",
    "TransactionType",
)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class RoleSpec:
    """What a participating-org role becomes: ``runs`` with this role, plus ``funds`` when asked."""

    code: str
    role: str
    funds: bool


@dataclass(frozen=True)
class Codes:
    lists: dict[str, dict[str, str]]
    org_types: dict[str, str]
    other_org_type: str
    roles: dict[str, RoleSpec]
    funding_transactions: frozenset[str]
    transaction_kinds: dict[str, str]
    legacy: dict[str, dict[str, str]]
    registration_agencies: frozenset[str]
    versions: tuple[str, ...]

    def _code(self, codelist: str, value: str | None) -> str | None:
        """The 2.0x code for ``value``: a code, a 1.0x text code, or a codelist name (any case)."""
        if value is None:
            return None
        v = " ".join(value.split())
        if not v:
            return None
        entries = self.lists.get(codelist, {})
        if v in entries:
            return v
        legacy = self.legacy.get(codelist, {})
        for k, code in legacy.items():
            if k.casefold() == v.casefold():
                return code
        for code, name in entries.items():
            if name.casefold() == v.casefold():
                return code
        return None

    def name(self, codelist: str, value: str | None) -> str | None:
        code = self._code(codelist, value)
        return self.lists[codelist].get(code) if code else None

    def org_entity_type(self, value: str | None) -> str | None:
        """The entity type of an IATI organisation type (code or name); None when absent/unknown."""
        code = self._code("OrganisationType", value)
        if code is None:
            return None
        return self.org_types.get(code)

    def role(self, value: str | None) -> RoleSpec | None:
        code = self._code("OrganisationRole", value)
        return self.roles.get(code) if code else None

    def transaction_type(self, value: str | None) -> str | None:
        return self._code("TransactionType", value)

    def date_type(self, value: str | None) -> str | None:
        return self._code("ActivityDateType", value)

    def is_org_identifier(self, ref: str) -> bool:
        """True when ``ref`` looks like an IATI organisation identifier: a registration-agency
        prefix (``XM-DAC-7``, ``GB-CHC-1``, or the ``XX-YYY-id`` shape), or the country-code
        form of IATI 1.0x (``GB-1``, ``NL-1``). Bare local codes (``60``, ``44002``) are not."""
        parts = ref.split("-")
        if len(parts) < 2 or not all(parts) or " " in ref:
            return False
        if f"{parts[0]}-{parts[1]}" in self.registration_agencies:
            return True
        if (
            len(parts) >= 3
            and re.fullmatch(r"[A-Z]{2}", parts[0])
            and re.fullmatch(r"[A-Z0-9]{2,}", parts[1])
        ):
            return True
        return parts[0] in self.lists["Country"] and parts[1].isdigit()


def _read_csv(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f)}


@lru_cache(maxsize=1)
def load() -> Codes:
    lists = {name: _read_csv(DATA_DIR / f"{name}.csv") for name in CODELISTS}
    agencies = frozenset(
        (DATA_DIR / "OrganisationRegistrationAgency.txt").read_text(encoding="utf-8").split()
    )
    with (DATA_DIR / "mappings.toml").open("rb") as f:
        m = tomllib.load(f)
    roles = {
        code: RoleSpec(code=code, role=spec["role"], funds=bool(spec.get("funds", False)))
        for code, spec in m["organisation-role"].items()
    }
    return Codes(
        lists=lists,
        org_types=dict(m["organisation-type"]["entity-type"]),
        other_org_type=m["organisation-type"]["fallback"],
        roles=roles,
        funding_transactions=frozenset(m["transaction-type"]["funds"]),
        transaction_kinds=dict(m["transaction-type"]["kinds"]),
        legacy={k: dict(v) for k, v in m["legacy-1-0x"].items()},
        registration_agencies=agencies,
        versions=tuple(m["versions"]["supported"]),
    )


def regenerate(src_dir: Path, out_dir: Path = DATA_DIR) -> list[Path]:
    """Rewrite the CSV data files from the official codelist XML in ``src_dir``.

    Only the English name of each code is kept (``Sector`` and ``OrganisationRegistrationAgency``
    are large; the latter is reduced to its list of codes).
    """
    from defusedxml import ElementTree as ET

    written = []
    for name in CODELISTS:
        root = ET.parse(src_dir / f"{name}.xml").getroot()
        out = out_dir / f"{name}.csv"
        with out.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["code", "name"])
            for item in root.iter("codelist-item"):
                label = ""
                for n in item.findall("name/narrative"):
                    if n.get(_XML_LANG) in (None, "en"):
                        label = " ".join((n.text or "").split())
                        break
                w.writerow([(item.findtext("code") or "").strip(), label])
        written.append(out)
    root = ET.parse(src_dir / "OrganisationRegistrationAgency.xml").getroot()
    out = out_dir / "OrganisationRegistrationAgency.txt"
    codes = sorted({(i.findtext("code") or "").strip() for i in root.iter("codelist-item")} - {""})
    out.write_text("\n".join(codes) + "\n", encoding="utf-8")
    written.append(out)
    return written
