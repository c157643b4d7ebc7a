#!/usr/bin/env bash
# Start a local Redis with mednec's production settings (AOF appendfsync everysec,
# maxmemory-policy noeviction) in the foreground. Usage: scripts/redis-local.sh [--port 6379] [--dir d]
# Equivalent to `npx mednec redis ...`; see docs/queue.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null 2>&1 || { echo "redis-server is not installed: run scripts/install-system-deps.sh (Debian)" >&2; exit 1; }
exec node bin/mednec.js redis "$@"
