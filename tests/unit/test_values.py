"""Typed values: amounts parsed into a number and an ISO 4217 currency, dates of one type with
their precision, the same in RDF, in the Neo4j rows, in the exports and in the canned query."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from kg.api import query
from kg.build import build_store
from kg.claims import Document, Extraction
from kg.export import export
from kg.neo4j.reader import read_graph
from kg.store import Store
from kg.validate import validate_store
from kg.values import parse_amount, parse_date

DATA = Path(__file__).parents[1] / "data" / "records"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("Rp 1 miliar", "1000000000", "IDR"),
        ("Rp1,5 miliar", "1500000000", "IDR"),
        ("USD 27,5 juta", "27500000", "USD"),
        ("RM35,000", "35000", "MYR"),
        ("US$1.5 billion", "1500000000", "USD"),
        ("US$ 300 million", "300000000", "USD"),
        ("$300 million", "300000000", "USD"),
        ("Rp 500 ribu", "500000", "IDR"),
        ("Rp 1.500.000", "1500000", "IDR"),
        ("Rp 2,5 triliun", "2500000000000", "IDR"),
        ("S$2 million", "2000000", "SGD"),
        ("5 juta dolar AS", "5000000", "USD"),
        ("€3.2m", "3200000", "EUR"),
        ("PHP 1,234,567.89", "1234567.89", "PHP"),
        ("IDR 100 million", "100000000", "IDR"),
    ],
)
def test_amounts_as_written_become_numbers_in_the_currency_written(text, value, currency):
    a = parse_amount(text)
    assert a.value == Decimal(value) and a.currency == currency and a.text == text


def test_record_amounts_read_the_decimal_point_and_the_given_currency():
    assert parse_amount("27.500", "usd", machine=True).value == Decimal("27.5")
    assert parse_amount("27.500").value == Decimal("27500")  # in an article: thousands
    assert parse_amount("-1003044.50", "EUR", machine=True).currency == "EUR"
    assert parse_amount("sejumlah dana").value is None


def test_dates_have_one_form_and_a_precision():
    assert (parse_date("2018").iso, parse_date("2018").precision) == ("2018-01-01", "year")
    assert (parse_date("2018-06").iso, parse_date("2018-06").precision) == ("2018-06-01", "month")
    assert (parse_date("2018-06-05").iso, parse_date("2018-06-05").precision) == ("2018-06-05", "day")
    assert parse_date("unknown") is None


def _money_extractor(doc: Document) -> Extraction:
    ex = Extraction(doc=doc)
    giver = ex.add_entity("Company", "PT Contoh Dermawan")
    taker = ex.add_entity("GovernmentBody", "Kementerian Sosial", aliases=["Kemensos"])
    amount = {"a.txt": "Rp 1 miliar", "b.txt": "USD 27,5 juta", "c.txt": "Rp 500 juta"}[Path(doc.source).name]
    ex.add_relation("funds", giver, taker, sentence=f"PT Contoh memberi {amount}.", amount=amount)
    return ex


@pytest.fixture(scope="module")
def money_store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("money")
    src = root / "src"
    src.mkdir()
    for name, date in (("a.txt", "2021-04-28"), ("b.txt", "2019"), ("c.txt", "2022-05")):
        head = f"url: https://example.org/{name}\ntitle: {name}\ndate: {date}\nlang: id\n---\n"
        text = head + "PT Contoh Dermawan memberi bantuan kepada Kemensos.\n"
        (src / name).write_text(text, encoding="utf-8")
    store = root / "store"
    build_store([src, DATA / "iati" / "kemensos-unicef-203.xml"], store, extractor=_money_extractor)
    return store


def test_rdf_carries_typed_amounts_currencies_and_dates(money_store: Path):
    with Store(money_store, create=False) as s:
        _, rows = s.select(
            """SELECT ?amount ?value ?currency ?first ?prec ?dt WHERE {
                 ?a rdf:predicate kgo:funds ; kgo:amount ?amount ; kgo:amountValue ?value ;
                    kgo:currency ?currency ; kgo:firstSeen ?first BIND(DATATYPE(?first) AS ?dt)
                 OPTIONAL { ?a kgo:firstSeenPrecision ?prec }
                 FILTER NOT EXISTS { ?a kgo:transactionType ?t } } ORDER BY ?first"""
        )
    assert rows == [
        ["USD 27,5 juta", 27500000.0, "USD", "2019-01-01", "year", XSD_DATE],
        ["Rp 1 miliar", 1000000000.0, "IDR", "2021-04-28", None, XSD_DATE],
        ["Rp 500 juta", 500000000.0, "IDR", "2022-05-01", "month", XSD_DATE],
    ]
    assert validate_store(money_store).conforms


def test_iati_transactions_carry_their_type_and_value_date(money_store: Path):
    with Store(money_store, create=False) as s:
        _, rows = s.select(
            """SELECT ?type ?value ?currency ?date ?vdate WHERE {
                 ?a rdf:predicate kgo:funds ; kgo:transactionType ?type ; kgo:amountValue ?value ;
                    kgo:currency ?currency ; kgo:date ?date ; kgo:valueDate ?vdate .
                 FILTER(DATATYPE(?date) = xsd:date && DATATYPE(?vdate) = xsd:date) } ORDER BY ?type"""
        )
    assert rows == [
        ["commitment", 250000.0, "USD", "2023-03-01", "2023-03-01"],
        ["disbursement", 100000.0, "USD", "2023-06-30", "2023-06-30"],
    ]


def test_neo4j_rows_are_typed(money_store: Path):
    import datetime as dt

    with Store(money_store, create=False) as s:
        rows = read_graph(s.rdf)
    funds = [r.props for r in rows.relations if r.type == "FUNDS" and "amount" in r.props]
    assert {type(p["amount_value"]) for p in funds} == {float}
    assert all(isinstance(p["first_seen"], dt.date) for p in funds)
    assert {p.get("transaction_type") for p in funds} == {None, "commitment", "disbursement"}
    assert {p.get("first_seen_precision") for p in funds} == {None, "year", "month"}
    year_doc = next(r.props for r in rows.sources if r.props.get("url") == "https://example.org/b.txt")
    assert year_doc["date"] == dt.date(2019, 1, 1) and year_doc["date_precision"] == "year"
    program = next(r.props for r in rows.entities if r.props["type"] == "Program")
    assert program["start_date"] == dt.date(2023, 3, 1)


def test_exports_and_date_filters_use_the_same_values(money_store: Path, tmp_path: Path):
    with Store(money_store, create=False) as s:
        edges_file = next(p for p in export(s, "csv", f"{tmp_path}/all/").paths if "edge" in p.name)
        window = export(s, "csv", f"{tmp_path}/w/", since="2019-06-01", until="2019-12-31").paths
    with open(edges_file, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    funds = [r for r in rows if r["relation"] == "funds" and r["amount"] and not r["transaction_type"]]
    typed = sorted(
        (r["amount_value"], r["currency"], r["first_seen"], r["first_seen_precision"]) for r in funds
    )
    assert typed == [
        ("1000000000.0", "IDR", "2021-04-28", ""),
        ("27500000.0", "USD", "2019-01-01", "year"),
        ("500000000.0", "IDR", "2022-05-01", "month"),
    ]
    # a source dated "2019" still falls inside a window that starts mid-2019
    with open(next(p for p in window if "edge" in p.name), encoding="utf-8") as f:
        assert [r["amount"] for r in csv.DictReader(f) if r["relation"] == "funds"] == ["USD 27,5 juta"]


def test_funding_query_sums_amount_values_per_currency(money_store: Path):
    cols, rows = query("funding", store=money_store)
    assert cols == ["funder", "currency", "transaction_type", "total", "relations"]
    assert ["PT Contoh Dermawan", "IDR", "", 1500000000.0, 2] in rows
    assert ["PT Contoh Dermawan", "USD", "", 27500000.0, 1] in rows
    assert ["United Nations Children's Fund", "USD", "commitment", 250000.0, 1] in rows
