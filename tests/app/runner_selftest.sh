#!/bin/sh
# Checks run_app_test.sh's reading of exit codes with stand-in programs: 3 (no Vulkan driver or
# device at all) is the only skip (77), and a failure when GPU tests are required; 5 (a device
# that is present but refused or failed) and anything else unexpected fail, required or not.
runner=$1
status=0
check() { # expected-runner-rc required program-rc
  SECONDHEART_REQUIRE_GPU_TESTS=$2 "$runner" --expect-rc 0 -- sh -c "exit $3" >/dev/null 2>&1
  rc=$?
  if [ "$rc" = "$1" ]; then
    echo "ok: program exit $3 (required=$2) -> runner $rc"
  else
    echo "FAILED: program exit $3 (required=$2) -> runner $rc, expected $1"; status=1
  fi
}
check 0 0 0
check 77 0 3
check 1 1 3
check 1 0 5
check 1 1 5
check 1 0 6
exit $status
