# Shared by export_vs_peers.sh and import_vs_peers.sh (sourced, not run).

# bench_setup NAME [ROWS]: ROWS (default 2,000,000), RUNS (default 3), BENCH (build/bench),
# CLI, and a scratch folder $work removed on exit.
bench_setup() {
    ROWS=${2:-2000000}
    RUNS=${RUNS:-3}
    BENCH=build/bench
    CLI=$BENCH/app/strata-cli
    work=$(mktemp -d "/tmp/strata-$1-bench.XXXXXX")
    trap 'rm -rf "$work"' EXIT
}

# DuckDB from npm (@duckdb/node-api ships its native library), driven by a small node script;
# $duck is a command: duck DBFILE SQL...
setup_duckdb() {
    if [ ! -d "$BENCH/duckdb/node_modules/@duckdb/node-api" ]; then
        mkdir -p "$BENCH/duckdb"
        npm install --silent --prefix "$BENCH/duckdb" @duckdb/node-api >/dev/null
    fi
    cat > "$BENCH/duckdb/run.js" <<'JS'
// node run.js DBFILE SQL...: runs statements in order on a DuckDB database (":memory:" too).
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const instance = await DuckDBInstance.create(process.argv[2]);
  const connection = await instance.connect();
  for (const sql of process.argv.slice(3)) await connection.run(sql);
})().catch((e) => { console.error(e); process.exit(1); });
JS
    printf '#!/bin/sh\nexec node "%s" "$@"\n' "$PWD/$BENCH/duckdb/run.js" > "$work/duck"
    chmod +x "$work/duck"
    duck=$work/duck
}

# time_cmd NAME SETUP COMMAND...: median wall seconds of RUNS runs into SECONDS_OF[NAME] (SETUP
# is evaluated untimed before each run), peak RSS (KiB) into RSS_OF[NAME].
declare -A SECONDS_OF RSS_OF
time_cmd() {
    local name=$1 setup=$2
    shift 2
    local times=() rss=0
    for _ in $(seq "$RUNS"); do
        eval "$setup"
        sync
        local t0 t1 r
        t0=$(date +%s.%N)
        /usr/bin/time -f "%M" -o "$work/rss" "$@" >/dev/null
        t1=$(date +%s.%N)
        times+=("$(echo "$t1 - $t0" | bc -l)")
        r=$(tail -1 "$work/rss")
        [ "$r" -gt "$rss" ] && rss=$r
    done
    SECONDS_OF[$name]=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
    RSS_OF[$name]=$rss
    echo "$name: ${SECONDS_OF[$name]} s, peak RSS ${rss} KiB" >&2
}
