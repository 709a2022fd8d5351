"""Detection, the single entry point, and hostile or broken input (never a traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.records import detect, read_records

SHARED = Path(__file__).parents[2].parent / "shared" / "records"
DATA = Path(__file__).parents[1] / "data" / "records"

XXE = """<?xml version="1.0"?>
<!DOCTYPE iati-activities [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&xxe;</iati-identifier>
</iati-activity></iati-activities>
"""
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<iati-activities version="2.03"><iati-activity><iati-identifier>&lol9;</iati-identifier>'
    "</iati-activity></iati-activities>\n"
)
EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE iati-activities SYSTEM "http://example.invalid/evil.dtd">
<iati-activities version="2.03"></iati-activities>
"""


@pytest.mark.parametrize(
    ("rel", "fmt"),
    [
        ("iati/activities/MAEC_IATI_INDONESIA.xml", "iati"),
        ("iati/activities/test_activities.xml", "iati"),
        ("iati/examples/organisation-standard-example-annotated.xml", None),
        ("iati/codelists/Sector.xml", None),
        ("ftm/donations.ijson", "ftm"),
        ("ftm/eu_authorities.ftm.json", "ftm"),
        ("gazetteer/un-entities.csv", None),
        ("SOURCES.md", None),
    ],
)
def test_detect_shared_files(rel, fmt):
    p = SHARED / rel
    if not p.is_file():
        pytest.skip(f"not found: {p}")
    assert detect(p) == fmt


def test_detect_fixtures(tmp_path):
    assert detect(DATA / "csv" / "entities.csv") == "csv"
    assert detect(DATA / "csv" / "relations.csv") == "csv"
    assert detect(DATA / "ftm" / "sample.ftm.json") == "ftm"
    gold = tmp_path / "gold.json"
    gold.write_text('{\n "doc": "x", "entities": [], "relations": []\n}\n')
    assert detect(gold) is None
    articles = tmp_path / "articles.jsonl"
    articles.write_text('{"url": "https://x", "text": "hi"}\n')
    assert detect(articles) is None
    assert detect(tmp_path) is None


@pytest.mark.parametrize(("text", "words"), [(XXE, "external entity"), (LAUGHS, "declares entities")])
def test_malicious_xml_is_refused_cleanly(tmp_path, text, words):
    p = tmp_path / "evil.xml"
    p.write_text(text)
    assert detect(p) == "iati"
    res = read_records(p)
    assert res.extractions == []
    assert len(res.problems) == 1
    assert words in res.problems[0].reason and "refused" in res.problems[0].reason
    assert str(p) in str(res.problems[0])


def test_external_dtd_is_not_fetched(tmp_path):
    p = tmp_path / "dtd.xml"
    p.write_text(EXTERNAL_DTD)
    res = read_records(p)
    assert res.extractions == [] or res.extractions[0].entities == []
    assert all("Traceback" not in str(x) for x in res.problems)


def test_broken_and_empty_inputs(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<iati-activities version='2.03'><iati-activity>")
    res = read_records(bad)
    assert res.extractions == [] and "malformed XML" in res.problems[0].reason
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert "not a recognized record file" in read_records(empty).problems[0].reason
    noid = tmp_path / "noid.xml"
    noid.write_text(
        "<iati-activities version='2.01'><iati-activity><title>x</title></iati-activity></iati-activities>"
    )
    res = read_records(noid)
    assert "iati-activity[1] has no iati-identifier" in res.problems[0].reason
    assert res.extractions[0].entities == []


def test_folder_reads_every_record_file():
    res = read_records(DATA)
    formats = sorted({ex.doc.format for ex in res.extractions})
    assert formats == ["csv", "ftm", "iati"]
    assert any("unsupported IATI version" in p.reason for p in res.problems)
