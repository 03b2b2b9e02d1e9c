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

# The capture reader: LiqsimCore, LiqsimCapture (zstd through CZstd) and Fuzz/CaptureFuzzEntry.swift.
build_capture() {
    local core=(Sources/LiqsimCore/*.swift) cap=(Sources/LiqsimCapture/*.swift)
    local inputs=("${core[@]}" "${cap[@]}" Fuzz/CaptureFuzzEntry.swift Fuzz/run.sh Sources/CZstd/module.modulemap)
    if [[ -x "$bin" ]] && [[ -z "$(find "${inputs[@]}" -newer "$bin" 2>/dev/null)" ]]; then
        echo "fuzz: $bin is up to date"
        return
    fi
    mkdir -p "$out/capture/modules" "$out/capture/obj"
    echo "fuzz: compiling LiqsimCore (${#core[@]} files)"
    "$SWIFTC" "${flags[@]}" -module-name LiqsimCore -I Sources/COpenSSL \
        -emit-module -emit-module-path "$out/capture/modules/LiqsimCore.swiftmodule" \
        -c "${core[@]}" -o "$out/capture/obj/LiqsimCore.o"
    echo "fuzz: compiling LiqsimCapture (${#cap[@]} files)"
    "$SWIFTC" "${flags[@]}" -module-name LiqsimCapture -I "$out/capture/modules" -I Sources/COpenSSL -I Sources/CZstd \
        -emit-module -emit-module-path "$out/capture/modules/LiqsimCapture.swiftmodule" \
        -c "${cap[@]}" -o "$out/capture/obj/LiqsimCapture.o"
    echo "fuzz: linking $bin"
    "$SWIFTC" "${flags[@]}" -module-name LiqsimCaptureFuzz -I "$out/capture/modules" -I Sources/COpenSSL -I Sources/CZstd \
        Fuzz/CaptureFuzzEntry.swift "$out/capture/obj/LiqsimCore.o" "$out/capture/obj/LiqsimCapture.o" \
        -lzstd -lcrypto -use-ld=lld -o "$bin"
}

build() {
    if [[ "$target" == capture ]]; then build_capture; return; fi
    local core=(Sources/LiqsimCore/*.swift) exch
    mapfile -t exch < <(find Sources/LiqsimExchanges -name '*.swift' | sort)
    local inputs=("${core[@]}" "${exch[@]}" Fuzz/FuzzEntry.swift Fuzz/run.sh Sources/COpenSSL/module.modulemap)
    if [[ -x "$bin" ]] && [[ -z "$(find "${inputs[@]}" -newer "$bin" 2>/dev/null)" ]]; then
        echo "fuzz: $bin is up to date"
        return
    fi
    mkdir -p "$out/modules" "$out/obj"
    echo "fuzz: compiling LiqsimCore (${#core[@]} files)"
    "$SWIFTC" "${flags[@]}" -module-name LiqsimCore -I Sources/COpenSSL \
        -emit-module -emit-module-path "$out/modules/LiqsimCore.swiftmodule" \
        -c "${core[@]}" -o "$out/obj/LiqsimCore.o"
    echo "fuzz: compiling LiqsimExchanges (${#exch[@]} files)"
    "$SWIFTC" "${flags[@]}" -module-name LiqsimExchanges -I "$out/modules" -I Sources/COpenSSL \
        -emit-module -emit-module-path "$out/modules/LiqsimExchanges.swiftmodule" \
        -c "${exch[@]}" -o "$out/obj/LiqsimExchanges.o"
    echo "fuzz: linking $bin"
    "$SWIFTC" "${flags[@]}" -module-name LiqsimFuzz -I "$out/modules" -I Sources/COpenSSL \
        Fuzz/FuzzEntry.swift "$out/obj/LiqsimCore.o" "$out/obj/LiqsimExchanges.o" -lcrypto -use-ld=lld -o "$bin"
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
