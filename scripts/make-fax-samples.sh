#!/usr/bin/env bash
# Builds the faxed sample corpus samples/fax/ from the top-level sample notes (samples/*.txt, form
# feed = page break): each note becomes an image-only PDF samples/fax/<case>.pdf (no text layer,
# CCITT G4, so mednec must OCR it) with a gold file samples/fax/<case>.pdf.gold.json — the note's
# gold (samples/<case>.gold.json) unchanged but for `derivedFrom`; a `case.pdf.gold.json` names
# its note `case.pdf` (src/qa/gold.ts), so the gold needs no `note` field.
#
# Real packets arrive in every style a fax machine produces, so the style varies per note, chosen
# deterministically from a hash of the note's name (adding a note never restyles the others):
#   resolution  200×100 dpi "standard" or 200×200 "fine"
#   skew        ±0.3 … ±1.5°
#   speckle     impulse noise 0.15 … 0.45 (ImageMagick -attenuate), seeded
#   blur        σ 0.3 … 0.7 px;  threshold 48 … 60 % (darker/lighter toner)
#   font        Courier 9 or 10 pt
#   header      one of four fax-server stamps at the top of every page (date, time, sender
#               number, "P.01/03"-style page count), or none
# The recipe is shared with the test fixtures (scripts/lib/fax.sh). Output is deterministic:
# rerunning gives the same bytes. Scored by `npm run qa:fax` (README "OCR accuracy on faxes").
#
#   bash scripts/make-fax-samples.sh            # all top-level samples
#   bash scripts/make-fax-samples.sh NAME...    # only these (e.g. pm-progress-mbb-clean)
set -euo pipefail
. "$(dirname "$0")/lib/fax.sh"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SAMPLES=$ROOT/samples
OUT=$SAMPLES/fax
fax_need_tools node
mkdir -p "$OUT"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# pick <name> <key> <count>: a number in [0, count) from the name's hash (stable across runs).
pick() { echo $(( $(printf '%s/%s' "$1" "$2" | cksum | cut -d' ' -f1) % $3 )); }

HEADERS=(
  'NOV-14-2024 09:13 FROM-ALPINE SPINE & PAIN   5558675309   T-412 P.%p/%n F-118'
  '11/14/2024 14:02 FAX 555 867 5309        ALPINE SPINE CLINIC         PAGE %p/%n'
  'Received: Nov 14 2024 09:13AM  From: (555) 867-5309  To: Utilization Review  Page %p of %n'
  'From: RightFax Server  Sent: 11/14/2024 9:13:42 AM  To: UM Intake  Page: %p/%n'
  ''
)

if [ $# -gt 0 ]; then names=("$@"); else
  names=(); for f in "$SAMPLES"/*.txt; do names+=("$(basename "$f" .txt)"); done
fi
for name in "${names[@]}"; do
  txt=$SAMPLES/$name.txt gold=$SAMPLES/$name.gold.json
  [ -f "$txt" ] && [ -f "$gold" ] || { echo "make-fax-samples: $name: no $name.txt with $name.gold.json in samples/" >&2; exit 1; }
  ydpi=$([ "$(pick "$name" res 2)" = 0 ] && echo 100 || echo 200)
  skew_tenths=$((3 + $(pick "$name" skew 13)))                       # 0.3 … 1.5
  sign=$([ "$(pick "$name" sign 2)" = 0 ] && echo - || echo '')
  skew=$sign$((skew_tenths / 10)).$((skew_tenths % 10))
  noise=0.$(printf '%02d' $((15 + $(pick "$name" noise 31))))          # 0.15 … 0.45
  blur=0.$((3 + $(pick "$name" blur 5)))                               # 0.3 … 0.7
  threshold=$((48 + $(pick "$name" threshold 13)))                     # 48 … 60 %
  pt=$((9 + $(pick "$name" font 2)))                                   # 9 or 10 pt
  header=${HEADERS[$(pick "$name" header ${#HEADERS[@]})]}
  seed=$(pick "$name" seed 100000)

  rm -f "$work"/*
  fax_text_to_pdf "$txt" "$work/text.pdf" "$pt" "$header"
  pdftoppm -r 200 -gray "$work/text.pdf" "$work/pg"
  tifs=()
  i=0
  for pgm in "$work"/pg-*.pgm; do
    i=$((i + 1))
    fax_degrade "$pgm" "$work/f$i.tif" $((seed + i)) "$skew" "$noise" "$blur" "$threshold" "$ydpi"
    tifs+=("$work/f$i.tif")
  done
  # No timestamps in the PDF: a regeneration is byte-identical.
  # --nodate and the internal engine (no random /ID): a regeneration is byte-identical.
  img2pdf --nodate --engine internal "${tifs[@]}" -o "$OUT/$name.pdf"
  node -e '
    const [src, out, name] = process.argv.slice(1);
    const g = JSON.parse(require("fs").readFileSync(src, "utf8"));
    if (g.note) throw new Error(`${src} names its note (${g.note}); a faxed copy cannot`);
    const d = { schemaVersion: g.schemaVersion, derivedFrom: `../${name}.gold.json (faxed by scripts/make-fax-samples.sh)`, ...g };
    require("fs").writeFileSync(out, JSON.stringify(d, null, 2) + "\n");
  ' "$gold" "$OUT/$name.pdf.gold.json" "$name"
  printf '%-32s %s pages  200x%-3s skew %5s  noise %s  blur %s  threshold %s%%  %spt  header %s  %s KB\n' \
    "$name" "$i" "$ydpi" "$skew" "$noise" "$blur" "$threshold" "$pt" "$([ -n "$header" ] && echo yes || echo no)" \
    "$(( $(stat -c %s "$OUT/$name.pdf") / 1024 ))" >&2
done
echo "samples/fax: $(du -ck "$OUT"/*.pdf | tail -1 | cut -f1) KB of PDFs" >&2
