#!/usr/bin/env bash
# Known-vulnerability audit of the Python packages the dashboard installs (pip-audit).
#
#   scripts/audit_requirements.sh [PYTHON]
#
# Audits the exact versions installed from requirements.txt and requirements-dev.txt in the project's virtual
# environment (PYTHON, default .venv/bin/python: create it with the README's install command first), so the report
# matches what the tests ran and what the demo serves. requirements*.txt hold ranges, not pins: the freeze of that
# environment is the pinned list. pip-audit runs from its own virtual environment (AUDIT_VENV, default
# ~/.cache/morocco-ai-pip-audit), never inside the app's.
#
# Vulnerability data: the PyPI JSON API (per-version endpoint) by default, AUDIT_SERVICE=osv for OSV.
# Exit status: 0 no known vulnerability; 1 vulnerabilities found (listed); 2 the audit could not run (pip-audit
# missing and not installable, or no environment to audit); 0 with a WARNING when the vulnerability service
# cannot be reached from this machine, so nothing could be checked (the report says so on its first line).
# AUDIT_STRICT=1 turns that last case into exit 3 (for a CI that has network access and must not pass blind).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${1:-$ROOT/.venv/bin/python}
AUDIT_VENV=${AUDIT_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/morocco-ai-pip-audit}
SERVICE=${AUDIT_SERVICE:-pypi}
TIMEOUT=${AUDIT_TIMEOUT:-20}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

say() { printf '%s\n' "$*"; }

if [ ! -x "$PYTHON" ]; then
  say "audit: $PYTHON not found: install the requirements first:"
  say "  python3 -m venv .venv && .venv/bin/pip install -q -r requirements-dev.txt"
  exit 2
fi

# 1. pip-audit in its own environment (created once, reused).
if [ ! -x "$AUDIT_VENV/bin/pip-audit" ]; then
  python3 -m venv "$AUDIT_VENV"
  if ! "$AUDIT_VENV/bin/pip" install -q "pip-audit>=2.7,<3" >"$WORK/install.log" 2>&1; then
    cat "$WORK/install.log"
    say "audit: could not install pip-audit into $AUDIT_VENV"
    exit 2
  fi
fi

# 2. The pinned list: every distribution of the project's environment, and which of them the runtime needs
#    (requirements.txt and its dependencies) rather than only the tests and data builds.
"$PYTHON" -m pip freeze --all --exclude-editable 2>/dev/null \
  | grep -v -E '^(pip|setuptools|wheel)==' | grep -E '^[A-Za-z0-9._-]+==' > "$WORK/pinned.txt" || true
if [ ! -s "$WORK/pinned.txt" ]; then
  say "audit: nothing installed in $PYTHON's environment"
  exit 2
fi
"$PYTHON" - "$ROOT/requirements.txt" > "$WORK/runtime.txt" <<'PY'
"""Names (normalised) of requirements.txt and everything they pull in, from the installed metadata."""
import re, sys
from importlib import metadata

def norm(name): return re.sub(r"[-_.]+", "-", name).lower()
try:
    from packaging.requirements import Requirement
except ImportError:  # the runtime scope is then the direct requirements only
    Requirement = None
todo = [re.split(r"[<>=!~;\[ ]", line.strip(), maxsplit=1)[0] for line in open(sys.argv[1])
        if line.strip() and not line.startswith(("#", "-"))]
seen = set()
while todo:
    name = norm(todo.pop())
    if name in seen:
        continue
    seen.add(name)
    try:
        requires = metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        continue
    for spec in requires:
        if Requirement is None:
            continue
        req = Requirement(spec)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            todo.append(req.name)
print("\n".join(sorted(seen)))
PY

# 3. Can the vulnerability service be reached? (pip-audit reports unreachable or unknown packages as "skipped".)
probe_name=$(head -n1 "$WORK/pinned.txt" | cut -d= -f1)
probe_version=$(head -n1 "$WORK/pinned.txt" | cut -d= -f3)
if [ "$SERVICE" = osv ]; then
  probe_url="https://api.osv.dev/v1/query"
  probe_cmd=(curl -sS -o /dev/null -w '%{http_code}' --max-time "$TIMEOUT" -H 'Content-Type: application/json'
             -d "{\"package\":{\"name\":\"$probe_name\",\"ecosystem\":\"PyPI\"},\"version\":\"$probe_version\"}" "$probe_url")
else
  probe_url="https://pypi.org/pypi/$probe_name/$probe_version/json"
  probe_cmd=(curl -sS -o /dev/null -w '%{http_code}' --max-time "$TIMEOUT" "$probe_url")
fi
if [ "${AUDIT_SKIP_PROBE:-0}" = 1 ]; then  # tests: no network
  status=skipped; : > "$WORK/probe.err"
else
  status=$("${probe_cmd[@]}" 2>"$WORK/probe.err" || true)
fi

# 4. The audit itself (no resolution: the list is already complete and pinned).
set +e
"$AUDIT_VENV/bin/pip-audit" --requirement "$WORK/pinned.txt" --no-deps --disable-pip --progress-spinner off \
  --vulnerability-service "$SERVICE" --format json --output "$WORK/audit.json" --timeout "$TIMEOUT" \
  2> "$WORK/audit.err"
audit_status=$?
set -e

"$AUDIT_VENV/bin/python" - "$WORK" "$SERVICE" "$probe_url" "${status:-000}" "$audit_status" "${AUDIT_STRICT:-0}" <<'PY'
import json, sys
from pathlib import Path

work, service, probe_url, probe_status, audit_status, strict = sys.argv[1:]
work = Path(work)
runtime = set(work.joinpath("runtime.txt").read_text().split())
norm = lambda name: name.replace("_", "-").replace(".", "-").lower()
try:
    report = json.loads(work.joinpath("audit.json").read_text() or "{}")
except (OSError, json.JSONDecodeError):
    report = {}
deps = report.get("dependencies", [])
audited = [d for d in deps if "skip_reason" not in d]
skipped = [d for d in deps if "skip_reason" in d]
vulnerable = [d for d in audited if d.get("vulns")]
scope = lambda d: "runtime" if norm(d["name"]) in runtime else "dev"
pinned = len(work.joinpath("pinned.txt").read_text().split())

if not audited and probe_status == "200":  # the service answers, so pip-audit itself failed
    print(work.joinpath("audit.err").read_text().strip())
    print(f"audit: pip-audit failed (exit status {audit_status}) although {probe_url} answers")
    sys.exit(2)
if not audited:
    why = work.joinpath("probe.err").read_text().strip() or (skipped[0]["skip_reason"] if skipped else "") \
        or work.joinpath("audit.err").read_text().strip()
    print(f"WARNING: the vulnerability service ({service}: {probe_url}) cannot be reached from this machine "
          f"(HTTP {probe_status}); none of the {pinned} pinned packages could be checked "
          f"({why.splitlines()[-1] if why else 'pip-audit exit status ' + audit_status}).")
    print("WARNING: this is NOT a clean audit. Run scripts/audit_requirements.sh where PyPI's JSON API (or, with "
          "AUDIT_SERVICE=osv, api.osv.dev) is reachable.")
    sys.exit(3 if strict == "1" else 0)

print(f"pip-audit ({service}): {len(audited)} of {pinned} pinned packages checked "
      f"({sum(scope(d) == 'runtime' for d in audited)} runtime, {sum(scope(d) == 'dev' for d in audited)} tests/builds only)")
for d in skipped:
    print(f"WARNING: not checked: {d['name']} {d.get('version', '')}: {d['skip_reason']}")
if not vulnerable:
    print("No known vulnerabilities.")
    sys.exit(0)
count = sum(len(d["vulns"]) for d in vulnerable)
print(f"{count} known vulnerabilities in {len(vulnerable)} packages:")
print(f"  {'package':<22} {'version':<12} {'scope':<8} {'id':<22} {'fixed in':<16} aliases")
for d in sorted(vulnerable, key=lambda d: (scope(d), d["name"].lower())):
    for v in d["vulns"]:
        print(f"  {d['name']:<22} {d['version']:<12} {scope(d):<8} {v['id']:<22} "
              f"{', '.join(v.get('fix_versions', [])) or 'no fix yet':<16} {', '.join(v.get('aliases', []))}")
print("Fix: raise the lower bound in requirements.txt (runtime) or requirements-dev.txt (dev), reinstall, rerun.")
sys.exit(1)
PY
