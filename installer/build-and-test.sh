#!/usr/bin/env bash
# Installs what is missing, builds Strata with AddressSanitizer + UndefinedBehaviorSanitizer,
# and runs the whole test suite, then the import fuzzers (clang's libFuzzer) for a short fixed
# time each. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/setup-deps.sh
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSTRATA_SANITIZE=ON
cmake --build build/test -j2
ctest --test-dir build/test --output-on-failure -j2 --timeout 900
bash tests/fuzz/run.sh "${STRATA_FUZZ_SECONDS:-20}"
