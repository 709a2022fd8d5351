"""Core commands: build, extract, query, queries, sparql, stats, validate, demo."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli.options import (
    backend_option,
    echo_rows,
    format_option,
    param_option,
    parse_params,
    reading_store,
    resolve_store,
    store_option,
    warn,
)

EXIT_SKIPPED = 3


def _progress_printer(enabled: bool):
    if not enabled:
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("[bold]reading"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.description}", style="dim"),
        console=Console(stderr=True),
        transient=True,
    )
    task = progress.add_task("", total=None)

    def update(done: int, total: int, label: str) -> None:
        progress.update(task, completed=done, total=total, description=Path(label).name[:40])

    return progress, update


def _print_summary(summary, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
        return
    if summary.repaired:
        warn("repaired: the graph lagged the claim log (an interrupted build); regenerated")
    for path, message in summary.warnings:
        warn(f"warning: {path}: {message}")
    for e in summary.skipped:
        warn(f"skipped: {e.path}: {e.reason}")
    if summary.ignored:
        warn(
            f"ignored {len(summary.ignored)} file(s) that are not sources (e.g. {summary.ignored[0][0]}: "
            f"{summary.ignored[0][1]})"
        )
    click.echo(
        f"documents read: {summary.read} (new {summary.added}, updated {summary.updated}, "
        f"unchanged {summary.unchanged}); skipped: {len(summary.skipped)}"
    )
    by_type = ", ".join(f"{k} {v}" for k, v in summary.entities_by_type.items())
    click.echo(
        f"store: {summary.documents} documents, {summary.entities} entities ({by_type}), "
        f"{summary.relations} relations, {summary.triples} triples  [{summary.seconds:.1f}s]"
    )


def register(cli: click.Group) -> None:
    @cli.command()
    @click.argument("sources", nargs=-1, required=True, type=click.Path())
    @store_option
    @click.option(
        "--progress/--no-progress",
        default=None,
        help="Show a progress bar on stderr (default: when stderr is a terminal).",
    )
    @format_option("text", ("text", "json"), "Summary format.")
    @click.option(
        "--max-doc-bytes",
        type=click.FloatRange(min=0),
        default=None,
        help="Skip an article whose text is larger (default: $KG_MAX_DOC_BYTES or 1 MB; 0: no limit).",
    )
    @click.option(
        "--max-doc-seconds",
        type=click.FloatRange(min=0),
        default=None,
        help="Skip an article whose extraction takes longer, in seconds "
        "(default: $KG_MAX_DOC_SECONDS or 30; 0: no limit).",
    )
    def build(
        sources: tuple[str, ...],
        store_path: Path | None,
        progress: bool | None,
        fmt: str,
        max_doc_bytes: float | None,
        max_doc_seconds: float | None,
    ) -> None:
        """Ingest article files/folders and records into the store and rebuild its graph.

        Reads plain text (with a url:/title:/date: header), HTML, JSON lines of
        {url, title, date, text}, IATI activity XML, CSV and FollowTheMoney JSON.
        Re-running on the same input changes nothing; new files add to the store.
        Exit code: 0 when everything was read, 3 when some inputs were skipped
        (each named on stderr with its reason), 1 on error.

        \b
        Example:
          kg build ../shared/corpus/dev --store kg-store
          kg build news.jsonl activities.xml
          kg build dump/ --max-doc-bytes 500000 --max-doc-seconds 10
        """
        from kg.budget import Budget
        from kg.build import build_store

        budget = Budget.resolve(max_doc_bytes, max_doc_seconds)
        show = sys.stderr.isatty() if progress is None else progress
        bar, update = _progress_printer(show)
        if bar:
            with bar:
                summary = build_store(
                    sources, resolve_store(store_path), progress=update, budget=budget, on_wait=warn
                )
        else:
            summary = build_store(sources, resolve_store(store_path), budget=budget, on_wait=warn)
        _print_summary(summary, fmt)
        if summary.skipped:
            sys.exit(EXIT_SKIPPED)

    @cli.command()
    @click.argument("file", type=click.Path(path_type=Path))
    @format_option(
        "json", ("json", "turtle"), "json: the annotation-guide JSON; turtle: the RDF the article yields."
    )
    @click.option(
        "--evidence/--no-evidence",
        default=False,
        help="With --format json: add each relation's confidence and source sentence.",
    )
    def extract(file: Path, fmt: str, evidence: bool) -> None:
        """Show what one article yields, without storing it.

        \b
        Example:
          kg extract ../shared/corpus/dev/000_seed_kemensos-apc.txt
          kg extract article.html --evidence
          kg extract article.html --format turtle
        """
        from kg.api import extract_file

        ex = extract_file(file)
        if fmt == "json":
            click.echo(json.dumps(ex.to_gold_json(evidence=evidence), ensure_ascii=False, indent=2))
        else:
            from kg.rdfgraph import build_graph

            click.echo(build_graph([ex]).serialize(format="turtle"))

    @cli.command("queries")
    @format_option("table", ("table", "json"))
    def queries_cmd(fmt: str) -> None:
        """List the canned queries with their parameters.

        \b
        Example:
          kg queries
        """
        from kg.query import list_queries

        rows = []
        for q in list_queries():
            params = ", ".join(p.name + ("" if p.required else "?") for p in q.params)
            backends = "+".join(b for b, p in (("sparql", q.sparql_path), ("cypher", q.cypher_path)) if p)
            rows.append([q.name, params, q.title, backends])
        echo_rows(["name", "params", "title", "backends"], rows, fmt)

    @cli.command()
    @click.argument("name")
    @param_option
    @backend_option
    @store_option
    @format_option()
    def query(name: str, params: tuple[str, ...], backend: str, store_path: Path | None, fmt: str) -> None:
        """Run a canned query by name (see `kg queries`).

        Names are matched through aliases and case, so Kemensos finds Kementerian Sosial.

        \b
        Example:
          kg query partners --param org=Kemensos
          kg query evidence -p source=Kemensos -p target="Asian Philanthropy Circle" --format json
          kg query path -p from=UNICEF -p to=Kemensos --backend neo4j
        """
        from kg.query import run_canned

        cols, rows = run_canned(
            name,
            parse_params(params),
            backend=backend,
            store_path=reading_store(store_path) if backend == "local" else resolve_store(store_path),
        )
        echo_rows(cols, rows, fmt)

    @cli.command()
    @click.argument("query_text", metavar="QUERY")
    @param_option
    @store_option
    @format_option()
    def sparql(query_text: str, params: tuple[str, ...], store_path: Path | None, fmt: str) -> None:
        """Run ad hoc SPARQL on the embedded store (QUERY is the text, or @FILE).

        Prefixes kgo:, id:, rdfs:, skos:, schema:, dcterms:, prov:, org:, xsd: are predeclared.
        Parameters are bound as values: --param org=APC binds ?org.

        \b
        Example:
          kg sparql 'SELECT ?name WHERE { ?o a kgo:NonProfit ; rdfs:label ?name }'
          kg sparql @my-query.rq --format csv
        """
        from kg.query import run_sparql

        if query_text.startswith("@"):
            try:
                query_text = Path(query_text[1:]).read_text(encoding="utf-8")
            except OSError as e:
                raise click.BadParameter(f"cannot read {query_text[1:]}: {e.strerror}") from e
        cols, rows = run_sparql(query_text, reading_store(store_path), parse_params(params))
        echo_rows(cols, rows, fmt)

    @cli.command()
    @store_option
    @format_option("table", ("table", "json"))
    def stats(store_path: Path | None, fmt: str) -> None:
        """Counts of documents, triples, entities per type and relations per type.

        \b
        Example:
          kg stats --format json
        """
        from kg.stats import store_stats

        s = store_stats(reading_store(store_path))
        if fmt == "json":
            click.echo(json.dumps(s, indent=2))
            return
        rows = [
            ["documents", s["documents"]],
            ["articles", s["articles"]],
            ["records", s["records"]],
            ["triples", s["triples"]],
            ["evidence", s["evidence"]],
        ]
        rows += [[f"entities: {k}", v] for k, v in s["entities"].items()]
        rows += [[f"relations: {k}", v] for k, v in s["relations"].items()]
        echo_rows(["what", "count"], rows, "table")

    @cli.command()
    @store_option
    @click.option(
        "--max", "max_shown", type=int, default=20, show_default=True, help="How many violations to list."
    )
    def validate(store_path: Path | None, max_shown: int) -> None:
        """Check the store's graph against the SHACL shapes (ontology/shapes.ttl).

        Exit code 0 when it conforms, 1 when it does not.

        \b
        Example:
          kg validate --store kg-store
        """
        from kg.validate import validate_store

        report = validate_store(reading_store(store_path))
        if report.conforms:
            click.echo(f"conforms: {report.triples} triples checked against the shapes, no violation")
            return
        click.echo(f"does not conform: {len(report.violations)} violation(s) in {report.triples} triples")
        for v in report.violations[:max_shown]:
            path = f" [{v.path.rsplit('#', 1)[-1]}]" if v.path else ""
            click.echo(f"  {v.severity}: {v.focus}{path}: {v.message}")
        if len(report.violations) > max_shown:
            click.echo(f"  ... and {len(report.violations) - max_shown} more (use --max)")
        sys.exit(1)

    @cli.command()
    @click.option(
        "--store",
        "store_path",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("kg-demo-store"),
        show_default=True,
        help="Store folder for the demo.",
    )
    @click.option("--org", "orgs", multiple=True, help="Organizations to ask about (repeatable).")
    def demo(store_path: Path, orgs: tuple[str, ...]) -> None:
        """Build the bundled example articles and answer a few canned questions.

        No server needed: everything runs on the embedded store.

        \b
        Example:
          kg demo
          kg demo --org UNICEF
        """
        from kg.api import demo_answers

        for title, cols, rows in demo_answers(store_path, list(orgs) or None):
            click.echo(f"\n== {title}")
            echo_rows(cols, rows, "table")
