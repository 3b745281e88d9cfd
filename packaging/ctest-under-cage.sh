#!/usr/bin/env bash
# Runs test executables registered with ctest on the production platform: each one as the
# only client of cage (Wayland, headless backend) as an unprivileged user, with the
# environment its ctest entry sets but QT_QPA_PLATFORM=wayland (packaging/run-under-cage.sh).
#
#   packaging/ctest-under-cage.sh BUILD_DIR TEST [TEST...]
#
# Started by root, it runs the tests as user kiosktest (created when missing) and makes the
# source and build trees readable by it: a+rX on the tree, o+x (traverse only) on the
# directories above it, each change printed. Installs cage and xwayland when missing.
# Exit code: the number of tests that failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
if [ $# -lt 2 ]; then
    sed -n '2,11p' "$0" >&2
    exit 2
fi
build=$(realpath "$1")
shift

missing=()
command -v cage >/dev/null || missing+=(cage)
command -v Xwayland >/dev/null || missing+=(xwayland)
# Qt's Wayland platform plugin (the installed package depends on it; a bare build tree does not).
qtwayland=$(find /usr/lib -path '*qt6/plugins/platforms/libqwayland-generic.so' -print -quit)
[ -n "$qtwayland" ] || missing+=(qt6-wayland)
if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

user=kiosktest
if [ "$(id -u)" -eq 0 ]; then
    if ! id "$user" >/dev/null 2>&1; then
        useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin \
            --groups video "$user"
    fi
    # The tests read the build tree (binaries, libraries, plugins) and the source tree
    # (test data): readable by all, and every directory above them traversable.
    for tree in "$top" "$build"; do
        if ! setpriv "--reuid=$user" "--regid=$user" --init-groups test -r "$tree/." -a -x "$tree"; then
            dir=$tree
            while [ "$dir" != / ]; do
                dir=$(dirname "$dir")
                if [ "$(($(stat -c '%#a' "$dir") & 1))" -eq 0 ]; then
                    chmod o+x "$dir"
                    echo "==> chmod o+x $dir (so that $user reaches $tree)"
                fi
            done
        fi
        if find "$tree" \( ! -perm -o=r -o \( -type d ! -perm -o=x \) \) -print -quit | grep -q .; then
            chmod -R a+rX "$tree"
            echo "==> chmod -R a+rX $tree (readable by $user)"
        fi
    done
fi

# Each test's command and environment, as ctest would run it.
scratch=$(mktemp -d -t ctest-under-cage.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
chmod 0711 "$scratch"
ctest --test-dir "$build" --show-only=json-v1 >"$scratch/tests.json"
# The registry GStreamer keeps must be writable: a private one, not the build tree's.
# And screenshots a suite writes when KIOSK_SCREENSHOT_DIR is set: written, not kept.
mkdir "$scratch/gst" "$scratch/screens"
[ "$(id -u)" -eq 0 ] && chown "$user:" "$scratch/gst" "$scratch/screens"

failed=()
for name in "$@"; do
    mapfile -d '' -t spec < <(python3 - "$scratch/tests.json" "$name" <<'EOF'
import json, sys
name = sys.argv[2]
for test in json.load(open(sys.argv[1]))["tests"]:
    if test["name"] == name:
        env = []
        for prop in test.get("properties", []):
            if prop["name"] == "ENVIRONMENT":
                env = prop["value"]
        out = [str(len(env))] + env + test["command"]
        sys.stdout.write("\0".join(out) + "\0")
        break
else:
    sys.exit(f"no test named {name} in the build tree")
EOF
    )
    count=${spec[0]}
    environment=("${spec[@]:1:$count}")
    command=("${spec[@]:$((count + 1))}")
    echo "==> $name under cage (Wayland, headless) as $( [ "$(id -u)" -eq 0 ] && echo "$user" || id -un)"
    start=$(date +%s)
    [ ${#spec[@]} -gt 0 ] || { failed+=("$name"); continue; }
    if (cd "$build" && env "${environment[@]}" QT_QPA_PLATFORM=wayland \
        GST_REGISTRY="$scratch/gst/registry.bin" KIOSK_SCREENSHOT_DIR="$scratch/screens" \
        "$here/run-under-cage.sh" --user "$user" -- "${command[@]}"); then
        echo "==> $name passed under cage in $(($(date +%s) - start)) s"
    else
        echo "==> $name FAILED under cage"
        failed+=("$name")
    fi
done
[ ${#failed[@]} -eq 0 ] || echo "failed under cage: ${failed[*]}"
exit ${#failed[@]}
