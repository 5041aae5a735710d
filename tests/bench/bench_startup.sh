#!/bin/bash
# Start-up figures of issue 14 (README, Figures). Prints one line per figure; nothing is
# asserted. Run on an idle machine, under an X server for the GUI figures:
#   xvfb-run -a -s '-screen 0 1280x1024x24' tests/bench/bench_startup.sh [BUILD_DIR [BIN_DIR]]
# BIN_DIR holds the spinegrade and spinegrade-cli to measure (default BUILD_DIR/app); give a
# copy of another build's programs to compare (the GUI first-frame figure needs this tree's
# SPINEGRADE_EXIT_AT_FIRST_FRAME; "window mapped" works for any build).
set -u
build=$(cd "${1:-build}" && pwd)
bin=$(cd "${2:-$build/app}" && pwd)
cli="$bin/spinegrade-cli"
gui="$bin/spinegrade"
runs=${SG_BENCH_RUNS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s%N; }
# median of the numbers on stdin (one a line), 3 decimals
median() { sort -g | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "%.3f", m}'; }
# seconds from start to exit of "$@", N times; prints the median
timed() {
    local n=$1; shift
    for _ in $(seq "$n"); do
        local t0; t0=$(now)
        "$@" >/dev/null 2>&1
        echo "$(( $(now) - t0 ))" | awk '{print $1 / 1e9}'
    done | median
}

echo "programs: $bin ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "cli --version (median of $runs): $(timed "$runs" "$cli" --version) s"

# 1,000 labels: 250 items x 2 analyzers x 2 tasks.
csv="$work/labels.csv"
{
    echo "item,rater,task,label"
    for i in $(seq 250); do
        g1=$(printf 'ABCD' | cut -c$(( i % 4 + 1 ))); g2=$(printf 'ABCD' | cut -c$(( (i * 7 / 5) % 4 + 1 )))
        c=$([ $(( i % 9 )) -eq 0 ] && echo cord || echo rootlet)
        echo "s$i,analyzer1,grade,$g1"; echo "s$i,analyzer2,grade,$g2"
        echo "s$i,analyzer1,canal,$c"; echo "s$i,analyzer2,canal,rootlet"
    done
} > "$csv"
echo "cli stats --csv, $(($(wc -l < "$csv") - 1)) labels (median of $runs): $(timed "$runs" "$cli" stats --csv "$csv") s"
rss=$( { /usr/bin/time -f '%M' "$cli" stats --csv "$csv" >/dev/null; } 2>&1 | tail -1)
echo "cli stats --csv peak RSS: $((rss / 1024)) MB"

# screen: a generated 512x512 study, the model and the ML plugin loaded in each run.
"$cli" phantom --out "$work/study" --patients 1 --seed 7 --size 512 >/dev/null
study=$(ls -d "$work"/study/*/ | head -1)
slices=$(ls "$study"/*.dcm | wc -l)
"$cli" screen "$study" >/dev/null 2>&1 # warm the page cache
echo "cli screen, $slices slices, plugin + model load included (median of 5): $(timed 5 "$cli" screen "$study") s"
rss=$( { /usr/bin/time -f '%M' "$cli" screen "$study" >/dev/null; } 2>&1 | tail -1)
echo "cli screen peak RSS: $((rss / 1024)) MB"

if [ -z "${DISPLAY:-}" ]; then
    echo "GUI figures skipped: no DISPLAY (run under xvfb-run)"
    exit 0
fi
export QT_QPA_PLATFORM=xcb
# Warm: the demo study is generated on first use; one run first makes it and fills the caches.
SPINEGRADE_EXIT_AT_FIRST_FRAME=1 timeout 120 "$gui" --demo >/dev/null 2>&1
if SPINEGRADE_EXIT_AT_FIRST_FRAME=1 timeout 120 "$gui" --demo 2>/dev/null | grep -q "first frame"; then
    firsts=$(for _ in $(seq 5); do
        t0=$(now); SPINEGRADE_EXIT_AT_FIRST_FRAME=1 timeout 120 "$gui" --demo >/dev/null 2>&1
        echo "$(( $(now) - t0 ))" | awk '{print $1 / 1e9}'; done | median)
    echo "GUI start to first frame of the demo study, warm (median of 5): $firsts s"
else
    echo "GUI first-frame figure skipped: this build has no SPINEGRADE_EXIT_AT_FIRST_FRAME"
fi
# Start to the main window mapped (any build): xdotool waits for the window, then it is killed.
if command -v xdotool >/dev/null; then
    mapped=$(for _ in $(seq 5); do
        t0=$(now); "$gui" --demo >/dev/null 2>&1 & pid=$!
        xdotool search --sync --onlyvisible --pid "$pid" --name SpineGrade >/dev/null 2>&1
        t1=$(now); kill "$pid"; wait "$pid" 2>/dev/null
        echo "$(( t1 - t0 ))" | awk '{print $1 / 1e9}'; done | median)
    echo "GUI start to main window mapped, --demo (median of 5): $mapped s"
fi
