#!/usr/bin/env bash
# The performance table of issue 3: frame time of the whole scene (leg + blood) at 1280x720 for
# 16k, 100k, 262k and 1M particles, the blood splatted by compute and drawn as points side by
# side, then the per-pass GPU times of the 100k splat run. Prints markdown on stdout.
#
#   bench/render_table.sh [PATH/TO/secondheart] [extra secondheart options...]
#
# Environment: FRAMES (per run, default 60), REPEAT (runs per cell, default 3; the cell shows
# the median of the runs' frame_ms_median and, with REPEAT > 1, their min-max), SIZE
# (default 1280x720), COUNTS (default "16384 100000 262144 1048576"), DRAWS (default
# "splat points"). Runs one program at a time; on a shared machine check `uptime` first,
# since the numbers are wall-clock times.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prog="${1:-$here/../build/app/secondheart}"
shift || true
extra=("$@")
frames="${FRAMES:-60}"
repeat="${REPEAT:-3}"
size="${SIZE:-1280x720}"
read -r -a counts <<<"${COUNTS:-16384 100000 262144 1048576}"
read -r -a draws <<<"${DRAWS:-splat points}"

if [[ ! -x "$prog" ]]; then
    echo "render_table.sh: no secondheart program at '$prog' (build first, or pass its path)" >&2
    exit 2
fi

# One number from the benchmark's JSON line (flat keys; no jq/python needed).
json_number() { # KEY JSON
    sed -n "s/.*\"$1\":\([-0-9.eE+]*\).*/\1/p" <<<"$2"
}
json_string() { # KEY JSON
    sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$2"
}
median_of() { # numbers... -> median
    printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'
}
min_of() { printf '%s\n' "$@" | sort -g | head -1; }
max_of() { printf '%s\n' "$@" | sort -g | tail -1; }

run_once() { # COUNT DRAW -> JSON line
    local out
    if ! out="$("$prog" --headless --benchmark "$frames" --size "$size" --particles "$1" \
        --particle-draw "$2" "${extra[@]}" 2>/dev/null | tail -1)"; then
        echo "render_table.sh: secondheart failed for $1 particles, $2" >&2
        return 1
    fi
    printf '%s\n' "$out"
}

declare -A cell
device=""
detail=""
aa=""
passes_json=""
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
for count in "${counts[@]}"; do
    for draw in "${draws[@]}"; do
        frame=() compute=() drawms=()
        for ((r = 0; r < repeat; ++r)); do
            json="$(run_once "$count" "$draw")"
            frame+=("$(json_number frame_ms_median "$json")")
            compute+=("$(json_number compute_ms_median "$json")")
            drawms+=("$(json_number draw_ms_median "$json")")
            device="$(json_string device "$json")"
            detail="$(json_number leg_detail "$json")"
            aa="$(sed -n 's/.*"antialias":\(true\|false\).*/\1/p' <<<"$json")"
            if [[ "$count" == 100000 && "$draw" == splat && $r == 0 ]]; then
                passes_json="$(sed -n 's/.*"passes":{\([^}]*\)}.*/\1/p' <<<"$json")"
            fi
        done
        text="$(printf '%.1f' "$(median_of "${frame[@]}")")"
        if ((repeat > 1)); then
            text+=" ($(printf '%.1f' "$(min_of "${frame[@]}")")-$(printf '%.1f' "$(max_of "${frame[@]}")"))"
        fi
        text+=" [c $(printf '%.1f' "$(median_of "${compute[@]}")"), d $(printf '%.1f' "$(median_of "${drawms[@]}")")]"
        cell["$count,$draw"]="$text"
    done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

echo "Frame time (ms, median of $repeat runs of $frames frames; min-max; [GPU compute, draw])"
echo "at $size on $device, leg detail $detail, anti-aliasing ${aa:-?}; load average before: $load_before, after: $load_after"
echo
header="| particles |"
rule="|---:|"
for draw in "${draws[@]}"; do
    header+=" $draw |"
    rule+="---:|"
done
echo "$header"
echo "$rule"
for count in "${counts[@]}"; do
    row="| $count |"
    for draw in "${draws[@]}"; do row+=" ${cell["$count,$draw"]} |"; done
    echo "$row"
done
if [[ -n "$passes_json" ]]; then
    echo
    echo "GPU ms per draw pass, 100000 particles, splat (first run):"
    echo
    echo "| pass | ms |"
    echo "|---|---:|"
    tr ',' '\n' <<<"$passes_json" | sed 's/^"\([^"]*\)":\(.*\)$/\1|\2/' |
        while IFS='|' read -r name value; do
            printf '| %s | %.2f |\n' "$name" "$value"
        done
fi
