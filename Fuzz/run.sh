#!/usr/bin/env bash
# Build the libFuzzer target over every exchange decoder and run it.
#
#   Fuzz/run.sh [SECONDS]          build, seed, fuzz for SECONDS (default 300); non-zero on a crash
#   FUZZ_TARGET=capture Fuzz/run.sh [SECONDS]   the same over the capture reader
#   Fuzz/run.sh --build            build only (.build-fuzz/liqsim-fuzz)
#   Fuzz/run.sh --repro FILE...    run the target once on each FILE (e.g. Fuzz/crashes/*)
#
# Environment: SWIFTC (compiler, default swiftc on PATH or /opt/swift/usr/bin/swiftc),
# FUZZ_OPT (default -O), FUZZ_JOBS (parallel fork-mode jobs, default 1),
# FUZZ_STOP_ON_CRASH=1 (plain libFuzzer: stop at the first crash instead of collecting
# every crash for the whole run), FUZZ_ARGS (extra libFuzzer flags).
set -euo pipefail

# The Swift runtime's own crash handler (swift-backtrace) deadlocks under ASan; let
# libFuzzer/ASan report traps (Swift runtime failures are SIGILL/SIGTRAP) instead.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:handle_sigill=1}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out=.build-fuzz
# FUZZ_TARGET=decoders (default): every exchange decoder; FUZZ_TARGET=capture: the capture reader.
target="${FUZZ_TARGET:-decoders}"
case "$target" in
    decoders) bin="$out/liqsim-fuzz"; corpus="$out/corpus"; max_len=4096 ;;
    capture) bin="$out/liqsim-fuzz-capture"; corpus="$out/corpus-capture"; max_len=65536 ;;
    *) echo "FUZZ_TARGET must be decoders or capture" >&2; exit 2 ;;
esac
SWIFTC="${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}"
FUZZ_OPT="${FUZZ_OPT:--O}"
flags=(-parse-as-library -swift-version 6 -sanitize=fuzzer,address "$FUZZ_OPT" -g -wmo)

# One fuzz binary: LiqsimCore, one library module over it, and the entry file, compiled
# whole-module with the sanitizers; skipped when no input is newer than the binary.
#   build_target DIR MODULE ENTRY ENTRY_MODULE "EXTRA -I FLAGS" "LINK FLAGS" LIBRARY_FILE...
build_target() {
    local dir="$1" module="$2" entry="$3" entry_module="$4"
    local extra=($5) libs=($6)
    shift 6
    local core=(Sources/LiqsimCore/*.swift) lib=("$@")
    local inputs=("${core[@]}" "${lib[@]}" "$entry" Fuzz/run.sh Sources/COpenSSL/module.modulemap Sources/CZstd/module.modulemap)
    if [[ -x "$bin" ]] && [[ -z "$(find "${inputs[@]}" -newer "$bin" 2>/dev/null)" ]]; then
        echo "fuzz: $bin is up to date"
        return
    fi
    mkdir -p "$dir/modules" "$dir/obj"
    echo "fuzz: compiling LiqsimCore (${#core[@]} files)"
    "$SWIFTC" "${flags[@]}" -module-name LiqsimCore -I Sources/COpenSSL \
        -emit-module -emit-module-path "$dir/modules/LiqsimCore.swiftmodule" \
        -c "${core[@]}" -o "$dir/obj/LiqsimCore.o"
    echo "fuzz: compiling $module (${#lib[@]} files)"
    "$SWIFTC" "${flags[@]}" -module-name "$module" -I "$dir/modules" -I Sources/COpenSSL "${extra[@]}" \
        -emit-module -emit-module-path "$dir/modules/$module.swiftmodule" \
        -c "${lib[@]}" -o "$dir/obj/$module.o"
    echo "fuzz: linking $bin"
    "$SWIFTC" "${flags[@]}" -module-name "$entry_module" -I "$dir/modules" -I Sources/COpenSSL "${extra[@]}" \
        "$entry" "$dir/obj/LiqsimCore.o" "$dir/obj/$module.o" "${libs[@]}" -use-ld=lld -o "$bin"
}

# decoders: LiqsimCore + LiqsimExchanges + Fuzz/FuzzEntry.swift; capture: LiqsimCore +
# LiqsimCapture (zstd through CZstd) + Fuzz/CaptureFuzzEntry.swift.
build() {
    if [[ "$target" == capture ]]; then
        build_target "$out/capture" LiqsimCapture Fuzz/CaptureFuzzEntry.swift LiqsimCaptureFuzz "-I Sources/CZstd" "-lzstd -lcrypto" \
            Sources/LiqsimCapture/*.swift
    else
        local exch
        mapfile -t exch < <(find Sources/LiqsimExchanges -name '*.swift' | sort)
        build_target "$out" LiqsimExchanges Fuzz/FuzzEntry.swift LiqsimFuzz "" "-lcrypto" "${exch[@]}"
    fi
}

case "${1:-}" in
    --build) build; exit 0 ;;
    --repro)
        shift
        build
        status=0
        for f in "$@"; do
            echo "== $f"
            rc=0
            "$bin" -runs=1 "$f" >"$out/repro.log" 2>&1 || rc=$?
            grep -vE '^(INFO|MS|base64):' "$out/repro.log" || true
            [[ $rc -eq 0 ]] || status=1
        done
        exit $status ;;
esac

seconds="${1:-300}"
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: Fuzz/run.sh [SECONDS] | --build | --repro FILE..." >&2; exit 2; }

build
if [[ "$target" == capture ]]; then
    python3 Fuzz/make_capture_corpus.py Tests/LiqsimTests/Fixtures/real "$corpus"
else
    python3 Fuzz/make_corpus.py Tests/LiqsimTests/Fixtures/real "$corpus"
fi
mkdir -p "$out/artifacts"
log="$out/fuzz-$(date +%Y%m%d-%H%M%S).log"
echo "fuzz: running for ${seconds}s (log: $log)"

before="$(ls -1 "$out/artifacts" | sort)"
mode=(-fork="${FUZZ_JOBS:-1}" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
[[ "${FUZZ_STOP_ON_CRASH:-0}" == 1 ]] && mode=()
set +e
dict=(-dict=Fuzz/json.dict)
[[ "$target" == capture ]] && dict=()
# shellcheck disable=SC2086
"$bin" "$corpus" "${mode[@]}" \
    -max_total_time="$seconds" -max_len="$max_len" "${dict[@]}" \
    -artifact_prefix="$out/artifacts/" -print_final_stats=1 -timeout=10 -rss_limit_mb=4096 \
    ${FUZZ_ARGS:-} 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

new="$(comm -13 <(echo "$before") <(ls -1 "$out/artifacts" | sort) | sed '/^$/d')"
echo "fuzz: corpus $(ls -1 "$corpus" | wc -l) files; libFuzzer exit $status"
if [[ $status -ne 0 || -n "$new" ]]; then
    echo "fuzz: FAILED. New reproducer(s) in $out/artifacts/:" >&2
    sed 's/^/  /' <<<"$new" >&2
    echo "fuzz: rerun one with: Fuzz/run.sh --repro $out/artifacts/<file>" >&2
    exit 1
fi
echo "fuzz: no crash in ${seconds}s"
