#!/usr/bin/env bash
# `make release`: every check, then the wheel, the sdist and the bundle, each smoke-tested the
# way a user installs it, and one SHA256SUMS over everything in dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-.venv/bin/python}
rm -rf dist build
make test
"$python" -m build --sdist --wheel --outdir dist . >/dev/null
echo "release: built $(cd dist && ls *.whl *.tar.gz | tr '\n' ' ')"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
smoke() {  # $1: a facilitator binary; run from an empty folder so no checkout is importable
  (cd "$tmp" && env -i HOME="$tmp/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
     "$1" --demo --smoke) || { echo "release: FAILED: $1 --demo --smoke" >&2; exit 1; }
}
# The wheel through pipx, as the README tells a user to install it.
"$python" -m pip install --quiet pipx
PIPX_HOME="$tmp/pipx" PIPX_BIN_DIR="$tmp/bin" "$python" -m pipx install --python "$python" \
  "$(ls dist/*.whl)" >/dev/null
smoke "$tmp/bin/facilitator"
# The sdist into a fresh virtual environment.
"$python" -m venv "$tmp/sdist-venv"
"$tmp/sdist-venv/bin/pip" install --quiet "$(ls dist/postmortem_facilitator-*.tar.gz)"
smoke "$tmp/sdist-venv/bin/facilitator"
# The bundle.
bash packaging/build_bundle.sh "$python"
bash packaging/bundle_check.sh
(cd dist && sha256sum ./*.whl ./*.tar.gz > SHA256SUMS)
echo "release: dist/ ready:"; (cd dist && cat SHA256SUMS)
