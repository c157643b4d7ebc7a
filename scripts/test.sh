#!/usr/bin/env bash
# The one test command (README: `npm test`). Type-checks, runs every vitest suite, and ends with
# the plain "N passed, N failed" line CI reads.
set -uo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.json || { echo "typecheck failed"; echo "0 passed, 1 failed"; exit 1; }
npx vitest run --reporter=default --reporter=json --outputFile=.vitest.json "$@"; rc=$?
# A test file that fails to load (no suite, an import error) fails the run too: count it as failed.
node -e "const r=JSON.parse(require('fs').readFileSync('.vitest.json','utf8'));console.log(r.numPassedTests+' passed, '+Math.max(r.numFailedTests, r.numFailedTestSuites)+' failed')" || echo "0 passed, 1 failed"
exit $rc
