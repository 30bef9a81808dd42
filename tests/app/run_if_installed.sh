#!/bin/sh
# run_if_installed.sh PROGRAM -- COMMAND...: runs COMMAND when PROGRAM is on PATH; otherwise says
# so and exits 77, which CTest reports as skipped (SKIP_RETURN_CODE), never as passed.
program=$1
shift
[ "$1" = "--" ] && shift
if ! command -v "$program" >/dev/null 2>&1; then
  echo "SKIPPED: $program is not installed (Debian: apt-get install $program; scripts/setup.sh does)"
  exit 77
fi
exec "$@"
