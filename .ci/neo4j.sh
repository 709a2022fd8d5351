#!/usr/bin/env bash
# Start or stop the local Neo4j used by the integration tests (tests marked neo4j).
#   .ci/neo4j.sh start   fetch the server jars once (mvn), start it, wait for Bolt
#   .ci/neo4j.sh stop    stop it (SIGTERM, then SIGKILL after a wait)
#   .ci/neo4j.sh status
# Idempotent. Port: $KG_NEO4J_PORT, $NEO4J_TEST_PORT or the port of a loopback $NEO4J_URI (default 7687); folder: $KG_NEO4J_HOME (default ./.neo4j).
# HTTP (Neo4j Browser, for the browser test): $KG_NEO4J_HTTP_PORT, else a free port picked here (never
# the default 7474, which another server may hold); APOC core is on. `status` shows the Browser URL.
# The server has auth off and listens on 127.0.0.1 only: there is no secret to export.
# Then: NEO4J_URI=bolt://127.0.0.1:${KG_NEO4J_PORT:-7687} pytest -m neo4j
set -euo pipefail
cd "$(dirname "$0")/.."
uri_port=""
case "${NEO4J_URI:-}" in
  bolt://127.0.0.1:*|bolt://localhost:*|neo4j://127.0.0.1:*|neo4j://localhost:*) uri_port="${NEO4J_URI##*:}" ;;
esac
port="${KG_NEO4J_PORT:-${NEO4J_TEST_PORT:-${uri_port:-7687}}}"
home="${KG_NEO4J_HOME:-$PWD/.neo4j}"

need() {
  if ! command -v java >/dev/null 2>&1; then
    echo "neo4j.sh: installing Java 17 (Debian openjdk-17-jre-headless)" >&2
    apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  fi
  if ! command -v mvn >/dev/null 2>&1 && [ ! -e "${KG_NEO4J_CACHE:-$HOME/.cache/sea-kg/neo4j-5.26.30}/lib/.complete" ]; then
    echo "neo4j.sh: installing Maven (Debian maven)" >&2
    apt-get update -qq && apt-get install -y -qq maven >/dev/null
  fi
}

kg() {
  if command -v kg >/dev/null 2>&1; then command kg "$@"; else python -c 'from kg.cli import main; main()' "$@"; fi
}

case "${1:-}" in
  start)
    need
    http_port="${KG_NEO4J_HTTP_PORT:-}"
    if [ -z "$http_port" ]; then
      running_http="$(kg neo4j status --data "$home" --format json 2>/dev/null | python3 -c 'import json,sys,re; b=json.load(sys.stdin).get("browser") or ""; m=re.search(r":(\d+)/", b); print(m.group(1) if m else "")' 2>/dev/null || true)"
      http_port="${running_http:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
    fi
    kg neo4j start --port "$port" --data "$home" --http-port "$http_port" --apoc >&2
    echo "NEO4J_URI=bolt://127.0.0.1:$port"
    echo "NEO4J_BROWSER=http://127.0.0.1:$http_port/browser/"
    ;;
  stop)
    kg neo4j stop --data "$home"
    ;;
  status)
    kg neo4j status --data "$home"
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
