#!/usr/bin/env bash
# Screenshots of every dashboard view for docs/screenshots, from a running product (./slrt start) with the
# default sample data, in Debian's headless chromium at 1280x800. Usage: scripts/screenshots.sh [BASE_URL]
set -euo pipefail
base=${1:-http://localhost:8080}
out=docs/screenshots
command -v chromium >/dev/null || { echo "needs chromium (apt-get install chromium)" >&2; exit 1; }
mkdir -p "$out"
while read -r name path; do
  echo "screenshot $name: $base$path"
  # The virtual time budget lets Vaadin and Highcharts finish drawing before the picture is taken.
  timeout 90 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,800 \
    --virtual-time-budget=20000 --screenshot="$out/$name.png" "$base$path" >/dev/null 2>&1
done <<'VIEWS'
national /?dari=2018-01&sampai=2018-12
district-visits /kabupaten?kabupaten=3404&tahun=2018
referrals /rujukan?dari=2018-01&sampai=2018-12&provinsi=34
quality /kualitas?dari=2019-01&sampai=2019-12
reach /jangkauan?dari=2019-01&sampai=2019-12
operations /operasional
VIEWS
