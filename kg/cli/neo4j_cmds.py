"""Neo4j commands: ``kg neo4j start|stop|status``, ``kg load``, ``kg cypher``."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from kg.cli.options import (
    echo_rows,
    format_option,
    param_option,
    parse_params,
    reading_store,
    store_option,
    warn,
)

_HOME_HELP = "Server folder: conf, data, logs, pid file (default: $KG_NEO4J_HOME or ./.neo4j)."


def _connection_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--database", default=None, help="Database name (default: $NEO4J_DATABASE or the server's)."
    )(f)
    f = click.option(
        "--user", default=None, help="User name (default: $NEO4J_USERNAME; none when auth is off)."
    )(f)
    f = click.option("--uri", default=None, help="Bolt URI (default: $NEO4J_URI or bolt://127.0.0.1:7687).")(
        f
    )
    return f


def _settings(uri: str | None, user: str | None, database: str | None):
    from kg.neo4j.connection import Settings

    # the password only ever comes from $NEO4J_PASSWORD: never on a command line
    return Settings.from_env(uri=uri, username=user, database=database)


def _status_rows(st: Any) -> tuple[list[str], list[list[Any]]]:
    d = st.as_dict()
    return ["key", "value"], [[k, v] for k, v in d.items()]


def register(group: click.Group) -> None:
    @group.group("neo4j")
    def neo4j() -> None:
        """Run a local Neo4j Community 5.26 server for development (Bolt on 127.0.0.1, no auth).

        The server jars are fetched once from Maven Central with `mvn` (Java 17+ and Maven
        are needed) into ~/.cache/sea-kg/.

        \b
        Example:
          kg neo4j start && kg load && kg query partners -p org=Kemensos --backend neo4j
          kg neo4j stop
        """

    @neo4j.command("start")
    @click.option("--port", type=int, default=7687, show_default=True, help="Bolt port on 127.0.0.1.")
    @click.option(
        "--data", "home", type=click.Path(file_okay=False, path_type=Path), default=None, help=_HOME_HELP
    )
    @click.option(
        "--http-port",
        type=int,
        default=lambda: int(os.environ.get("KG_NEO4J_HTTP_PORT") or 7474),
        show_default="$KG_NEO4J_HTTP_PORT or 7474",
        help="HTTP port on 127.0.0.1 serving Neo4j Browser at /browser/.",
    )
    @click.option("--no-browser", is_flag=True, help="No HTTP and no Browser: Bolt only.")
    @click.option("--apoc", is_flag=True, help="With the APOC core procedures (fetched once).")
    @click.option("--timeout", type=float, default=180, show_default=True, help="Seconds to wait for Bolt.")
    @format_option(help="Output format of the status.")
    def start(port: int, home: Path | None, http_port: int, no_browser: bool, apoc: bool, timeout: float,
              fmt: str) -> None:  # fmt: skip
        """Start the local server (fetching it first if needed) and wait until Bolt answers.

        Serves Neo4j Browser on http://127.0.0.1:HTTP_PORT/browser/ (loopback only, no login:
        choose "No authentication"), styled for this graph and opening a guide of the canned
        queries. Does nothing when it already runs. Then use NEO4J_URI=bolt://127.0.0.1:PORT.

        \b
        Example:
          kg neo4j start                          # Browser on http://127.0.0.1:7474/browser/
          kg neo4j start --apoc --http-port 7475
          kg neo4j start --port 7688 --data /tmp/neo4j-test --no-browser
        """
        from kg.neo4j import server

        st = server.start(
            home, port, timeout=timeout, progress=warn, http_port=None if no_browser else http_port, apoc=apoc
        )
        _echo_status(st, fmt)
        if st.browser:
            warn(f"Neo4j Browser: {st.browser}  (connect to {st.uri}, authentication: none)")

    @neo4j.command("stop")
    @click.option("--port", type=int, default=None, help="Only stop it if it runs on this port.")
    @click.option(
        "--data", "home", type=click.Path(file_okay=False, path_type=Path), default=None, help=_HOME_HELP
    )
    @click.option(
        "--timeout", type=float, default=60, show_default=True, help="Seconds to wait before SIGKILL."
    )
    def stop(port: int | None, home: Path | None, timeout: float) -> None:
        """Stop the local server cleanly (SIGTERM, wait, then SIGKILL).

        \b
        Example:
          kg neo4j stop
          kg neo4j stop --data /tmp/neo4j-test
        """
        from kg.errors import Neo4jError
        from kg.neo4j import server

        before = server.status(home)
        if port is not None and before.running and before.port != port:
            raise Neo4jError(f"the Neo4j in {before.home} runs on port {before.port}, not {port}")
        server.stop(home, timeout=timeout)
        warn(f"stopped Neo4j (pid {before.pid})" if before.running else "Neo4j was not running")

    @neo4j.command("status")
    @click.option("--port", type=int, default=None, help="Also check that Bolt answers on this port.")
    @click.option(
        "--data", "home", type=click.Path(file_okay=False, path_type=Path), default=None, help=_HOME_HELP
    )
    @format_option(help="Output format.")
    def status(port: int | None, home: Path | None, fmt: str) -> None:
        """Tell whether the local server runs and answers; exit code 1 when it does not.

        \b
        Example:
          kg neo4j status --format json
        """
        from kg.neo4j import server

        st = server.status(home)
        if port is not None and st.port != port:
            from kg.neo4j.connection import Settings, answers

            st.port, st.answering = port, answers(Settings(uri=f"bolt://127.0.0.1:{port}"))
        _echo_status(st, fmt)
        if not st.answering:
            raise SystemExit(1)

    @group.command("load")
    @store_option
    @click.option("--batch-size", type=click.IntRange(min=1), default=20_000, show_default=True,
                  help="Rows per transaction.")  # fmt: skip
    @_connection_options
    @click.option("--progress/--no-progress", default=None,
                  help="Show progress on stderr (default: when stderr is a terminal).")  # fmt: skip
    @click.option("--bulk", is_flag=True,
                  help="First load of the LOCAL server (`kg neo4j start`) into an empty database, "
                       "with neo4j-admin import: stops the server, imports, starts it again.")  # fmt: skip
    @click.option("--data", "home", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help="With --bulk: the local server's folder. " + _HOME_HELP)  # fmt: skip
    @click.option("--diff", "diff_only", is_flag=True,
                  help="Always diff, even into an empty database (default: an empty database gets "
                       "the fast path: no diff, schema created after the data).")  # fmt: skip
    @click.option("--dry-run", is_flag=True,
                  help="Print what the load would create, change and delete; write nothing.")  # fmt: skip
    @click.option("--yes", "-y", is_flag=True,
                  help="Delete, without asking, what an earlier load wrote and the store lacks.")  # fmt: skip
    @format_option(help="Output format of the summary.")
    def load(store_path: Path | None, batch_size: int, uri: str | None, user: str | None,
             database: str | None, progress: bool | None, bulk: bool, home: Path | None,
             diff_only: bool, dry_run: bool, yes: bool, fmt: str) -> None:  # fmt: skip
        """Write the store into Neo4j as a property graph, making Neo4j equal to the store.

        One node per entity (labels from the ontology, e.g. :Entity:Organization:GovernmentBody)
        and per article/record (:Source:Article), one relationship per assertion with its
        qualifiers and provenance, MENTIONS from sources to entities. Idempotent: a second
        load changes nothing; an interrupted load is completed by the next. What an earlier
        load wrote and the store no longer has is deleted only with --yes (or after a prompt
        on a terminal); --dry-run shows it first. Nodes and relationships that `kg load` did
        not write (no kg_hash) are never changed or deleted. An EMPTY database (any server)
        is loaded by a faster path that skips the diff and creates the constraints after the
        data (route "fast" in the summary). For a big store's first load into the local
        server, --bulk is faster still (4x at a million assertions): the CSV files `kg build`
        wrote in STORE/neo4j-import/ go to neo4j-admin import as they are. The password
        comes from $NEO4J_PASSWORD only.

        \b
        Example:
          kg neo4j start && kg load --store kg-store
          kg load --dry-run && kg load --yes
          NEO4J_URI=bolt://db.example:7687 NEO4J_USERNAME=neo4j NEO4J_PASSWORD=... kg load
          kg neo4j start --port 7688 --data /tmp/n4j && kg load --bulk --data /tmp/n4j --uri bolt://127.0.0.1:7688
        """
        import sys

        from kg.neo4j.loader import load_store, plan_store

        show = sys.stderr.isatty() if progress is None else progress

        def report(phase: str, done: int, total: int) -> None:
            click.echo(f"\r{phase}: {done}/{total}   ", err=True, nl=done >= total)

        if bulk:
            from kg.neo4j.bulk import bulk_load

            summary = bulk_load(reading_store(store_path), _settings(uri, user, database), home,
                                say=warn if show else lambda _: None)  # fmt: skip
        else:
            store, settings = reading_store(store_path), _settings(uri, user, database)
            if dry_run or (not yes and sys.stdin.isatty()):
                plan = plan_store(store, settings)
                if dry_run:
                    _echo_plan(plan, fmt)
                    return
                if plan.deletes:
                    _echo_plan(plan, "table")
                    click.confirm("Delete these from Neo4j?", abort=True, err=True)
                    yes = True
            summary = load_store(store, settings, batch_size, progress=report if show else None,
                                 fast=not diff_only, delete=yes)  # fmt: skip
        d = summary.as_dict()
        if fmt == "json":
            click.echo(json.dumps(d, indent=2))
        else:
            echo_rows(["key", "value"], [[k, v] for k, v in d.items()], fmt)

    @group.command("cypher")
    @click.argument("query")
    @param_option
    @click.option("--write", is_flag=True, help="Allow the query to write (default: a READ transaction).")
    @_connection_options
    @format_option()
    def cypher(query: str, params: tuple[str, ...], write: bool, uri: str | None, user: str | None,
               database: str | None, fmt: str) -> None:  # fmt: skip
        """Run an ad hoc Cypher query on Neo4j, read-only unless --write.

        QUERY is the Cypher text, or @FILE to read it from a file. Parameters are passed as
        values ($name in the query), never spliced into the text.

        \b
        Example:
          kg cypher 'MATCH (o:Organization) RETURN o.name AS name LIMIT 5'
          kg cypher 'MATCH (o:Entity) WHERE o.name = $name RETURN o.aliases' -p name=Kemensos
          kg cypher --write 'MATCH (n:Scratch) DETACH DELETE n'    # prints Neo4j's counters
        """
        from kg.neo4j.queries import run_cypher_counted

        if query.startswith("@"):
            try:
                query = Path(query[1:]).read_text(encoding="utf-8")
            except OSError as e:
                raise click.BadParameter(f"cannot read {query[1:]}: {e.strerror}") from e
        cols, rows, counters = run_cypher_counted(
            query, parse_params(params), write=write, settings=_settings(uri, user, database)
        )
        echo_rows(cols, rows, fmt)
        if write:  # what the query changed, on stderr (stdout keeps the rows)
            done = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in counters.items())
            click.echo(f"counters: {done or 'no changes'}", err=True)


def _echo_plan(plan: Any, fmt: str, shown: int = 20) -> None:
    """A load's plan: counts, then the first of the iris it would delete."""
    gone = plan.deleted_iris()
    if fmt == "json":
        click.echo(json.dumps({**plan.counts(), "would_delete": gone}, indent=2))
        return
    echo_rows(["would", "count"], [[k, v] for k, v in plan.counts().items()], fmt)
    for iri in gone[:shown]:
        click.echo(f"would delete: {iri}")
    if len(gone) > shown:
        click.echo(f"would delete: ... and {len(gone) - shown} more (--format json lists them all)")


def _echo_status(st: Any, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(st.as_dict(), indent=2))
    else:
        echo_rows(*_status_rows(st), fmt)
