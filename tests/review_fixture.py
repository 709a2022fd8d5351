"""Two articles where resolution leaves a duplicate ("Pratikno" twice: a one-word person name
never merges across sources) and a reversed fact (Bappenas FUNDS UNFPA)."""

from __future__ import annotations

from pathlib import Path

from kg.claims import Document, Extraction


def extract(doc: Document) -> Extraction:
    ex = Extraction(doc=doc)
    s = doc.text.strip()
    if doc.doc_id == "c":  # a later article about someone else
        ex.add_entity("NonProfit", "Yayasan Baru")
        return ex
    setneg = ex.add_entity("GovernmentBody", "Kementerian Sekretariat Negara", aliases=["Kemensetneg"])
    person = ex.add_entity("Person", "Pratikno")
    ex.add_relation("holdsPosition", person, setneg, sentence=s, role="Menteri Sekretaris Negara")
    if doc.doc_id == "b":
        bappenas = ex.add_entity("GovernmentBody", "Bappenas")
        unfpa = ex.add_entity("IntergovernmentalOrganization", "UNFPA")
        ex.add_relation("funds", bappenas, unfpa, sentence=s)
        ex.add_relation("partnersWith", bappenas, unfpa, sentence=s, status="active")
    return ex


def write_sources(root: Path) -> Path:
    src = root / "src"
    src.mkdir(parents=True, exist_ok=True)
    for name, date in (("a", "2021-01-05"), ("b", "2022-03-01")):
        head = f"url: https://example.org/{name}\ntitle: {name}\ndate: {date}\nlang: id\n---\n"
        (src / f"{name}.txt").write_text(head + f"Pratikno di Kemensetneg ({name}).\n", encoding="utf-8")
    return src
