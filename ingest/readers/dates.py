"""Dates as ISO strings (``YYYY-MM-DD``, or ``YYYY-MM``/``YYYY`` when that is all that is known).

An impossible date (``2020-02-30``, month 13) is unknown: :func:`normalize_date` gives None
and :func:`date_problem` says why, so a reader can warn about the file.

>>> normalize_date("2020-05-18"), normalize_date("unknown"), normalize_date("18/05/2020")
('2020-05-18', None, '2020-05-18')
>>> normalize_date("2018-12-09T10:00:00+07:00")
'2018-12-09'
>>> normalize_date("2020-02-30"), date_problem("2020-02-30")
(None, "date '2020-02-30' is not a real date; taken as unknown")
"""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_UNKNOWN = ("", "unknown", "n/a", "none", "-", "?")


def _iso(y: str, mo: str | None, d: str | None) -> str | None:
    """The ISO form of year, month, day (month and day optional), or None when impossible."""
    try:
        if d:
            return dt.date(int(y), int(mo or 0), int(d)).isoformat()
        if mo:
            return dt.date(int(y), int(mo), 1).isoformat()[:7]
        return dt.date(int(y), 1, 1).isoformat()[:4]
    except ValueError:
        return None


def _parse(v: str) -> str | None:
    m = _ISO.match(v)
    if m:
        return _iso(*m.groups())
    m = _DMY.match(v)
    if m:
        d, mo, y = m.groups()
        return _iso(y, mo, d)
    return None


def normalize_date(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip()
    if v.lower() in _UNKNOWN:
        return None
    return _parse(v)


def date_problem(value: str | None) -> str | None:
    """Why ``value`` is taken as an unknown date, or None when it is a date or says unknown."""
    if value is None or value.strip().lower() in _UNKNOWN or _parse(value.strip()) is not None:
        return None
    shown = value.strip()[:40]
    if _ISO.match(value.strip()) or _DMY.match(value.strip()):
        return f"date {shown!r} is not a real date; taken as unknown"
    return f"date {shown!r} is not understood (use YYYY-MM-DD); taken as unknown"


def read_date(value: object, warnings: list[str]) -> str | None:
    """:func:`normalize_date` of ``value``, appending to ``warnings`` why it is unknown."""
    if value is None or value == "":
        return None
    text = str(value)
    problem = date_problem(text)
    if problem:
        warnings.append(problem)
    return normalize_date(text)
