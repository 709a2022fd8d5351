"""The embedded store: a folder holding the RDF graph (Oxigraph, on disk) and the claim log.

Layout of a store folder::

    kg-store/
      graph/          Oxigraph database: the RDF graph that queries run on
      claims.sqlite   one row per source document: its metadata and the claims read from it
      neo4j-import/   the graph as Neo4j rows, in neo4j-admin import CSV (kg.neo4j.snapshot)

The graph is always derived from the claim log (see :mod:`kg.build`), so re-running a
build on the same input is idempotent and resolution sees every source at once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

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

    def __init__(self, path: str | Path, create: bool = True):
        self.path = Path(path)
        if not self.path.exists():
            if not create:
                raise StoreError(f"no store at {self.path} (run `kg build SOURCE...` first, or pass --store)")
            self.path.mkdir(parents=True)
        elif not self.path.is_dir():
            raise StoreError(f"{self.path} is not a folder")
        try:
            self.rdf = ox.Store(str(self.path / "graph"))
        except OSError as e:
            raise StoreError(f"cannot open the graph in {self.path}: {e}") from e
        self.db = sqlite3.connect(self.path / "claims.sqlite")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, hash TEXT NOT NULL, "
            "source TEXT NOT NULL, kind TEXT NOT NULL, claims TEXT NOT NULL)"
        )
        self.db.commit()

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

    def extractions(self) -> Iterator[Extraction]:
        for (claims,) in self.db.execute("SELECT claims FROM documents ORDER BY key"):
            yield Extraction.from_dict(json.loads(claims))

    def document_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])

    # --------------------------------------------------------------- graph
    def replace_graph(self, graph: Graph) -> None:
        """Replace the whole RDF graph (bulk load of N-Triples)."""
        data = graph.serialize(format="nt", encoding="utf-8")
        self.rdf.clear()
        self.rdf.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
        self.rdf.flush()
        self.rdf.optimize()

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
