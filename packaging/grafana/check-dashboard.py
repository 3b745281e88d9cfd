#!/usr/bin/env python3
"""Validates a Grafana dashboard JSON the way Grafana's importer needs it.

Checks the schema fields (uid, title, schemaVersion, panels with id/type/title/gridPos/
targets/expr, the templating variables branch and kiosk), that every query filters by
$branch and $kiosk and has balanced brackets, and, given exposition files
(--metrics FILE...), that every kiosk_* metric a query uses is one the kiosk produces.
Exit 0 when valid; otherwise one line per problem and exit 1.
"""
import argparse
import json
import re
import sys

PANEL_TYPES = {"timeseries", "stat", "gauge", "bargauge", "table", "barchart",
               "state-timeline", "status-history", "heatmap", "piechart", "text"}


def metric_names(paths):
    names = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"# TYPE (\S+) (\S+)", line)
                if not m:
                    continue
                names.add(m.group(1))
                if m.group(2) == "histogram":
                    names.update(m.group(1) + s for s in ("_bucket", "_sum", "_count"))
    return names


def balanced(expr):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    in_string = False
    for i, c in enumerate(expr):
        if c == '"' and (i == 0 or expr[i - 1] != "\\"):
            in_string = not in_string
        if in_string:
            continue
        if c in "([{":
            stack.append(c)
        elif c in pairs:
            if not stack or stack.pop() != pairs[c]:
                return False
    return not stack and not in_string


def check(dashboard, known):
    problems = []

    def need(obj, key, kind, where):
        if not isinstance(obj, dict) or key not in obj:
            problems.append(f"{where}: missing '{key}'")
            return None
        if not isinstance(obj[key], kind) or obj[key] in ("", [], {}):
            problems.append(f"{where}: '{key}' must be a non-empty {kind.__name__}")
            return None
        return obj[key]

    need(dashboard, "title", str, "dashboard")
    uid = need(dashboard, "uid", str, "dashboard")
    if uid and (len(uid) > 40 or not re.fullmatch(r"[A-Za-z0-9_-]+", uid)):
        problems.append("dashboard: uid must be at most 40 letters, digits, '-' or '_'")
    version = need(dashboard, "schemaVersion", int, "dashboard")
    if version is not None and version < 30:
        problems.append(f"dashboard: schemaVersion {version} is older than Grafana 8")

    templating = need(dashboard, "templating", dict, "dashboard") or {}
    variables = {v.get("name"): v for v in (need(templating, "list", list, "templating") or [])}
    for name in ("branch", "kiosk"):
        v = variables.get(name)
        if not v:
            problems.append(f"templating: no variable '{name}'")
            continue
        if v.get("type") != "query" or "label_values(" not in json.dumps(v.get("query")):
            problems.append(f"templating: '{name}' must be a label_values() query variable")

    ids = set()
    for n, panel in enumerate(need(dashboard, "panels", list, "dashboard") or []):
        where = f"panel {n + 1}"
        title = need(panel, "title", str, where)
        where = f"panel {n + 1} ({title})"
        pid = need(panel, "id", int, where)
        if pid in ids:
            problems.append(f"{where}: duplicate id {pid}")
        ids.add(pid)
        ptype = need(panel, "type", str, where)
        if ptype and ptype not in PANEL_TYPES:
            problems.append(f"{where}: unknown panel type '{ptype}'")
        grid = need(panel, "gridPos", dict, where) or {}
        for key in ("x", "y", "w", "h"):
            if not isinstance(grid.get(key), int):
                problems.append(f"{where}: gridPos.{key} must be an integer")
        if isinstance(grid.get("x"), int) and isinstance(grid.get("w"), int) \
                and grid["x"] + grid["w"] > 24:
            problems.append(f"{where}: wider than Grafana's 24 columns")
        for t, target in enumerate(need(panel, "targets", list, where) or []):
            twhere = f"{where} target {t + 1}"
            need(target, "refId", str, twhere)
            expr = need(target, "expr", str, twhere)
            if not expr:
                continue
            if not balanced(expr):
                problems.append(f"{twhere}: unbalanced brackets or quotes in '{expr}'")
            for var in ("$branch", "$kiosk"):
                if var not in expr:
                    problems.append(f"{twhere}: the query does not filter by {var}")
            for metric in set(re.findall(r"\bkiosk_[a-z0-9_]+", expr)):
                if known and metric not in known:
                    problems.append(f"{twhere}: the kiosk publishes no metric '{metric}'")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dashboard")
    parser.add_argument("--metrics", nargs="*", default=[],
                        help="exposition files whose metric names the queries may use")
    args = parser.parse_args()
    try:
        with open(args.dashboard, encoding="utf-8") as f:
            dashboard = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        print(f"{args.dashboard}: {e}")
        return 1
    problems = check(dashboard, metric_names(args.metrics))
    for p in problems:
        print(f"{args.dashboard}: {p}")
    if not problems:
        print(f"{args.dashboard}: ok ({len(dashboard['panels'])} panels)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
