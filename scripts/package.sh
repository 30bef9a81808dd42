#!/usr/bin/env bash
# Builds the Debian package build/secondheart_<version>_<arch>.deb (CPack) and checks it with
# lintian. Installs what packaging needs on top of scripts/setup.sh (help2man for the manual
# pages, lintian, appstream for the metainfo check), builds only the programs, not the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
extra=(help2man lintian appstream desktop-file-utils dpkg-dev file)
missing=()
for p in "${extra[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "package: installing ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake --preset default -DSH_MAN_PAGES=ON "${launcher[@]}" >/dev/null
cmake --build build -j "$(nproc)" --target secondheart secondheart-sim package_files

# The metadata the desktop and software centres read.
desktop-file-validate packaging/io.github.secondheart.SecondHeart.desktop
desktop-file-validate packaging/secondheart-kiosk-autostart.desktop
appstreamcli validate --no-net --pedantic packaging/io.github.secondheart.SecondHeart.metainfo.xml ||
  appstreamcli validate --no-net packaging/io.github.secondheart.SecondHeart.metainfo.xml

rm -f build/secondheart_*.deb
(cd build && cpack -G DEB >/dev/null)
deb=$(ls build/secondheart_*.deb)
echo "package: built $deb"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb" | awk '{print $6}'

# lintian: errors fail the build; warnings are shown. Run as root it needs --allow-root.
root=()
if [ "$(id -u)" -eq 0 ]; then root=(--allow-root); fi
lintian "${root[@]}" --fail-on error --info "$deb"
echo "package: lintian reports no errors"
