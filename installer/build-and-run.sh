#!/usr/bin/env bash
# Installs what is missing, builds Strata, and starts it on a database folder (default: the
# bundled demo database, created on first use). Usage: installer/build-and-run.sh [DB_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/setup-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTRATA_BUILD_TESTS=OFF
cmake --build build/release -j2

cli=build/release/app/strata-cli
db="${1:-${XDG_DATA_HOME:-$HOME/.local/share}/strata/demo}"
if [ $# -eq 0 ] && [ ! -e "$db/checkpoint.db" ] && [ ! -e "$db/wal-000001.log" ]; then
    echo "Creating the demo database in $db"
    "$cli" demo --db "$db" --rows 5000
fi
# The desktop application where there is a display; the SQL shell on a terminal without one.
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec build/release/app/strata "$db"
fi
"$cli" tables --db "$db"
if [ -t 0 ]; then
    exec "$cli" sql --db "$db" --format table
else
    "$cli" sql --db "$db" --format table -c \
        "SELECT status, count(*) AS orders, round(sum(total), 2) AS revenue FROM orders GROUP BY status ORDER BY revenue DESC"
fi
