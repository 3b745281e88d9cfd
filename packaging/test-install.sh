#!/usr/bin/env bash
# The whole branch in a box: a fresh Debian 12 root file system, the freshly built packages
# installed into it with apt, systemd booted in it (systemd-nspawn), a branch configuration
# and secret written as a branch's IT team would, onboarding-kiosk.service started with a
# drop-in that only puts cage on its headless backend, and every check made from outside.
#
#   packaging/test-install.sh [--screenshot FILE.png] DEB [DEB...]
#
# Runs as root (CI's throw-away machine, or a developer's with sudo); installs mmdebstrap,
# systemd-container and python3 when missing. Every check runs even when an earlier one
# failed; the summary lists each failure and the exit code is the number of failures.
# Keep the box for a look with KEEP_BOX=1 (its path is printed). For development only:
# BOX_BASE=FILE.tar reuses a root file system, BOX_INSTALLED=DIR a kept box's root.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
start=$(date +%s)
stamp() { echo "--> [$(($(date +%s) - start))s] $*"; }

screenshot=
if [ "${1:-}" = "--screenshot" ]; then
    screenshot=$2
    shift 2
fi
if [ $# -eq 0 ]; then
    sed -n '2,13p' "$0" >&2
    exit 2
fi
[ "$(id -u)" -eq 0 ] || { echo "test-install: run as root (mmdebstrap, systemd-nspawn)" >&2; exit 2; }
debs=()
for deb in "$@"; do
    [ -f "$deb" ] || { echo "test-install: no such package: $deb" >&2; exit 2; }
    debs+=("$(realpath "$deb")")
done

# What the branch writes: its tenancy, the identity service (the sandbox, started in the
# box on 127.0.0.1), the API key (the sandbox's demo key, not a secret) and an agent PIN.
readonly tenancy=Giza-Branch-07
readonly api_key=sandbox-api-key
readonly pin=582046
readonly persona=ahmed

missing=()
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
command -v systemd-nspawn >/dev/null || missing+=(systemd-container)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
    stamp "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

failures=()
pass() { echo "    ok: $*"; }
fail() {
    echo "    FAILED: $*"
    failures+=("$*")
}
check() { # check "what" command...: a failed command is a failure named "what"
    local what=$1
    shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

work=$(mktemp -d /var/tmp/kiosk-box.XXXXXX)
root=$work/root
nspawn_pid=
init_pid=
in_box() { nsenter -t "$init_pid" -a "$@"; }
stop_box() {
    if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
        # SIGTERM makes nspawn halt the box's systemd; a second one ends it at once. Killing
        # nspawn itself would leave the box's processes running.
        kill "$nspawn_pid" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.1; done
        kill "$nspawn_pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.1; done
        [ -z "$init_pid" ] || kill -9 "$init_pid" 2>/dev/null || true
    fi
    nspawn_pid=
}
finish() {
    stop_box
    if [ "${KEEP_BOX:-0}" = 1 ]; then echo "the box is kept in $work"; else rm -rf "$work"; fi
}
trap finish EXIT

stamp "a fresh Debian 12 root file system (mmdebstrap, the host's apt sources)"
sources=/etc/apt/sources.list.d/debian.sources
[ -f "$sources" ] || sources=/etc/apt/sources.list
# The package lists stay, so that apt in the box installs from the same snapshot.
# BOX_BASE=FILE.tar (development): reuse that root file system, made on the first run.
if [ -n "${BOX_INSTALLED:-}" ]; then
    :
elif [ -n "${BOX_BASE:-}" ] && [ -f "$BOX_BASE" ]; then
    mkdir -p "$root"
    tar -C "$root" -xf "$BOX_BASE"
else
    mmdebstrap --quiet --variant=minbase --include=systemd,systemd-sysv,dbus \
        --skip=cleanup/apt/lists bookworm "$root" "$sources"
    [ -z "${BOX_BASE:-}" ] || tar -C "$root" -cf "$BOX_BASE" .
fi

if [ -n "${BOX_INSTALLED:-}" ]; then
    # Development: a box from an earlier run (KEEP_BOX=1) with the packages installed.
    rm -rf "$root"
    cp -a "$BOX_INSTALLED" "$root"
else
stamp "installing ${debs[*]##*/} with apt in the box"
mkdir -p "$root/var/tmp/debs"
cp "${debs[@]}" "$root/var/tmp/debs/"
in_box_debs=()
for deb in "${debs[@]}"; do in_box_debs+=("/var/tmp/debs/${deb##*/}"); done
# grim: the screenshot tool of this test, not of the product.
systemd-nspawn -q --register=no --keep-unit -D "$root" --pipe \
    env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    -o Dpkg::Options::=--force-unsafe-io \
    "${in_box_debs[@]}" grim </dev/null >"$work/apt.log" 2>&1 ||
    { tail -30 "$work/apt.log"; echo "test-install: apt could not install the packages" >&2; exit 1; }
grep -E '^(Setting up|Unpacking) (onboarding-kiosk|cage|xwayland|libpam-systemd)' \
    "$work/apt.log" | sed 's/^/    /' | sort -u | grep -v Unpacking || true
fi

stamp "booting the box (systemd-nspawn -b)"
systemd-nspawn --register=no --keep-unit -q -b -D "$root" --console=passive \
    >"$work/console.log" 2>&1 </dev/null &
nspawn_pid=$!
# The box's PID 1 is nspawn's child once it has become systemd.
for _ in $(seq 1 300); do
    init_pid=$(awk '{print $1}' "/proc/$nspawn_pid/task/$nspawn_pid/children" 2>/dev/null || true)
    [ -n "$init_pid" ] && [ "$(cat "/proc/$init_pid/comm" 2>/dev/null)" = systemd ] && break
    init_pid=
    sleep 0.1
done
[ -n "$init_pid" ] || { cat "$work/console.log"; echo "test-install: the box did not boot" >&2; exit 1; }
state=
for _ in $(seq 1 900); do
    state=$(in_box systemctl is-system-running 2>/dev/null || true)
    case "$state" in running | degraded) break ;; esac
    sleep 0.1
done
echo "    system state: $state"
[ "$state" = running ] || in_box systemctl --failed --no-pager || true

stamp "the branch configuration: /etc/xdg/onboarding-kiosk/kiosk.ini and the secret"
# The identity service the kiosk talks to: the sandbox, a transient unit in the box. It draws
# its specimen cards' portraits itself: the box has no opencv-doc, and the sandbox needs none.
# The customer's face frames below are test media: a real photo from the host's opencv-doc
# (packaging/debian-packages.txt installs it), never installed by a package.
face_photo=/usr/share/doc/opencv-doc/examples/data/messi5.jpg
[ -f "$face_photo" ] || { echo "test-install: $face_photo is missing (apt-get install opencv-doc)" >&2; exit 1; }
cp "$face_photo" "$root/usr/local/share/face-photo.jpg"
chmod 0644 "$root/usr/local/share/face-photo.jpg"
if [ -e "$root/usr/share/doc/opencv-doc" ]; then
    echo "test-install: opencv-doc is installed in the box" >&2; exit 1
fi
in_box systemd-run -q --unit=vlens-sandbox -p DynamicUser=yes \
    /usr/bin/vlens-sandbox --port 0 --tenancy "$tenancy"
api_url=
for _ in $(seq 1 100); do
    api_url=$(in_box journalctl -q -u vlens-sandbox -o cat --no-pager |
        grep -o 'http://127.0.0.1:[0-9]*' | head -n1 || true)
    [ -n "$api_url" ] && break
    sleep 0.1
done
[ -n "$api_url" ] || { in_box journalctl -u vlens-sandbox --no-pager; echo "no sandbox" >&2; exit 1; }
echo "    identity service: $api_url (tenant $tenancy)"
ini=$root/etc/xdg/onboarding-kiosk/kiosk.ini
sed -i -e "s|^baseUrl=.*|baseUrl=$api_url|" -e "s|^tenancyName=.*|tenancyName=$tenancy|" "$ini"
grep -q "^tenancyName=$tenancy\$" "$ini" && grep -q "^baseUrl=$api_url\$" "$ini" ||
    { cat "$ini"; echo "test-install: the packaged kiosk.ini has no api/baseUrl or api/tenancyName" >&2; exit 1; }
# As the README tells a branch: edit the root-only file the package created, keep its mode.
secrets=$root/etc/onboarding-kiosk/secrets
printf 'api/apiKey=%s\n' "$api_key" >>"$secrets"
# What the box lacks, and nothing else: a screen, a GPU and input devices (cage's headless
# backend, a 1280x720 output, the pixman renderer), and virtual terminals: logind refuses a
# session on tty1 in a container ("Seat has no VTs but VT number not 0"), so the session
# gets no terminal (the unit itself needs tty1 on a real machine: seat0 has VTs there).
mkdir -p "$root/etc/systemd/system/onboarding-kiosk.service.d"
cat >"$root/etc/systemd/system/onboarding-kiosk.service.d/box.conf" <<'EOF'
[Service]
Environment=WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman
TTYPath=
StandardInput=null
TTYReset=no
TTYVHangup=no
TTYVTDisallocate=no
# In the box, the service's own mount namespace does not see the runtime directory logind
# mounts for the session (/run/user/UID): cage fails with "Unable to open Wayland socket".
# Not seen on a real machine yet (not tested there); see the report of issue 9.
PrivateTmp=no
ProtectHome=no
ProtectSystem=no
EOF

stamp "starting onboarding-kiosk.service"
in_box systemctl daemon-reload
in_box systemctl start onboarding-kiosk.service || true

# The kiosk's own lines: the service's, and its login session's (pam_systemd moves the
# processes into session-N.scope).
kiosk_journal() { in_box journalctl -q -u onboarding-kiosk.service -u 'session-*.scope' -o cat --no-pager "$@"; }
# The kiosk is up when it has shown its first page and its window took the screen. The two
# lines come in either order (the compositor gives the window its output ~0.1 s after the
# first page is set up): wait for both, or a check that reads the journal races the second.
wait_for_sign_in() {
    local since=$1 lines
    for _ in $(seq 1 900); do
        lines=$(kiosk_journal --since "$since")
        if grep -qE '(^|: )sign-in page: tenancy' <<<"$lines" &&
            grep -qE '(^|: )kiosk window covers screen' <<<"$lines"; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}
kiosk_pid() { # the onboarding-kiosk process in the box (comm is cut to 15 characters)
    in_box sh -c 'for p in /proc/[0-9]*; do
        [ "$(cat "$p/comm" 2>/dev/null)" = onboarding-kios ] && echo "${p#/proc/}"; done; true' |
        head -n1
}
started_at=$(in_box date '+%Y-%m-%d %H:%M:%S')
if ! wait_for_sign_in "$started_at"; then
    fail "the kiosk showed no page within 90 s of the start (journal follows)"
    kiosk_journal | tail -40 | sed 's/^/    | /'
fi

stamp "checks from outside"
check "onboarding-kiosk.service is active" \
    test "$(in_box systemctl is-active onboarding-kiosk.service)" = active
kpid=$(kiosk_pid)
if [ -z "$kpid" ]; then
    fail "no onboarding-kiosk process runs in the box"
else
    kuser=$(in_box stat -c %U "/proc/$kpid")
    check "the kiosk (pid $kpid) runs as user kiosk (is '$kuser')" test "$kuser" = kiosk
fi
journal=$(kiosk_journal)
# The kiosk logs what it read at start-up (category kiosk.settings; the journal line may
# start with the category).
check "the kiosk logged 'configuration files read: ...' naming /etc/xdg/onboarding-kiosk/kiosk.ini" \
    grep -qE '(^|: )configuration files read: .*/etc/xdg/onboarding-kiosk/kiosk\.ini' <<<"$journal"
check "the kiosk logged 'secrets read from /run/credentials/onboarding-kiosk.service/kiosk-secrets: ...' naming api/apiKey" \
    grep -qE '(^|: )secrets read from /run/credentials/onboarding-kiosk\.service/kiosk-secrets ?: .*api/apiKey' \
    <<<"$journal"
check "the kiosk logged 'sign-in page: tenancy $tenancy' (the configured tenancy is on the sign-in page)" \
    grep -qE "(^|: )sign-in page: tenancy $tenancy\$" <<<"$journal"
check "the kiosk logged that its window covers the 1280x720 output" \
    grep -qE '(^|: )kiosk window covers screen "?HEADLESS-1"? \(1280x720\+0\+0\)' <<<"$journal"
check "the API key's value is nowhere in the journal" \
    bash -c '! grep -qF "$1" <(nsenter -t "$2" -a journalctl -q --no-pager -o cat)' _ "$api_key" \
    "$init_pid"
check "/etc/onboarding-kiosk/secrets stays 0600 root:root (is $(stat -c '%a %U:%G' "$secrets"))" \
    test "$(stat -c '%a %U:%G' "$secrets")" = "600 root:root"

# The agent PIN survives a restart: kioskctl pin set (PIN on stdin) when the tool has it,
# the state file in StateDirectory= in any case.
state_file=$root/var/lib/onboarding-kiosk/state.ini
if in_box kioskctl pin set --help >/dev/null 2>&1; then
    check "kioskctl pin set takes the PIN from stdin" \
        bash -c 'printf "%s\n" "$1" | nsenter -t "$2" -a kioskctl pin set' _ "$pin" "$init_pid"
    check "the PIN itself is not in the state file" bash -c '! grep -qF "$1" "$2"' _ "$pin" "$state_file"
else
    fail "kioskctl has no 'pin set' command: the agent PIN is only set at the first sign-in"
fi
# Owner by name inside the box: the host's user table has no (or another) kiosk user.
state_mode() { in_box stat -c '%a %U' /var/lib/onboarding-kiosk/state.ini 2>/dev/null || echo "missing"; }
before=$(sha256sum "$state_file" 2>/dev/null | cut -d' ' -f1 || true)
check "/var/lib/onboarding-kiosk/state.ini is 0600 kiosk before the restart (is $(state_mode))" \
    test "$(state_mode)" = "600 kiosk"
restarted_at=$(in_box date '+%Y-%m-%d %H:%M:%S')
in_box systemctl restart onboarding-kiosk.service || true
check "the kiosk came back after a restart" wait_for_sign_in "$restarted_at"
check "after the restart the kiosk logged that it read its state file /var/lib/onboarding-kiosk/state.ini" \
    bash -c 'nsenter -t "$1" -a journalctl -q -u onboarding-kiosk.service -u "session-*.scope" \
        -o cat --no-pager --since "$2" | grep -qE "(^|: )configuration files read: .*/var/lib/onboarding-kiosk/state\.ini"' \
    _ "$init_pid" "$restarted_at"
after=$(sha256sum "$state_file" 2>/dev/null | cut -d' ' -f1 || true)
check "the state file (agent PIN hash) is unchanged by the restart and 0600 kiosk (is $(state_mode))" \
    test -n "$before" -a "$before" = "$after" -a "$(state_mode)" = "600 kiosk"
kpid2=
for _ in $(seq 1 300); do
    kpid2=$(kiosk_pid)
    [ -n "$kpid2" ] && [ "$kpid2" != "$kpid" ] && break
    sleep 0.1
done
check "a new kiosk process runs after the restart ($kpid -> $kpid2)" test -n "$kpid2" -a "$kpid2" != "$kpid"

# The screenshot. cage 0.1.4 hands a full-screen client's buffer straight to the output
# (direct scan-out), and on the headless backend grim then reads the compositor's last
# composited frame, which is black: a screenshot of the kiosk as it runs shows nothing. A
# second drop-in turns the output by 180 degrees (cage -r -r, same 1280x720 size), which
# makes cage composite every frame; grim turns the picture upright again. The unit's own
# ExecStart is kept, only the two flags are added.
exec_start=$(grep -m1 '^ExecStart=/usr/bin/cage ' "$root/lib/systemd/system/onboarding-kiosk.service" || true)
if [ -z "$exec_start" ]; then
    fail "the unit's ExecStart does not start /usr/bin/cage: no screenshot"
else
    printf '[Service]\nExecStart=\n%s\n' "${exec_start/\/usr\/bin\/cage /\/usr\/bin\/cage -r -r }" \
        >"$root/etc/systemd/system/onboarding-kiosk.service.d/screenshot.conf"
    in_box systemctl daemon-reload
    shot_at=$(in_box date '+%Y-%m-%d %H:%M:%S')
    in_box systemctl restart onboarding-kiosk.service || true
    wait_for_sign_in "$shot_at" || fail "the kiosk did not start again for the screenshot"
    # The first frames after the page is built.
    sleep 3
    shot=$work/screen.png
    cage_pid=$(in_box systemctl show -p MainPID --value onboarding-kiosk.service)
    runtime=$(in_box cat "/proc/$cage_pid/environ" 2>/dev/null | tr '\0' '\n' |
        sed -n 's/^XDG_RUNTIME_DIR=//p' || true)
    if [ -z "$runtime" ] || ! in_box test -S "$runtime/wayland-0"; then
        fail "no Wayland socket of cage (pid $cage_pid) in XDG_RUNTIME_DIR '$runtime'"
    elif ! in_box setpriv --reuid=kiosk --regid=kiosk --init-groups \
        env XDG_RUNTIME_DIR="$runtime" WAYLAND_DISPLAY=wayland-0 grim - >"$shot"; then
        fail "grim could not take a screenshot of the output"
    else
        # The window covers the output when the screenshot has no border of cage's black
        # background: the kiosk paints every pixel it covers.
        if coverage=$(python3 "$here/png-coverage.py" "$shot" 1280 720); then
            pass "screenshot: $coverage"
        else
            fail "screenshot: $coverage"
        fi
        [ -z "$screenshot" ] || cp "$shot" "$screenshot"
    fi
fi

# A customer session with the installed tools: the persona's specimen card and three face
# frames, verified against the sandbox as the branch's tenant with the branch's credential.
session=/var/tmp/session
in_box mkdir -p "$session"
in_box kioskctl specimen "$persona" -o "$session" >/dev/null
phone=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(next(p["phoneNumber"] for p in d["personas"] if p["id"]==sys.argv[2]))' \
    "$top/resources/personas/personas.json" "$persona")
front=$(cd "$root$session" && ls | grep -i front | head -n1)
back=$(cd "$root$session" && ls | grep -i back | head -n1)
# Three face frames: the face photo under three byte budgets (distinct files and pixels).
for i in 1 2 3; do
    in_box kioskctl compress /usr/local/share/face-photo.jpg "$session/face$i.jpg" \
        --budget $((30000 + i * 5000)) >/dev/null
done
# The unit's description would otherwise be its command line, phone number included.
if in_box systemd-run -q --wait --collect --unit=kiosk-session --description="customer session" \
    -p LoadCredential=kiosk-secrets:/etc/onboarding-kiosk/secrets \
    /usr/bin/kioskctl verify -v --config /etc/xdg/onboarding-kiosk/kiosk.ini --front "$session/$front" --back "$session/$back" \
    --face "$session/face1.jpg" --face "$session/face2.jpg" --face "$session/face3.jpg" \
    --phone "$phone"; then
    pass "a session verified the persona '$persona' (kioskctl verify, unit kiosk-session)"
else
    fail "the session (kioskctl verify) did not verify (journal follows)"
    in_box journalctl -q -u kiosk-session -o cat --no-pager | tail -20 | sed 's/^/    | /'
fi
session_log=$(in_box journalctl -q -u kiosk-session -o cat --no-pager)
check "the session's journal carries the outcome and its request ids" \
    bash -c 'grep -q "verified" <<<"$1" && grep -q "request" <<<"$1"' _ "$session_log"
# Nothing of the customer in the whole journal of the box: kiosk, session, sandbox, system.
mapfile -t personal < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
p=next(p for p in d["personas"] if p["id"]==sys.argv[2])
for k in ("phoneNumber","idNumber","idKey","firstName","lastNames","firstNameEnglish",
          "lastNamesEnglish","address","email"):
    print(p[k])
print(p["phoneNumber"].lstrip("+"))' "$top/resources/personas/personas.json" "$persona")
whole=$(in_box journalctl -q --no-pager -o cat)
leaks=()
for value in "${personal[@]}"; do
    grep -qF "$value" <<<"$whole" && leaks+=("$value")
done
check "the journal holds none of the persona's phone, national ID, card key, names, address, email (found: ${leaks[*]:-none})" \
    test ${#leaks[@]} -eq 0

stop_box
echo
echo "system test: $((${#failures[@]})) failure(s) in $(($(date +%s) - start)) s"
for f in "${failures[@]}"; do echo "  - $f"; done
exit ${#failures[@]}
