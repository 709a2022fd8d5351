// title: Find entities by name or alias
// description: Entities whose name or an alias contains the words of q in that order, at word boundaries, case-insensitive (in Neo4j through the full-text index kg_entity_names); the best 25, names equal to q first, then the shortest names, with their IRI (which `kg path` and --center accept too).
// param: q  The words to look for, e.g. "philanthropy circle" or Kemensos
CALL db.index.fulltext.queryNodes('kg_entity_names', '"' + replace(replace($q, '\\', ' '), '"', ' ') + '"')
YIELD node
RETURN node.name AS name, node.type AS type, node.iri AS iri
ORDER BY toLower(name) = toLower($q) DESC, size(name), name, iri
LIMIT 25
