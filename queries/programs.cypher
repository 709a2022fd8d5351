// title: Programs of an organization
// description: Programs the organization runs, implements or funds (runs), with its role and the number of sources.
// param: org  The organization: its name or any alias, case-insensitive
MATCH (o:Entity)
WHERE any(n IN [o.name] + coalesce(o.aliases, []) WHERE toLower(n) = toLower($org))
MATCH (o)-[r:RUNS]->(p:Entity)
RETURN p.name AS program, r.role AS role, r.source_count AS sources
ORDER BY toLower(program), program, role IS NOT NULL, role, sources
