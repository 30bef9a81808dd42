#!/usr/bin/env bash
# The README's run command: install packages if missing, build, and run SecondHeart with the
# built-in default leg. With a display it opens a window; without one it renders headless on
# the CPU (Mesa lavapipe) and writes the last frame to build/secondheart-frame.png, then prints
# the simulator's clinical summary for the same leg. Extra arguments go to secondheart
# (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec ./build/app/secondheart "$@"
fi
echo "run.sh: no display: rendering 480 frames headless (5 s standing, 3 s walking) to build/secondheart-frame.png" >&2
./build/app/secondheart --headless --frames 480 --screenshot build/secondheart-frame.png "$@"
./build/app/secondheart-sim
