#!/usr/bin/env bash
# Set up, build and run the Onboarding Kiosk from a source tree on Debian 12.
#   packaging/dev.sh run    install what is missing, build, start the sandbox, open the kiosk
#   packaging/dev.sh test   install what is missing, build, run every test with ctest
#   packaging/dev.sh build  install what is missing and build
# Environment: BUILD_DIR (default build), KIOSK_WARNINGS_AS_ERRORS=ON, JOBS.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
build=${BUILD_DIR:-$top/build}
jobs=${JOBS:-$(nproc)}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_deps() {
    mapfile -t wanted < <(grep -v '^\s*#' "$here/debian-packages.txt" | sed '/^\s*$/d')
    missing=()
    for p in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "==> installing ${#missing[@]} Debian packages: ${missing[*]}"
        as_root apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

configure_and_build() {
    cmake -S "$top" -B "$build" -G Ninja \
        -DKIOSK_WARNINGS_AS_ERRORS="${KIOSK_WARNINGS_AS_ERRORS:-OFF}" \
        ${KIOSK_CMAKE_ARGS:-}
    cmake --build "$build" --parallel "$jobs"
}

run_kiosk() {
    log=$(mktemp -t vlens-sandbox.XXXXXX.log)
    "$build/bin/vlens-sandbox" --port 0 --demo >"$log" 2>&1 &
    sandbox_pid=$!
    trap 'kill "${sandbox_pid:-}" 2>/dev/null || true; rm -f "${log:-}"' EXIT
    local url=""
    for _ in $(seq 1 100); do
        url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -n1 || true)
        [ -n "$url" ] && break
        sleep 0.1
    done
    if [ -z "$url" ]; then
        echo "vlens-sandbox did not start:" >&2
        cat "$log" >&2
        exit 1
    fi
    echo "==> sandbox at $url"
    local runner=()
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        echo "==> no display: running under Xvfb (set DISPLAY to use yours)"
        runner=(xvfb-run -a -s "-screen 0 1280x800x24")
    fi
    # shellcheck disable=SC1090
    [ -f "$build/demo-env.sh" ] && . "$build/demo-env.sh"
    # The sandbox's demo tenant (vlens-sandbox --help); the agent signs in as admin /
    # sandbox-admin, or clerk / sandbox-clerk (no audit permission).
    KIOSK_API_KEY=sandbox-api-key KIOSK_TENANCY=sandbox KIOSK_AGENT_USER=admin \
        KIOSK_BOLDSIGN_BASE_URL="$url" KIOSK_BOLDSIGN_API_KEY=sandbox-boldsign-key \
        "${runner[@]}" "$build/bin/onboarding-kiosk" --api-url "$url" "$@"
}

cmd=${1:-}
shift || true
case "$cmd" in
    run)   install_deps; configure_and_build; run_kiosk "$@" ;;
    test)  install_deps; configure_and_build
           ctest --test-dir "$build" --output-on-failure --timeout 300 -j "$jobs" "$@" ;;
    build) install_deps; configure_and_build ;;
    deps)  install_deps ;;
    *) sed -n '2,7p' "$0"; exit 2 ;;
esac
