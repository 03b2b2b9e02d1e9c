#!/usr/bin/env bash
# Checks the compiler does not make: file size, whitespace, print() in libraries, stubs,
# pointer APIs outside the fenced files, @unchecked Sendable in live code, and imports
# against Package.swift's graph (scripts/imports.py). Exit 1 on any finding.
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

# Library code must not print: output belongs to the executables (and LiqsimCLI, the command layer they share).
if grep -rnE '^\s*print\(' Sources --include='*.swift' | grep -vE '^Sources/(liqsim|liqsim-live|LiqsimCLI|LiqsimBench)/'; then
  report "print() in library code (return text or write through OutputBuffer instead)"
fi
# Stubs are defects.
if grep -rnE 'fatalError\("(TODO|not implemented|unimplemented)' Sources; then report "stub found"; fi

# Unsafe code is fenced: pointer APIs only in *+Unsafe.swift files and in the few storage
# types whose whole job is bytes (OutputBuffer, Symbol, JSONScanner, ExchangeInput).
unsafe_allowed='(\+Unsafe\.swift|/OutputBuffer(\+[A-Za-z]+)?\.swift|/Symbol\.swift|/JSONScanner(\+[A-Za-z]+)?\.swift|/ExchangeInput\.swift)$'
while IFS= read -r f; do
  [[ "$f" =~ $unsafe_allowed ]] && continue
  grep -nE 'Unsafe[A-Za-z]*Pointer|withUnsafe|bindMemory|unsafeBitCast|assumingMemoryBound' "$f" | head -3 | while IFS= read -r l; do
    echo "lint: $f:${l%%:*}: pointer API outside the fenced files (move it to a Type+Unsafe.swift facet)"
  done
  grep -qE 'Unsafe[A-Za-z]*Pointer|withUnsafe|bindMemory|unsafeBitCast|assumingMemoryBound' "$f" && status=1
done < <(find Sources -name '*.swift')
# Loop-confined live state is checked by NIO, not asserted by hand.
if grep -rn '@unchecked Sendable' Sources/LiqsimLive --include='*.swift'; then
  report "@unchecked Sendable in LiqsimLive (use NIOLoopBound/NIOLoopBoundBox)"
fi

# The module graph: every import declared, every declared dependency imported.
python3 scripts/imports.py || status=1

[ $status -eq 0 ] && echo "lint: ok"
exit $status
