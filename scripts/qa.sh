#!/usr/bin/env bash
# `npm run qa`: the QA measurements in text form (fast; the PDF and fax forms are `npm run qa:forms`):
#   1. the tuning corpus (samples/ and every folder under it);
#   2. the shared packet corpus ../shared/corpus/packets (the tuning corpus for packets);
#   3. the blind packet sets samples/packets-blind and samples/packets-blind2 (held out: scored, never
#      gated, counts only; absent = said, not failed);
#   4. the regression gate over 1 and 2 together (qa/baseline.json, tolerances in counts), so a change
#      that costs a little in one corpus and gains more in the other is judged on the whole.
# Reports (contain note text, written 0600): .qa-out/qa{,-packets,-blind,-blind2}.{json,html}.
# Exit status: 1 when the gate fails, else 0.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .qa-out
SHARED=${MEDNEC_SHARED_DIR:-../shared}
echo "== 1. tuning corpus: samples/ (recursive) ==" >&2
node bin/mednec.js qa --recursive samples --json .qa-out/qa.json --html .qa-out/qa.html
echo "== 2. shared packet corpus: $SHARED/corpus/packets ==" >&2
node bin/mednec.js qa "$SHARED/corpus/packets" --allow-missing --json .qa-out/qa-packets.json --html .qa-out/qa-packets.html
echo "== 3. blind packet sets: samples/packets-blind{,2,3,4} (held out, not gated) ==" >&2
node bin/mednec.js qa samples/packets-blind --allow-missing --json .qa-out/qa-blind.json --html .qa-out/qa-blind.html
node bin/mednec.js qa samples/packets-blind2 --allow-missing --json .qa-out/qa-blind2.json --html .qa-out/qa-blind2.html
node bin/mednec.js qa samples/packets-blind3 --allow-missing --json .qa-out/qa-blind3.json --html .qa-out/qa-blind3.html
node bin/mednec.js qa samples/packets-blind4 --allow-missing --json .qa-out/qa-blind4.json --html .qa-out/qa-blind4.html
echo "== 4. regression gate: samples/ + packets vs qa/baseline.json ==" >&2
packets=(); [ -d "$SHARED/corpus/packets" ] && packets=("$SHARED/corpus/packets")
node bin/mednec.js qa --recursive samples "${packets[@]}" --baseline qa/baseline.json >/dev/null
