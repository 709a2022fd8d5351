"""``kg export``, ``kg network``, ``kg analyze`` and ``kg viz``: the graph as files, numbers and pictures."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.cli.options import reading_store

FORMATS_HELP = "ttl, jsonld, nt, graphml, gexf, json (Cytoscape.js), csv, or a plugin format such as ftm"


def _filter_options(f: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--store",
            "store_path",
            type=click.Path(path_type=Path),
            default=None,
            help="Store folder (default: $KG_STORE or ./kg-store).",
        ),
        click.option(
            "--center", metavar="NAME", help="Keep only what is around this entity (name, alias or IRI)."
        ),
        click.option(
            "--hops", type=click.IntRange(min=0), default=1, show_default=True, help="How far from --center."
        ),
        click.option(
            "--since", metavar="DATE", help="Keep facts seen on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)."
        ),
        click.option("--until", metavar="DATE", help="Keep facts seen on or before DATE."),
        click.option(
            "--types",
            multiple=True,
            metavar="TYPES",
            help="Entity types and/or relation types to keep, comma-separated or repeated "
            "(e.g. GovernmentBody,NonProfit,partnersWith).",
        ),
        click.option(
            "--drop-undated",
            is_flag=True,
            help="Also drop facts whose sources have no date (kept by default, even with --since/--until).",
        ),
    ]
    for opt in reversed(options):
        f = opt(f)
    return f


def _open(store_path: Path | None):
    from kg.store import Store

    return Store(reading_store(store_path), read_only=True)


def _filters(kw: dict[str, Any]) -> dict[str, Any]:
    return {
        "center": kw["center"],
        "hops": kw["hops"],
        "since": kw["since"],
        "until": kw["until"],
        "types": list(kw["types"]) or None,
        "drop_undated": kw["drop_undated"],
    }


@click.command("export")
@click.option("--format", "-f", "fmt", metavar="FORMAT", help=f"Output format: {FORMATS_HELP}.")
@click.option("-o", "--output", type=click.Path(), help="Output file (csv: a stem, or a folder ending in /).")
@click.option("--list-formats", is_flag=True, help="List the export formats and exit.")
@_filter_options
def export_cmd(
    fmt: str | None, output: str | None, list_formats: bool, store_path: Path | None, **kw: Any
) -> None:
    """Write the graph, or the part selected by the filters, to a file.

    RDF formats (ttl, jsonld, nt) hold the triples (with a filter: the subgraph's entities,
    relations, assertions, evidence and sources); graphml, gexf, json and csv hold the
    property graph, every edge with its evidence (sentence, source, date). csv writes two
    files: `-o out` gives out.nodes.csv and out.edges.csv, `-o folder/` gives
    folder/nodes.csv and folder/edges.csv.

    \b
    Example:
      kg export --format gexf -o partners.gexf --types Organization,partnersWith
      kg export --format ttl --center Kemensos --hops 2 --since 2020 -o kemensos.ttl
      kg export --format csv -o out/          # out/nodes.csv, out/edges.csv
    """
    from kg.export import ExportError, export, formats

    if list_formats:
        for name, desc in formats().items():
            click.echo(f"{name:10} {desc}")
        return
    if not fmt or not output:
        raise ExportError("--format and -o/--output are required (see kg export --help)")
    with _open(store_path) as store:
        summary = export(store, fmt, output, **_filters(kw))
    click.echo(summary.describe(), err=True)
    lost = summary.extra.get("not_exported") or {}
    if lost:  # the format has no place for these: say so, never drop them silently
        total = sum(lost.values())
        click.echo(
            f"not exported ({total}): " + "; ".join(f"{n} {what}" for what, n in lost.items()), err=True
        )


@click.command("network")
@_filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Output format.",
)
def network_cmd(store_path: Path | None, fmt: str, **kw: Any) -> None:
    """Print the partnership network: pairs of organizations and how they are linked.

    Two organizations are linked when they partner, one funds the other, they run or fund
    the same program, or are party to the same commitment; `kinds` says which, `weight` is
    the number of independent sources behind the link.

    \b
    Example:
      kg network --center "Kementerian Sosial" --hops 2 --since 2019
      kg network --types GovernmentBody,NonProfit --format csv > links.csv
    """
    from kg.network import edge_rows, load_network
    from kg.output import render

    with _open(store_path) as store:
        net = load_network(store, **_filters(kw))
    click.echo(render(*edge_rows(net), fmt))
    click.echo(f"{net.number_of_nodes()} organizations, {net.number_of_edges()} links", err=True)


@click.command("analyze")
@_filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Rows per section.")
def analyze_cmd(store_path: Path | None, fmt: str, top: int, **kw: Any) -> None:
    """Analyse the partnership network: brokers, most connected, communities, bridges.

    Brokers = betweenness centrality; most connected = degree and weighted degree (weight =
    independent sources); communities = Louvain (seed 42), each with its dominant type
    (at least half of its members); bridges = links between a GovernmentBody-dominated and
    a NonProfit-dominated community, and brokers whose partners include both a government
    body and a non-profit.

    \b
    Example:
      kg analyze --top 5
      kg analyze --since 2020 --types GovernmentBody,NonProfit,IntergovernmentalOrganization --format json
    """
    from kg.analyze import analyze
    from kg.network import load_network
    from kg.output import render

    with _open(store_path) as store:
        net = load_network(store, **_filters(kw))
    result = analyze(net, top=top)
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    s = result.summary
    click.echo(
        f"{s['organizations']} organizations, {s['links']} links, {s['components']} components, "
        f"{s['communities']} communities, density {s['density']}"
    )
    for section in result.sections.values():
        click.echo(f"\n{section.title}")
        click.echo(render(section.columns, section.rows, "table"))


@click.command("viz")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="The file to write.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "png", "svg"]),
    default=None,
    help="html (interactive, offline, one file), png or svg (static); default: from the suffix, else html.",
)
@click.option("--title", default="sea-kg network", show_default=True, help="Title of the page or picture.")
@_filter_options
def viz_cmd(output: Path, fmt: str | None, title: str, store_path: Path | None, **kw: Any) -> None:
    """Draw the graph: an interactive HTML page that works offline, or a PNG/SVG picture.

    The page: colour = entity type, size = degree, hover for aliases, click an edge for its
    evidence sentences and sources, search box, type and relation filters, legend.

    \b
    Example:
      kg viz --center Kemensos --hops 2 -o kemensos.html
      kg viz --types Organization --format png -o orgs.png
    """
    from kg.errors import KGError
    from kg.graphview import load_view

    fmt = fmt or (output.suffix.lstrip(".").lower() if output.suffix.lower() in (".png", ".svg") else "html")
    if not output.parent.exists():
        raise KGError(f"cannot write {output}: folder {output.parent} does not exist")
    with _open(store_path) as store:
        view = load_view(store, **_filters(kw))
    if fmt == "html":
        from kg.viz.html import write_html

        write_html(view, output, title=title)
    else:
        from kg.viz.static import write_static

        write_static(view, output, fmt=fmt, title=title if title != "sea-kg network" else "")
    click.echo(
        f"{fmt}: {view.number_of_nodes()} entities, {view.number_of_edges()} relations -> {output}", err=True
    )


def register(group: click.Group) -> None:
    for cmd in (export_cmd, network_cmd, analyze_cmd, viz_cmd):
        group.add_command(cmd)
