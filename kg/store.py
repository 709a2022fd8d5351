"""The embedded store: a folder holding the RDF graph (Oxigraph, on disk) and the claim log.

Layout of a store folder::

    kg-store/
      graphs/NNNNNN/  Oxigraph databases: generations of the RDF graph that queries run on
      graph.json      the current generation and the claim-log version it was derived from
      claims.sqlite   one row per source document: its metadata and the claims read from it
      write.lock      held by the one writer (kg.storefiles)
      neo4j-import/   the graph as Neo4j rows, in neo4j-admin import CSV (kg.neo4j.snapshot)

The graph is always derived from the claim log (see :mod:`kg.build`), so re-running a
build on the same input is idempotent and resolution sees every source at once.

Readers (``Store(path, read_only=True)``) never lock: they open the current generation
read-only and the claim log read-only, and see the last complete graph while a build runs.
A writer (the default) waits for the write lock, and replaces the graph by writing a new
generation and switching the pointer to it (:meth:`Store.replace_graph`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg import storefiles as files
from kg.claims import Extraction
from kg.errors import StoreError

PREFIXES = {
    "kgo": "https://w3id.org/seakg/ontology#",
    "id": "https://w3id.org/seakg/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def _to_python(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype else ""
        v = term.value
        if dt.endswith("#integer") or dt.endswith("#int") or dt.endswith("#long"):
            try:
                return int(v)
            except ValueError:
                return v
        if dt.endswith("#decimal") or dt.endswith("#double") or dt.endswith("#float"):
            try:
                return float(v)
            except ValueError:
                return v
        if dt.endswith("#boolean"):
            return v == "true"
        return v
    return str(term)


def _to_ox(value: Any) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(PREFIXES["xsd"] + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(PREFIXES["xsd"] + "double"))
    return ox.Literal(str(value))


def _from_ox(term: Any) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value if term.datatype else None
    if dt == PREFIXES["xsd"] + "string":
        dt = None  # RDF 1.1: a simple literal is an xsd:string; rdflib compares them apart
    return Literal(term.value, datatype=URIRef(dt) if dt else None)


def prefix_header() -> str:
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


class Store:
    """An embedded store folder. Use as a context manager, or call :meth:`close`.

    >>> import tempfile
    >>> with Store(tempfile.mkdtemp()) as s:
    ...     s.triple_count()
    0
    """

    def __init__(
        self,
        path: str | Path,
        create: bool = True,
        read_only: bool = False,
        on_wait: Callable[[str], None] | None = None,
    ):
        self.path = Path(path)
        self.read_only = read_only
        self.lock: files.WriteLock | None = None
        if not self.path.exists():
            if not create or read_only:
                raise StoreError(f"no store at {self.path} (run `kg build SOURCE...` first, or pass --store)")
            self.path.mkdir(parents=True)
        elif not self.path.is_dir():
            raise StoreError(f"{self.path} is not a folder")
        if read_only:
            self.db = self._open_claims_read_only()
        else:
            self.lock = files.WriteLock(self.path, on_wait)
            try:
                self.db = self._open_claims()
            except BaseException:
                self.lock.release()
                raise
        try:
            self.rdf = self._open_graph()
        except BaseException:
            self.db.close()
            if self.lock:
                self.lock.release()
            raise

    def _open_claims(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path / "claims.sqlite", timeout=60)
            db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
            db.execute(
                "CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, hash TEXT NOT NULL, "
                "source TEXT NOT NULL, kind TEXT NOT NULL, claims TEXT NOT NULL)"
            )
            db.execute("CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL)")
            db.commit()
        except sqlite3.Error as e:
            raise StoreError(f"cannot open the claim log of {self.path}: {e}") from e
        return db

    def _open_claims_read_only(self) -> sqlite3.Connection:
        claims = self.path / "claims.sqlite"
        if not claims.exists():
            raise StoreError(f"{self.path} is not a store (no claims.sqlite; run `kg build SOURCE...`)")
        try:
            return sqlite3.connect(claims.resolve().as_uri() + "?mode=ro", uri=True, timeout=60)
        except sqlite3.Error as e:
            raise StoreError(f"cannot read the claim log of {self.path}: {e}") from e

    def _open_graph(self) -> ox.Store:
        """The current generation, read-only (an empty graph when there is none yet)."""
        for attempt in (1, 2):  # a build may switch generations between the read and the open
            self.pointer = files.read_pointer(self.path)
            if self.pointer.folder is None:
                return ox.Store()
            try:
                return ox.Store.read_only(str(self.path / self.pointer.folder))
            except OSError as e:
                if attempt == 2:
                    raise StoreError(f"cannot open the graph in {self.path}: {e}") from e
        raise AssertionError("unreachable")

    # --------------------------------------------------------------- lifecycle
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            del self.rdf
            if self.lock:
                self.lock.release()

    # --------------------------------------------------------------- claim log
    def document_hash(self, key: str) -> str | None:
        row = self.db.execute("SELECT hash FROM documents WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def save_extraction(self, ex: Extraction) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO documents (key, hash, source, kind, claims) VALUES (?, ?, ?, ?, ?)",
            (ex.doc.key, ex.doc.content_hash, ex.doc.source, ex.doc.kind, ex.to_json()),
        )

    def commit(self) -> None:
        self.db.commit()

    def mark_changed(self) -> None:
        """Bump the claim log's version, in the transaction of the changes (see :attr:`stale`)."""
        self.db.execute(
            "INSERT INTO state (key, value) VALUES ('claims_version', 1) "
            "ON CONFLICT(key) DO UPDATE SET value = value + 1"
        )

    def claims_version(self) -> int:
        try:
            row = self.db.execute("SELECT value FROM state WHERE key = 'claims_version'").fetchone()
        except sqlite3.OperationalError:  # a claim log older than versions
            return 0
        return int(row[0]) if row else 0

    @property
    def stale(self) -> bool:
        """True when the graph was not derived from the claim log as it is (an interrupted build)."""
        graph_version = self.pointer.claims_version
        if graph_version is None:  # a legacy store, or none built yet
            return self.pointer.folder is None and self.document_count() > 0
        return graph_version != self.claims_version()

    def extractions(self) -> Iterator[Extraction]:
        for (claims,) in self.db.execute("SELECT claims FROM documents ORDER BY key"):
            yield Extraction.from_dict(json.loads(claims))

    def document_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])

    # --------------------------------------------------------------- graph
    def replace_graph(self, graph: Graph) -> None:
        """Replace the whole RDF graph: a new generation, then the pointer switched to it at once.

        Readers see the old graph until the switch and the new one after; a build killed
        before the switch leaves the old graph (marked stale, see :attr:`stale`).
        """
        if self.read_only:
            raise StoreError(f"the store {self.path} is open read-only")
        data = graph.serialize(format="nt", encoding="utf-8")
        folder = files.new_generation(self.path)
        new = ox.Store(str(folder))
        new.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        new.flush()
        new.optimize()
        del new
        self.commit()
        pointer = files.Pointer(folder.relative_to(self.path).as_posix(), self.claims_version())
        files.write_pointer(self.path, pointer)
        self.rdf = self._open_graph()
        files.prune_generations(self.path)

    def triple_count(self) -> int:
        return len(self.rdf)

    def to_rdflib(self) -> Graph:
        g = Graph()
        for k, v in PREFIXES.items():
            g.bind(k, v)
        for q in self.rdf:
            g.add((_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)))
        return g

    def select(
        self, sparql: str, params: Mapping[str, Any] | None = None, hide: Iterable[str] = ()
    ) -> tuple[list[str], list[list[Any]]]:
        """Run a SPARQL query with values bound as parameters (never spliced into the text).

        A bound parameter must be projected by the SELECT (Oxigraph's substitution rule);
        the columns named in ``hide`` (the parameters, typically) are left out of the result.
        Returns ``(columns, rows)`` with plain Python values.
        """
        hide = set(hide)
        from kg.errors import QueryError

        subs = {ox.Variable(k): _to_ox(v) for k, v in (params or {}).items()}
        try:
            res = self.rdf.query(prefix_header() + sparql, substitutions=subs)
        except SyntaxError as e:
            raise QueryError(f"SPARQL syntax error: {e}") from e
        except RuntimeError as e:
            msg = str(e)
            if "SELECT projection" in msg:
                msg = (
                    f"{msg} (a parameter must be projected: add it to the SELECT clause; "
                    "parameter columns are left out of the output)"
                )
            raise QueryError(f"SPARQL query failed: {msg}") from e
        if isinstance(res, bool):
            return ["result"], [[res]]
        if isinstance(res, ox.QuerySolutions):
            cols = [v.value for v in res.variables]
            keep = [c for c in cols if c not in hide]
            return keep, [[_to_python(sol[c]) for c in keep] for sol in res]
        # CONSTRUCT / DESCRIBE: triples
        return ["subject", "predicate", "object"], [
            [_to_python(t.subject), _to_python(t.predicate), _to_python(t.object)] for t in res
        ]


def stale_warning(path: str | Path) -> str | None:
    """One line when the store's graph is stale (a build was interrupted), else None."""
    path = Path(path)
    if not (path / "claims.sqlite").is_file():
        return None
    try:
        with Store(path, read_only=True) as s:
            stale = s.stale
    except (StoreError, sqlite3.Error):
        return None
    if not stale:
        return None
    return (
        f"warning: the graph of {path} lags its claim log (a build was interrupted): answers come "
        "from the last complete graph; rerun `kg build` to regenerate it"
    )
