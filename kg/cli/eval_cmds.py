"""``kg eval``: score the extractor (or saved predictions) against gold annotations."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import click

from kg.cli.options import echo_rows, format_option


def _predict(gold_dir: Path, out_dir: Path) -> int:
    """Run the extractor over the ``*.txt`` articles next to the gold files."""
    from ingest.extract import extract
    from ingest.extract.text import parse_header
    from kg.claims import Document

    try:
        from ingest.readers.text import read_text_file
    except ImportError:  # pragma: no cover - readers not built
        read_text_file = None
    n = 0
    for txt in sorted(gold_dir.glob("*.txt")):
        if read_text_file is not None:
            doc = read_text_file(txt)
        else:  # pragma: no cover
            meta, body = parse_header(txt.read_text(encoding="utf-8"))
            doc = Document(doc_id=txt.stem, source=str(txt), text=body, lang=meta.get("lang"))
        doc.doc_id = txt.stem
        ex = extract(doc)
        (out_dir / f"{txt.stem}.json").write_text(
            json.dumps(ex.to_gold_json(evidence=True), ensure_ascii=False), encoding="utf-8"
        )
        n += 1
    return n


def register(group: click.Group) -> None:
    @group.command("train")
    @click.argument(
        "gold_dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path)
    )
    @click.option(
        "-o",
        "--output",
        "out_dir",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Model folder to write (tagger.crfsuite, rel-*.crfsuite, manifest.json).",
    )
    @click.option(
        "--inner-folds",
        default=3,
        show_default=True,
        type=click.IntRange(0, 20),
        help="Relation classifiers learn from entities read by taggers that did not see the document "
        "(0: the final tagger, in-sample).",
    )
    def train_cmd(gold_dirs: tuple[Path, ...], out_dir: Path, inner_folds: int) -> None:
        """Train the extractor's learned parts from gold annotations.

        GOLD_DIR holds <stem>.txt articles with <stem>.json gold files (annotation guide).
        Training is deterministic: the same gold gives the same model files. Use the
        model with KG_MODEL=MODEL_DIR (kg extract, kg build, kg eval).

        \b
        Example:
          kg train ../shared/corpus/dev -o my-model
          KG_MODEL=my-model kg extract article.txt
        """
        from ingest.learned.training import load_gold, train

        docs = load_gold(gold_dirs)
        man = train(docs, out_dir, inner_folds=inner_folds, progress=lambda m: click.echo(m, err=True))
        click.echo(
            f"{out_dir}: trained on {len(docs)} documents; relation models: {', '.join(man['relations'])}"
        )

    @group.command("eval")
    @click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @click.option(
        "--pred-dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Saved predictions (one <stem>.json per gold file); default: run the extractor "
        "over the .txt articles in GOLD_DIR.",
    )
    @click.option(
        "--save",
        "save_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Keep the predictions made by the extractor in this folder.",
    )
    @click.option(
        "--cv",
        "cv",
        type=click.IntRange(2, 50),
        help="Document-level K-fold cross-validation: train on K-1 folds (fixed split: documents "
        "sorted by name, dealt round-robin), score the fold never seen; the figure to report.",
    )
    @click.option(
        "--jobs",
        type=click.IntRange(1, 64),
        default=None,
        help="With --cv: folds trained in parallel processes (same figures); default: all cores.",
    )
    @click.option("--worst", default=5, show_default=True, help="How many worst documents to list.")
    @click.option("--top", default=10, show_default=True, help="How many misses and false alarms to list.")
    @format_option()
    def eval_cmd(
        gold_dir: Path,
        pred_dir: Path | None,
        save_dir: Path | None,
        cv: int | None,
        jobs: int | None,
        worst: int,
        top: int,
        fmt: str,
    ) -> None:
        """Score extracted entities and relations against gold annotations.

        Prints precision, recall and F1 per type and overall (the numbers of
        shared/tools/score.py), qualifier accuracy, the same per language, the worst
        documents and the most common misses and false alarms.

        \b
        Example:
          kg eval ../shared/corpus/dev
          kg eval ../shared/corpus/dev --cv 5          # held-out figures (train on 4 folds, score the 5th)
          kg eval ../shared/corpus/dev --pred-dir /tmp/pred --format json

        Without --cv the shipped model reads articles it was trained on: that figure
        flatters; report the cross-validated one.
        """
        from kg.evaluate import evaluate

        if cv:
            if pred_dir:
                raise click.UsageError("--cv trains its own models: it takes no --pred-dir")
            from ingest.learned.training import cross_validate

            ev, _ = cross_validate(
                gold_dir,
                cv,
                save_dir=save_dir,
                progress=lambda m: click.echo(m, err=True),
                jobs=jobs or os.cpu_count() or 1,
            )
        elif pred_dir is None:
            if save_dir:
                save_dir.mkdir(parents=True, exist_ok=True)
                _predict(gold_dir, save_dir)
                ev = evaluate(gold_dir, save_dir)
            else:
                with tempfile.TemporaryDirectory() as tmp:
                    _predict(gold_dir, Path(tmp))
                    ev = evaluate(gold_dir, tmp)
        else:
            ev = evaluate(gold_dir, pred_dir)
        if fmt == "json":
            click.echo(
                json.dumps(
                    {
                        "overall": ev.overall,
                        "by_lang": ev.by_lang,
                        "worst": ev.worst(worst),
                        "misses": ev.common("misses", top),
                        "false_alarms": ev.common("fa", top),
                    },
                    ensure_ascii=False,
                    indent=1,
                )
            )
            return
        rows = []
        for kind, label in (("ent", "entity"), ("rel", "relation")):
            for t, v in ev.overall[kind]["types"].items():
                rows.append([label, t, v["p"], v["r"], v["f1"], v["tp"], v["fp"], v["fn"]])
            m = ev.overall[kind]["micro"]
            rows.append([label, "MICRO", m["p"], m["r"], m["f1"], m["tp"], m["fp"], m["fn"]])
        echo_rows(["kind", "type", "P", "R", "F1", "tp", "fp", "fn"], rows, fmt)
        if fmt != "table":
            return
        what = (
            f"{cv}-fold cross-validated" if cv else "saved predictions" if pred_dir else "the shipped model"
        )
        click.echo(f"\n{what}; docs: {ev.overall['docs']}  qualifier accuracy: {ev.overall['qualifiers']}")
        m_e, m_r = ev.overall["ent"]["micro"], ev.overall["rel"]["micro"]
        click.echo(f"entity_f1={m_e['f1']:.3f} relation_f1={m_r['f1']:.3f}\n")
        lang_rows = [
            [
                lang,
                r["docs"],
                r["ent"]["micro"]["f1"],
                r["rel"]["micro"]["f1"],
                r["qualifiers"].get("role"),
                r["qualifiers"].get("status"),
            ]
            for lang, r in ev.by_lang.items()
        ]
        echo_rows(["lang", "docs", "entity F1", "relation F1", "role acc", "status acc"], lang_rows, fmt)
        click.echo("")
        echo_rows(["worst doc", "lang", "entity F1", "relation F1"], ev.worst(worst), fmt)
        click.echo("")
        counts = [[what, kind, n] for what in ("misses", "fa") for kind, n in ev.common(what, top)]
        echo_rows(
            ["error", "type", "count"],
            [["miss" if w == "misses" else "false alarm", k, n] for w, k, n in counts],
            fmt,
        )
        click.echo("")
        echo_rows(["doc", "missed"], ev.examples("misses", top), fmt)
        click.echo("")
        echo_rows(["doc", "false alarm"], ev.examples("fa", top), fmt)
