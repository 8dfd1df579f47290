#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build/fuzz and runs each for
# SECONDS seconds (default 20) on its seed corpus: the hostile-import corpus and the valid
# samples in tests/fuzz/seeds. A crash, a leak or a sanitizer report fails the run and leaves
# the reproducer in build/fuzz/crashes. Longer by hand:  tests/fuzz/run.sh 600
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-20}
BUILD=build/fuzz
if [ ! -f "$BUILD/build.ninja" ]; then
    CC=clang CXX=clang++ cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DSTRATA_BUILD_FUZZERS=ON -DSTRATA_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$BUILD" -j2 --target fuzz_csv fuzz_json fuzz_geojson fuzz_sql fuzz_restore \
    fuzz_geometry
mkdir -p "$BUILD/crashes"
for target in csv json geojson sql restore geometry; do
    corpus="$BUILD/corpus/$target"
    mkdir -p "$corpus"
    case $target in
        csv) seeds="tests/data/import_hostile/*.csv tests/fuzz/seeds/*.csv" ;;
        json) seeds="tests/data/import_hostile/*.json tests/data/import_hostile/*.jsonl tests/fuzz/seeds/*.json" ;;
        geojson) seeds="tests/data/import_hostile/*.geojson tests/fuzz/seeds/*.geojson" ;;
        sql) seeds="tests/fuzz/seeds/*.sql" ;;
        restore) seeds="tests/data/import_hostile/*.json tests/fuzz/seeds/*.json" ;;
        geometry) seeds="tests/fuzz/seeds/geometry/*.json" ;;
    esac
    # shellcheck disable=SC2086
    cp $seeds "$corpus"/ 2>/dev/null || true
    echo "fuzz_$target: ${SECONDS_EACH}s" >&2
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
        "$BUILD/tests/fuzz/fuzz_$target" -max_total_time="$SECONDS_EACH" -max_len=65536 \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$BUILD/crashes/${target}-" "$corpus" 2>&1 | tail -4
done
