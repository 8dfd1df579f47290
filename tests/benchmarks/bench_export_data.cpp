// Creates the export benchmark's source: a Strata database folder holding the PERFORMANCE.md
// table "t" with N rows (checkpointed, so opening it is what a user's open costs).
//   bench_export_data DIR ROWS
#include "tests/benchmarks/bench_data.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: bench_export_data DIR ROWS\n");
        return 2;
    }
    std::filesystem::remove_all(argv[1]);
    auto db = strata::engine::Database::open(argv[1]);
    if (!db)
        return 1;
    auto c = (*db)->connect();
    if (!c->execute(
            "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, email TEXT, age INT, score DOUBLE, "
            "active BOOLEAN, created TIMESTAMP, note TEXT)"))
        return 1;
    const int64_t rows = std::atoll(argv[2]);
    c->begin();
    for (int64_t done = 0; done < rows; done += 200000) {
        const auto part = strata::bench::makeData(std::min<int64_t>(200000, rows - done));
        std::vector<strata::engine::Row> shifted = part.rows;
        for (auto &r : shifted)
            r[0].i += done;
        if (!c->insertRows("t", {}, shifted))
            return 1;
    }
    if (!c->commit() || !(*db)->checkpoint())
        return 1;
    return 0;
}
