"""A small store made to test paths: two bodies linked through a place, a program, a company
and a person, so that every exclusion and --via choice gives a different answer."""

from __future__ import annotations

from pathlib import Path

from kg.build import build_store
from kg.claims import Document, Extraction


def _extract(doc: Document) -> Extraction:
    ex = Extraction(doc=doc)
    alpha = ex.add_entity("NonProfit", "Alpha Foundation", aliases=["AF"])
    beta = ex.add_entity("GovernmentBody", "Kementerian Beta", aliases=["Kembeta"])
    place = ex.add_entity("Place", "Indonesia")
    prog = ex.add_entity("Program", "Program Gamma")
    delta = ex.add_entity("Company", "PT Delta")
    eps = ex.add_entity("Person", "Ibu Epsilon")
    s = doc.text.strip()
    for rel, a, b, q in (
        ("locatedIn", alpha, place, {}),
        ("locatedIn", beta, place, {}),
        ("runs", alpha, prog, {}),
        ("runs", beta, prog, {}),
        ("funds", alpha, delta, {"amount": "Rp 5 juta"}),
        ("partnersWith", delta, beta, {"status": "active"}),
        ("holdsPosition", eps, alpha, {"role": "Ketua"}),
        ("holdsPosition", eps, beta, {"role": "Penasihat"}),
    ):
        ex.add_relation(rel, a, b, sentence=f"{s} ({rel})", confidence=0.9, **q)
    return ex


def make_path_store(root: Path) -> Path:
    src = root / "src"
    src.mkdir(parents=True)
    head = "url: https://example.org/paths\ntitle: Paths\ndate: 2024-02-01\nlang: id\n---\n"
    (src / "paths.txt").write_text(head + "Alpha Foundation dan Kementerian Beta.\n", encoding="utf-8")
    store = root / "store"
    build_store([src], store, extractor=_extract)
    return store
