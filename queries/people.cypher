// title: People of an organization
// description: People who hold a position in the organization (holdsPosition), with the role as written and the number of sources.
// param: org  The organization: its name or any alias, case-insensitive
MATCH (o:Entity)
WHERE any(n IN [o.name] + coalesce(o.aliases, []) WHERE toLower(n) = toLower($org))
MATCH (p:Entity)-[r:HOLDS_POSITION]->(o)
RETURN p.name AS person, r.role AS role, r.source_count AS sources
ORDER BY toLower(person), person, role IS NOT NULL, role, sources
