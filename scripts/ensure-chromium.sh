#!/usr/bin/env bash
# The suites need Debian's Chromium (browser tests) and the tools a print shop reads files with:
# poppler-utils (pdfinfo, pdffonts, pdftoppm) and librsvg2-bin (rsvg-convert). Install what is
# missing when we can (root with apt-get); else say how.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[[ -x "$CHROMIUM" ]] || missing+=(chromium)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v rsvg-convert >/dev/null || missing+=(librsvg2-bin)
((${#missing[@]} == 0)) && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "Missing ${missing[*]}: installing Debian's packages with apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need Debian's ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' (or set CHROMIUM_PATH), then npm test." >&2
exit 1
