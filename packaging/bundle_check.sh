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
# The blame checker's lemma frames (simplemma's English data is all the bundle keeps of it).
finding=$(echo "Let's revoke Dana's deploy access." | run lint-text --json) || fail "lint-text"
echo "$finding" | grep -q '"category": "punitive"' || fail "no punitive finding: $finding"

# The room's server (aiohttp, and the page's files through importlib.resources): it prints its
# address once it listens; the page must come back from it.
env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 \
  "$bin" --demo room-serve --room 127.0.0.1:0 > "$home/room.out" 2>&1 &
room_pid=$!
for _ in $(seq 100); do grep -q "^room: " "$home/room.out" && break; sleep 0.2; done
line=$(grep -m1 "^room: " "$home/room.out" || true)
url=$(echo "$line" | cut -d' ' -f2)
page=$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())' "$url" 2>&1 || true)
kill "$room_pid" 2>/dev/null || true
wait "$room_pid" 2>/dev/null || true
echo "$line" | grep -q "^room: http://127.0.0.1:" || fail "the room's server did not start: $(cat "$home/room.out")"
echo "$page" | grep -qi "<html" || fail "the room's page did not load from $url: $page"
echo "bundle-check: $line (page served)"
echo "bundle-check: passed (imported as session $new_id)"
