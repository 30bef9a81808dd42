#!/bin/sh
# Runs the secondheart program for one CTest case and checks what it did.
#   run_app_test.sh [--xvfb] [--xvfb-screen WxH] [--expect-rc N] [--expect-output ERE]...
#                   [--reject-output ERE]... [--expect-file PATH]
#                   [--compare-image TOOL REFERENCE NAME] [--expect-json-keys k1,k2,...]
#                   [--clean PATH]... [--expect-no-file PATH]... [--file-size-limit BYTES]
#                   [--signal SIG --after-output ERE] -- PROGRAM ARGS...
# --compare-image runs TOOL (tests/common compare_image) on the --expect-file PNG against
# REFERENCE; its actual and diff images go beside the PNG.
# --clean removes PATH (a file or folder a previous run left) before the run.
# --expect-no-file: PATH must not exist afterwards, nor any hidden temporary ".NAME.tmp-*"
# beside it (a failed output leaves nothing behind).
# --file-size-limit: the program runs with RLIMIT_FSIZE at BYTES (prlimit) and SIGXFSZ ignored,
# so that any write past that size fails with EFBIG as on a full disk (no root, no mount).
# --signal: sends SIG (TERM, INT) to the program once its output matches ERE.
# Exit 0: as expected. Exit 77 (CTest SKIP_RETURN_CODE): xvfb-run is missing for an --xvfb case,
# or the program found no Vulkan driver or device at all (its exit code 3) where one was needed,
# unless SECONDHEART_REQUIRE_GPU_TESTS is set (CI), which turns both into failures. Any other
# exit code is compared as it is: 5 (a device is present but could not be used or created) is
# always a failure, never a skip.
set -u
xvfb=0; expect_rc=0; expect_file=""; json_keys=""; patterns=""; rejects=""; screen=""
compare_tool=""; compare_ref=""; compare_name=""
no_files=""; fsize=""; signal=""; signal_after=""
while [ $# -gt 0 ]; do
  case "$1" in
    --xvfb) xvfb=1 ;;
    --xvfb-screen) screen=$2; shift ;;
    --reject-output) rejects="$rejects
$2"; shift ;;
    --compare-image) compare_tool=$2; compare_ref=$3; compare_name=$4; shift 3 ;;
    --expect-rc) expect_rc=$2; shift ;;
    --expect-output) patterns="$patterns
$2"; shift ;;
    --expect-file) expect_file=$2; shift ;;
    --expect-json-keys) json_keys=$2; shift ;;
    --clean) rm -rf -- "$2"; shift ;;
    --expect-no-file) no_files="$no_files
$2"; shift ;;
    --file-size-limit) fsize=$2; shift ;;
    --signal) signal=$2; shift ;;
    --after-output) signal_after=$2; shift ;;
    --) shift; break ;;
    *) echo "run_app_test.sh: unknown argument $1"; exit 1 ;;
  esac
  shift
done

required=0
case "${SECONDHEART_REQUIRE_GPU_TESTS:-0}" in ""|0) ;; *) required=1 ;; esac
skip() {
  if [ "$required" = 1 ]; then echo "FAILED (GPU tests required): $1"; exit 1; fi
  echo "SKIPPED: $1"; exit 77
}

if [ "$xvfb" = 1 ] && ! command -v xvfb-run >/dev/null 2>&1; then
  skip "xvfb-run is not installed (Debian: xvfb, xauth)"
fi
[ -n "$expect_file" ] && rm -f "$expect_file"

out=$(mktemp); stdout_only=$(mktemp)
trap 'rm -f "$out" "$stdout_only"' EXIT
if [ -n "$fsize" ]; then
  command -v prlimit >/dev/null 2>&1 || skip "prlimit is not installed (Debian: util-linux)"
  set -- prlimit "--fsize=$fsize" -- "$@"
  trap '' XFSZ # ignored signals stay ignored across exec: writes fail with EFBIG instead
fi
if [ -n "$signal" ]; then
  # In the background, then the signal once the output shows the program is where it should be.
  "$@" >"$stdout_only" 2>"$out" &
  pid=$!
  waited=0
  until grep -Eq -- "$signal_after" "$out" "$stdout_only" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$waited" -ge 1200 ]; then break; fi
    sleep 0.1; waited=$((waited + 1))
  done
  echo "sending SIG$signal after $((waited / 10)) s"
  kill "-$signal" "$pid" 2>/dev/null
  wait "$pid"; rc=$?
elif [ "$xvfb" = 1 ]; then
  if [ -n "$screen" ]; then
    xvfb-run -a -s "-screen 0 ${screen}x24" "$@" >"$stdout_only" 2>"$out"; rc=$?
  else
    xvfb-run -a "$@" >"$stdout_only" 2>"$out"; rc=$?
  fi
else
  "$@" >"$stdout_only" 2>"$out"; rc=$?
fi
cat "$stdout_only" >>"$out"
cat "$out"
echo "exit code: $rc (expected $expect_rc)"

if [ "$rc" = 3 ] && [ "$expect_rc" != 3 ]; then skip "no usable Vulkan device"; fi
status=0
if [ "$rc" != "$expect_rc" ]; then echo "FAILED: exit code $rc, expected $expect_rc"; status=1; fi
echo "$patterns" | while IFS= read -r p; do
  [ -z "$p" ] && continue
  grep -Eq -- "$p" "$out" || { echo "FAILED: output lacks /$p/"; exit 1; }
done || status=1
echo "$rejects" | while IFS= read -r p; do
  [ -z "$p" ] && continue
  if grep -Eq -- "$p" "$out"; then echo "FAILED: output has /$p/"; exit 1; fi
done || status=1
if [ -n "$expect_file" ] && [ ! -s "$expect_file" ]; then
  echo "FAILED: $expect_file was not written"; status=1
elif [ -n "$compare_tool" ]; then
  "$compare_tool" "$compare_ref" "$expect_file" "$(dirname "$expect_file")" "$compare_name" ||
    status=1
fi
echo "$no_files" | while IFS= read -r f; do
  [ -z "$f" ] && continue
  if [ -e "$f" ]; then echo "FAILED: $f exists"; exit 1; fi
  leftovers=$(ls -a "$(dirname "$f")" 2>/dev/null | grep -F ".$(basename "$f")" | grep -F ".tmp-")
  if [ -n "$leftovers" ]; then echo "FAILED: temporary files left: $leftovers"; exit 1; fi
done || status=1
if [ -n "$json_keys" ]; then
  last=$(tail -n 1 "$stdout_only")
  case "$last" in "{"*"}") ;; *) echo "FAILED: last stdout line is not a JSON object: $last"; status=1 ;; esac
  for k in $(echo "$json_keys" | tr ',' ' '); do
    echo "$last" | grep -q "\"$k\":" || { echo "FAILED: JSON lacks \"$k\""; status=1; }
  done
fi
exit $status
