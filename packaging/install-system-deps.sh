#!/usr/bin/env bash
# Install what Qt needs from the system (Debian/Ubuntu), once: called by `make run` / `make test`.
#
# - offscreen Qt + a font (without a font every glyph renders as a box)
# - a real X11 window under Xvfb (the libxcb-* pieces usually missing) and the tools the tests and
#   screenshots use (xvfb-run, xdotool, imagemagick's `import`, poppler's `pdftoppm`)
# - the validators of the desktop entry and the AppStream metadata (tests/unit/test_desktop_files.py)
# - python3-venv, for the project's virtual environment
#
# Does nothing when everything is present. Without the rights to install, it says exactly what
# to run and exits 1.
set -euo pipefail

PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3 fonts-dejavu-core
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 libxcb-render-util0
  libxcb-render0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1
  libxcb-glx0 libx11-xcb1 libxkbcommon-x11-0 xvfb xauth xdotool x11-utils imagemagick
  poppler-utils
  desktop-file-utils appstream
  chromium chromium-driver
)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-system-deps: not a Debian-based system; install the equivalents of:" >&2
  echo "  ${PACKAGES[*]}" >&2
  exit 0
fi

if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  PACKAGES+=(python3-venv)
fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-system-deps: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo -n)
else
  echo "install-system-deps: these system packages are missing and I lack the rights to" >&2
  echo "install them. Run, as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt run (an unattended upgrade) instead of failing on its lock.
lock=(-o DPkg::Lock::Timeout=600)
"${run[@]}" apt-get "${lock[@]}" update -qq
"${run[@]}" apt-get "${lock[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-system-deps: done"
