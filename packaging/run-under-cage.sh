#!/usr/bin/env bash
# Runs one program as the only client of cage, the Wayland kiosk compositor the branch
# service uses, on cage's headless backend (no GPU, no input devices, no seat), as an
# unprivileged user: cage refuses to run as root. Exits with the program's exit code.
#
#   packaging/run-under-cage.sh [--user NAME] -- PROGRAM [ARGS...]
#
# --user        the user to run as when started by root (default kiosktest; created as a
#               system user if missing). Started by another user, it runs as that user.
# The program sees QT_QPA_PLATFORM=wayland and the compositor's WAYLAND_DISPLAY; the rest of
# the caller's environment is passed on. cage exits when its client exits: the program's
# status is written to a file in the private runtime directory and returned from there,
# because cage 0.1.4 does not return its client's status.
# The headless output is 1280x720 (wlroots 0.15's headless backend has no size setting).
set -euo pipefail

user=kiosktest
while [ $# -gt 0 ]; do
    case "$1" in
        --user) user=$2; shift 2 ;;
        --) shift; break ;;
        *) break ;;
    esac
done
if [ $# -eq 0 ]; then
    sed -n '2,13p' "$0" >&2
    exit 2
fi
command -v cage >/dev/null || { echo "run-under-cage: cage is not installed" >&2; exit 2; }
command -v Xwayland >/dev/null ||
    { echo "run-under-cage: cage needs Xwayland (package xwayland)" >&2; exit 2; }

as_user=()
if [ "$(id -u)" -eq 0 ]; then
    if ! id "$user" >/dev/null 2>&1; then
        useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin \
            --groups video "$user"
    fi
    as_user=(setpriv "--reuid=$user" "--regid=$user" --init-groups --)
else
    user=$(id -un)
fi

# A private runtime directory (the Wayland socket, the exit status, Qt's and Mesa's caches).
runtime=$(mktemp -d -t run-under-cage.XXXXXX)
trap 'rm -rf "$runtime"' EXIT
chmod 0700 "$runtime"
[ "$(id -u)" -eq 0 ] && chown "$user:" "$runtime"
status="$runtime/status"

# The client: the program, then its status.
client=(sh -c '"$@"; echo $? >"$STATUS"' client "$@")

set +e
env -u DISPLAY -u WAYLAND_DISPLAY \
    WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER="${WLR_RENDERER:-pixman}" \
    XDG_RUNTIME_DIR="$runtime" HOME="$runtime" XDG_CACHE_HOME="$runtime/cache" \
    QT_QPA_PLATFORM=wayland XDG_SESSION_TYPE=wayland \
    STATUS="$status" \
    "${as_user[@]}" cage -- "${client[@]}"
cage_code=$?
set -e
if [ ! -s "$status" ]; then
    echo "run-under-cage: cage exited ($cage_code) without running the program to its end" >&2
    exit 1
fi
exit "$(cat "$status")"
