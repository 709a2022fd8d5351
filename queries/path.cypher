// title: Shortest paths between two entities
// description: All shortest paths of up to 4 hops between two entities over any relation, in either direction, never through a place or a program (`kg path` takes --via and --exclude and shows each hop's relation and evidence); each path is the names joined by " — ".
// param: from  The first entity: its name or any alias, case-insensitive
// param: to  The second entity: its name or any alias, case-insensitive
MATCH (a:Entity)
WHERE any(n IN [a.name] + coalesce(a.aliases, []) WHERE toLower(n) = toLower($from))
MATCH (b:Entity)
WHERE any(n IN [b.name] + coalesce(b.aliases, []) WHERE toLower(n) = toLower($to))
WITH a, b
WHERE a <> b
MATCH p = allShortestPaths(
  (a)-[:PARTNERS_WITH|CO_PARTICIPANT|HOLDS_POSITION|RUNS|FUNDS|PARTY_TO|SUB_ORGANIZATION_OF|MEMBER_OF|LOCATED_IN*..4]-(b)
)
WHERE none(x IN nodes(p)[1..-1] WHERE x:Place OR x:Program)
WITH [x IN nodes(p) | x.name] AS names
WITH DISTINCT size(names) - 1 AS length, reduce(s = head(names), x IN tail(names) | s + ' — ' + x) AS path
RETURN length, path
ORDER BY path
