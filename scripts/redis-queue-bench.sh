#!/usr/bin/env bash
# Throughput of the queue against the in-process batch, on the same notes.
#   scripts/redis-queue-bench.sh [notes-dir=samples] [copies=3] [concurrency=$(nproc)]
# Makes `copies` distinct variants of every .txt/.pdf in notes-dir (one appended line/comment, so
# each has its own sha256), then times
#   1. mednec review <dir> --format jsonl        (one process, sequential)
#   2. a private redis-server (production settings) + one `mednec worker --concurrency n`:
#      enqueue everything, wait until the registry counts every document done or failed.
# The worker is warmed up first (4 x concurrency documents, until all 2 x concurrency sandboxed
# children exist: they start lazily). Reports wall time, documents/s and CPU per document.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${1:-samples}; COPIES=${2:-3}; CONC=${3:-$(nproc)}
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

calc() { awk "BEGIN { print $1 }"; }
TCK=$(getconf CLK_TCK)
# CPU seconds (user+sys) of a process, its live descendants and its reaped children.
tree_cpu() {
  local pid=$1 total=0 kids
  [ -r "/proc/$pid/stat" ] || { echo 0; return; }
  total=$(awk -v t="$TCK" '{ sub(/^.*\) /, ""); print ($12 + $13 + $14 + $15) / t }' "/proc/$pid/stat")
  for k in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do total=$(calc "$total + $(tree_cpu "$k")"); done
  echo "$total"
}
TIMEFORMAT='%R %U %S'
{ time node bin/mednec.js review "$W/notes" --format jsonl > "$W/batch.jsonl" 2>/dev/null; } 2> "$W/batch.time"
read -r BATCH BU BS < "$W/batch.time"; BATCH_CPU=$(calc "$BU + $BS")

PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
export REDIS_URL=redis://127.0.0.1:$PORT MEDNEC_DATA_DIR=$W/data
node bin/mednec.js redis --port "$PORT" --dir "$W/redis" 2>"$W/redis.err" & RPID=$!
for _ in $(seq 100); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
node bin/mednec.js worker --concurrency "$CONC" 2>"$W/worker.err" & WPID=$!
# Warm-up: enough documents that every sandboxed child (concurrency per stage) has started.
WARM=$((4 * CONC)); mkdir -p "$W/warm"
for i in $(seq 1 "$WARM"); do printf 'warm-up note %d: low back pain, plan medial branch block L4-L5.\n' "$i" > "$W/warm/w$i.txt"; done
node bin/mednec.js enqueue "$W/warm" >/dev/null
done_count() { echo $(( $(redis-cli -p "$PORT" hget '{mednec}:documents:counts' done | grep -E '^[0-9]+$' || echo 0) + $(redis-cli -p "$PORT" hget '{mednec}:documents:counts' failed | grep -E '^[0-9]+$' || echo 0) )); }
until [ "$(done_count)" -ge "$WARM" ]; do sleep 0.2; done
# …and wait (up to 60 s) until all 2 x CONC children exist, so no child start-up is measured.
for _ in $(seq 300); do [ "$(cat /proc/"$WPID"/task/*/children 2>/dev/null | wc -w)" -ge $((2 * CONC)) ] && break; sleep 0.2; done
echo "worker children before timing: $(cat /proc/"$WPID"/task/*/children 2>/dev/null | wc -w) (want $((2 * CONC)))"
sleep 1; W0=$(tree_cpu "$WPID"); R0=$(tree_cpu "$RPID")
t2=$(now); { time node bin/mednec.js enqueue "$W/notes" > /dev/null; } 2> "$W/enq.time"; t3=$(now)
until [ "$(done_count)" -ge $((N + WARM)) ]; do sleep 0.1; done; t4=$(now)
WCPU=$(calc "$(tree_cpu "$WPID") - $W0"); RCPU=$(calc "$(tree_cpu "$RPID") - $R0")
read -r _ EU ES < "$W/enq.time"; ECPU=$(calc "$EU + $ES")
QUEUE=$(calc "$t4 - $t2"); ENQ=$(calc "$t3 - $t2"); QUEUE_CPU=$(calc "$WCPU + $RCPU + $ECPU")
# Work inside the stages (from the traces) vs wall time per document.
STAGE_MS=$(cat "$W"/data/results/*/*.trace.json | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{let t=0,n=0;for(const m of s.matchAll(/\"ms\": (\d+)/g)){t+=+m[1]};console.log(t)})")
printf 'in-process batch : %6.2f s wall  %6.2f docs/s  %7.1f ms CPU/doc (1 process, incl. its ~1 s startup)\n' "$BATCH" "$(calc "$N / $BATCH")" "$(calc "1000 * $BATCH_CPU / $N")"
printf 'queue (conc %s)   : %6.2f s wall  %6.2f docs/s  %7.1f ms CPU/doc (worker + its children + redis + enqueue; enqueue took %.2f s)\n' "$CONC" "$QUEUE" "$(calc "$N / $QUEUE")" "$(calc "1000 * $QUEUE_CPU / $N")" "$ENQ"
printf '  of which        : worker+children %.1f, redis-server %.1f, enqueue command %.1f ms CPU/doc\n' "$(calc "1000 * $WCPU / $N")" "$(calc "1000 * $RCPU / $N")" "$(calc "1000 * $ECPU / $N")"
printf 'queue overhead   : %7.1f ms CPU/doc (queue CPU/doc - batch CPU/doc)\n' "$(calc "1000 * ($QUEUE_CPU - $BATCH_CPU) / $N")"
printf 'time in stages   : %7.1f ms/doc wall, summed over ingest+ocr+review+publish (traces, %d docs incl. warm-up)\n' "$(calc "$STAGE_MS / ($N + WARM)")" $((N + WARM))
echo "failed documents (queue): $(redis-cli -p "$PORT" hget '{mednec}:documents:counts' failed)"
