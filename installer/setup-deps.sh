#!/usr/bin/env bash
# Installs, from Debian 12's archive only, everything Strata needs to build, run and test.
# Idempotent: packages already present are skipped. Needs root (or sudo).
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config clang-format git
    # clang for the libFuzzer targets (tests/fuzz); libFuzzer comes with it (libclang-rt)
    clang libclang-rt-14-dev
    # Qt 6: Widgets, Concurrent, Sql (+ SQLite and PostgreSQL drivers), Test, Linguist
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite libqt6sql6-psql libgl-dev
    # Qt's own translations (qtbase_de.qm: "Cancel" in the standard buttons)
    qt6-translations-l10n
    # libraries
    libquazip1-qt6-dev zlib1g-dev libzstd-dev libspdlog-dev libfmt-dev rapidjson-dev libgeos-dev libssl-dev
    # peers and real consumers used by tests and benchmarks
    sqlite3 libsqlite3-dev libbenchmark-dev python3 python3-pandas python3-openpyxl postgresql zip unzip gdal-bin
    libreoffice-calc-nogui cmark-gfm
    # packaging checks: desktop-file-validate, appstreamcli, dpkg-shlibdeps (dpkg-dev; CPack's
    # shlibdeps step also runs `file`)
    desktop-file-utils appstream dpkg-dev file
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup-deps: all ${#packages[@]} packages present"
    exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup-deps: run as root or install sudo" >&2; exit 1; }
    sudo_cmd=(sudo)
fi
echo "setup-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
