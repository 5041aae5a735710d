#!/usr/bin/env bash
# Checks (or with --fix, applies) the root .clang-format on every C++ file git tracks.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.cpp' '*.h')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i $files
  exit 0
fi
clang-format --dry-run -Werror $files
echo "clang-format: $(printf '%s\n' $files | wc -l) files formatted"
