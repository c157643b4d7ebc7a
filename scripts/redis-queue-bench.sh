#!/usr/bin/env bash
# Throughput of the queue against the in-process batch, on the same notes.
#   scripts/redis-queue-bench.sh [notes-dir=samples] [copies=4] [concurrency=$(nproc)]
# Makes `copies` distinct variants of every .txt/.pdf in notes-dir (one appended line/comment, so
# each has its own sha256), then times
#   1. mednec review <dir> --format jsonl        (one process, sequential)
#   2. a private redis-server (production settings) + one `mednec worker --concurrency n`:
#      enqueue everything, wait until the registry counts every document done or failed.
# The worker is warmed up with one document first (its sandboxed children start lazily).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${1:-samples}; COPIES=${2:-4}; CONC=${3:-$(nproc)}
W=$(mktemp -d); trap 'kill $WPID $RPID 2>/dev/null || true; wait 2>/dev/null; rm -rf "$W"' EXIT
mkdir -p "$W/notes"
for f in "$SRC"/*.txt "$SRC"/*.pdf; do
  [ -f "$f" ] || continue
  b=$(basename "$f"); ext=${b##*.}
  for i in $(seq 1 "$COPIES"); do
    cp "$f" "$W/notes/${b%.*}-$i.$ext"
    if [ "$ext" = pdf ]; then printf '\n%%bench copy %d\n' "$i" >> "$W/notes/${b%.*}-$i.$ext"; else printf '\nbench copy %d\n' "$i" >> "$W/notes/${b%.*}-$i.$ext"; fi
  done
done
N=$(ls "$W/notes" | wc -l)
now() { date +%s.%N; }
echo "notes: $N ($COPIES copies of $(ls "$SRC"/*.txt "$SRC"/*.pdf 2>/dev/null | wc -l) files in $SRC), concurrency $CONC, load $(cut -d' ' -f1-3 /proc/loadavg)"

t0=$(now); node bin/mednec.js review "$W/notes" --format jsonl > "$W/batch.jsonl" 2>/dev/null; t1=$(now)
calc() { awk "BEGIN { print $1 }"; }
BATCH=$(calc "$t1 - $t0")

PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
export REDIS_URL=redis://127.0.0.1:$PORT MEDNEC_DATA_DIR=$W/data
node bin/mednec.js redis --port "$PORT" --dir "$W/redis" 2>"$W/redis.err" & RPID=$!
for _ in $(seq 100); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
node bin/mednec.js worker --concurrency "$CONC" 2>"$W/worker.err" & WPID=$!
printf 'warm-up note: low back pain, plan medial branch block L4-L5.\n' > "$W/warm.txt"
node bin/mednec.js enqueue "$W/warm.txt" >/dev/null
done_count() { echo $(( $(redis-cli -p "$PORT" hget '{mednec}:documents:counts' done | grep -E '^[0-9]+$' || echo 0) + $(redis-cli -p "$PORT" hget '{mednec}:documents:counts' failed | grep -E '^[0-9]+$' || echo 0) )); }
until [ "$(done_count)" -ge 1 ]; do sleep 0.2; done
t2=$(now); node bin/mednec.js enqueue "$W/notes" > /dev/null; t3=$(now)
until [ "$(done_count)" -ge $((N + 1)) ]; do sleep 0.1; done; t4=$(now)
QUEUE=$(calc "$t4 - $t2"); ENQ=$(calc "$t3 - $t2")
# Work inside the stages (from the traces) vs wall time per document.
STAGE_MS=$(cat "$W"/data/results/*/*.trace.json | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{let t=0,n=0;for(const m of s.matchAll(/\"ms\": (\d+)/g)){t+=+m[1]};console.log(t)})")
printf 'in-process batch : %6.2f s  %6.2f docs/s  %7.1f ms/doc (wall, 1 process, incl. ~1 s startup)\n' "$BATCH" "$(calc "$N / $BATCH")" "$(calc "1000 * $BATCH / $N")"
printf 'queue (conc %s)   : %6.2f s  %6.2f docs/s  %7.1f ms/doc (wall, enqueue %.2f s of it)\n' "$CONC" "$QUEUE" "$(calc "$N / $QUEUE")" "$(calc "1000 * $QUEUE / $N")" "$ENQ"
printf 'stage work       : %7.1f ms/doc summed over ingest+ocr+review+publish (traces, %d docs incl. warm-up)\n' "$(calc "$STAGE_MS / ($N + 1)")" $((N + 1))
echo "failed documents (queue): $(redis-cli -p "$PORT" hget '{mednec}:documents:counts' failed)"
