#!/usr/bin/env bash
# Debian packages the tests and OCR need: redis-server (queue tests), tesseract + poppler (OCR of
# faxed PDFs), img2pdf (TIFF/PNG/JPEG faxes are wrapped losslessly in a PDF for OCR, and fax-like
# fixtures), imagemagick/ghostscript (fax-like fixtures, made by the tests too), chromium (the HTML
# report's browser test, driven by playwright-core, which downloads no browser). Idempotent; quiet
# when present.
set -euo pipefail
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr tesseract-ocr-eng)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -x /usr/bin/convert ] || need+=(imagemagick)
command -v img2pdf >/dev/null 2>&1 || need+=(img2pdf)
command -v gs >/dev/null 2>&1 || need+=(ghostscript)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "missing system packages (${need[*]}); run as root or install them" >&2; exit 1; fi
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
