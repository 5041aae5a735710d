#!/bin/sh
# Fails if PROGRAM loads at start (ldd lists what the dynamic loader maps before main) what only
# a plugin may load: LibTorch (the ML plugin, loaded when a model runs) and ITK/GDCM (the DICOM
# writer plugin, loaded on the first write; GDCM reads in the helper process). Their static
# initialisers would run at every start (issue 14). With --cli, Qt Widgets, Qt OpenGL and VTK
# are refused too: spinegrade-cli paints its report charts with Qt Gui only.
cli=0
if [ "$1" = "--cli" ]; then cli=1; shift; fi
program="$1"
libs=$(ldd "$program") || { echo "ldd failed on $program"; exit 1; }
forbidden='libtorch|libc10|libITK|libitk|libgdcm'
[ $cli = 1 ] && forbidden="$forbidden|libQt6Widgets|libQt6OpenGL|libvtk"
bad=$(printf '%s\n' "$libs" | grep -E "$forbidden")
if [ -n "$bad" ]; then
    echo "$program loads what it must not:"
    printf '%s\n' "$bad"
    exit 1
fi
echo "$program: $(printf '%s\n' "$libs" | wc -l) libraries, none of ($forbidden)"
