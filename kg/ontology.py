"""The vocabulary, read from ``ontology/kg.ttl`` (the single source of truth).

>>> onto = load()
>>> onto.relations["partnersWith"].neo4j_type
'PARTNERS_WITH'
>>> onto.relations["partnersWith"].symmetric
True
>>> onto.classes["GovernmentBody"].neo4j_labels
('Organization', 'GovernmentBody')
>>> term("partnersWith")
rdflib.term.URIRef('https://w3id.org/seakg/ontology#partnersWith')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.paths import ontology_dir

KGO = Namespace("https://w3id.org/seakg/ontology#")
KGID = Namespace("https://w3id.org/seakg/id/")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")


@dataclass(frozen=True)
class ClassSpec:
    name: str
    iri: URIRef
    label: str
    neo4j_labels: tuple[str, ...]
    color: str | None
    parents: tuple[str, ...]


@dataclass(frozen=True)
class RelationSpec:
    name: str
    iri: URIRef
    label: str
    neo4j_type: str
    symmetric: bool
    qualifiers: tuple[str, ...]
    defaults: dict[str, str] = field(default_factory=dict)
    domain: tuple[str, ...] = ()
    range: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ontology:
    graph: Graph
    classes: dict[str, ClassSpec]
    relations: dict[str, RelationSpec]

    def relation_by_neo4j_type(self, rel_type: str) -> RelationSpec:
        for r in self.relations.values():
            if r.neo4j_type == rel_type:
                return r
        raise KeyError(rel_type)

    @property
    def entity_types(self) -> list[str]:
        """The concrete entity classes (those with a Neo4j label of their own, but Organization)."""
        return [
            c.name
            for c in self.classes.values()
            if c.name not in ("Organization", "Article", "Record") and c.neo4j_labels
        ]


def _local(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


@lru_cache(maxsize=1)
def load() -> Ontology:
    g = Graph()
    g.parse(ontology_dir() / "kg.ttl", format="turtle")
    own_classes = {s for s in g.subjects(RDF.type, OWL.Class) if str(s).startswith(str(KGO))}

    def kgo_parents(c: URIRef) -> list[URIRef]:
        return [p for p in g.objects(c, RDFS.subClassOf) if p in own_classes]

    def ancestry(c: URIRef) -> list[URIRef]:
        out: list[URIRef] = []
        todo = [c]
        while todo:
            x = todo.pop()
            for p in kgo_parents(x):
                if p not in out:
                    out.append(p)
                    todo.append(p)
        return out

    classes: dict[str, ClassSpec] = {}
    for c in own_classes:
        own = g.value(c, KGO.neo4jLabel)
        labels: list[str] = []
        for a in reversed(ancestry(c)):
            lab = g.value(a, KGO.neo4jLabel)
            if lab is not None:
                labels.append(str(lab))
        if own is not None:
            labels.append(str(own))
        color = g.value(c, KGO.displayColor)
        classes[_local(c)] = ClassSpec(
            name=_local(c),
            iri=c,
            label=str(g.value(c, RDFS.label) or _local(c)),
            neo4j_labels=tuple(labels) if own is not None else (),
            color=str(color) if color else None,
            parents=tuple(_local(p) for p in ancestry(c)),
        )

    relations: dict[str, RelationSpec] = {}
    for p in g.subjects(RDF.type, KGO.Relation):
        defaults = {}
        for d in g.objects(p, KGO.defaultQualifier):
            k, _, v = str(d).partition("=")
            defaults[k] = v
        dom = [_local(x) for x in g.objects(p, RDFS.domain)] + [
            _local(x) for x in g.objects(p, KGO.domainIncludes)
        ]
        rng = [_local(x) for x in g.objects(p, RDFS.range)] + [
            _local(x) for x in g.objects(p, KGO.rangeIncludes)
        ]
        relations[_local(p)] = RelationSpec(
            name=_local(p),
            iri=p,
            label=str(g.value(p, RDFS.label) or _local(p)),
            neo4j_type=str(g.value(p, KGO.neo4jType)),
            symmetric=(p, RDF.type, OWL.SymmetricProperty) in g,
            qualifiers=tuple(sorted(_local(q) for q in g.objects(p, KGO.qualifier))),
            defaults=defaults,
            domain=tuple(sorted(dom)),
            range=tuple(sorted(rng)),
        )
    return Ontology(graph=g, classes=classes, relations=relations)


def term(name: str) -> URIRef:
    """The IRI of one of our own terms; a misspelt name fails at once."""
    g = load().graph
    iri = KGO[name]
    if (iri, None, None) not in g:
        raise KeyError(f"{name!r} is not a term of the ontology")
    return iri


def is_subclass(name: str, parent: str) -> bool:
    """``is_subclass("NonProfit", "Organization")`` is True."""
    spec = load().classes.get(name)
    return spec is not None and (name == parent or parent in spec.parents)


def literal_bool(value: bool) -> Literal:
    return Literal(bool(value))
