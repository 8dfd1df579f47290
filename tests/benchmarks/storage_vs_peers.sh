#!/bin/bash
# Storage past memory (issue #14): what a command costs on a big database, side by side with
# sqlite3 and DuckDB in one interleaved run. For each size, a database holding the peers'
# table t (../shared/bench/peers/gen_data.py) and a 2-row table s; per round every case runs
# once per peer (A B C A B C ...); medians of wall time, the largest peak RSS. Besides the
# catalog-only cases, a lookup, a 10,001-row range and a one-row update by an index on t(id).
#
#   STRATA_CLI=build/rel/app/strata-cli RUNS=3 SIZES="2m 20m" tests/benchmarks/storage_vs_peers.sh
#
# Needs $PEERS_ROOT/data/t2m.csv (and t20m.csv: gen_data.py --rows 20000000), sqlite3, node
# with @duckdb/node-api in $PEERS_ROOT/duckdb (see ../shared/bench/peers/README.md).
set -euo pipefail
PEERS=${PEERS:-$(cd "$(dirname "$0")/../../../shared/bench/peers" && pwd)}
ROOT=${PEERS_ROOT:-/tmp/peers}
CLI=$(realpath "${STRATA_CLI:?set STRATA_CLI to a Release strata-cli}")
RUNS=${RUNS:-3}
SIZES=${SIZES:-2m 20m}
DB=$ROOT/storage
OUT=$ROOT/storage-out
mkdir -p "$DB" "$OUT"
DUCK_JS=$ROOT/storage-duck.cjs
cat > "$DUCK_JS" <<'JS'
// node storage-duck.cjs DBFILE SQL...: runs statements on a DuckDB file, prints the last result.
const path = require('path');
const { DuckDBInstance } = require(path.join(process.env.DUCKDB_NODE_DIR || '/tmp/peers/duckdb',
                                             'node_modules/@duckdb/node-api'));
(async () => {
  const inst = await DuckDBInstance.create(process.argv[2], { threads: '2' });
  const c = await inst.connect();
  let r;
  for (const sql of process.argv.slice(3)) r = await c.runAndReadAll(sql);
  if (r) console.log(JSON.stringify(r.getRows(), (k, v) => typeof v === 'bigint' ? String(v) : v));
})().catch((e) => { console.error(e); process.exit(1); });
JS

build() { # SIZE
    local n=$1 csv=$ROOT/data/t$1.csv
    if [ ! -f "$DB/st$n/checkpoint.db" ]; then
        STRATA_CLI=$CLI "$PEERS/st.sh" build_db "$csv" "$DB/st$n" >/dev/null
        "$CLI" sql --db "$DB/st$n" -c "CREATE TABLE s (a INTEGER, b TEXT)" >/dev/null
        "$CLI" sql --db "$DB/st$n" -c "INSERT INTO s VALUES (1, 'a'), (2, 'b')" >/dev/null
    fi
    if [ ! -f "$DB/sq$n.db" ]; then
        "$PEERS/sq.sh" build_db "$csv" "$DB/sq$n.db.tmp" >/dev/null
        sqlite3 "$DB/sq$n.db.tmp" "CREATE TABLE s (a INTEGER, b TEXT)" "INSERT INTO s VALUES (1, 'a'), (2, 'b')"
        mv "$DB/sq$n.db.tmp" "$DB/sq$n.db"
    fi
    if [ ! -f "$DB/dk$n.duckdb" ]; then
        rm -f "$DB/dk$n.duckdb.tmp"
        node "$PEERS/duck.cjs" build_db 2 "$csv" "$DB/dk$n.duckdb.tmp" >/dev/null
        node "$DUCK_JS" "$DB/dk$n.duckdb.tmp" "CREATE TABLE s (a INTEGER, b VARCHAR)" \
            "INSERT INTO s VALUES (1, 'a'), (2, 'b')" "CHECKPOINT" >/dev/null
        mv "$DB/dk$n.duckdb.tmp" "$DB/dk$n.duckdb"
    fi
}

# An index on t(id) in each database, for the lookup, range and one-row update cases (after
# the other cases' database is built: Strata's close writes the new index's runs).
index_t() { # SIZE
    local n=$1
    [ -f "$DB/indexed$n" ] && return
    "$CLI" sql --db "$DB/st$n" -c "CREATE INDEX t_id ON t (id)" >/dev/null
    sqlite3 "$DB/sq$n.db" "CREATE INDEX t_id ON t (id)"
    node "$DUCK_JS" "$DB/dk$n.duckdb" "CREATE INDEX t_id ON t (id)" "CHECKPOINT" >/dev/null
    touch "$DB/indexed$n"
}

# The row a lookup finds, the first of a range: the middle of the table.
key_of() { case $1 in 2m) echo 1000017 ;; 20m) echo 10000017 ;; *) echo 17 ;; esac; }

# The command of a case: case_cmd PEER OP SIZE
case_cmd() {
    local p=$1 op=$2 n=$3
    local k; k=$(key_of "$n")
    local lookup="SELECT * FROM t WHERE id = $k"
    local range="SELECT count(*), sum(age) FROM t WHERE id BETWEEN $k AND $((k + 10000))"
    local update="UPDATE t SET age = age + 1 WHERE id = $k"
    case "$p.$op" in
    strata.lookup_id) echo "$CLI sql --db $DB/st$n -c '$lookup'" ;;
    strata.range_id) echo "$CLI sql --db $DB/st$n -c '$range'" ;;
    strata.update_one) echo "$CLI sql --db $DB/st$n -c '$update'" ;;
    sqlite3.lookup_id) echo "sqlite3 -readonly $DB/sq$n.db '$lookup'" ;;
    sqlite3.range_id) echo "sqlite3 -readonly $DB/sq$n.db '$range'" ;;
    sqlite3.update_one) echo "sqlite3 $DB/sq$n.db '$update'" ;;
    duckdb.lookup_id) echo "node $DUCK_JS $DB/dk$n.duckdb '$lookup'" ;;
    duckdb.range_id) echo "node $DUCK_JS $DB/dk$n.duckdb '$range'" ;;
    duckdb.update_one) echo "node $DUCK_JS $DB/dk$n.duckdb '$update'" ;;
    strata.tables) echo "$CLI tables --db $DB/st$n" ;;
    strata.count_s) echo "$CLI sql --db $DB/st$n -c 'SELECT count(*) FROM s'" ;;
    strata.export_s) echo "$CLI export --db $DB/st$n --tables s --format csv --no-latest --out $OUT/st" ;;
    strata.insert_s) echo "$CLI sql --db $DB/st$n -c \"INSERT INTO s VALUES (3, 'c')\"" ;;
    strata.count_t) echo "$CLI sql --db $DB/st$n -c 'SELECT count(*) FROM t'" ;;
    strata.export_t) echo "$CLI export --db $DB/st$n --tables t --format csv --no-latest --out $OUT/st" ;;
    sqlite3.tables) echo "sqlite3 -readonly $DB/sq$n.db .tables" ;;
    sqlite3.count_s) echo "sqlite3 -readonly $DB/sq$n.db 'SELECT count(*) FROM s'" ;;
    sqlite3.export_s) echo "sqlite3 -readonly $DB/sq$n.db .headers\\ on '.mode csv' '.once $OUT/sq.csv' 'SELECT * FROM s'" ;;
    sqlite3.insert_s) echo "sqlite3 $DB/sq$n.db \"INSERT INTO s VALUES (3, 'c')\"" ;;
    sqlite3.count_t) echo "sqlite3 -readonly $DB/sq$n.db 'SELECT count(*) FROM t'" ;;
    sqlite3.export_t) echo "sqlite3 -readonly $DB/sq$n.db .headers\\ on '.mode csv' '.once $OUT/sq.csv' 'SELECT * FROM t'" ;;
    duckdb.tables) echo "node $DUCK_JS $DB/dk$n.duckdb 'SHOW TABLES'" ;;
    duckdb.count_s) echo "node $DUCK_JS $DB/dk$n.duckdb 'SELECT count(*) FROM s'" ;;
    duckdb.export_s) echo "node $DUCK_JS $DB/dk$n.duckdb \"COPY s TO '$OUT/dk.csv' (HEADER)\"" ;;
    duckdb.insert_s) echo "node $DUCK_JS $DB/dk$n.duckdb \"INSERT INTO s VALUES (3, 'c')\"" ;;
    duckdb.count_t) echo "node $DUCK_JS $DB/dk$n.duckdb 'SELECT count(*) FROM t'" ;;
    duckdb.export_t) echo "node $DUCK_JS $DB/dk$n.duckdb \"COPY t TO '$OUT/dk.csv' (HEADER)\"" ;;
    esac
}

OPS=${OPS:-tables count_s export_s insert_s count_t export_t lookup_id range_id update_one}
PEER_LIST="strata sqlite3 duckdb"
declare -A WALLS RSS
for n in $SIZES; do build "$n"; index_t "$n"; done
for round in $(seq "$RUNS"); do
    for n in $SIZES; do
        for op in $OPS; do
            for p in $PEER_LIST; do
                rm -rf "$OUT"/st "$OUT"/*.csv
                cmd=$(case_cmd "$p" "$op" "$n")
                # The files the command reads are in the page cache, as for every peer.
                cat "$DB"/st"$n"/* "$DB/sq$n.db" "$DB/dk$n.duckdb" >/dev/null 2>&1 || true
                t0=$(date +%s%N)
                /usr/bin/time -f "%M" -o "$OUT/rss" bash -c "$cmd" >/dev/null
                t1=$(date +%s%N)
                k="$n $op $p"
                WALLS[$k]="${WALLS[$k]:-} $(( (t1 - t0) / 1000000 ))"
                r=$(tail -1 "$OUT/rss")
                [ "${RSS[$k]:-0}" -lt "$r" ] && RSS[$k]=$r
            done
        done
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "| rows | command | Strata ms / MB | sqlite3 ms / MB | DuckDB (node) ms / MB |"
echo "|---|---|---:|---:|---:|"
for n in $SIZES; do
    for op in $OPS; do
        line="| $n | $op |"
        for p in $PEER_LIST; do
            k="$n $op $p"
            line="$line $(echo "${WALLS[$k]}" | median) / $(( ${RSS[$k]} / 1024 )) |"
        done
        echo "$line"
    done
done
echo
for n in $SIZES; do
    echo "on disk, $n rows: Strata $(du -sm "$DB/st$n" | cut -f1) MB, sqlite3 $(du -sm "$DB/sq$n.db" | cut -f1) MB, DuckDB $(du -sm "$DB/dk$n.duckdb" | cut -f1) MB, CSV $(( $(stat -c %s "$ROOT/data/t$n.csv") / 1000000 )) MB"
done
