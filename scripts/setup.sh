#!/usr/bin/env bash
# Installs the Debian 12 packages SecondHeart needs, skipping those already installed.
# Idempotent: a second run installs nothing and does not touch the network. Extra package names
# given as arguments are installed too (scripts/package.sh: the packaging tools).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libvulkan-dev mesa-vulkan-drivers vulkan-validationlayers vulkan-tools glslc spirv-tools
  libsdl2-dev libglm-dev libimgui-dev libfreetype-dev libfontconfig-dev fonts-dejavu-core
  libassimp-dev
  catch2 libbenchmark-dev nlohmann-json3-dev libcli11-dev libstb-dev
  xvfb xauth ffmpeg gettext fonts-wqy-microhei
)
packages+=("$@")
# gettext: msgfmt compiles the translations (po/*.po) at build time; xgettext and msgcmp check
# them in the tests. fonts-wqy-microhei: a small CJK font (the package Recommends it or
# fonts-noto-cjk), so the test of merging CJK glyphs into the UI font runs.
# ffmpeg: video export (without it, recordings fall back to PNG frames); installed here because
# users of video export have it, and so the test of the real ffmpeg pipe runs instead of skipping.

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
