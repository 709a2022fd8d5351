// title: Money given, summed per funder, currency and transaction type
// description: Sums the typed amount (amount_value, a number in the currency written) of funds relations per funder, currency and IATI transaction type (commitment, disbursement; empty for articles); amounts of different currencies are never added together.
// optional: org  A funder: its name or any alias, case-insensitive; all funders when absent or empty
MATCH (f:Entity)-[r:FUNDS]->()
WHERE r.amount_value IS NOT NULL
  AND (coalesce($org, '') = ''
       OR any(n IN [f.name] + coalesce(f.aliases, []) WHERE toLower(n) = toLower($org)))
RETURN f.name AS funder, coalesce(r.currency, '') AS currency,
       coalesce(r.transaction_type, '') AS transaction_type,
       sum(r.amount_value) AS total, count(r) AS relations
ORDER BY toLower(funder), funder, currency, transaction_type
