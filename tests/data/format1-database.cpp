// How format1-database.tar.gz was made: built against engine/ of commit 57f42b0, run as
// `mkfmt1 DIR`, then `tar -czf format1-database.tar.gz -C DIR .`. Not part of the build.
// Writes a format-1 database with the engine of commit 57f42b0 (the last to write format 1).
#include "engine/api/database.h"
#include <cstdio>
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
    run(*c, "CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, email TEXT "
            "UNIQUE, "
            "score DOUBLE, joined TIMESTAMP, photo BLOB);"
            "CREATE INDEX people_score ON people (score);"
            "INSERT INTO people VALUES (1, 'Ada', 'ada@x.org', 9.5, TIMESTAMP "
            "'2024-01-15T10:30:00Z', X'00FF10'),"
            " (2, 'Bö', NULL, -1e300, NULL, NULL), (3, 'gone', 'g@x', 0, NULL, NULL);"
            "DELETE FROM people WHERE id = 3;"
            "ALTER TABLE people ADD COLUMN team TEXT DEFAULT 'core';"
            "CREATE TABLE numbers (n INTEGER PRIMARY KEY, sq INTEGER)");
    std::vector<Row> rows;
    for (int64_t i = 1; i <= 5000; ++i)
        rows.push_back({Value::integer(i), Value::integer(i * i)});
    if (!c->insertRows("numbers", {}, rows))
        return 1;
    if (!(*db)->checkpoint())
        return 1;
    // After the checkpoint, in the log only:
    run(*c, "INSERT INTO people (id, name) VALUES (4, 'after checkpoint'); UPDATE numbers SET sq = "
            "-1 WHERE n = 7;"
            "DELETE FROM numbers WHERE n > 4990");
    c.reset();
    (void)(*db)->close();
    return 0;
}
