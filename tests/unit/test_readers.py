"""Readers: header text, HTML, JSON lines, credits, and one clear reason per bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.readers.cleanup import split_credits
from ingest.readers.html import parse_html
from ingest.readers.text import parse_text, read_text_file
from ingest.sources import Ignored, iter_sources
from kg.claims import Document
from kg.errors import InputError


def _items(*paths):
    return list(iter_sources(paths))


def test_corpus_header_and_credits_become_metadata(corpus_dir):
    doc = read_text_file(corpus_dir / "000_seed_kemensos-apc.txt")
    assert doc.url == "https://www.antaranews.com/berita/767986/kemensos-buka-peluang-kerja-sama-dengan-apc"
    assert doc.publisher == "ANTARA News" and doc.lang == "id" and doc.date is None
    assert doc.author == "Desi Purnamawati" and doc.editor == "Zita Meirina"
    assert "Baca juga" not in doc.text and "Pewarta" not in doc.text and "Copyright" not in doc.text
    assert doc.meta["copyright"].endswith("2018")
    assert doc.text.startswith("Jakarta, (ANTARA News) - Kementerian Sosial membuka")


def test_credit_value_on_next_line(corpus_dir):
    doc = read_text_file(corpus_dir / "004_kemensos-pundi-rakyat.txt")
    assert doc.author == "OHH Dayasos" and doc.editor == "Annisa YH"
    assert doc.meta["translator"] == "OHH Dayasos"
    assert "Translator" not in doc.text
    assert doc.date == "2020-05-18"


def test_related_lines_dropped_in_both_languages():
    body, meta = split_credits(
        "Satu.\nRead also: Another headline\nDua.\nBACA JUGA: Judul\nFoto: Antara/Budi"
    )
    assert body == "Satu.\nDua."
    assert meta == {"photo": "Antara/Budi"}


def test_text_without_header_is_all_body():
    doc = parse_text("Yayasan Sinar Harapan bekerja sama dengan Dinas Sosial.", "x.txt")
    assert doc.url is None and doc.text.startswith("Yayasan")


def test_unterminated_header_is_reported():
    with pytest.raises(InputError, match="not closed"):
        parse_text("url: https://a.b/c\ntitle: T\nbody without separator", "t.txt")


def test_html_main_text_without_boilerplate():
    html = """<html><head><title>Kemensos dan Yayasan X bekerja sama</title>
    <meta property="og:site_name" content="Contoh"><meta name="date" content="2024-01-02"></head>
    <body><nav><a href="/">Beranda</a> | <a href="/news">Berita</a> | <a href="/about">Tentang</a></nav>
    <article><h1>Kemensos dan Yayasan X bekerja sama</h1>
    <p>Kementerian Sosial menandatangani nota kesepahaman dengan Yayasan Harapan Bangsa untuk
    memperkuat layanan rehabilitasi sosial bagi anak-anak di seluruh Indonesia pada tahun ini.</p>
    <p>Kerja sama itu mencakup pelatihan pendamping sosial dan penyaluran bantuan bagi keluarga
    miskin di tiga provinsi, kata pejabat kementerian kepada wartawan di Jakarta.</p>
    <p>Baca juga: Berita lain yang tidak relevan</p></article>
    <footer>Copyright 2024 Contoh Media. All rights reserved. Kebijakan privasi.</footer></body></html>"""
    doc = parse_html(html, "page.html")
    assert "Yayasan Harapan Bangsa" in doc.text
    assert "Beranda" not in doc.text and "Kebijakan privasi" not in doc.text and "Baca juga" not in doc.text
    assert doc.title == "Kemensos dan Yayasan X bekerja sama"


def test_jsonl_good_and_bad_lines(tmp_path: Path):
    f = tmp_path / "news.jsonl"
    f.write_text(
        json.dumps({"url": "https://a.id/1", "title": "A", "date": "2024-01-02", "text": "Isi satu."})
        + "\n"
        + "{not json\n"
        + json.dumps({"url": "https://a.id/2", "title": "B"})
        + "\n"
        + json.dumps({"url": "https://a.id/3", "text": "Isi tiga.", "lang": "id"})
        + "\n",
        encoding="utf-8",
    )
    items = _items(f)
    docs = [i for i in items if isinstance(i, Document)]
    errs = [i for i in items if isinstance(i, InputError)]
    assert [d.url for d in docs] == ["https://a.id/1", "https://a.id/3"]
    assert docs[0].date == "2024-01-02"
    assert [e.path for e in errs] == [f"{f}:2", f"{f}:3"]
    assert "not valid JSON" in errs[0].reason and "'text'" in errs[1].reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        ("latin1.txt", "Kerja sama dengan Caf\u00e9".encode("latin-1"), "not valid UTF-8"),
        ("page.pdf", b"%PDF-1.4 ...", "unknown format .pdf"),
        ("records.xml", b"<root><x/></root>", "not a recognized record format"),
    ],
)
def test_bad_files_get_one_clear_reason(tmp_path: Path, name: str, content: bytes, reason: str):
    f = tmp_path / name
    f.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Yayasan A bekerja sama dengan Dinas Sosial.", encoding="utf-8")
    items = _items(f, good)
    errs = [i for i in items if isinstance(i, InputError)]
    assert len(errs) == 1 and errs[0].path == str(f) and reason in errs[0].reason
    assert any(isinstance(i, Document) and i.source == str(good) for i in items)


def test_missing_path_and_empty_folder(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    errs = _items(tmp_path / "nope", tmp_path / "empty")
    assert [e.reason for e in errs] == ["no such file or folder", "folder holds no files"]


def test_gold_files_in_corpus_folder_are_ignored_not_errors(corpus_dir):
    items = _items(corpus_dir)
    assert not [i for i in items if isinstance(i, InputError)]
    ignored = [i for i in items if isinstance(i, Ignored)]
    assert any(i.path.endswith("000_seed_kemensos-apc.json") for i in ignored)
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == len(list(corpus_dir.glob("*.txt")))
