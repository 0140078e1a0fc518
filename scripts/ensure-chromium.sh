#!/usr/bin/env bash
# The suites need Debian's Chromium (browser tests) and the tools a print shop reads files with:
# poppler-utils (pdfinfo, pdffonts, pdftoppm) and librsvg2-bin (rsvg-convert); the scale-out tests
# start their own Postgres (postgresql) and Redis (redis-server). Install what is missing when we can
# (root with apt-get); else say how (the scale tests then skip, saying why).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[[ -x "$CHROMIUM" ]] || missing+=(chromium)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v rsvg-convert >/dev/null || missing+=(librsvg2-bin)
optional=()
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || command -v postgres >/dev/null || optional+=(postgresql)
command -v redis-server >/dev/null || optional+=(redis-server)
((${#missing[@]} + ${#optional[@]} == 0)) && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "Missing ${missing[*]} ${optional[*]}: installing Debian's packages with apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" "${optional[@]}" >/dev/null
  exit 0
fi
((${#optional[@]})) && echo "The scale-out tests need Debian's ${optional[*]} (sudo apt-get install -y ${optional[*]}); they will be skipped." >&2
((${#missing[@]} == 0)) && exit 0
echo "The tests need Debian's ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' (or set CHROMIUM_PATH), then npm test." >&2
exit 1
