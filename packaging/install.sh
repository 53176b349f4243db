#!/usr/bin/env sh
# Put Postmortem Facilitator in your application menu: run from the unpacked bundle folder.
#   ./install.sh            the menu entry, icons and metadata into ~/.local/share (this user)
#   ./install.sh --remove   take them out again
# Nothing is copied out of this folder but the entry and the icons; the entry points here, so
# keep the folder where it is (or run this again after moving it).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
app_id=io.github.postmortem_facilitator
entry="$data/applications/$app_id.desktop"

if [ "${1:-}" = "--remove" ]; then
  rm -f "$entry" "$data/metainfo/$app_id.metainfo.xml"
  for size in 16 32 48 64 128 256 512; do
    rm -f "$data/icons/hicolor/${size}x${size}/apps/$app_id.png"
  done
  rm -f "$data/icons/hicolor/scalable/apps/$app_id.svg"
  echo "Removed the menu entry and icons."
  exit 0
fi

mkdir -p "$data/applications" "$data/metainfo" "$data/icons/hicolor/scalable/apps"
cp "$here/share/icons/$app_id.svg" "$data/icons/hicolor/scalable/apps/"
for size in 16 32 48 64 128 256 512; do
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$here/share/icons/${size}/$app_id.png" "$data/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
cp "$here/share/$app_id.metainfo.xml" "$data/metainfo/"
# The entry runs this folder's binary (quoted: the folder may have spaces in its path).
sed "s|^Exec=.*|Exec=\"$here/facilitator\"|" "$here/share/$app_id.desktop" > "$entry"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "Installed: Postmortem Facilitator is in your application menu ($entry)."
