// Child process for tst_crash: commits transactions in a loop and acknowledges each commit
// on standard output only after commit() returned. The parent kills it with SIGKILL.
//
// Each transaction inserts one row into `events` and updates `counter` so that, in any
// state recovery can produce, counter.n == count(events) and ids are 1..n without gaps.
#include "engine/api/database.h"

#include <cstdio>
#include <string>

using namespace strata::engine;

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: crash_writer DIR\n");
        return 2;
    }
    OpenOptions options;
    options.checkpointLogBytes = 256 << 10; // checkpoints happen during the run, too
    auto db = Database::open(argv[1], options);
    if (!db) {
        std::fprintf(stderr, "open: %s\n", db.status().toString().c_str());
        return 1;
    }
    auto c = (*db)->connect();
    if (!c->execute("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, payload TEXT);"
                    "CREATE TABLE IF NOT EXISTS counter (k INTEGER PRIMARY KEY, n INTEGER)")) {
        std::fprintf(stderr, "schema failed\n");
        return 1;
    }
    auto r = c->execute("SELECT n FROM counter WHERE k = 1");
    int64_t n = (r && !r->rows.empty()) ? r->rows[0][0].i : 0;
    if (n == 0 && !c->execute("INSERT INTO counter VALUES (1, 0)"))
        return 1;
    const std::string filler(200, 'x');
    for (;;) {
        ++n;
        if (!c->begin())
            return 1;
        auto a
            = c->execute("INSERT INTO events VALUES (?, ?)",
                         {Value::integer(n), Value::text("event " + std::to_string(n) + filler)});
        auto b = c->execute("UPDATE counter SET n = ? WHERE k = 1", {Value::integer(n)});
        if (!a || !b) {
            std::fprintf(stderr, "write failed\n");
            return 1;
        }
        Status st = c->commit();
        if (!st) {
            std::fprintf(stderr, "commit: %s\n", st.toString().c_str());
            return 1;
        }
        std::printf("%lld\n", static_cast<long long>(n));
        std::fflush(stdout);
    }
}
