#!/bin/sh
# Fails if PROGRAM loads Qt Widgets, VTK or LibTorch at start (ldd lists what the dynamic
# loader maps before main): spinegrade-cli paints its report charts with Qt Gui only, and
# LibTorch is the ML plugin's, loaded only when a model runs (issue 14).
program="$1"
libs=$(ldd "$program") || { echo "ldd failed on $program"; exit 1; }
bad=$(printf '%s\n' "$libs" | grep -E 'libQt6Widgets|libQt6OpenGL|libvtk|libtorch|libc10')
if [ -n "$bad" ]; then
    echo "$program loads what it must not:"
    printf '%s\n' "$bad"
    exit 1
fi
echo "$program: $(printf '%s\n' "$libs" | wc -l) libraries, none of Qt Widgets/OpenGL, VTK, LibTorch"
