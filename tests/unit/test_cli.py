"""The command line: every command, exit codes, clear errors, help with examples."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.cli import cli


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in sorted(group.commands.items()):
        yield (*prefix, name), cmd
        if isinstance(cmd, click.Group):
            yield from _all_commands(cmd, (*prefix, name))


def test_every_command_has_a_summary_an_example_and_option_help():
    for path, cmd in _all_commands(cli):
        if isinstance(cmd, click.Group):
            continue
        assert cmd.help and "Example" in cmd.help, f"kg {' '.join(path)} has no example"
        for p in cmd.params:
            if isinstance(p, click.Option) and p.name not in ("help",):
                assert p.help, f"kg {' '.join(path)} {p.opts[0]} has no help"
        result = run(*path, "--help")
        assert result.exit_code == 0


@pytest.fixture()
def mini_corpus(tmp_path: Path, corpus_dir: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("000_seed_kemensos-apc.txt", "004_kemensos-pundi-rakyat.txt"):
        shutil.copy(corpus_dir / name, folder / name)
    return folder


def test_build_query_stats_validate_sparql_end_to_end(tmp_path: Path, mini_corpus: Path):
    store = str(tmp_path / "store")
    r = run("build", str(mini_corpus), "--store", store, "--no-progress")
    assert r.exit_code == 0, r.output
    assert "documents read: 2 (new 2" in r.output and "triples" in r.output
    first = json.loads(run("stats", "--store", store, "--format", "json").output)
    again = run("build", str(mini_corpus), "--store", store, "--format", "json")
    assert json.loads(again.output)["unchanged"] == 2
    assert (
        json.loads(run("stats", "--store", store, "--format", "json").output)["triples"] == first["triples"]
    )
    assert first["entities"]["GovernmentBody"] >= 1

    r = run("query", "partners", "--param", "org=Kemensos", "--store", store, "--format", "json")
    assert r.exit_code == 0
    partners = {row["partner"] for row in json.loads(r.output)}
    assert "Asian Philanthropy Circle" in partners

    r = run(
        "query",
        "evidence",
        "-p",
        "source=Kementerian Sosial",
        "-p",
        "target=APC",
        "--store",
        store,
        "--format",
        "csv",
    )
    assert r.exit_code == 0 and "kerja sama" in r.output and r.output.startswith("relation,sentence")

    r = run("sparql", "SELECT ?n WHERE { ?o a kgo:NonProfit ; rdfs:label ?n }", "--store", store)
    assert "Asian Philanthropy Circle" in r.output

    r = run("validate", "--store", store)
    assert r.exit_code == 0 and r.output.startswith("conforms")


def test_build_reports_skipped_inputs_and_exit_code(tmp_path: Path, mini_corpus: Path):
    (mini_corpus / "broken.txt").write_bytes(b"\xff\xfe\x00\x00binary\x00")
    (mini_corpus / "empty.txt").write_text("")
    r = CliRunner().invoke(
        cli,
        [
            "build",
            str(mini_corpus),
            str(tmp_path / "missing"),
            "--store",
            str(tmp_path / "s"),
            "--no-progress",
        ],
    )
    assert r.exit_code == 3
    assert "skipped: " in r.output and "empty.txt: empty file" in r.output
    assert "missing: no such file or folder" in r.output
    assert "documents read: 2" in r.output
    assert "Traceback" not in r.output


def test_extract_prints_annotation_json_and_turtle(corpus_dir: Path):
    r = run("extract", str(corpus_dir / "000_seed_kemensos-apc.txt"))
    data = json.loads(r.output)
    assert set(data) == {"doc", "lang", "entities", "relations"} and data["lang"] == "id"
    assert all("aliases" in e for e in data["entities"])
    assert any(e["name"] == "Asian Philanthropy Circle" and "APC" in e["aliases"] for e in data["entities"])
    rel_keys = {k for r in data["relations"] for k in r}
    assert rel_keys <= {"type", "source", "target", "role", "status", "amount"}
    full = json.loads(run("extract", str(corpus_dir / "000_seed_kemensos-apc.txt"), "--evidence").output)
    assert all("confidence" in r and "evidence" in r for r in full["relations"])
    ttl = run("extract", str(corpus_dir / "000_seed_kemensos-apc.txt"), "--format", "turtle").output
    assert "kgo:Assertion" in ttl and "kgo:sentence" in ttl


def test_errors_are_one_line_without_traceback(tmp_path: Path):
    r = CliRunner().invoke(cli, ["query", "partners", "-p", "org=x", "--store", str(tmp_path / "none")])
    assert r.exit_code == 1 and r.output.startswith("Error: no store at")
    r = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert r.exit_code == 1 and "no such file" in r.output
    r = CliRunner().invoke(cli, ["query", "partners", "-p", "org"])
    assert r.exit_code == 2 and "KEY=VALUE" in r.output


def test_queries_lists_parameters():
    r = run("queries", "--format", "json")
    rows = {q["name"]: q for q in json.loads(r.output)}
    assert rows["path"]["params"] == "from, to" and rows["commitments"]["params"] == "org?"


def test_demo_runs_on_bundled_examples(tmp_path: Path):
    r = run("demo", "--store", str(tmp_path / "demo"))
    assert r.exit_code == 0, r.output
    assert "== partners of Kemensos" in r.output and "== people of Kemensos" in r.output
