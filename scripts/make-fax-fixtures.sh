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
# Needs (apt, see scripts/install-system-deps.sh): ghostscript, poppler-utils, imagemagick, img2pdf.
# ImageMagick is called as /usr/bin/convert: /usr/local/bin/convert may be a stand-in, and its PDF
# coder is blocked by Debian's policy, hence TIFF + img2pdf.
set -euo pipefail
cd "$(dirname "$0")/../test/fixtures/scanned"
for t in gs ps2pdf pdftoppm pdfunite img2pdf /usr/bin/convert; do
  command -v "$t" >/dev/null 2>&1 || { echo "make-fax-fixtures: $t is missing (bash scripts/install-system-deps.sh)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Text → PostScript: Courier 10/12 on Letter, one PostScript page per form-feed page.
awk 'BEGIN { RS = "\f"; print "%!PS-Adobe-3.0"; print "/Courier findfont 10 scalefont setfont" }
{
  n = split($0, lines, "\n"); y = 740
  for (i = 1; i <= n; i++) {
    s = lines[i]; gsub(/\\/, "\\\\", s); gsub(/\(/, "\\(", s); gsub(/\)/, "\\)", s)
    if (s != "") printf "54 %d moveto (%s) show\n", y, s
    y -= 12
  }
  print "showpage"
}' fax-note.txt > "$work/note.ps"
ps2pdf -sPAPERSIZE=letter "$work/note.ps" fax-text.pdf

pdftoppm -r 200 -gray fax-text.pdf "$work/pg"
i=0
for pgm in "$work"/pg-*.pgm; do
  i=$((i + 1))
  # Fixed seed so a regeneration gives the same speckle.
  /usr/bin/convert "$pgm" -seed $((41 + i)) -rotate 0.9 +repage -attenuate 0.4 +noise Impulse -blur 0x0.5 \
    -threshold 55% -type bilevel -units PixelsPerInch -density 200 -compress Group4 "$work/f$i.tif"
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
