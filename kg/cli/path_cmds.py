"""Graph questions that are more than one canned query: ``kg path``."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import backend_option, echo_rows, format_option, resolve_store, store_option


def register(cli: click.Group) -> None:
    @cli.command()
    @click.argument("source", metavar="FROM")
    @click.argument("target", metavar="TO")
    @click.option(
        "--via",
        multiple=True,
        metavar="RELATIONS",
        help="Walk only these relations (repeatable or comma-separated; PARTNERS_WITH or partnersWith).",
    )
    @click.option(
        "--exclude",
        multiple=True,
        metavar="TYPES",
        help="Entity types never passed through (default: Place,Program); --exclude '' walks through all.",
    )
    @click.option("--max-hops", type=int, default=4, show_default=True, help="Longest path considered.")
    @backend_option
    @store_option
    @format_option()
    def path(
        source: str,
        target: str,
        via: tuple[str, ...],
        exclude: tuple[str, ...],
        max_hops: int,
        backend: str,
        store_path: Path | None,
        fmt: str,
    ) -> None:
        """Shortest paths between two entities, one row per hop with its relation and evidence.

        Articles are never walked through; places and programs are not either, unless
        --exclude says otherwise.

        \b
        Example:
          kg path "Laurence Lien" Kemensos
          kg path UNICEF Kemensos --via PARTNERS_WITH,FUNDS --backend neo4j
          kg path UNFPA Kemensos --exclude Place      # programs may be passed through
        """
        from kg.pathfind import find_paths

        cols, rows = find_paths(
            source,
            target,
            via=list(via),
            exclude=list(exclude) if exclude else None,
            max_hops=max_hops,
            backend=backend,
            store_path=resolve_store(store_path),
        )
        if not rows:
            click.echo(f"no path of up to {max_hops} hops between {source!r} and {target!r}", err=True)
        echo_rows(cols, rows, fmt)
