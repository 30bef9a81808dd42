#!/usr/bin/env bash
# Builds the Debian package build/secondheart_<version>_<arch>.deb (CPack) and checks it with
# lintian. Installs what packaging needs on top of scripts/setup.sh (help2man for the manual
# pages, lintian, appstream for the metainfo check), builds only the programs, not the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# help2man: the manual pages; lintian, appstream, desktop-file-utils: the checks; dpkg-dev:
# dpkg-shlibdeps for the dependencies.
bash scripts/setup.sh help2man lintian appstream desktop-file-utils dpkg-dev file

# The build folder of scripts/build.sh, with its cache as it is (same compiler, same launcher):
# after scripts/test.sh only the manual pages are new.
cmake --preset default -DSH_MAN_PAGES=ON >/dev/null
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
