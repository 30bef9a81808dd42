#!/usr/bin/env bash
# The README's test command: install packages if missing, build, run every test through ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
# In CI (CI=true) the GPU tests must run on lavapipe: a missing device fails instead of skipping.
if [ "${CI:-}" = "true" ]; then export SECONDHEART_REQUIRE_GPU_TESTS=1; fi
ctest --preset default -j "$(nproc)" "$@"
