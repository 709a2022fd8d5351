"""Word sets derived from the lexicons (built once): org heads, title heads, honorifics,
connectors, institutional vocabulary."""

from __future__ import annotations

from functools import lru_cache

from ingest.extract import gazetteer
from ingest.extract.lexicon import fold, load, split_line

CONNECTORS = frozenset({"dan", "and", "of", "for", "the", "&", "on", "to", "in"})
LIST_BREAKERS = frozenset({"dan", "and", "serta", "hingga", "atau", "or", "&", ","})


def _heads(d: dict[str, list[str]]) -> dict[tuple[str, ...], str]:
    out = {}
    for typ, words in d.items():
        for w in words or []:
            out[tuple(str(w).split())] = typ
    return out


@lru_cache(maxsize=1)
def org_prefix() -> dict[tuple[str, ...], str]:
    """Head words opening an org name (case kept) -> type."""
    f = load("orgforms.yaml")
    return {**_heads(f["prefix"]), **_heads(f["prefix_en"])}


@lru_cache(maxsize=1)
def org_suffix() -> dict[str, str]:
    f = load("orgforms.yaml")
    return {w: typ for typ, words in f["suffix_en"].items() for w in words}


@lru_cache(maxsize=1)
def unit_heads() -> frozenset[str]:
    return frozenset(load("orgforms.yaml")["unit_heads"])


@lru_cache(maxsize=1)
def nonprofit_words() -> frozenset[str]:
    return frozenset(load("orgforms.yaml")["nonprofit_words"])


@lru_cache(maxsize=1)
def state_heads() -> dict[tuple[str, ...], int]:
    """Heads of state authorities that stay government bodies whatever they manage."""
    return {tuple(str(w).split()): 1 for w in load("orgforms.yaml").get("state_heads") or []}


@lru_cache(maxsize=1)
def generic_bodies() -> frozenset[str]:
    from ingest.extract.lexicon import fold

    return frozenset(fold(str(x)) for x in load("orgforms.yaml").get("generic_bodies") or [])


@lru_cache(maxsize=1)
def suffix_variants() -> dict[str, str]:
    return {str(k): str(v) for k, v in (load("orgforms.yaml").get("suffix_variants") or {}).items()}


@lru_cache(maxsize=1)
def place_prefix() -> frozenset[str]:
    return frozenset(load("orgforms.yaml")["place_prefix"])


@lru_cache(maxsize=1)
def position_heads() -> dict[tuple[str, ...], int]:
    """Title heads as token tuples (case kept) -> length."""
    out = {}
    for w in load("titles.yaml")["position_heads"]:
        t = tuple(str(w).replace("-", " - ").split())
        out[t] = len(t)
    return out


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    t = load("titles.yaml")
    return frozenset(str(x).rstrip(".").replace(" ", "") for x in t["honorifics_before"])


@lru_cache(maxsize=1)
def weak_honorifics() -> frozenset[str]:
    return frozenset(load("titles.yaml")["weak_honorifics"])


@lru_cache(maxsize=1)
def degrees() -> frozenset[str]:
    return frozenset(str(x).replace(".", "").upper() for x in load("titles.yaml")["degrees_after"])


@lru_cache(maxsize=1)
def not_name() -> frozenset[str]:
    return frozenset(load("words.yaml")["not_name"])


@lru_cache(maxsize=1)
def speech_words() -> frozenset[str]:
    return frozenset(load("words.yaml")["speech"])


@lru_cache(maxsize=1)
def institutional() -> frozenset[str]:
    """Capitalised words of body names, titles and places: never part of a person's name."""
    words: set[str] = set(load("titles.yaml")["function_words"])
    generated = gazetteer.generated_forms()
    for e in gazetteer.entries():
        if e.kind == "district":  # thousands of kecamatan: their words are often given names
            continue
        for form in [*e.forms, *e.titles]:
            if " " in form.strip() and fold(form) in generated:  # "San" (San Marino): a given name too
                continue
            words.update(w for w in form.replace(",", " ").split() if w[:1].isupper())
    for heads in (org_prefix(), position_heads()):
        for t in heads:
            words.update(t)
    words.update(org_suffix())
    words.update(place_prefix())
    words -= set(load("words.yaml")["given_names"])
    words -= {w for w in words if len(w) <= 2 and not w.isupper()}  # "Ha" (Ha Noi), "Ho": name syllables
    for line in load("programs.yaml")["known"]:
        _, name, aliases = split_line(" | " + line)
        words.update(w for w in name.split() if w[:1].isupper())
    return frozenset(words)


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    return frozenset(load("titles.yaml")["function_words"])


@lru_cache(maxsize=1)
def not_name_stop() -> frozenset[str]:
    """Capitalised words that end any name (days, months, sentence words)."""
    days = {
        "Senin",
        "Selasa",
        "Rabu",
        "Kamis",
        "Jumat",
        "Sabtu",
        "Minggu",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    }
    words = load("words.yaml")["not_name"]
    keep = {
        w
        for w in words
        if w in days
        or w.lower()
        in {
            "di",
            "ke",
            "dari",
            "yang",
            "untuk",
            "dengan",
            "dalam",
            "pada",
            "oleh",
            "ini",
            "itu",
            "menurut",
            "sementara",
            "selain",
            "sebagai",
            "the",
            "in",
            "on",
            "at",
            "this",
            "that",
            "it",
            "he",
            "she",
            "they",
            "we",
            "his",
            "her",
            "their",
            "also",
            "however",
            "meanwhile",
            "according",
            "dokpri",
        }
    }
    months = {
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
        "January",
        "February",
        "March",
        "May",
        "June",
        "July",
        "August",
        "October",
        "December",
    }
    return frozenset(keep | months)


@lru_cache(maxsize=1)
def honorific_starts() -> frozenset[str]:
    """First words of honorifics (a quick filter)."""
    t = load("titles.yaml")
    return frozenset(
        str(x).split()[0].rstrip(".").replace("'", "").split(".")[0] for x in t["honorifics_before"]
    )
