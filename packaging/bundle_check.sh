#!/usr/bin/env bash
# Smoke-test the built bundle the way a user's machine runs it (`make bundle-check`): no virtual
# environment, no checkout on the path, a throw-away home. Checks --version, --demo --smoke
# (both windows painted, offscreen), new-session, export as JSON and import into another database.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(pwd)/dist/postmortem-facilitator/facilitator
[ -x "$bin" ] || { echo "bundle-check: no bundle at $bin (run make bundle first)" >&2; exit 1; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
cd "$home"   # nothing of the checkout is importable from here
run() {
  env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$bin" "$@"
}
fail() { echo "bundle-check: FAILED: $*" >&2; exit 1; }

version=$(run --version) || fail "--version"
echo "bundle-check: $version"
smoke=$(run --demo --smoke) || fail "--demo --smoke"
echo "bundle-check: --demo --smoke: $smoke"
id=$(run --db "$home/a.db" new-session --title "Bundle check" --team-a Payments --team-b Edge) \
  || fail "new-session"
run --db "$home/a.db" export "$id" --format json -o "$home/s.json" || fail "export json"
new_id=$(run --db "$home/b.db" import-session "$home/s.json") || fail "import-session"
run --db "$home/b.db" sessions | grep -q "Bundle check" || fail "the imported session is not listed"
run --demo export 1 --format pdf -o "$home/demo.pdf" || fail "export pdf (fpdf2, matplotlib)"
[ -s "$home/demo.pdf" ] || fail "empty pdf"
run --demo export 1 --format html -o "$home/demo.html" || fail "export html (jinja2, charts)"
grep -q "<svg" "$home/demo.html" || fail "no chart in the html export"
if run --help | grep -q -- "--room"; then
  out=$(timeout 20 env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
        "$bin" --demo --room 127.0.0.1:0 --smoke 2>&1 || true)
  echo "$out" | grep -q "^room: http" || fail "the room's page did not start: $out"
fi
echo "bundle-check: passed (imported as session $new_id)"
