#!/usr/bin/env bash
# The Debian package as a user gets it: built with CPack from this build, unpacked into a
# scratch root with dpkg -x, and run from there — the CLI makes, exports and verifies a demo
# database, the GUI shows its window offscreen. Also checks the package's computed Depends:,
# the desktop file, the AppStream metainfo and the icons.
#   package_test.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d /tmp/strata-package-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "package test: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/pkg" >/dev/null)
deb=$(ls "$work"/pkg/*.deb)
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libqt6widgets6 libqt6sql6 libquazip1-qt6 libspdlog libgeos qt6-qpa-plugins libqt6sql6-sqlite; do
    grep -q "$lib" <<<"$depends" || fail "Depends: lacks $lib (Depends: $depends)"
done
dpkg -x "$deb" "$work/root"
root=$work/root/usr
for f in bin/strata bin/strata-cli share/applications/io.github.strata.Strata.desktop \
    share/metainfo/io.github.strata.Strata.metainfo.xml \
    share/icons/hicolor/scalable/apps/io.github.strata.Strata.svg \
    share/icons/hicolor/48x48/apps/io.github.strata.Strata.png \
    share/icons/hicolor/256x256/apps/io.github.strata.Strata.png; do
    [ -e "$root/$f" ] || fail "missing /usr/$f"
done
appstreamcli validate --no-net "$root/share/metainfo/io.github.strata.Strata.metainfo.xml" >/dev/null \
    || fail "the AppStream metainfo does not validate"
desktop-file-validate "$root/share/applications/io.github.strata.Strata.desktop" \
    || fail "the desktop file does not validate"
grep -q '^MimeType=.*text/csv' "$root/share/applications/io.github.strata.Strata.desktop" \
    || fail "the desktop file does not open CSV files"

export HOME=$work/home XDG_DATA_HOME=$work/home/data XDG_CONFIG_HOME=$work/home/config
mkdir -p "$HOME"
version=$("$root/bin/strata-cli" --version)
[ "$version" = "strata-cli 0.1.0" ] || fail "--version says '$version'"
"$root/bin/strata-cli" demo --db "$work/db" --rows 100 >/dev/null
"$root/bin/strata-cli" export --db "$work/db" --out "$work/out" --full --format json,csv --zip >/dev/null
archive=$(ls "$work"/out/export_*.zip | head -1)
"$root/bin/strata-cli" verify "$archive" | grep -q '^ok:' || fail "verify did not pass $archive"
shown=$(QT_QPA_PLATFORM=offscreen "$root/bin/strata" --smoke-test "$work/db" 2>/dev/null)
# The demo's four tables; the export's audit_log is Strata's own and not listed.
[ "$shown" = "strata: window shown, 4 tables" ] || fail "the GUI said '$shown'"
echo "package test: installed files run (CLI demo, export, verify; GUI window)"
