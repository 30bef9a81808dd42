#!/bin/sh
# Kiosk memory over a long unattended run: secondheart --kiosk headless (fixed 1/60 s frames, so
# the attract loop plays its lessons at their real pace), printing VmRSS every EVERY frames, then
# a summary: RSS at the start, after the first attract cycle (warm-up) and at the end, the
# largest value, and the growth after warm-up. Small frames and few particles keep it affordable
# on lavapipe; the lesson cycle does not depend on them.
#   bench/kiosk_memory.sh [BUILD_DIR] [FRAMES] [EVERY] [PARTICLES]
# Defaults: build, 33001 frames (550 s of kiosk clock, three attract cycles of the three shipped
# lessons, about 179 s each), every 1500 frames, 4096 particles. KIOSK_MEMORY_LOG=FILE keeps the
# program's full log there (readable while it runs).
set -eu
build=${1:-build}
frames=${2:-33001}
every=${3:-1500}
particles=${4:-4096}
prog=$build/app/secondheart
[ -x "$prog" ] || { echo "kiosk_memory.sh: $prog not built"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# An empty configuration folder: the default settings, whatever the user has.
log=${KIOSK_MEMORY_LOG:-$work/run.log}
XDG_CONFIG_HOME=$work/config "$prog" --kiosk --headless --size 160x120 --particles "$particles" \
  --frames "$frames" --report-rss-every "$every" --screenshot "$work/last.png" 2>"$log" || {
  cat "$log"; exit 1; }
grep -E "rss frame|lesson 1/3 .*step 1/" "$log" | sed 's/^secondheart: //'
# Warm-up: the first sample after the attract loop came back to lesson 1 step 1 (one cycle).
awk '
  /lesson 1\/3 .*step 1\// { starts++ }
  /rss frame/ {
    kib = $(NF-1); frame = $4; sim = $9
    if (n == 0) { first = kib }
    if (starts >= 2 && warm == "") { warm = kib; warm_frame = frame }
    if (kib > max) max = kib
    last = kib; last_frame = frame; last_sim = sim; n++
  }
  END {
    printf "frames %d, kiosk clock %.0f s, simulated %s s, attract cycles started %d\n",
           last_frame, last_frame / 60.0, last_sim, starts
    printf "RSS start %d KiB, after warm-up (frame %s) %s KiB, end %d KiB, max %d KiB\n",
           first, warm_frame, warm, last, max
    if (warm != "") printf "growth after warm-up: %+d KiB\n", last - warm
  }' "$log"
