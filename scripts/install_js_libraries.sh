#!/usr/bin/env bash
# `make setup`'s JavaScript half: the versions package-lock.json pins, into node_modules/, with `npm ci`.
# Without npm it says so and succeeds: everything but rendering the site works without it.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
  echo "warning: npm is not on PATH, so the explorable figures' JavaScript (package.json) is not installed;" \
    "rendering the site needs it. Install Node.js 20 with npm (Debian: apt-get install nodejs npm) and run make setup again." >&2
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund
