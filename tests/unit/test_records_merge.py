"""A body named in a record and in an article ends up as one node of the graph."""

from __future__ import annotations

from pathlib import Path

from kg.claims import Document, Extraction

DATA = Path(__file__).parents[1] / "data" / "records"
RECORD = DATA / "iati" / "kemensos-unicef-203.xml"
ARTICLE = DATA / "article-kemensos-unicef.txt"

_MENTIONS = """
SELECT ?e ?name (COUNT(DISTINCT ?src) AS ?n) WHERE {
  ?e a ?type ; rdfs:label ?name . ?src kgo:mentions ?e .
} GROUP BY ?e ?name
"""


def article_claims(doc: Document) -> Extraction:
    """What the text extractor finds in the fixture article (names only, as written)."""
    ex = Extraction(doc=doc)
    a = ex.add_entity("GovernmentBody", "Kementerian Sosial", aliases=["Kemensos"])
    b = ex.add_entity("IntergovernmentalOrganization", "UNICEF")
    ex.add_relation("partnersWith", a, b, sentence=doc.text, status="active")
    return ex


def _nodes(store_path: Path) -> dict[str, int]:
    from kg.store import Store

    with Store(store_path) as st:
        _, rows = st.select(_MENTIONS)
    return {name: n for _, name, n in rows}


def test_record_org_and_article_org_merge(tmp_path):
    from kg.build import build_store

    build_store([RECORD, ARTICLE], tmp_path / "store", extractor=article_claims)
    nodes = _nodes(tmp_path / "store")
    # "Ministry of Social Affairs" (IATI, alias Kementerian Sosial) = "Kementerian Sosial (Kemensos)"
    ministry = [name for name in nodes if name in ("Ministry of Social Affairs", "Kementerian Sosial")]
    assert len(ministry) == 1 and nodes[ministry[0]] == 2
    # "United Nations Children's Fund" (ref XM-DAC-41122, alias UNICEF) = "UNICEF"
    unicef = [name for name in nodes if "UNICEF" in name or "Children's Fund" in name]
    assert len(unicef) == 1 and nodes[unicef[0]] == 2


def test_record_and_article_merge_with_the_real_extractor(tmp_path):
    from kg.build import build_store

    build_store([RECORD, ARTICLE], tmp_path / "store")
    nodes = _nodes(tmp_path / "store")
    ministry = [name for name in nodes if name in ("Ministry of Social Affairs", "Kementerian Sosial")]
    assert len(ministry) == 1 and nodes[ministry[0]] == 2


def test_gazetteer_ids_on_record_orgs():
    from ingest.records import read_records

    (ex,) = read_records(RECORD).extractions
    ministry = next(e for e in ex.entities if e.name == "Ministry of Social Affairs")
    assert any(i.startswith("gaz:") for i in ministry.identifiers)
