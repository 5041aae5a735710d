#!/bin/sh
# The Debian package as a user gets it: build it with CPack from this build tree, check its
# contents, lintian (no errors), the desktop entry and AppStream data, install it with apt-get,
# screen a generated study with /usr/bin/spinegrade-cli and open /usr/bin/spinegrade --demo to
# its first frame, with the source and build trees hidden (a private mount namespace) so the
# installed programs can only find what the package installed; then remove the package.
#   package_install.sh BUILD_DIR SOURCE_DIR CPACK
# Skips (exit 77) unless it runs as root on Debian. It installs the package system-wide and
# removes it again, also when a step fails (trap); a run killed midway is cleaned up by the next.
set -eu
build=$1
src=$2
cpack=$3
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || skip "needs root: it installs and removes the package"
[ -r /etc/debian_version ] && command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null ||
    skip "needs Debian (apt-get, dpkg-deb)"
for tool in lintian desktop-file-validate appstreamcli; do
    command -v $tool >/dev/null || fail "$tool is missing (packaging/setup.sh installs it)"
done

marker=/var/tmp/spinegrade-package-test.installed
is_installed() { dpkg-query -W -f='${Status}' spinegrade 2>/dev/null | grep -q "install ok installed"; }
apt() { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@"; }
if is_installed; then
    if [ -e "$marker" ]; then
        echo "removing the package a killed run of this test left installed"
        apt purge -y spinegrade >/dev/null
        rm -f "$marker"
    else
        skip "spinegrade is installed on this machine already; this test would remove it"
    fi
fi

work=$(mktemp -d /tmp/sg-package-test.XXXXXX)
cd "$work" # nothing below runs from inside the trees it hides
installed=0
cleanup() {
    status=$?
    if [ "$installed" = 1 ]; then
        echo "removing the package"
        apt purge -y spinegrade >/dev/null 2>&1 || dpkg --purge spinegrade >/dev/null 2>&1 || true
        rm -f "$marker"
    fi
    rm -rf "$work"
    exit $status
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

echo "== building the package (cpack, from the built tree)"
(cd "$work" && "$cpack" --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) ||
    { cat "$work/cpack.log"; fail "cpack failed"; }
set -- "$work"/out/spinegrade_*.deb
[ $# = 1 ] && [ -f "$1" ] || fail "expected one spinegrade_<version>_<arch>.deb, found: $*"
deb=$1
echo "$(basename "$deb"): $(du -k "$deb" | cut -f1) KiB"
dpkg-deb -f "$deb" Package Version Architecture Depends

echo "== contents"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/files"
for f in /usr/bin/spinegrade /usr/bin/spinegrade-cli /usr/libexec/spinegrade/spinegrade-dicom-reader \
    /usr/lib/spinegrade/libspinegrade-ml.so /usr/lib/spinegrade/libspinegrade-dicomwriter.so \
    /usr/share/spinegrade/models/spinegrade-synthetic/manifest.json \
    /usr/share/spinegrade/models/spinegrade-synthetic/classifier.pt \
    /usr/share/spinegrade/models/spinegrade-synthetic/localizer.pt /usr/share/spinegrade/models/MODEL_CARD.md \
    /usr/share/applications/spinegrade.desktop /usr/share/icons/hicolor/scalable/apps/spinegrade.svg \
    /usr/share/metainfo/org.spinegrade.SpineGrade.metainfo.xml /usr/share/man/man1/spinegrade.1.gz \
    /usr/share/man/man1/spinegrade-cli.1.gz /usr/share/doc/spinegrade/copyright \
    /usr/share/doc/spinegrade/changelog.gz; do
    grep -qx "$f" "$work/files" || fail "the package lacks $f"
done
dpkg-deb -f "$deb" Depends | grep -q "libqt6widgets6" || fail "Depends has no Qt (dpkg-shlibdeps did not run?)"

echo "== lintian"
lintian_status=0
lintian --fail-on error --tag-display-limit 0 "$deb" >"$work/lintian.txt" 2>&1 || lintian_status=$?
cat "$work/lintian.txt"
[ "$lintian_status" = 0 ] || fail "lintian reports errors (exit status $lintian_status)"

echo "== desktop entry and AppStream data"
mkdir "$work/root"
dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/spinegrade.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/org.spinegrade.SpineGrade.metainfo.xml" ||
    fail "appstreamcli validate"

echo "== apt-get install"
touch "$marker"
installed=1
apt install -y --no-install-recommends "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install"; }
is_installed || fail "the package is not installed after apt-get install"

# The installed programs run with the source and build trees out of sight, and without the
# variables that would point them elsewhere, so every file they use must come from the package.
cat >"$work/hidden.sh" <<HIDDEN
#!/bin/sh
if unshare -m true 2>/dev/null; then
    exec unshare -m sh -c 'mount -t tmpfs sg-hidden "\$1" && mount -t tmpfs sg-hidden "\$2" && shift 2 && exec "\$@"' \
        sh "$build" "$src" "\$@"
fi
echo "(no mount namespace here: the build tree stays visible)" >&2
exec "\$@"
HIDDEN
chmod +x "$work/hidden.sh"
hidden() { "$work/hidden.sh" "$@"; }
export HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config"
export XDG_CACHE_HOME="$work/home/cache"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
unset SPINEGRADE_MODEL_DIR SPINEGRADE_ML_PLUGIN SPINEGRADE_DICOM_READER SPINEGRADE_DICOM_WRITER || true

echo "== /usr/bin/spinegrade-cli"
hidden /usr/bin/spinegrade-cli --version
QT_QPA_PLATFORM=offscreen hidden /usr/bin/spinegrade --version
hidden /usr/bin/spinegrade-cli phantom --out "$work/study" --patients 1 --seed 7 --size 256 >/dev/null ||
    fail "phantom (the DICOM writer plugin)"
hidden /usr/bin/spinegrade-cli screen "$work/study/SYN-7-0001" --json >"$work/screen.json" ||
    fail "screen (the reader helper, the ML plugin, the shipped model)"
grep -q '"levels":\[{"level":"L' "$work/screen.json" || fail "screen graded no level: $(head -c 400 "$work/screen.json")"
echo "screened: $(grep -o '"worst_grade":"[A-D]"' "$work/screen.json" | wc -l) levels"

echo "== /usr/bin/spinegrade --demo to its first frame"
export SPINEGRADE_EXIT_AT_FIRST_FRAME=1 QT_QPA_PLATFORM=xcb
if [ -n "${DISPLAY:-}" ]; then
    timeout 600 "$work/hidden.sh" /usr/bin/spinegrade --demo >"$work/gui.log" 2>&1 || true
else
    command -v xvfb-run >/dev/null || fail "no DISPLAY and no xvfb-run"
    timeout 600 xvfb-run -a -s '-screen 0 1280x1024x24' "$work/hidden.sh" /usr/bin/spinegrade --demo \
        >"$work/gui.log" 2>&1 || true
fi
unset SPINEGRADE_EXIT_AT_FIRST_FRAME QT_QPA_PLATFORM
grep -q "first frame" "$work/gui.log" || { cat "$work/gui.log"; fail "spinegrade --demo showed no first frame"; }

echo "== apt-get remove"
apt remove -y spinegrade >/dev/null 2>&1 || fail "apt-get remove"
is_installed && fail "still installed after apt-get remove"
[ ! -e /usr/bin/spinegrade-cli ] || fail "/usr/bin/spinegrade-cli is still there"
# CPack's postrm leaves dpkg's record in "config-files" state: purge it, so the machine is as before.
dpkg --purge spinegrade >/dev/null
installed=0
rm -f "$marker"
echo "PASS"
