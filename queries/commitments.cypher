// title: Commitments and their parties
// description: Declarations, agreements, plans and other commitments with the bodies and countries party to them (partyTo) and their role; all of them, or those of one party.
// optional: org  A party (organization or country): its name or any alias, case-insensitive; all parties when absent or empty
MATCH (p:Entity)-[r:PARTY_TO]->(c:Entity)
WHERE coalesce($org, '') = ''
   OR any(n IN [p.name] + coalesce(p.aliases, []) WHERE toLower(n) = toLower($org))
RETURN c.name AS commitment, p.name AS party, p.type AS party_type, r.role AS role
ORDER BY toLower(commitment), commitment, toLower(party), party, role IS NOT NULL, role
