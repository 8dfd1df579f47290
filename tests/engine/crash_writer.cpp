// Child process for tst_crash: commits transactions in a loop and acknowledges each commit
// on standard output only after commit() returned. The parent kills it with SIGKILL.
//
// Each transaction inserts one row into `events`, kJournalRows rows numbered n into
// `journal` (no key: after a reopen it takes rows without being loaded) and updates
// `counter` so that, in any state recovery can produce, counter.n == count(events), ids are
// 1..n without gaps, and journal holds kJournalRows rows of each of 1..n.
// With "bulk" after DIR, each also makes table bulk_<n> of kBulkRows rows, big enough to
// spill to data files several times before the commit.
#include "engine/api/database.h"

#include <cstdio>
#include <string>

using namespace strata::engine;

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: crash_writer DIR [bulk]\n");
        return 2;
    }
    OpenOptions options;
    options.checkpointLogBytes = 256 << 10; // checkpoints happen during the run, too
    const bool bulk = argc > 2 && std::string(argv[2]) == "bulk";
    options.spillBytes = 64 << 10;
    auto db = Database::open(argv[1], options);
    if (!db) {
        std::fprintf(stderr, "open: %s\n", db.status().toString().c_str());
        return 1;
    }
    auto c = (*db)->connect();
    if (!c->execute("CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, payload TEXT);"
                    "CREATE TABLE IF NOT EXISTS counter (k INTEGER PRIMARY KEY, n INTEGER);"
                    "CREATE TABLE IF NOT EXISTS journal (n INTEGER, payload TEXT)")) {
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
        constexpr int kJournalRows = 20; // keep in step with tst_crash
        std::vector<Row> journal;
        for (int i = 0; i < kJournalRows; ++i)
            journal.push_back({Value::integer(n), Value::text(std::to_string(i) + filler)});
        if (auto inserted = c->insertRows("journal", {}, journal); !inserted) {
            std::fprintf(stderr, "journal insert failed: %s\n",
                         inserted.status().toString().c_str());
            return 1;
        }
        if (bulk) {
            const std::string table = "bulk_" + std::to_string(n);
            if (!c->execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, payload TEXT)"))
                return 1;
            constexpr int64_t kBulkRows = 3000, kBatch = 300;
            for (int64_t from = 0; from < kBulkRows; from += kBatch) {
                std::vector<Row> rows;
                for (int64_t i = from; i < from + kBatch; ++i)
                    rows.push_back(
                        {Value::integer(i), Value::text(std::to_string(i * n) + filler)});
                if (auto inserted = c->insertRows(table, {}, rows); !inserted) {
                    std::fprintf(stderr, "bulk insert failed: %s\n",
                                 inserted.status().toString().c_str());
                    return 1;
                }
            }
        }
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
