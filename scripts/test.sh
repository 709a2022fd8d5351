#!/usr/bin/env bash
# The whole test suite, as CI runs it: install the package with its test dependencies,
# fetch and start a local Neo4j Community server (jars from Maven Central, cached),
# install Debian's chromium for the browser test when missing, run pytest, stop Neo4j.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PY:-python3}"

echo "== installing sea-kg and test dependencies" >&2
"$PY" -m pip install -q --disable-pip-version-check -e '.[dev]'

echo "== browser for the viz test" >&2
if ! bash .ci/chromium.sh >/tmp/sea-kg-chromium.log 2>&1; then
  echo "chromium could not be installed (see /tmp/sea-kg-chromium.log)" >&2
fi

export NEO4J_TEST_PORT="${NEO4J_TEST_PORT:-7697}"
export NEO4J_URI="bolt://127.0.0.1:${NEO4J_TEST_PORT}"
export KG_NEO4J_HOME="${KG_NEO4J_HOME:-$PWD/.neo4j-test}"
stop_neo4j() { bash .ci/neo4j.sh stop || true; }
trap stop_neo4j EXIT

echo "== starting Neo4j on ${NEO4J_URI}" >&2
bash .ci/neo4j.sh start

export KG_REQUIRE_NEO4J=1
if [ "${CI:-}" = "true" ]; then export KG_REQUIRE_BROWSER=1; fi
echo "== pytest" >&2
"$PY" -m pytest -q "$@"
