#!/usr/bin/env bash
# Import speed: strata-cli import/restore against sqlite3 (.import, json_each) and DuckDB
# (read_csv / read_json, from the npm package @duckdb/node-api) on the same 8-column table
# (../shared/design/PERFORMANCE.md), whole processes, median of RUNS runs, warm page cache.
# Prints Markdown for docs/benchmarks.md.
#   tests/benchmarks/import_vs_peers.sh [ROWS]      (needs build/bench, see docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/benchmarks/peers_lib.sh
bench_setup import "$@"
setup_duckdb

echo "generating $ROWS rows..." >&2
"$BENCH/tests/benchmarks/bench_export_data" "$work/source" "$ROWS"
"$CLI" export --db "$work/source" --out "$work/files" --tables t --format csv,json --no-latest >/dev/null
"$CLI" export --db "$work/source" --out "$work/files" --tables t --format json --jsonl --no-latest >/dev/null
"$CLI" export --db "$work/source" --out "$work/files" --full --format json --no-latest >/dev/null
csv=$(ls "$work"/files/t_export_*.csv)
json=$(ls "$work"/files/t_export_*.json)
jsonl=$(ls "$work"/files/t_export_*.jsonl)
backup=$(ls "$work"/files/full_backup_*.json)
cat "$csv" "$jsonl" "$backup" > /dev/null # warm the page cache

fresh='rm -rf "$work/db" "$work/peer.sqlite" "$work/peer.duckdb" "$work/peer.duckdb.wal"'
schema="CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, email TEXT, age INT, score REAL, active TEXT, created TEXT, note TEXT);"

time_cmd strata_csv "$fresh" "$CLI" import --db "$work/db" --table t "$csv"
time_cmd sqlite_csv_file "$fresh" sh -c "sqlite3 '$work/peer.sqlite' \"$schema\" '.mode csv' '.import --skip 1 $csv t'"
time_cmd sqlite_csv_mem "$fresh" sh -c "sqlite3 :memory: \"$schema\" '.mode csv' '.import --skip 1 $csv t'"
time_cmd duck1_csv_mem "$fresh" "$duck" :memory: "SET threads = 1" "CREATE TABLE t AS SELECT * FROM read_csv('$csv', header = true)"
time_cmd duck2_csv_mem "$fresh" "$duck" :memory: "SET threads = 2" "CREATE TABLE t AS SELECT * FROM read_csv('$csv', header = true)"
time_cmd duck1_csv_file "$fresh" "$duck" "$work/peer.duckdb" "SET threads = 1" "CREATE TABLE t AS SELECT * FROM read_csv('$csv', header = true)"
time_cmd duck2_csv_file "$fresh" "$duck" "$work/peer.duckdb" "SET threads = 2" "CREATE TABLE t AS SELECT * FROM read_csv('$csv', header = true)"

time_cmd strata_restore "$fresh" "$CLI" restore --db "$work/db" "$backup"
time_cmd strata_jsonl "$fresh" "$CLI" import --db "$work/db" --table t "$jsonl"
time_cmd sqlite_json "$fresh" sqlite3 "$work/peer.sqlite" "$schema" "INSERT INTO t SELECT value->>'id', value->>'name', value->>'email', value->>'age', value->>'score', value->>'active', value->>'created', value->>'note' FROM json_each(readfile('$json'), '\$.table.data')"
time_cmd duck1_jsonl "$fresh" "$duck" :memory: "SET threads = 1" "CREATE TABLE t AS SELECT * FROM read_json('$jsonl')"
time_cmd duck2_jsonl "$fresh" "$duck" :memory: "SET threads = 2" "CREATE TABLE t AS SELECT * FROM read_json('$jsonl')"
time_cmd duck1_jsonl_file "$fresh" "$duck" "$work/peer.duckdb" "SET threads = 1" "CREATE TABLE t AS SELECT * FROM read_json('$jsonl')"
time_cmd duck2_jsonl_file "$fresh" "$duck" "$work/peer.duckdb" "SET threads = 2" "CREATE TABLE t AS SELECT * FROM read_json('$jsonl')"
eval "$fresh"
"$CLI" import --db "$work/db" --table t "$csv" >/dev/null
db_bytes=$(du -sb "$work/db" | cut -f1)

mb() { echo "scale=0; $1 / 1048576" | bc -l; }
mbps() { echo "scale=0; $1 / 1048576 / $2" | bc -l; }
csv_bytes=$(stat -c %s "$csv")
backup_bytes=$(stat -c %s "$backup")
jsonl_bytes=$(stat -c %s "$jsonl")
echo
echo "Import of $ROWS rows × 8 columns: CSV $(mb "$csv_bytes") MB, JSON backup $(mb "$backup_bytes") MB, JSON lines $(mb "$jsonl_bytes") MB; median of $RUNS whole-process runs, warm page cache. Strata's imports are durable (a bulk import's rows are written once, into a checkpoint synced before the commit returns) and include type inference (a first pass over a CSV or JSON-lines file)."
echo
echo "| import | Strata | sqlite3 | DuckDB t1 | DuckDB t2 |"
echo "|---|---:|---:|---:|---:|"
echo "| CSV → table (file) | ${SECONDS_OF[strata_csv]} s ($(mbps "$csv_bytes" "${SECONDS_OF[strata_csv]}") MB/s) | ${SECONDS_OF[sqlite_csv_file]} s | ${SECONDS_OF[duck1_csv_file]} s | ${SECONDS_OF[duck2_csv_file]} s |"
echo "| CSV → table (in memory, peers only) | — | ${SECONDS_OF[sqlite_csv_mem]} s | ${SECONDS_OF[duck1_csv_mem]} s | ${SECONDS_OF[duck2_csv_mem]} s |"
echo "| JSON backup restore / JSON array | ${SECONDS_OF[strata_restore]} s ($(mbps "$backup_bytes" "${SECONDS_OF[strata_restore]}") MB/s) | ${SECONDS_OF[sqlite_json]} s (json_each) | — | — |"
echo "| JSON lines → table (file) | ${SECONDS_OF[strata_jsonl]} s | — | ${SECONDS_OF[duck1_jsonl_file]} s | ${SECONDS_OF[duck2_jsonl_file]} s |"
echo "| JSON lines → table (in memory, peers only) | — | — | ${SECONDS_OF[duck1_jsonl]} s | ${SECONDS_OF[duck2_jsonl]} s |"
echo
echo "Peak RSS of the Strata CSV import: ${RSS_OF[strata_csv]} KiB; the database it wrote: $(mb "$db_bytes") MB on disk. sqlite3 CSV import: ${RSS_OF[sqlite_csv_file]} KiB; DuckDB t2 (file): ${RSS_OF[duck2_csv_file]} KiB."
