#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (tests/browser), only when it is missing.
# Usage: bash .ci/chromium.sh     (idempotent; needs root, as on CI)
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
