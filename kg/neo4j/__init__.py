"""Neo4j backend: a local Community server for development (:mod:`.server`), connection
settings (:mod:`.connection`), the store-to-property-graph loader (:mod:`.loader`) and the
Cypher twins of the canned queries (:mod:`.queries`).

Nothing here prints; the CLI (:mod:`kg.cli.neo4j_cmds`) does.
"""
