#!/usr/bin/env bash
# Runs clang-tidy (the root .clang-tidy) over the project's own sources, using the
# compile database of build/. Exit status: non-zero if any warning is reported.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f build/compile_commands.json ] || { echo "configure build/ first (packaging/setup.sh)"; exit 2; }
files=$(git ls-files 'core/*.cpp' 'ui/*.cpp' 'app/*.cpp')
out=$(printf '%s\n' $files | xargs -P "$(nproc)" -n 4 clang-tidy -p build --quiet 2>/dev/null || true)
warnings=$(printf '%s\n' "$out" | grep -E '(warning|error):' | grep -v 'warnings generated' || true)
if [ -n "$warnings" ]; then
  printf '%s\n' "$out"
  exit 1
fi
echo "clang-tidy: no warnings in $(printf '%s\n' $files | wc -l) files"
