#!/usr/bin/env bash
# Screenshots of a result directory's report.html at laptop and phone widths, with
# headless Chromium (Debian package `chromium`), for people to look at:
#   scripts/report-screenshots.sh results/cascade/<run-stamp> [OUTDIR]
# Prints the PNG paths; fails when the page logs anything to the console.
set -euo pipefail
dir=${1:?usage: scripts/report-screenshots.sh RESULT_DIR [OUTDIR]}
out=${2:-$dir}
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$browser" ] || { echo "report-screenshots: chromium not found; run 'make deps' (apt-get install chromium)" >&2; exit 2; }
[ -f "$dir/report.html" ] || { echo "report-screenshots: $dir/report.html not found; run 'liqsim report $dir' first" >&2; exit 2; }
page="file://$(cd "$dir" && pwd)/report.html"
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for spec in laptop:1280:3400 phone:390:6000; do
  IFS=: read -r name width height <<<"$spec"
  log=$("$browser" --headless --disable-gpu --no-sandbox --no-first-run --hide-scrollbars --user-data-dir="$profile" \
        --enable-logging=stderr --v=0 --virtual-time-budget=10000 --window-size="$width,$height" \
        --screenshot="$out/report-$name.png" "$page" 2>&1 >/dev/null || true)
  if grep -q ':CONSOLE' <<<"$log"; then
    echo "report-screenshots: the page logged to the console at $name width:" >&2
    grep ':CONSOLE' <<<"$log" >&2
    exit 1
  fi
  [ -s "$out/report-$name.png" ] || { echo "report-screenshots: chromium wrote no screenshot ($name)" >&2; exit 1; }
  echo "$out/report-$name.png"
done
