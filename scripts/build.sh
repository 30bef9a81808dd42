#!/usr/bin/env bash
# Configures and builds SecondHeart in ./build (the CMake "default" preset).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset default >/dev/null
# Two jobs per core at most: the CI machine has 2 cores and 24 GiB.
cmake --build --preset default -j "$(nproc)"
