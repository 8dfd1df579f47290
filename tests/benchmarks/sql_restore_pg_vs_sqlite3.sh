#!/bin/bash
# Strata importing pg_dump's two outputs of the harness's table (--inserts: one INSERT per row;
# the default: COPY blocks) beside the harness's SQL-restore reference, sqlite3 .read of its
# .dump, in interleaved rounds, with the harness's own drivers (../shared/bench/peers). The
# harness has no pg_dump --inserts restore case; this adds it.
# Needs the harness prepared (run_peers.py prepare) and its PostgreSQL started.
#   STRATA_CLI=build/rel/app/strata-cli tests/benchmarks/sql_restore_pg_vs_sqlite3.sh [ROUNDS]
# Prints "case round N: seconds KB" lines (wall, peak RSS from GNU time).
set -euo pipefail
cd "$(dirname "$0")/../.."
B=../shared/bench/peers
W=${PEERS_ROOT:-/tmp/peers}/work
: "${STRATA_CLI:?set STRATA_CLI to strata-cli}"
export STRATA_CLI
[ -f "$W/pg_inserts_src.sql" ] || "$B/pg.sh" dump "$W/pg_inserts_src.sql" --inserts
log=$(mktemp)
for round in $(seq 1 "${1:-3}"); do
    for f in "$W/sq_dump_src.sql" "$W/pg_inserts_src.sql" "$W/pg_dump_src.sql"; do
        cat "$f" >/dev/null # into the page cache, as the harness does
    done
    /usr/bin/time -a -o "$log" -f "sqlite3 .read of its .dump round $round: %e s %M KB" \
        "$B/sq.sh" dump_restore "$W/sq_dump_src.sql" >/dev/null
    rm -rf "$W/st_pgimp"
    /usr/bin/time -a -o "$log" -f "strata pg_dump --inserts round $round: %e s %M KB" \
        "$B/st.sh" dump_restore "$W/pg_inserts_src.sql" "$W/st_pgimp" >/dev/null 2>&1
    rm -rf "$W/st_pgimp"
    /usr/bin/time -a -o "$log" -f "strata pg_dump (COPY) round $round: %e s %M KB" \
        "$B/st.sh" dump_restore "$W/pg_dump_src.sql" "$W/st_pgimp" >/dev/null 2>&1
done
rm -rf "$W/st_pgimp"
cat "$log"
rm -f "$log"
