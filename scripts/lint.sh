#!/usr/bin/env bash
# Checks the compiler does not make: file size, whitespace, and unsafe code outside
# the files allowed to hold it. Exit 1 on any finding.
set -u
cd "$(dirname "$0")/.."
status=0
report() { echo "lint: $*"; status=1; }

while IFS= read -r f; do
  lines=$(wc -l < "$f")
  [ "$lines" -le 400 ] || report "$f has $lines lines (split it by facet: Type+Facet.swift)"
  grep -n $'\t' "$f" >/dev/null && report "$f contains tabs"
  grep -nE ' +$' "$f" | head -3 | while IFS= read -r l; do echo "lint: $f:${l%%:*}: trailing whitespace"; done
  grep -qE ' +$' "$f" && status=1
done < <(find Sources Tests Fuzz -name '*.swift' 2>/dev/null)

# Library code must not print: output belongs to the executable.
if grep -rnE '^\s*print\(' Sources --include='*.swift' | grep -v '^Sources/liqsim/' | grep -v '^Sources/LiqsimBench/'; then
  report "print() in library code (return text or write through OutputBuffer instead)"
fi
# Stubs are defects.
if grep -rnE 'fatalError\("(TODO|not implemented|unimplemented)' Sources; then report "stub found"; fi

[ $status -eq 0 ] && echo "lint: ok"
exit $status
