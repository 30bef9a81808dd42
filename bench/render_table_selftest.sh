#!/usr/bin/env bash
# Self-test of bench/render_table.sh without a GPU (CTest: bench.render_table_selftest): two
# stand-in programs print benchmark JSON lines in secondheart's format (frame times 80 ms old,
# 40 ms new; a pass only the new one has) and log each call, so the table's medians, speed-ups,
# interleaving and view flags are checked against known numbers.
#   render_table_selftest.sh PATH/TO/render_table.sh
set -euo pipefail
script="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() {
    echo "render_table_selftest: $*" >&2
    echo "--- output:" >&2
    cat "$work/out" >&2 || true
    exit 1
}

# A stand-in: NAME FRAME_MS OPAQUE_MS EXTRA_PASS EXTRA_KEY. The kiosk view is 10 ms slower; run k of a
# view adds k ms to the frame (the median of 3 runs is then the second run's value).
make_program() {
    cat >"$work/$1" <<PROG
#!/usr/bin/env bash
view=desktop
for a in "\$@"; do case "\$a" in --lecture) view=lecture ;; --kiosk) view=kiosk ;; --patient) view=patient ;; esac; done
echo "$1 \$view \$*" >>"$work/calls"
n=\$(grep -c "^$1 \$view " "$work/calls")
frame=\$(( $2 + n - 1 ))
[[ \$view == kiosk ]] && frame=\$(( frame + 10 ))
echo "secondheart: some log line on stdout"
printf '{"compute_ms_median":5.0,"device":"fake device","draw_ms_median":20.0,"frame_ms_median":%s,"passes":{"opaque":$3$4},"render_scale":0.5,"ui_ms_median":1.5$5}\n' "\$frame"
PROG
    chmod +x "$work/$1"
}
make_program old 80 12.0 "" ""
# Only the new program reports the frame's CPU time.
make_program new 40 3.0 ',"upscale":1.25' ',"cpu_ms_per_frame":30.0'

REPEAT=3 FRAMES=5 "$script" "$work/old" "$work/new" --antialias on >"$work/out"
grep -q '^| desktop | 81.0 | 41.0 | 1.98x | 5.0 / 20.0 / 1.5 | 5.0 / 20.0 / 1.5 | - / 30.0 |$' "$work/out" ||
    fail "desktop row wrong"
grep -q '^| kiosk | 91.0 | 51.0 | 1.78x |' "$work/out" || fail "kiosk row wrong"
grep -q '^| patient | 81.0 | 41.0 | 1.98x |' "$work/out" || fail "patient row wrong"
grep -q '^| opaque | 12.0 | 3.0 | 4.00x |$' "$work/out" || fail "opaque pass row wrong"
grep -q '^| upscale | - | 1.2 | - |$' "$work/out" || fail "a pass only the new program has"
grep -q 'device: fake device' "$work/out" || fail "device missing"
[[ "$(grep -c '^GPU ms per draw pass' "$work/out")" == 4 ]] || fail "one pass table per view"
# Interleaved: old, new, old, new ... within each view; every run with the extra option.
[[ "$(awk '{print $1}' "$work/calls" | head -6 | tr '\n' ' ')" == "old new old new old new " ]] ||
    fail "runs not interleaved: $(head -6 "$work/calls")"
[[ "$(grep -c -- '--antialias on' "$work/calls")" == 24 ]] || fail "extra options not passed"
[[ "$(grep -c -- '--size 1280x720 --particles 100000' "$work/calls")" == 24 ]] ||
    fail "default size and particle count not passed"
[[ "$(grep -c -- '--headless' "$work/calls")" == 24 ]] || fail "headless runs without --headless"

# WINDOW=1: every run through xvfb-run (a stand-in on PATH that logs its screen and runs the
# program), without --headless, and the table says so.
mkdir "$work/bin"
cat >"$work/bin/xvfb-run" <<FAKE
#!/usr/bin/env bash
[[ "\$1" == -a && "\$2" == -s ]] || exit 9
echo "xvfb \$3" >>"$work/xvfb"
shift 3
exec "\$@"
FAKE
chmod +x "$work/bin/xvfb-run"
: >"$work/calls"
PATH="$work/bin:$PATH" WINDOW=1 REPEAT=1 VIEWS=patient "$script" "$work/old" "$work/new" \
    >"$work/out" || fail "WINDOW=1 run failed"
[[ "$(grep -c '^xvfb -screen 0 1280x720x24$' "$work/xvfb")" == 2 ]] || fail "runs not under xvfb-run"
[[ "$(grep -c -- '--headless' "$work/calls")" == 0 ]] || fail "window runs with --headless"
grep -q '^- in a window (xvfb-run' "$work/out" || fail "window mode not said"

# Bad input: a missing program and an unknown view are refused with exit 2.
set +e
"$script" "$work/none" "$work/new" >/dev/null 2>"$work/err"
rc=$?
VIEWS="desktop moon" "$script" "$work/old" "$work/new" >/dev/null 2>>"$work/err"
rc2=$?
WINDOW=yes "$script" "$work/old" "$work/new" >/dev/null 2>>"$work/err"
rc3=$?
set -e
[[ $rc == 2 ]] || fail "missing program: exit $rc, expected 2"
[[ $rc2 == 2 ]] || fail "unknown view: exit $rc2, expected 2"
grep -q "unknown view 'moon'" "$work/err" || fail "unknown view not named"
[[ $rc3 == 2 ]] || fail "WINDOW=yes: exit $rc3, expected 2"
grep -q "WINDOW must be 0" "$work/err" || fail "bad WINDOW not named"
echo "render_table_selftest: ok"
