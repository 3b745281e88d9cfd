#!/usr/bin/env bash
# Builds the tree with clang 14 under a sanitizer and runs its tests (.ci/run does this too).
#   tests/sanitizers/run.sh asan   ASan + UBSan (float-cast-overflow included): EVERY ctest
#                                  suite, gui and media included, and the fake camera plugin
#   tests/sanitizers/run.sh tsan   ThreadSanitizer: the capture pipeline (label media and
#                                  the core capture suites)
# Environment: BUILD_DIR (default build-asan / build-tsan), JOBS (default nproc),
# KIOSK_CMAKE_ARGS (extra cmake arguments, e.g. a compiler launcher).
# docs/sanitizers-and-fuzzing.md explains the options and the suppression files.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
mode=${1:-}
jobs=${JOBS:-$(nproc)}

case "$mode" in
    # The ASan tree also builds the fuzz targets (KIOSK_FUZZ adds coverage instrumentation),
    # so CI's fuzz stage reuses it: tests/fuzz/run.sh with BUILD_DIR=build-asan.
    asan) build=${BUILD_DIR:-$top/build-asan}; options=(-DKIOSK_SANITIZE=ON -DKIOSK_FUZZ=ON) ;;
    tsan) build=${BUILD_DIR:-$top/build-tsan}; options=(-DKIOSK_SANITIZE_THREAD=ON) ;;
    *) sed -n '2,8p' "$0"; exit 2 ;;
esac

# -O1 keeps the image loops fast enough; line tables are all the reports need.
CC=clang-14 CXX=clang++-14 cmake -S "$top" -B "$build" -G Ninja "${options[@]}" \
    -DKIOSK_WARNINGS_AS_ERRORS=ON -DCMAKE_BUILD_TYPE=Sanitize \
    -DCMAKE_C_FLAGS_SANITIZE="-O1 -gline-tables-only" \
    -DCMAKE_CXX_FLAGS_SANITIZE="-O1 -gline-tables-only" \
    ${KIOSK_CMAKE_ARGS:-} >/dev/null

export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14
# Qt, GStreamer, fontconfig... are not instrumented; leaks inside them (and only them) are
# suppressed in lsan.supp. Any finding in the project's code aborts the test.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:check_initialization_order=1:strict_init_order=1:detect_odr_violation=2
export LSAN_OPTIONS=suppressions=$here/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# ignore_noninstrumented_modules: the calls Qt, GStreamer and OpenCV make themselves
# (allocations handed between their own threads, their locks) are not judged, as TSan does
# for system libraries on macOS; every access made by the project's code still is.
export TSAN_OPTIONS=suppressions=$here/tsan.supp:ignore_noninstrumented_modules=1:halt_on_error=1:second_deadlock_stack=1:report_signal_unsafe=0
# The fake camera plugin is built with the sanitizer: GStreamer's plugin scanner is a
# separate, uninstrumented program that cannot load it, so the test programs scan in process.
export GST_REGISTRY_FORK=no
# cv::VideoCapture on a file name also probes OpenCV's gphoto2 backend, whose USB port
# driver leaks libusb device lists and is unloaded before exit (so a suppression cannot
# name it). Videos are read by the FFmpeg and GStreamer backends either way.
export OPENCV_VIDEOIO_PRIORITY_GPHOTO2=0

if [ "$mode" = asan ]; then
    cmake --build "$build" --parallel "$jobs"
    # The suites that measure the camera's frame rate run alone, after the others: next to
    # the sanitized sandbox and wizard suites they miss 30 fps on 2 cores.
    ctest --test-dir "$build" --output-on-failure -j "$jobs" --timeout 600 -LE media
    ctest --test-dir "$build" --output-on-failure --timeout 600 -L media
else
    # The capture pipeline's own threads: FrameWorker's analysis and encoding on the thread
    # pool (DocumentCapture, FaceCapture), the burst, the watchdog, driven by synthetic
    # frames on the Clock seam. The media suites (real QCamera on GStreamer's streaming
    # threads) are not run here: Debian's Qt and GStreamer are not instrumented, so every
    # hand-over inside them is reported (docs/sanitizers-and-fuzzing.md).
    suites=(tst_framewatchdog tst_cameraoptions tst_burstcontroller tst_documentcapture
        tst_facecapture tst_cameraframe)
    cmake --build "$build" --parallel "$jobs" --target "${suites[@]}"
    ctest --test-dir "$build" --output-on-failure -j "$jobs" --timeout 600 \
        -R "^($(IFS='|'; echo "${suites[*]}"))\$"
fi
