"""Options shared by several commands."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from kg.output import FORMATS, render
from kg.paths import default_store


def parse_params(values: Sequence[str]) -> dict[str, str]:
    """``("org=Kemensos", "x=1")`` → ``{"org": "Kemensos", "x": "1"}``."""
    out: dict[str, str] = {}
    for v in values:
        key, sep, value = v.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{v!r} is not KEY=VALUE", param_hint="--param")
        out[key.strip()] = value
    return out


def store_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--store",
        "store_path",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Store folder (default: $KG_STORE or ./kg-store).",
    )(f)


def resolve_store(store_path: Path | None) -> Path:
    return store_path or default_store()


def reading_store(store_path: Path | None) -> Path:
    """The store a read command uses; says so in one line on stderr when its graph is stale."""
    from kg.store import stale_warning

    path = resolve_store(store_path)
    message = stale_warning(path)
    if message:
        warn(message)
    return path


def format_option(
    default: str = "table", choices: Sequence[str] = FORMATS, help: str = "Output format."
) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help=help,
    )


def backend_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--backend",
        type=click.Choice(["local", "neo4j"]),
        default="local",
        show_default=True,
        help="local: the embedded store (no server); neo4j: the Neo4j at $NEO4J_URI.",
    )(f)


def param_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--param",
        "-p",
        "params",
        multiple=True,
        metavar="KEY=VALUE",
        help="A query parameter (repeatable), e.g. --param org=Kemensos.",
    )(f)


def echo_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str) -> None:
    # cut long cells only for a person reading a terminal; never in piped output
    text = render(columns, rows, fmt, max_width=80 if sys.stdout.isatty() else None)
    click.echo(text.rstrip("\n"))


def warn(message: str) -> None:
    click.echo(message, err=True)


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()
