# Shared fax recipe, sourced by scripts/make-fax-fixtures.sh and scripts/make-fax-samples.sh.
# Real fax artefacts, not clean renders: text → Courier on Letter → rasterised → skewed, speckled,
# blurred, sampled at the fax's resolution, thresholded to 1 bit and stored as CCITT G4 — what an
# OCR engine sees from a fax server.
# Needs (apt, see scripts/install-system-deps.sh): ghostscript, poppler-utils, imagemagick, img2pdf.
# ImageMagick is called as /usr/bin/convert: /usr/local/bin/convert may be a stand-in, and its PDF
# coder is blocked by Debian's policy, hence TIFF + img2pdf.

fax_need_tools() {
  local t
  for t in gs ps2pdf pdftoppm pdfunite img2pdf /usr/bin/convert "$@"; do
    command -v "$t" >/dev/null 2>&1 || { echo "fax: $t is missing (bash scripts/install-system-deps.sh)" >&2; return 1; }
  done
}

# fax_text_to_pdf <note.txt> <out.pdf> [font-pt] [header]
# One PDF page per form-feed page, Courier <font-pt> (default 10) with leading 1.2×, Letter. A
# page that runs past the bottom margin continues on a new page. [header]: a fax-server stamp
# drawn at the top of every page in 8 pt Courier-Bold; `%p` becomes the page number and `%n` the
# page count (two digits each, as fax machines print them).
fax_text_to_pdf() {
  local txt=$1 out=$2 pt=${3:-10} header=${4:-} ps
  ps=$(mktemp --suffix=.ps)
  awk -v pt="$pt" -v header="$header" '
    function esc(s) { gsub(/\\/, "\\\\", s); gsub(/\(/, "\\(", s); gsub(/\)/, "\\)", s); return s }
    function stamp(   h) {
      if (header == "") return
      h = header; gsub(/%p/, sprintf("%02d", ++pg), h); gsub(/%n/, sprintf("%02d", total), h)
      printf "/Courier-Bold findfont 8 scalefont setfont 36 768 moveto (%s) show\n", esc(h)
      print "/Courier findfont " pt " scalefont setfont"
    }
    BEGIN { RS = "\f"; print "%!PS-Adobe-3.0"; print "/Courier findfont " pt " scalefont setfont"; lead = pt * 1.2; per = int(700 / lead) + 1 }
    { pages[NR] = $0 }
    END {
      # Page count first (for "P.%p/%n"): form-feed pages plus overflow pages.
      total = 0
      for (k = 1; k <= NR; k++) { n = split(pages[k], lines, "\n"); total += 1 + int((n - 1) / per) }
      for (k = 1; k <= NR; k++) {
        n = split(pages[k], lines, "\n"); y = 740; stamp()
        for (i = 1; i <= n; i++) {
          if (y < 40) { print "showpage"; y = 740; stamp() }
          s = lines[i]
          if (s != "") printf "54 %d moveto (%s) show\n", y, esc(s)
          y -= lead
        }
        print "showpage"
      }
    }' "$txt" > "$ps"
  ps2pdf -sPAPERSIZE=letter "$ps" "$out"
  rm -f "$ps"
}

# fax_degrade <page.pgm rendered at 200 dpi> <out.tif> <seed> <skew-deg> <noise> <blur-sigma> <threshold-%> [y-dpi]
# Skew the paper, speckle (impulse noise, ImageMagick -attenuate <noise>), blur, sample at 200×<y-dpi>
# (200 = "fine", 100 = "standard" fax resolution), threshold to 1 bit, CCITT G4. The seed fixes the
# speckle, so a regeneration gives the same pixels.
fax_degrade() {
  local in=$1 out=$2 seed=$3 skew=$4 noise=$5 blur=$6 threshold=$7 ydpi=${8:-200}
  local sample=()
  [ "$ydpi" = 200 ] || sample=(-sample "100%x$((ydpi * 100 / 200))%")
  /usr/bin/convert "$in" -seed "$seed" -rotate "$skew" +repage -attenuate "$noise" +noise Impulse -blur "0x$blur" \
    "${sample[@]}" -threshold "$threshold%" -type bilevel -units PixelsPerInch -density "200x$ydpi" -compress Group4 "$out"
}
