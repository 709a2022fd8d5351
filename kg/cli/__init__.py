"""The ``kg`` command line: a thin click layer over the :mod:`kg` library.

Each area keeps its commands in a module of this package (``core``, ``neo4j_cmds``,
``records_cmds``, ``network_cmds`` ...) exposing ``register(group)``.
"""

from __future__ import annotations

import importlib
import logging
import sys

import click

from kg import __version__
from kg.errors import KGError

_COMMAND_MODULES = ("core", "eval_cmds", "neo4j_cmds", "network_cmds", "path_cmds", "review_cmds")


class KGGroup(click.Group):
    """Turns library errors into one ``Error: ...`` line and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except KGError as e:
            click.echo(f"Error: {e}", err=True)
            sys.exit(1)
        except BrokenPipeError:
            sys.exit(0)


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Knowledge graph of organizations, programs and commitments in Southeast Asia.

    \b
    Example:
      kg build examples/articles && kg query partners --param org=Kemensos
    """


for _name in _COMMAND_MODULES:
    try:
        _mod = importlib.import_module(f"kg.cli.{_name}")
    except ModuleNotFoundError as _e:  # an area not built yet
        if _e.name != f"kg.cli.{_name}":
            raise
        continue
    _mod.register(cli)


def main() -> None:
    # The Neo4j driver logs every retry and broken connection as warnings; Python would print
    # them (with no handler set) on stderr, a dozen lines before the one line the CLI says.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    logging.getLogger("neo4j").propagate = False
    cli()
