#!/usr/bin/env bash
# Regenerates the fax-like scanned PDFs in test/fixtures/scanned/ from fax-note.txt (two pages
# separated by a form feed). Real fax artefacts, not clean renders: pages are rasterised at 200 dpi,
# skewed 0.9°, speckled with impulse noise, blurred, thresholded to 1 bit and stored as CCITT G4 —
# what an OCR engine sees from a fax server. Output (committed, small):
#   fax-text.pdf       both pages with a text layer (the source of truth for accuracy checks)
#   fax-mixed.pdf      page 1 text layer, page 2 image only (a typical mixed packet)
#   fax-all-image.pdf  both pages image only
#   ../bad/encrypted.pdf        fax-text.pdf with a user password (cannot be opened without it)
#   ../bad/owner-password.pdf   fax-text.pdf with an owner password only (opens; printing restricted)
# The recipe (rendering and degradation) is shared with scripts/make-fax-samples.sh: scripts/lib/fax.sh.
set -euo pipefail
. "$(dirname "$0")/lib/fax.sh"
cd "$(dirname "$0")/../test/fixtures/scanned"
fax_need_tools
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Text → Courier 10/12 on Letter, one page per form-feed page.
fax_text_to_pdf fax-note.txt fax-text.pdf 10

pdftoppm -r 200 -gray fax-text.pdf "$work/pg"
i=0
for pgm in "$work"/pg-*.pgm; do
  i=$((i + 1))
  # Fixed seed so a regeneration gives the same speckle.
  fax_degrade "$pgm" "$work/f$i.tif" $((41 + i)) 0.9 0.4 0.5 55 200
done
img2pdf "$work/f1.tif" "$work/f2.tif" -o fax-all-image.pdf
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -dFirstPage=1 -dLastPage=1 -o "$work/p1.pdf" fax-text.pdf
img2pdf "$work/f2.tif" -o "$work/p2.pdf"
pdfunite "$work/p1.pdf" "$work/p2.pdf" fax-mixed.pdf
mkdir -p ../bad
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOwnerPassword=owner -sUserPassword=secret -o ../bad/encrypted.pdf fax-text.pdf
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOwnerPassword=owner -dEncryptionR=3 -dKeyLength=128 -dPermissions=-3904 \
  -o ../bad/owner-password.pdf fax-text.pdf
ls -l fax-*.pdf ../bad/*.pdf >&2
