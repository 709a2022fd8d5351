// title: Evidence behind a link
// description: The sentences and sources behind every relation between two entities (either direction): relation, sentence, source title, URL, date and publisher.
// param: source  One entity: its name or any alias, case-insensitive
// param: target  The other entity: its name or any alias, case-insensitive
MATCH (s:Entity)
WHERE any(n IN [s.name] + coalesce(s.aliases, []) WHERE toLower(n) = toLower($source))
MATCH (t:Entity)
WHERE any(n IN [t.name] + coalesce(t.aliases, []) WHERE toLower(n) = toLower($target))
MATCH (s)-[r:PARTNERS_WITH|HOLDS_POSITION|RUNS|FUNDS|PARTY_TO|SUB_ORGANIZATION_OF|MEMBER_OF|LOCATED_IN]-(t)
UNWIND range(0, size(coalesce(r.evidence, [])) - 1) AS i
OPTIONAL MATCH (d:Source {iri: r.evidence_docs[i]})
WITH r.relation AS relation, r.evidence[i] AS sentence, d.title AS title,
     coalesce(d.url, d.path) AS url, toString(d.date) AS date, d.publisher AS publisher
RETURN relation, sentence, title, url, date, publisher
ORDER BY relation, date IS NOT NULL, date, sentence IS NOT NULL, sentence, url IS NOT NULL, url, title, publisher
