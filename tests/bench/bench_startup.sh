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
# start to exit of "$@", N times: the median wall time, and the median CPU time (user + system,
# which a machine shared with other work inflates far less than wall time)
timed() {
    local n=$1; shift
    local out; out=$(for _ in $(seq "$n"); do
        /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1
        cat "$work/time"
    done)
    echo "$(echo "$out" | awk '{print $1}' | median) s wall, $(echo "$out" | awk '{print $2 + $3}' | median) s CPU"
}

echo "programs: $bin ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
echo "cli --version (median of $runs): $(timed "$runs" "$cli" --version)"

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
echo "cli stats --csv, $(($(wc -l < "$csv") - 1)) labels (median of $runs): $(timed "$runs" "$cli" stats --csv "$csv")"
rss=$( { /usr/bin/time -f '%M' "$cli" stats --csv "$csv" >/dev/null; } 2>&1 | tail -1)
echo "cli stats --csv peak RSS: $((rss / 1024)) MB"

# screen: 60 slices 512x512 as ONE study (three generated patients' slices, stacks 400 mm
# apart along z, as bench_proposals writes them), the ML plugin and the model loaded in each run.
"$cli" phantom --out "$work/patients" --patients 3 --seed 7 --size 512 >/dev/null 2>&1
study="$work/study"
mkdir -p "$study"
/usr/bin/python3 - "$work/patients" "$study" <<'PY'
import glob, os, sys
import pydicom
src, dst = sys.argv[1], sys.argv[2]
first, n = None, 0
for k, patient in enumerate(sorted(glob.glob(os.path.join(src, "*", "")))):
    for f in sorted(glob.glob(os.path.join(patient, "*.dcm"))):
        if n == 60:
            break
        d = pydicom.dcmread(f)
        if first is None:
            first = d
        for tag in ("StudyInstanceUID", "SeriesInstanceUID", "FrameOfReferenceUID", "PatientID", "PatientName"):
            if tag in first:
                setattr(d, tag, getattr(first, tag))
        d.ImagePositionPatient = [d.ImagePositionPatient[0], d.ImagePositionPatient[1],
                                  float(d.ImagePositionPatient[2]) + 400.0 * k]
        n += 1
        d.InstanceNumber = n
        d.save_as(os.path.join(dst, "%d.dcm" % n))
PY
slices=$(ls "$study"/*.dcm | wc -l)
"$cli" screen "$study" >/dev/null 2>&1 # warm the page cache
echo "cli screen, $slices slices, plugin + model load included (median of 5): $(timed 5 "$cli" screen "$study")"
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
    # Wall and CPU (the GUI process, user + system; the DICOM reader helpers it starts are not
    # counted, they are not waited for at exit).
    echo "GUI start to first frame of the demo study, warm (median of 5): $(timed 5 env SPINEGRADE_EXIT_AT_FIRST_FRAME=1 timeout 120 "$gui" --demo)"
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
