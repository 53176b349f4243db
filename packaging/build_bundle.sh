#!/usr/bin/env bash
# Build the one-folder bundle and its archive (`make bundle`):
#   dist/postmortem-facilitator/              the app: ./facilitator, ./install.sh, share/
#   dist/postmortem-facilitator-VERSION-linux-ARCH.tar.gz  and  .sha256 beside it
# Usage: packaging/build_bundle.sh PYTHON   (a Python with the project and PyInstaller installed)
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-.venv/bin/python}
version=$("$python" -c 'import facilitator_app; print(facilitator_app.__version__)')
arch=$(uname -m)
name=postmortem-facilitator
app_id=io.github.postmortem_facilitator
start=$(date +%s)

"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/facilitator.spec

folder=dist/$name
mkdir -p "$folder/share/icons"
cp packaging/install.sh "$folder/"
cp packaging/$app_id.desktop packaging/$app_id.metainfo.xml "$folder/share/"
cp packaging/$app_id.svg "$folder/share/icons/"
cp -r packaging/icons/* "$folder/share/icons/"
cp LICENSE "$folder/" 2>/dev/null || true

archive=dist/$name-$version-linux-$arch.tar.gz
tar -C dist -czf "$archive" "$name"
(cd dist && sha256sum "$(basename "$archive")" > "$(basename "$archive").sha256")
end=$(date +%s)
echo "bundle: $folder ($(du -sm "$folder" | cut -f1) MB), $archive ($(du -m "$archive" | cut -f1) MB), built in $((end - start)) s"
