"""kg.evaluate gives exactly the numbers of shared/tools/score.py."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.evaluate import evaluate, qualifier_matches

ROOT = Path(__file__).parents[2].parent / "shared"
CORPUS = ROOT / "corpus" / "dev"
SCORER = ROOT / "tools" / "score.py"


def _write(d: Path, name: str, obj: dict) -> None:
    (d / f"{name}.json").write_text(json.dumps(obj), encoding="utf-8")


def test_small_case(tmp_path):
    gold, pred = tmp_path / "g", tmp_path / "p"
    gold.mkdir()
    pred.mkdir()
    _write(
        gold,
        "a",
        {
            "lang": "id",
            "entities": [
                {"id": "k", "type": "GovernmentBody", "name": "Kementerian Sosial", "aliases": ["Kemensos"]},
                {"id": "b", "type": "Person", "name": "Budi"},
                {"id": "o", "type": "Place", "name": "Bali", "optional": True},
            ],
            "relations": [{"type": "holdsPosition", "source": "b", "target": "k", "role": "Kepala"}],
        },
    )
    _write(
        pred,
        "a",
        {
            "entities": [
                {"id": "x", "type": "GovernmentBody", "name": "Kemensos"},
                {"id": "y", "type": "Person", "name": "Budi"},
                {"id": "z", "type": "Person", "name": "Ani"},
            ],
            "relations": [{"type": "holdsPosition", "source": "y", "target": "x", "role": "Kepala Kemensos"}],
        },
    )
    ev = evaluate(gold, pred)
    assert ev.overall["ent"]["micro"]["tp"] == 2 and ev.overall["ent"]["micro"]["fp"] == 1
    assert ev.overall["rel"]["micro"]["tp"] == 1
    assert ev.overall["qualifiers"]["role"] == 1.0
    assert ev.by_lang["id"]["docs"] == 1


def test_role_rule():
    assert qualifier_matches("role", "Kepala BNPB", "Kepala")
    assert not qualifier_matches("status", "active", "proposed")


@pytest.mark.skipif(not (CORPUS.is_dir() and SCORER.exists()), reason="shared corpus/scorer not available")
def test_equal_to_score_py_on_dev(tmp_path):
    from kg.cli.eval_cmds import _predict

    _predict(CORPUS, tmp_path)
    out = subprocess.run(
        [sys.executable, str(SCORER), str(CORPUS), str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert evaluate(CORPUS, tmp_path).overall == json.loads(out.stdout)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="dev corpus not available")
def test_cli_eval(tmp_path):
    from kg.cli import cli

    res = CliRunner().invoke(cli, ["eval", str(CORPUS), "--save", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "entity_f1=" in res.output and "worst doc" in res.output
    res = CliRunner().invoke(cli, ["eval", str(CORPUS), "--pred-dir", str(tmp_path), "--format", "json"])
    assert res.exit_code == 0
    assert "by_lang" in json.loads(res.output)


def test_cli_eval_missing_dir(tmp_path):
    from kg.cli import cli

    res = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert res.exit_code == 1 and "Error:" in res.output
