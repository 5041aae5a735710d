#!/bin/sh
# `spinegrade-cli info` on a folder beside `gdcmscanner -r` (Debian's libgdcm-tools) reading
# the same header tags, warm cache, median of RUNS alternating runs; peak RSS of each (the
# reader helpers included for info: GNU time counts the largest of the process and its
# waited-for children), and CPU seconds (user + system, the readers included). On a shared
# machine compare CPU seconds: wall time there measures the other tenants. Prints figures;
# no verdict.
#   tests/bench/bench_info.sh CLI DIR [RUNS]
# Make DIR with: /usr/bin/python3 tests/bench/make_info_folder.py DIR   (10,000 files)
set -eu
cli=$1
dir=$2
runs=${3:-5}
# The tags SliceHeader holds (core/dicom/reader/GdcmHeader.cpp) and the pixel module checks.
tags=""
for t in 0008,0016 0008,0018 0008,0020 0008,0060 0008,1030 0008,103e 0010,0010 0010,0020 \
    0020,000d 0020,000e 0020,0011 0020,0013 0020,0032 0020,0037 0028,0002 0028,0008 \
    0028,0010 0028,0011 0028,0030 0028,0100 0028,0101 0028,0102 0028,0103 0028,1050 \
    0028,1051 0028,1052 0028,1053; do
    tags="$tags -t $t"
done
files=$(find "$dir" -type f | wc -l)
echo "folder: $dir, $files files, $(du -sh "$dir" | cut -f1)"
# shellcheck disable=SC2086
gdcmscanner -d "$dir" -r $tags > /dev/null # warm the page cache
"$cli" info "$dir" > /dev/null
tmp=$(mktemp)
i=0
while [ "$i" -lt "$runs" ]; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "gdcm %e %M %U %S" -a -o "$tmp" gdcmscanner -d "$dir" -r $tags > /dev/null
    /usr/bin/time -f "info %e %M %U %S" -a -o "$tmp" "$cli" info "$dir" > /dev/null
    /usr/bin/time -f "start %e %M %U %S" -a -o "$tmp" "$cli" --help > /dev/null
    i=$((i + 1))
done
awk '
  { t[$1] = t[$1] " " $2; c[$1] = c[$1] " " ($4 + $5); m[$1] = ($3 > m[$1] ? $3 : m[$1]) }
  function median(s,   a, n, i, j, x) {
    n = split(s, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { x = a[i]; a[i] = a[j]; a[j] = x }
    return a[int((n + 1) / 2)]
  }
  END {
    g = median(t["gdcm"]); s = median(t["info"]); h = median(t["start"])
    gc = median(c["gdcm"]); sc = median(c["info"]); hc = median(c["start"])
    printf "gdcmscanner -r (same tags): %.2f s wall, %.2f s CPU (medians; wall runs:%s), peak RSS %.0f MB\n", g, gc, t["gdcm"], m["gdcm"] / 1024
    printf "spinegrade-cli info:        %.2f s wall, %.2f s CPU (medians; wall runs:%s), peak RSS %.0f MB\n", s, sc, t["info"], m["info"] / 1024
    printf "spinegrade-cli --help (the start alone): %.2f s wall, %.2f s CPU\n", h, hc
    printf "info / gdcmscanner: %.2fx wall, %.2fx CPU; without the start: %.2fx wall, %.2fx CPU\n", s / g, sc / gc, (s - h) / g, (sc - hc) / gc
  }' "$tmp"
rm -f "$tmp"
