"""Typed values: amounts of money as numbers with an ISO 4217 currency, dates with a precision.

The currency marks and scale words are data (``ingest/lexicons/amounts.yaml``).

>>> parse_amount("Rp 1 miliar")
Amount(text='Rp 1 miliar', value=Decimal('1000000000'), currency='IDR')
>>> parse_amount("USD 27,5 juta").value, parse_amount("RM35,000").value
(Decimal('27500000.0'), Decimal('35000'))
>>> parse_amount("US$1.5 billion").currency
'USD'
>>> parse_date("2018")
DateValue(iso='2018-01-01', precision='year')
>>> parse_date("2021-03-04T00:00:00").precision
'day'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

import yaml

LEXICON = Path(__file__).resolve().parent.parent / "ingest" / "lexicons" / "amounts.yaml"
_NUMBER = re.compile(r"\d(?:[\d.,]*\d)?")
_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class Amount:
    """An amount as written (``text``), its number in the currency written (``value``, scale words
    such as *juta* or *billion* applied) and that currency's ISO 4217 code."""

    text: str
    value: Decimal | None
    currency: str | None


@dataclass(frozen=True)
class DateValue:
    """A date as ``YYYY-MM-DD``; ``precision`` says how much of it was written (day, month, year)."""

    iso: str
    precision: str


@cache
def _lexicon() -> tuple[list[tuple[str, str]], dict[str, int]]:
    with open(LEXICON, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    currencies = sorted(
        ((k.casefold(), v) for k, v in data["currencies"].items()), key=lambda kv: -len(kv[0])
    )
    scales = {k.casefold(): int(v) for k, v in data["scales"].items()}
    return currencies, scales


def _number(written: str) -> Decimal | None:
    """``1.500.000`` and ``1,500,000`` (thousands), ``27,5`` and ``1.5`` (decimals), ``1.234,56``."""
    s = written
    if "." in s and "," in s:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        s = s.replace("," if dec == "." else ".", "").replace(dec, ".")
    else:
        sep = "." if "." in s else "," if "," in s else None
        if sep is not None:
            parts = s.split(sep)
            thousands = len(parts) > 2 or len(parts[-1]) == 3
            s = s.replace(sep, "" if thousands else ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _currency_at(text: str, start: bool) -> str | None:
    """The currency mark at the start (or end) of ``text``, if any."""
    currencies, _ = _lexicon()
    t = text.strip().casefold()
    for mark, code in currencies:
        if start and t.startswith(mark):
            rest = t[len(mark) :]
            if not mark[-1].isalpha() or not rest[:1].isalpha():
                return code
        if not start and t.endswith(mark):
            before = t[: -len(mark)]
            if not mark[0].isalpha() or not before[-1:].isalpha():
                return code
    return None


def parse_amount(text: str | None, currency: str | None = None, machine: bool = False) -> Amount:
    """Parse an amount as written. ``currency`` (an ISO code given by a record) wins over the
    written mark; ``machine`` reads a plain ``1234.50`` as a decimal point (record values)."""
    written = " ".join(str(text or "").split())
    code = currency.upper() if currency else None
    if machine and _PLAIN.fullmatch(written):
        return Amount(written, Decimal(written), code)
    m = _NUMBER.search(written)
    if m is None:
        return Amount(written, None, code or _currency_at(written, True))
    value = _number(m.group(0))
    before, after = written[: m.start()], written[m.end() :]
    _, scales = _lexicon()
    word = re.match(r"\s*([^\W\d_]+)\.?", after)
    if value is not None and word and word.group(1).casefold() in scales:
        value *= scales[word.group(1).casefold()]
        after = after[word.end() :]
    code = code or _currency_at(before, False) or _currency_at(after, True)
    return Amount(written, value, code)


def parse_date(value: str | None) -> DateValue | None:
    """``2018`` -> 2018-01-01 (year), ``2018-06`` -> 2018-06-01 (month), a full date (day)."""
    m = _DATE.match(str(value or "").strip())
    if m is None:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    precision = "day" if d else "month" if mo else "year"
    return DateValue(f"{y}-{mo or '01'}-{d or '01'}", precision)


def truncate(iso: str, precision: str | None) -> str:
    """The date as written back: ``truncate("2018-01-01", "year") == "2018"``."""
    if precision == "year":
        return iso[:4]
    if precision == "month":
        return iso[:7]
    return iso[:10]
