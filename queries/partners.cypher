// title: Partners of an organization
// description: Organizations that partner with the given one (partnersWith, either direction), with the status of the most recent source, the number of sources and when the partnership was first and last seen.
// param: org  The organization: its name or any alias, case-insensitive (e.g. Kemensos)
MATCH (o:Entity)
WHERE any(n IN [o.name] + coalesce(o.aliases, []) WHERE toLower(n) = toLower($org))
MATCH (o)-[r:PARTNERS_WITH]-(p:Entity)
WHERE p <> o
WITH p, r
ORDER BY coalesce(toString(r.last_seen), '') DESC, r.iri
WITH p, collect(r) AS rs
WITH p, rs, [x IN rs WHERE x.source_count IS NOT NULL | x.source_count] AS counts,
     [x IN rs WHERE x.first_seen IS NOT NULL | toString(x.first_seen)] AS firsts,
     [x IN rs WHERE x.last_seen IS NOT NULL | toString(x.last_seen)] AS lasts
RETURN p.name AS partner, p.type AS type, rs[0].status AS status,
       CASE WHEN size(counts) = 0 THEN null ELSE reduce(t = 0, c IN counts | t + c) END AS sources,
       reduce(m = null, d IN firsts | CASE WHEN m IS NULL OR d < m THEN d ELSE m END) AS first_seen,
       reduce(m = null, d IN lasts | CASE WHEN m IS NULL OR d > m THEN d ELSE m END) AS last_seen
ORDER BY toLower(partner), partner, type, p.iri
