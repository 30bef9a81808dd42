#!/usr/bin/env bash
# Installs build/secondheart_*.deb with apt (its dependencies resolved as on a user's machine),
# runs both programs from /usr/bin in an empty folder (so nothing is found through the source
# tree), and removes the package again, also when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls "$PWD"/build/secondheart_*.deb)
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
work=$(mktemp -d)
cleanup() {
  "${sudo_cmd[@]}" apt-get remove -y -qq secondheart >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
test "$(command -v secondheart)" = /usr/bin/secondheart
test "$(command -v secondheart-sim)" = /usr/bin/secondheart-sim
# The leg cache goes to the user's cache folder; an empty HOME shows the program needs nothing
# that the package does not bring.
export HOME="$work/home"
unset XDG_CACHE_HOME XDG_CONFIG_HOME
mkdir -p "$HOME"
/usr/bin/secondheart --headless --frames 10 --size 320x240
test -s secondheart-frame.png
/usr/bin/secondheart-sim avp >avp.json
test -s avp.json
man -w secondheart >/dev/null 2>&1 || test -e /usr/share/man/man1/secondheart.1.gz
echo "package: installed, ran secondheart and secondheart-sim from /usr/bin, removed"
