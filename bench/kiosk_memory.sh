#!/bin/sh
# Kiosk memory over a long unattended run: secondheart --kiosk headless (fixed 1/60 s frames, so
# the attract loop plays its lessons at their real pace), logging the process's memory every
# EVERY frames (resident set, its anonymous and file parts, and malloc's bytes in use and held),
# then a summary: the values at the start, after the first attract cycle (warm-up) and at the
# end, the resident set at each cycle start, and the growth after warm-up as a least-squares
# line over every sample after the first cycle, per hour of kiosk clock and per cycle. Small
# frames and few particles keep it affordable on lavapipe; the lesson cycle does not depend on
# them.
#   bench/kiosk_memory.sh [BUILD_DIR] [FRAMES] [EVERY] [PARTICLES]
# Defaults: build, 107401 frames (1790 s of kiosk clock, ten attract cycles of the three shipped
# lessons, about 179 s each), every 600 frames, 4096 particles. KIOSK_MEMORY_LOG=FILE keeps the
# program's full log there (readable while it runs). Extra environment (MALLOC_ARENA_MAX=2,
# say) reaches the program, for comparisons.
set -eu
build=${1:-build}
frames=${2:-107401}
every=${3:-600}
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
summarise() { # LOG
  awk '
  # Least-squares slope of y over x, per second.
  function slope(sx, sy, sxx, sxy, n) {
    return n < 2 || n * sxx - sx * sx == 0 ? 0 : (n * sxy - sx * sy) / (n * sxx - sx * sx)
  }
  /lesson 1\/3 .*step 1\// { starts++; cycle_start_seen = 1 }
  / memory frame / {
    for (i = 1; i < NF; i++) {
      if ($i == "frame") frame = $(i + 1)
      else if ($i == "clock") clock = $(i + 1)
      else if ($i == "sim") sim = $(i + 1)
      else if ($i == "rss") rss = $(i + 1)
      else if ($i == "anon") anon = $(i + 1)
      else if ($i == "file") file = $(i + 1)
      else if ($i == "heap-in-use") used = $(i + 1)
      else if ($i == "heap-held") held = $(i + 1)
    }
    if (n == 0) { rss0 = rss; anon0 = anon; used0 = used; held0 = held }
    if (cycle_start_seen) {
      cycle_rss[starts] = rss; cycle_clock[starts] = clock; cycle_start_seen = 0
    }
    # Warm-up: everything up to the first sample after the loop came back to lesson 1 step 1.
    if (starts >= 2) {
      if (m == 0) { wclock = clock; wrss = rss; wanon = anon; wused = used; wheld = held }
      x = clock; m++; sx += x; sxx += x * x
      sr += rss; sxr += x * rss; sa += anon; sxa += x * anon
      su += used; sxu += x * used; sh += held; sxh += x * held
    }
    if (rss > max) max = rss
    n++
  }
  END {
    if (n == 0) { print "kiosk_memory.sh: no memory samples in the log"; exit 1 }
    printf "frames %d, kiosk clock %.0f s, simulated %s s, attract cycles started %d, %d samples\n",
           frame, clock, sim, starts, n
    printf "%-24s %10s %10s %12s %10s\n", "KiB", "rss", "anon", "heap-in-use", "heap-held"
    printf "%-24s %10d %10d %12d %10d\n", "start", rss0, anon0, used0, held0
    if (m > 0) printf "%-24s %10d %10d %12d %10d\n", "after warm-up (" wclock " s)", wrss, wanon, wused, wheld
    printf "%-24s %10d %10d %12d %10d\n", "end", rss, anon, used, held
    printf "rss max %d KiB\n", max
    printf "rss at each cycle start (KiB):"
    for (c = 1; c <= starts; c++) if (c in cycle_rss) printf " %d", cycle_rss[c]
    printf "\n"
    if (m < 3 || starts < 3) {
      print "growth after warm-up: not enough cycles for a trend (run at least three)"
      exit 0
    }
    cycle_s = (cycle_clock[starts] - cycle_clock[1]) / (starts - 1)
    kib_h = 3600 / 1024 # KiB per second -> MiB per hour
    printf "growth after warm-up (least squares over %d samples, %.0f s of kiosk clock):\n", m, clock - wclock
    printf "  rss %+.2f MiB/h, anon %+.2f MiB/h, heap-in-use %+.2f MiB/h, heap-held %+.2f MiB/h\n",
           slope(sx, sr, sxx, sxr, m) * kib_h, slope(sx, sa, sxx, sxa, m) * kib_h,
           slope(sx, su, sxx, sxu, m) * kib_h, slope(sx, sh, sxx, sxh, m) * kib_h
    printf "  rss %+.0f KiB per attract cycle (%.0f s)\n", slope(sx, sr, sxx, sxr, m) * cycle_s, cycle_s
    printf "  rss end minus after warm-up: %+d KiB\n", rss - wrss
  }' "$1"
}
summarise "$log"
