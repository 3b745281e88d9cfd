#!/usr/bin/env bash
# Builds the libFuzzer targets (clang 14, -fsanitize=fuzzer,address,undefined) and runs each
# for a bounded time on its committed seed corpus; a crash, leak, timeout or sanitizer report
# fails the run. Prints executions and coverage per target (libFuzzer's final stats).
#   tests/fuzz/run.sh [target...]      (default: every target)
# Environment: FUZZ_SECONDS (per target, default 60), BUILD_DIR (default build-fuzz),
# JOBS (build jobs and targets run at once, default nproc), FUZZ_WORK (where new corpus
# entries, crash artifacts and logs go; default $BUILD_DIR/fuzz-work), KIOSK_CMAKE_ARGS,
# FUZZ_SKIP_BUILD=1 (run the targets already built in BUILD_DIR).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${BUILD_DIR:-$top/build-fuzz}
jobs=${JOBS:-$(nproc)}
seconds=${FUZZ_SECONDS:-60}
work=${FUZZ_WORK:-$build/fuzz-work}
all=(envelope base64image settings nationalid jpegmetadata sandbox)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

if [ "${FUZZ_SKIP_BUILD:-0}" = 1 ]; then
    :
elif [ -f "$build/CMakeCache.txt" ] && grep -q '^KIOSK_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
    : # an existing fuzz-enabled tree (CI: the ASan tree of tests/sanitizers/run.sh asan)
else
    CC=clang-14 CXX=clang++-14 cmake -S "$top" -B "$build" -G Ninja -DKIOSK_FUZZ=ON \
        -DKIOSK_BUILD_GUI=OFF -DKIOSK_BUILD_TESTS=OFF -DKIOSK_WARNINGS_AS_ERRORS=ON \
        -DCMAKE_BUILD_TYPE=Fuzz -DCMAKE_CXX_FLAGS_FUZZ="-O1 -gline-tables-only" \
        -DCMAKE_C_FLAGS_FUZZ="-O1 -gline-tables-only" ${KIOSK_CMAKE_ARGS:-} >/dev/null
fi
[ "${FUZZ_SKIP_BUILD:-0}" = 1 ] ||
    cmake --build "$build" --parallel "$jobs" --target $(printf 'fuzz_%s ' "${targets[@]}")

export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export LSAN_OPTIONS=suppressions=$top/tests/sanitizers/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export QT_QPA_PLATFORM=offscreen
mkdir -p "$work"

run_one() {
    local t=$1 dir="$work/$1" extra=()
    rm -rf "$dir" && mkdir -p "$dir/corpus" "$dir/artifacts"
    # QSettings keeps a process-wide cache of parsed files whose size changes from input to
    # input, so libFuzzer would run a full leak check after nearly every one (4 exec/s
    # instead of ~100). Leaks in the settings code are caught by tst_settings under LSan.
    [ "$t" = settings ] && extra=(-detect_leaks=0)
    # New inputs go to the work corpus; the committed seeds are read only.
    "$build/fuzz/fuzz_$t" "${extra[@]}" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=4096 \
        -print_final_stats=1 -artifact_prefix="$dir/artifacts/" \
        "$dir/corpus" "$here/corpus/$t" >"$dir/log" 2>&1
}

pids=() names=() failed=()
for t in "${targets[@]}"; do
    [ -d "$here/corpus/$t" ] || { echo "no corpus for $t"; exit 2; }
    run_one "$t" &
    pids+=($!) names+=("$t")
    if [ ${#pids[@]} -ge "$jobs" ]; then
        wait "${pids[0]}" || failed+=("${names[0]}")
        pids=("${pids[@]:1}") names=("${names[@]:1}")
    fi
done
for i in "${!pids[@]}"; do
    wait "${pids[$i]}" || failed+=("${names[$i]}")
done

printf '%-14s %12s %10s %8s %8s %8s\n' target execs exec/s cov ft corpus
for t in "${targets[@]}"; do
    log="$work/$t/log"
    execs=$(awk '/^stat::number_of_executed_units:/ {v=$2} END {print v}' "$log")
    speed=$(awk '/^stat::average_exec_per_sec:/ {v=$2} END {print v}' "$log")
    last=$(grep -E '^#[0-9]+' "$log" | tail -n1)
    cov=$(grep -o 'cov: [0-9]*' <<<"$last" | awk '{print $2}')
    ft=$(grep -o 'ft: [0-9]*' <<<"$last" | awk '{print $2}')
    corp=$(grep -o 'corp: [0-9]*' <<<"$last" | awk '{print $2}')
    printf '%-14s %12s %10s %8s %8s %8s\n' "$t" "${execs:-?}" "${speed:-?}" "${cov:-?}" \
        "${ft:-?}" "${corp:-?}"
done
if [ ${#failed[@]} -gt 0 ]; then
    for t in "${failed[@]}"; do
        echo "==> fuzz_$t FAILED: $work/$t/log, artifacts in $work/$t/artifacts/"
        grep -A40 -m1 -E '==ERROR|runtime error|deadly signal|Timeout|leak' "$work/$t/log" || tail -n40 "$work/$t/log"
    done
    exit 1
fi
