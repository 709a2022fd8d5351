"""Dates as ISO strings (``YYYY-MM-DD``, or ``YYYY-MM``/``YYYY`` when that is all that is known).

>>> normalize_date("2020-05-18"), normalize_date("unknown"), normalize_date("18/05/2020")
('2020-05-18', None, '2020-05-18')
>>> normalize_date("2018-12-09T10:00:00+07:00")
'2018-12-09'
"""

from __future__ import annotations

import re

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def normalize_date(value: str | None) -> str | None:
    if not value:
        return None
    v = value.strip()
    if v.lower() in ("unknown", "n/a", "none", "-", "?"):
        return None
    m = _ISO.match(v)
    if m:
        y, mo, d = m.groups()
        if d:
            return f"{y}-{int(mo):02d}-{int(d):02d}"
        if mo:
            return f"{y}-{int(mo):02d}"
        return y
    m = _DMY.match(v)
    if m:
        d, mo, y = m.groups()
        return f"{y}-{int(mo):02d}-{int(d):02d}"
    return None
