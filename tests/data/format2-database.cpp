// How format2-database.tar.gz was made: built against engine/ of commit 29428be (the last to
// write format-2 manifests without index runs), run as `mkfmt2 DIR`, then
// `tar -czf format2-database.tar.gz -C DIR .`. Not part of the build:
//   g++ -std=c++20 -O1 -I<29428be checkout> format2-database.cpp \
//       <29428be build>/engine/libstrata_engine.a -lzstd -lpthread -o mkfmt2
#include "engine/api/database.h"
#include <cstdio>
#include <cstdlib>
using namespace strata::engine;
static void run(Connection &c, const char *sql)
{
    auto r = c.execute(sql);
    if (!r) {
        std::fprintf(stderr, "%s\n", r.status().toString().c_str());
        std::exit(1);
    }
}
int main(int, char **argv)
{
    auto db = Database::open(argv[1]);
    if (!db)
        return 1;
    auto c = (*db)->connect();
    run(*c, "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE, "
            "score DOUBLE);"
            "CREATE INDEX people_score ON people (score);"
            "INSERT INTO people VALUES (1, 'Ada', 'ada@x.org', 9.5), (2, 'Bö', NULL, -1e300),"
            " (3, 'gone', 'g@x', 0);"
            "DELETE FROM people WHERE id = 3;"
            "CREATE TABLE numbers (n INTEGER PRIMARY KEY, sq INTEGER, label TEXT)");
    std::vector<Row> rows;
    for (int64_t i = 1; i <= 30000; ++i)
        rows.push_back({Value::integer(i), Value::integer(i * i),
                        Value::text("n" + std::to_string(i * 7919 % 100003))});
    if (!c->insertRows("numbers", {}, rows))
        return 1;
    if (!(*db)->checkpoint())
        return 1;
    // After the checkpoint, in the log only:
    run(*c, "INSERT INTO people VALUES (4, 'after checkpoint', 'late@x.org', 1.5);"
            "UPDATE numbers SET sq = -1 WHERE n = 7; DELETE FROM numbers WHERE n = 30000");
    return 0;
}
