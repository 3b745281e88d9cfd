#!/usr/bin/env bash
# Checks the fleet-monitoring files with the real tools (CI stage "monitoring"):
#  - promtool check metrics on the .prom files the test suites produced (real sessions
#    through the sandbox, labels with quotes, backslashes and line feeds);
#  - promtool check rules and promtool test rules on the alerting rules;
#  - the Grafana dashboard's schema fields, and that dashboard and rules use only
#    metrics the kiosk publishes; a broken dashboard must be refused.
# Usage: packaging/check-monitoring.sh BUILD_DIR   (after ctest ran tst_registry,
# tst_kioskmetrics and tst_kioskctlmetrics there). Installs Debian's prometheus package (promtool) if missing.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$top/build}

if ! command -v promtool >/dev/null; then
    echo "==> installing promtool (Debian package prometheus)"
    if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends prometheus >/dev/null
fi

out="$build/metrics-out"
files=("$out/tst_kioskmetrics.prom" "$out/tst_registry.prom" "$out/kioskctl-self.prom")
for f in "${files[@]}"; do
    test -s "$f" || { echo "missing $f: run ctest -R 'tst_registry|tst_kioskmetrics|tst_kioskctlmetrics' first"; exit 1; }
    echo "==> promtool check metrics $(basename "$f")"
    promtool check metrics <"$f"
done
# The label that carries a quote, a backslash and a line feed made it through escaped.
grep -qF 'branch="Giza \"Pyramids\" \\ 2\nnorth"' "$out/tst_kioskmetrics.prom"
# promtool must refuse what the format forbids (so the checks above can fail).
if printf 't_x{a="unterminated} 1\n' | promtool check metrics >/dev/null 2>&1; then
    echo "promtool accepted a broken exposition"; exit 1
fi

rules="$top/packaging/prometheus"
echo "==> promtool check rules / test rules"
promtool check rules "$rules/onboarding-kiosk.rules.yml"
(cd "$rules" && promtool test rules onboarding-kiosk.rules.test.yml)

echo "==> Grafana dashboard"
python3 "$top/packaging/grafana/check-dashboard.py" "$top/packaging/grafana/onboarding-kiosk.json" \
    --metrics "$out/tst_kioskmetrics.prom"
broken=$(mktemp)
trap 'rm -f "$broken"' EXIT
python3 - "$top/packaging/grafana/onboarding-kiosk.json" >"$broken" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["templating"]["list"] = [v for v in d["templating"]["list"] if v["name"] != "kiosk"]
d["panels"][0]["targets"][0]["expr"] = "kiosk_camera_upp"
print(json.dumps(d))
PY
if python3 "$top/packaging/grafana/check-dashboard.py" "$broken" \
    --metrics "$out/tst_kioskmetrics.prom" >/dev/null; then
    echo "the dashboard check accepted a broken dashboard"; exit 1
fi

echo "==> metrics named by the rules exist"
for m in $(grep -o 'kiosk_[a-z0-9_]*' "$rules/onboarding-kiosk.rules.yml" | sort -u); do
    grep -q "^# TYPE $m " "$out/tst_kioskmetrics.prom" \
        || { echo "the rules use $m, which the kiosk does not publish"; exit 1; }
done
echo "==> monitoring files ok"
