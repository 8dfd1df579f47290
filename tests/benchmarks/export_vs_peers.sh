#!/usr/bin/env bash
# Export speed: strata-cli against the sqlite3 CLI and DuckDB (@duckdb/node-api from npm) on
# the same table (../shared/design/PERFORMANCE.md: 8 columns), whole processes, median of
# RUNS runs. Prints Markdown for docs/benchmarks.md.
#   tests/benchmarks/export_vs_peers.sh [ROWS]      (needs build/bench, see docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/benchmarks/peers_lib.sh
bench_setup export "$@"
setup_duckdb

echo "generating $ROWS rows..." >&2
"$BENCH/tests/benchmarks/bench_export_data" "$work/strata" "$ROWS"
# The peers get the same values, loaded from Strata's CSV (postgres preset: NULL is an
# unquoted empty field, an empty string a quoted one).
"$CLI" export --db "$work/strata" --out "$work/src" --tables t --format csv --csv-preset postgres --no-latest >/dev/null
src=$(ls "$work"/src/t_export_*.csv)
sqlite3 "$work/peer.sqlite" <<SQL
CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, email TEXT, age INT, score REAL, active TEXT, created TEXT, note TEXT);
.mode csv
.import --skip 1 $src t
SQL
"$duck" "$work/peer.duckdb" "CREATE TABLE t AS SELECT * FROM read_csv('$src', header = true)"

out="$work/out"
reset='rm -rf "$work/out" && mkdir -p "$work/out"'
time_cmd strata_csv "$reset" "$CLI" export --db "$work/strata" --out "$out" --tables t --format csv --no-latest
csv_bytes=$(stat -c %s "$src")
time_cmd sqlite_csv "$reset" sh -c "sqlite3 -csv -header '$work/peer.sqlite' 'SELECT * FROM t' > '$out/t.csv'"
time_cmd duck1_csv "$reset" "$duck" "$work/peer.duckdb" "SET threads = 1" "COPY t TO '$out/t.csv' (HEADER)"
time_cmd duck2_csv "$reset" "$duck" "$work/peer.duckdb" "SET threads = 2" "COPY t TO '$out/t.csv' (HEADER)"
time_cmd strata_json "$reset" "$CLI" export --db "$work/strata" --out "$out" --tables t --format json --no-latest
json_bytes=$(stat -c %s "$(ls "$out"/t_export_*.json)")
time_cmd strata_jsonl "$reset" "$CLI" export --db "$work/strata" --out "$out" --tables t --format json --jsonl --no-latest
time_cmd sqlite_json "$reset" sh -c "sqlite3 -json '$work/peer.sqlite' 'SELECT * FROM t' > '$out/t.json'"
time_cmd duck1_json "$reset" "$duck" "$work/peer.duckdb" "SET threads = 1" "COPY t TO '$out/t.json' (FORMAT JSON, ARRAY true)"
time_cmd duck2_json "$reset" "$duck" "$work/peer.duckdb" "SET threads = 2" "COPY t TO '$out/t.json' (FORMAT JSON, ARRAY true)"
time_cmd duck1_ndjson "$reset" "$duck" "$work/peer.duckdb" "SET threads = 1" "COPY t TO '$out/t.json' (FORMAT JSON)"
time_cmd duck2_ndjson "$reset" "$duck" "$work/peer.duckdb" "SET threads = 2" "COPY t TO '$out/t.json' (FORMAT JSON)"
sum=0
for f in csv json sql sqlite xlsx; do
    time_cmd "strata_only_$f" "$reset" "$CLI" export --db "$work/strata" --out "$out" --tables t --format $f --no-latest
    sum=$(echo "$sum + ${SECONDS_OF[strata_only_$f]}" | bc -l)
done
time_cmd strata_all "$reset" "$CLI" export --db "$work/strata" --out "$out" --tables t --format csv,json,sql,sqlite,xlsx --no-latest
time_cmd strata_open "$reset" "$CLI" tables --db "$work/strata"

mbps() { echo "scale=0; $1 / 1048576 / $2" | bc -l; }
echo
echo "Export of $ROWS rows × 8 columns ($((csv_bytes / 1048576)) MB as CSV, $((json_bytes / 1048576)) MB as Strata JSON); median of $RUNS whole-process runs; MB/s of the CSV/JSON size."
echo
echo "| export | Strata (read, format, write threads) | sqlite3 CLI | DuckDB t1 | DuckDB t2 |"
echo "|---|---:|---:|---:|---:|"
echo "| CSV | ${SECONDS_OF[strata_csv]} s ($(mbps "$csv_bytes" "${SECONDS_OF[strata_csv]}") MB/s) | ${SECONDS_OF[sqlite_csv]} s ($(mbps "$csv_bytes" "${SECONDS_OF[sqlite_csv]}") MB/s) | ${SECONDS_OF[duck1_csv]} s ($(mbps "$csv_bytes" "${SECONDS_OF[duck1_csv]}") MB/s) | ${SECONDS_OF[duck2_csv]} s ($(mbps "$csv_bytes" "${SECONDS_OF[duck2_csv]}") MB/s) |"
echo "| JSON array | ${SECONDS_OF[strata_json]} s ($(mbps "$json_bytes" "${SECONDS_OF[strata_json]}") MB/s) | ${SECONDS_OF[sqlite_json]} s | ${SECONDS_OF[duck1_json]} s | ${SECONDS_OF[duck2_json]} s |"
echo "| JSON lines | ${SECONDS_OF[strata_jsonl]} s | — | ${SECONDS_OF[duck1_ndjson]} s | ${SECONDS_OF[duck2_ndjson]} s |"
echo
echo "Strata, one run writing csv, json, sql, sqlite and xlsx: ${SECONDS_OF[strata_all]} s; the five single-format runs add up to $sum s."
echo "Opening the database alone (strata-cli tables): ${SECONDS_OF[strata_open]} s, peak RSS ${RSS_OF[strata_open]} KiB; CSV export peak RSS ${RSS_OF[strata_csv]} KiB."
