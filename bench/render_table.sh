#!/usr/bin/env bash
# A/B frame times of two secondheart programs (an old build against a new one), run interleaved
# on the same machine so that both see the same load: for every view (desktop, lecture, kiosk,
# patient), REPEAT runs of each, alternating old and new. Prints markdown on stdout: the machine
# (CPU, cores, load average before and after, Vulkan driver), the median frame time per view
# with the new/old speed-up, then the GPU milliseconds per pass of each view (median over the
# runs of each run's median). Absolute times on a shared machine are noise; the ratio of
# interleaved runs is the number to read. The CPU milliseconds per frame (all the program's
# threads but the clinical numbers' worker; "-" for programs that do not report it) say how
# much of the cores the frame keeps busy: on a CPU device the rest is waiting between passes.
#
#   bench/render_table.sh OLD_PROGRAM NEW_PROGRAM [extra secondheart options...]
#   e.g. bench/render_table.sh old/secondheart build/app/secondheart
#
# Environment: REPEAT (runs per program and view, default 3), FRAMES (per run, default 60),
# SIZE (default 1280x720), PARTICLES (default 100000), VIEWS (default
# "desktop lecture kiosk patient"), WINDOW (1: each run in a window on its own Xvfb server
# through xvfb-run, presenting every frame as a user sees it; default 0: headless, offscreen). Every run gets an empty settings folder (XDG_CONFIG_HOME),
# so the user's settings do not change what is measured. Exit 2 on bad arguments, 1 when a run
# fails (its output is shown).
set -euo pipefail

if (($# < 2)); then
    echo "usage: render_table.sh OLD_PROGRAM NEW_PROGRAM [secondheart options...]" >&2
    exit 2
fi
old="$1"
new="$2"
shift 2
extra=("$@")
for prog in "$old" "$new"; do
    if [[ ! -x "$prog" ]]; then
        echo "render_table.sh: '$prog' is not an executable secondheart program" >&2
        exit 2
    fi
done
repeat="${REPEAT:-3}"
frames="${FRAMES:-60}"
size="${SIZE:-1280x720}"
particles="${PARTICLES:-100000}"
read -r -a views <<<"${VIEWS:-desktop lecture kiosk patient}"
window="${WINDOW:-0}"
case "$window" in 0 | 1) ;; *)
    echo "render_table.sh: WINDOW must be 0 (headless) or 1 (a window under xvfb-run)" >&2
    exit 2
    ;;
esac
launcher=()
if [[ "$window" == 1 ]]; then
    if ! command -v xvfb-run >/dev/null 2>&1; then
        echo "render_table.sh: WINDOW=1 needs xvfb-run (apt-get install xvfb)" >&2
        exit 2
    fi
    # 24-bit screen of the frame's size: the window fills it as a kiosk's would.
    launcher=(xvfb-run -a -s "-screen 0 ${size}x24")
fi
for v in "${views[@]}"; do
    case "$v" in desktop | lecture | kiosk | patient) ;; *)
        echo "render_table.sh: unknown view '$v' in VIEWS (desktop, lecture, kiosk, patient)" >&2
        exit 2
        ;;
    esac
done
if ! [[ "$repeat" =~ ^[1-9][0-9]*$ && "$frames" =~ ^[1-9][0-9]*$ ]]; then
    echo "render_table.sh: REPEAT and FRAMES must be whole numbers of 1 or more" >&2
    exit 2
fi

config="$(mktemp -d)"
trap 'rm -rf "$config"' EXIT

# One number from the benchmark's JSON line (flat keys, and the flat "passes" object; no jq).
json_number() { # KEY JSON
    sed -n "s/.*\"$1\":\([-0-9.eE+]*\).*/\1/p" <<<"$2" | head -1
}
json_string() { # KEY JSON
    sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$2" | head -1
}
pass_names() { # JSON -> the names in "passes", one a line, in the order printed
    sed -n 's/.*"passes":{\([^}]*\)}.*/\1/p' <<<"$1" | tr ',' '\n' | sed -n 's/^"\([^"]*\)":.*/\1/p'
}
median_of() { # numbers... -> median (empty when there are none)
    (($# == 0)) && return 0
    printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'
}
ms() { [[ -n "$1" ]] && printf '%.1f' "$1" || printf -- '-'; }
ratio() { # OLD NEW -> OLD/NEW ("2.00x": the new one is twice as fast)
    if [[ -n "$1" && -n "$2" ]] && awk -v n="$2" 'BEGIN {exit !(n > 0)}'; then
        awk -v o="$1" -v n="$2" 'BEGIN {printf "%.2fx", o / n}'
    else
        printf -- '-'
    fi
}
view_flags() {
    case "$1" in desktop) ;; *) printf -- '--%s' "$1" ;; esac
}

declare -A samples # "side,view,key" -> space-separated values over the runs
declare -A seen_pass
declare -a pass_order=()
device=""
scales=""
add() { samples["$1"]="${samples["$1"]:-} $2"; }

run_once() { # SIDE PROGRAM VIEW
    local side="$1" prog="$2" view="$3" out json flag
    flag="$(view_flags "$view")"
    local where=(--headless)
    [[ "$window" == 1 ]] && where=()
    if ! out="$(XDG_CONFIG_HOME="$config" "${launcher[@]}" "$prog" "${where[@]}" \
        --benchmark "$frames" --size "$size" --particles "$particles" ${flag:+"$flag"} \
        "${extra[@]}" 2>&1)"; then
        echo "render_table.sh: $prog failed ($view view):" >&2
        echo "$out" | tail -20 >&2
        exit 1
    fi
    json="$(grep '^{' <<<"$out" | tail -1)"
    if [[ -z "$json" ]]; then
        echo "render_table.sh: $prog printed no benchmark JSON ($view view)" >&2
        exit 1
    fi
    device="$(json_string device "$json")"
    scales+=" $side:$(json_number render_scale "$json")"
    for key in frame_ms_median compute_ms_median draw_ms_median ui_ms_median cpu_ms_per_frame; do
        add "$side,$view,$key" "$(json_number "$key" "$json")"
    done
    local name
    while IFS= read -r name; do
        [[ -z "$name" ]] && continue
        if [[ -z "${seen_pass["$name"]:-}" ]]; then
            seen_pass["$name"]=1
            pass_order+=("$name")
        fi
        add "$side,$view,pass:$name" "$(json_number "$name" "$json")"
    done < <(pass_names "$json")
}
med() { # SIDE VIEW KEY
    # shellcheck disable=SC2086 # the values are numbers separated by spaces
    median_of ${samples["$1,$2,$3"]:-}
}

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
for view in "${views[@]}"; do
    for ((r = 0; r < repeat; ++r)); do
        run_once old "$old" "$view"
        run_once new "$new" "$view"
    done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)"
driver=""
if command -v vulkaninfo >/dev/null 2>&1; then
    driver="$(vulkaninfo --summary 2>/dev/null | sed -n 's/^[[:space:]]*driverInfo[[:space:]]*= //p' | head -1)"
fi
echo "## secondheart A/B: old \`$old\`, new \`$new\`"
echo
echo "- machine: ${cpu:-unknown CPU}, $(nproc 2>/dev/null || echo '?') cores, $(uname -sr)"
echo "- device: ${device:-?}${driver:+ ($driver)}"
echo "- load average (1, 5, 15 min) before: $load_before; after: $load_after"
echo "- $size, $particles particles, $frames frames per run, $repeat runs per program and view," \
    "interleaved; extra options: ${extra[*]:-none}"
if [[ "$window" == 1 ]]; then
    echo "- in a window (xvfb-run, 24-bit screen of the frame's size): every frame presented"
else
    echo "- headless: offscreen, nothing presented"
fi
echo "- render scale reported per run:$(tr ' ' '\n' <<<"$scales" | sort -u | tr '\n' ' ')"
echo
echo "Median frame time (ms; median of the runs' medians) and speed-up (old / new):"
echo
echo "| view | old frame | new frame | speed-up | old compute / draw / UI | new compute / draw / UI | CPU ms per frame old / new |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for view in "${views[@]}"; do
    of="$(med old "$view" frame_ms_median)"
    nf="$(med new "$view" frame_ms_median)"
    split() { printf '%s / %s / %s' "$(ms "$(med "$1" "$view" compute_ms_median)")" \
        "$(ms "$(med "$1" "$view" draw_ms_median)")" "$(ms "$(med "$1" "$view" ui_ms_median)")"; }
    cpu="$(ms "$(med old "$view" cpu_ms_per_frame)") / $(ms "$(med new "$view" cpu_ms_per_frame)")"
    echo "| $view | $(ms "$of") | $(ms "$nf") | $(ratio "$of" "$nf") | $(split old) | $(split new) | $cpu |"
done
for view in "${views[@]}"; do
    echo
    echo "GPU ms per draw pass, $view view (- : the pass did not run):"
    echo
    echo "| pass | old | new | speed-up |"
    echo "|---|---:|---:|---:|"
    for name in "${pass_order[@]}"; do
        o="$(med old "$view" "pass:$name")"
        n="$(med new "$view" "pass:$name")"
        [[ -z "$o" && -z "$n" ]] && continue
        echo "| $name | $(ms "$o") | $(ms "$n") | $(ratio "$o" "$n") |"
    done
done
