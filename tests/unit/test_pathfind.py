"""`kg path` on the embedded store: --via, exclusions, one row per hop with relation and evidence."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from path_fixture import make_path_store

from kg.cli import cli
from kg.errors import QueryError
from kg.pathfind import find_paths


@pytest.fixture(scope="module")
def path_store(tmp_path_factory) -> Path:
    return make_path_store(tmp_path_factory.mktemp("paths"))


def middles(rows) -> set[str]:
    return {r[4] for r in rows if r[1] == 1}


def test_default_paths_avoid_places_and_programs(path_store: Path):
    cols, rows = find_paths("AF", "Kembeta", store_path=path_store)
    assert cols == ["path", "hop", "from", "relation", "to", "evidence", "source"]
    assert middles(rows) == {"Ibu Epsilon", "PT Delta"}
    delta = [r for r in rows if "PT Delta" in (r[2], r[4])]
    assert [(r[1], r[2], r[3], r[4]) for r in delta] == [
        (1, "Alpha Foundation", "-[FUNDS]->", "PT Delta"),
        (2, "PT Delta", "-[PARTNERS_WITH]-", "Kementerian Beta"),
    ]
    eps = [r for r in rows if "Ibu Epsilon" in (r[2], r[4])]
    assert [r[3] for r in eps] == ["<-[HOLDS_POSITION]-", "-[HOLDS_POSITION]->"]
    assert all(r[5].endswith(")") and r[6] == "https://example.org/paths" for r in rows)


def test_via_and_exclude(path_store: Path):
    _, rows = find_paths(
        "Alpha Foundation", "Kementerian Beta", via=["partnersWith,FUNDS"], store_path=path_store
    )
    assert middles(rows) == {"PT Delta"}
    _, rows = find_paths("AF", "Kembeta", exclude=[""], store_path=path_store)
    assert middles(rows) == {"Ibu Epsilon", "PT Delta", "Indonesia", "Program Gamma"}
    _, rows = find_paths("AF", "Kembeta", via=["RUNS"], store_path=path_store)
    assert rows == []
    _, rows = find_paths("AF", "Kembeta", via=["RUNS"], exclude=["Place"], store_path=path_store)
    assert middles(rows) == {"Program Gamma"}
    with pytest.raises(QueryError, match="unknown relation MENTIONS"):
        find_paths("AF", "Kembeta", via=["MENTIONS"], store_path=path_store)
    with pytest.raises(QueryError, match="unknown entity type 'Article'"):
        find_paths("AF", "Kembeta", exclude=["Article"], store_path=path_store)


def test_cli_path(path_store: Path):
    r = CliRunner().invoke(cli, ["path", "AF", "Kembeta", "--via", "FUNDS", "--via", "PARTNERS_WITH",
                                 "--store", str(path_store), "--format", "csv"])  # fmt: skip
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    assert lines[0] == "path,hop,from,relation,to,evidence,source" and len(lines) == 3
    assert "-[FUNDS]->" in lines[1] and "-[PARTNERS_WITH]-" in lines[2]
    r = CliRunner().invoke(cli, ["path", "AF", "Nobody", "--store", str(path_store)])
    assert r.exit_code == 1 and "Error: no entity named 'Nobody'" in r.stderr


def test_search_query_matches_names_and_aliases_at_word_boundaries(path_store: Path):
    from kg.api import query

    cols, rows = query("search", store=path_store, q="beta")
    assert cols == ["name", "type", "iri"] and [r[:2] for r in rows] == [
        ["Kementerian Beta", "GovernmentBody"]
    ]
    assert rows[0][2].startswith("https://w3id.org/seakg/id/")
    assert query("search", store=path_store, q="bet")[1] == []  # words, not pieces of words
    assert [r[0] for r in query("search", store=path_store, q="af")[1]] == ["Alpha Foundation"]
    assert query("search", store=path_store, q="(")[1] == []  # regex characters are quoted
