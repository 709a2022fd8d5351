"""``kg review``: likely duplicates, low-confidence facts, and judgements that survive rebuilds."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import echo_rows, format_option, resolve_store, store_option, warn


def register(cli: click.Group) -> None:
    @cli.group("review", invoke_without_command=True)
    @click.option(
        "--threshold", type=float, default=88.0, show_default=True, help="Lowest name similarity (0-100)."
    )
    @click.option("--limit", type=int, default=100, show_default=True, help="Most candidates shown.")
    @store_option
    @format_option()
    @click.pass_context
    def review(ctx: click.Context, threshold: float, limit: int, store_path: Path | None, fmt: str) -> None:
        """List likely duplicates to judge; the subcommands record judgements.

        Judgements live in the store, are applied at every build (before the graph is
        written, so `kg load` carries them to Neo4j) and travel as a file.

        \b
        Example:
          kg review                                   # likely duplicates, best first
          kg review merge "Kementerian Sosial" "Departemen Sosial"
          kg review not-same "Yayasan A" "Yayasan B"
          kg review reject Bappenas funds UNFPA
          kg review facts --below 0.5                 # facts to accept or reject
          kg review accept UNFPA partnersWith Bappenas
          kg review split Pratikno --source https://example.org/other-pratikno
          kg review retype "Tanoto Foundation" NonProfit
          kg review export judgements.jsonl && kg review import judgements.jsonl --store other
        """
        if ctx.invoked_subcommand is not None:
            return
        from kg.review import candidate_rows
        from kg.store import Store

        with Store(resolve_store(store_path), create=False) as store:
            cols, rows = candidate_rows(store, threshold, limit)
        echo_rows(cols, rows, fmt)

    def _judge(kind: str, a: str, b: str, relation: str, note: str, store_path: Path | None) -> None:
        from kg.review import judge

        j = judge(resolve_store(store_path), kind, a, b, relation, note)
        warn(f"judgement #{j.id}: {j.describe()} (graph rebuilt; `kg load` updates Neo4j)")

    note_option = click.option("--note", default="", help="Why (kept with the judgement).")

    @review.command("merge")
    @click.argument("keep")
    @click.argument("other")
    @note_option
    @store_option
    def merge(keep: str, other: str, note: str, store_path: Path | None) -> None:
        """OTHER is the same body as KEEP: one entity, with KEEP's IRI and name.

        \b
        Example:
          kg review merge Pratikno "Prof. Pratikno" --note "same minister"
        """
        _judge("merge", keep, other, "", note, store_path)

    @review.command("not-same")
    @click.argument("a")
    @click.argument("b")
    @note_option
    @store_option
    def not_same(a: str, b: str, note: str, store_path: Path | None) -> None:
        """A and B are different bodies: never propose them as duplicates again.

        \b
        Example:
          kg review not-same "Yayasan Sayangi Tunas Cilik" "Yayasan Cinta Anak"
        """
        _judge("not-same", a, b, "", note, store_path)

    @review.command("reject")
    @click.argument("subject")
    @click.argument("relation")
    @click.argument("object_", metavar="OBJECT")
    @note_option
    @store_option
    def reject(subject: str, relation: str, object_: str, note: str, store_path: Path | None) -> None:
        """The fact SUBJECT RELATION OBJECT is wrong: leave it out of the graph.

        \b
        Example:
          kg review reject Bappenas FUNDS UNFPA --note "reversed: UNFPA funds Bappenas"
        """
        _judge("reject", subject, object_, relation, note, store_path)

    @review.command("split")
    @click.argument("entity")
    @click.option("--form", "forms", multiple=True, help="The mentions written so leave ENTITY (repeatable).")
    @click.option(
        "--source",
        "sources",
        multiple=True,
        help="The mentions of this source (URL or path) leave ENTITY (repeatable).",
    )
    @note_option
    @store_option
    def split(
        entity: str, forms: tuple[str, ...], sources: tuple[str, ...], note: str, store_path: Path | None
    ) -> None:
        """Resolution joined two things: the mentions selected leave ENTITY and become one of their own.

        The new entity's IRI is ENTITY's with a suffix derived from what selects it, so it is
        the same at every rebuild and in every store that imports the judgement.

        \b
        Example:
          kg review split "Kementerian Sosial" --form "Dinas Sosial"
          kg review split Pratikno --source https://example.org/2019/another-pratikno
        """
        parts = [f"form:{f}" for f in forms] + [f"source:{s}" for s in sources]
        if not parts:
            raise click.UsageError("say which mentions leave ENTITY: --form NAME or --source URL")
        for part in parts:
            _judge("split", entity, part, "", note, store_path)

    @review.command("retype")
    @click.argument("entity")
    @click.argument("type_", metavar="TYPE")
    @note_option
    @store_option
    def retype(entity: str, type_: str, note: str, store_path: Path | None) -> None:
        """ENTITY is a TYPE (GovernmentBody, NonProfit, Company, IntergovernmentalOrganization,
        Person, Program, Commitment, Place); its IRI stays.

        \b
        Example:
          kg review retype "Tanoto Foundation" NonProfit --note "a family philanthropy"
        """
        _judge("retype", entity, type_, "", note, store_path)

    @review.command("accept")
    @click.argument("subject")
    @click.argument("relation")
    @click.argument("object_", metavar="OBJECT")
    @note_option
    @store_option
    def accept(subject: str, relation: str, object_: str, note: str, store_path: Path | None) -> None:
        """The fact SUBJECT RELATION OBJECT is right: mark it so; `kg review facts` no longer lists it.

        \b
        Example:
          kg review accept UNFPA funds Bappenas --note "checked against the annual report"
        """
        _judge("accept", subject, object_, relation, note, store_path)

    @review.command("facts")
    @click.option(
        "--below", type=float, default=0.6, show_default=True, help="Confidence under which a fact is listed."
    )
    @click.option("--limit", type=int, default=100, show_default=True, help="Most facts shown.")
    @store_option
    @format_option()
    def facts(below: float, limit: int, store_path: Path | None, fmt: str) -> None:
        """Low-confidence facts no judgement has settled, least sure first, with a sentence.

        \b
        Example:
          kg review facts --below 0.5 --format csv > to-check.csv
        """
        from kg.review import low_confidence_facts
        from kg.store import Store

        with Store(resolve_store(store_path), read_only=True) as store:
            cols, rows = low_confidence_facts(store, below, limit)
        echo_rows(cols, rows, fmt)

    @review.command("list")
    @click.option("--all", "show_all", is_flag=True, help="Undone judgements too.")
    @store_option
    @format_option()
    def list_(show_all: bool, store_path: Path | None, fmt: str) -> None:
        """The judgements recorded in the store.

        \b
        Example:
          kg review list --format json
        """
        from kg.judgements import judgements
        from kg.store import Store

        with Store(resolve_store(store_path), create=False) as store:
            items = judgements(store.db, active_only=not show_all)
        cols = ["id", "kind", "a", "relation", "b", "note", "created", "active"]
        echo_rows(
            cols, [[j.id, j.kind, j.a, j.relation, j.b, j.note, j.created, j.active] for j in items], fmt
        )

    @review.command("undo")
    @click.argument("judgement_id", type=int, metavar="ID")
    @store_option
    def undo(judgement_id: int, store_path: Path | None) -> None:
        """Undo judgement ID (see `kg review list`) and rebuild the graph without it.

        \b
        Example:
          kg review undo 3
        """
        from kg.review import undo_judgement

        j = undo_judgement(resolve_store(store_path), judgement_id)
        warn(f"undone #{j.id}: {j.describe()} (graph rebuilt)")

    @review.command("export")
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @store_option
    def export(file: Path, store_path: Path | None) -> None:
        """Write the store's judgements to FILE (JSON lines), to share them.

        \b
        Example:
          kg review export judgements.jsonl
        """
        from kg.judgements import export_judgements
        from kg.store import Store

        with Store(resolve_store(store_path), create=False) as store:
            n = export_judgements(store.db, file)
        warn(f"{n} judgements -> {file}")

    @review.command("import")
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @store_option
    def import_(file: Path, store_path: Path | None) -> None:
        """Add the judgements of FILE (from `kg review export`) and rebuild the graph with them.

        \b
        Example:
          kg review import judgements.jsonl
        """
        from kg.build import regenerate
        from kg.judgements import import_judgements
        from kg.store import Store

        with Store(resolve_store(store_path), create=False) as store:
            n = import_judgements(store.db, file)
            if store.document_count():
                regenerate(store)
        warn(f"{n} judgements imported from {file} (graph rebuilt)")
