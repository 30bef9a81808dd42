#!/usr/bin/env bash
# The README's run command: install packages if missing, build, run the program with the
# built-in default leg. The 3D renderer is not wired into a program yet, so for now this runs
# the simulator's protocols for the default leg and prints its clinical summary (a text
# program: it needs no display). Extra arguments go to secondheart-sim (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
./build/app/secondheart-sim "$@"
