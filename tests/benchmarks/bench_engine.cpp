// Strata's engine against SQLite (libsqlite3) on the same data, side by side in one run.
// Prints a Markdown table of wall-clock seconds (lower is better) for docs/benchmarks.md.
//
//   bench_engine [--rows N] [--updates N] [--dir DIR]
#include "engine/api/database.h"
#include "tests/benchmarks/bench_data.h"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace strata::engine;
namespace fs = std::filesystem;

namespace {

double seconds(const std::function<void()> &f)
{
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void die(const std::string &what)
{
    std::fprintf(stderr, "bench_engine: %s\n", what.c_str());
    std::exit(1);
}

// ---- the data set: the 8 columns of PERFORMANCE.md's table (tests/benchmarks/bench_data.h) ---

using strata::bench::Data;
using strata::bench::makeData;

const char *kStrataSchema
    = "CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, email TEXT, age INT, "
      "score DOUBLE, active BOOLEAN, created TIMESTAMP, note TEXT)";
const char *kSqliteSchema
    = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, email TEXT, age INT, "
      "score REAL, active INT, created INT, note TEXT)";
const char *kAggregate = "SELECT count(*), avg(score), sum(age) FROM t WHERE age > 50 AND active";

// ---- Strata -----------------------------------------------------------------------------------

struct StrataSide {
    std::shared_ptr<Database> db;
    std::string dir;

    void open(const std::string &folder, bool fresh)
    {
        db.reset();
        dir = folder;
        if (folder.empty()) {
            db = Database::openInMemory();
            return;
        }
        if (fresh)
            fs::remove_all(folder);
        auto r = Database::open(folder);
        if (!r)
            die(r.status().toString());
        db = *r;
    }
    void load(const Data &data)
    {
        auto c = db->connect();
        if (!c->execute(kStrataSchema))
            die("strata schema");
        if (!c->begin())
            die("begin");
        const size_t chunk = 10000;
        for (size_t i = 0; i < data.rows.size(); i += chunk) {
            std::vector<Row> part(data.rows.begin() + i,
                                  data.rows.begin() + std::min(data.rows.size(), i + chunk));
            auto r = c->insertRows("t", {}, part);
            if (!r)
                die(r.status().toString());
        }
        if (!c->commit())
            die("commit");
    }
    int64_t scan()
    {
        auto c = db->connect();
        auto cursor = c->query("SELECT * FROM t");
        if (!cursor)
            die(cursor.status().toString());
        RowBatch batch;
        int64_t rows = 0, check = 0;
        for (;;) {
            auto more = (*cursor)->next(batch);
            if (!more)
                die(more.status().toString());
            for (size_t r = 0; r < batch.rowCount(); ++r) {
                check += batch.columns[0].intAt(r)
                         + static_cast<int64_t>(batch.columns[1].bytesAt(r).size());
                check += static_cast<int64_t>(batch.columns[4].doubleAt(r));
            }
            rows += static_cast<int64_t>(batch.rowCount());
            if (!*more)
                break;
        }
        return rows + (check == 42 ? 1 : 0);
    }
    double aggregate()
    {
        auto c = db->connect();
        auto r = c->execute(kAggregate);
        if (!r)
            die(r.status().toString());
        return r->rows[0][1].d;
    }
    void updates(int n, int64_t rows, uint64_t seed)
    {
        auto c = db->connect();
        std::mt19937_64 rng(seed);
        for (int i = 0; i < n; ++i) {
            auto r = c->execute(
                "UPDATE t SET score = ? WHERE id = ?",
                {Value::real(static_cast<double>(i)), Value::integer(1 + rng() % rows)});
            if (!r)
                die(r.status().toString());
        }
    }
};

// ---- SQLite -----------------------------------------------------------------------------------

struct SqliteSide {
    sqlite3 *db = nullptr;
    std::string path;

    ~SqliteSide() { close(); }
    void close()
    {
        if (db)
            sqlite3_close(db);
        db = nullptr;
    }
    void exec(const char *sql)
    {
        char *err = nullptr;
        if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK)
            die(std::string("sqlite: ") + (err ? err : "?") + " in " + sql);
    }
    void open(const std::string &file, bool fresh, const char *sync = "FULL")
    {
        close();
        path = file;
        if (fresh && !file.empty() && file != ":memory:") {
            fs::remove(file);
            fs::remove(file + "-wal");
            fs::remove(file + "-shm");
        }
        if (sqlite3_open(file.empty() ? ":memory:" : file.c_str(), &db) != SQLITE_OK)
            die("sqlite open");
        if (!file.empty() && file != ":memory:") {
            exec("PRAGMA journal_mode=WAL");
            exec((std::string("PRAGMA synchronous=") + sync).c_str());
        }
    }
    void load(const Data &data)
    {
        exec(kSqliteSchema);
        exec("BEGIN");
        sqlite3_stmt *st;
        sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)", -1, &st, nullptr);
        for (const auto &r : data.rows) {
            sqlite3_bind_int64(st, 1, r[0].i);
            sqlite3_bind_text(st, 2, r[1].s.data(), static_cast<int>(r[1].s.size()), SQLITE_STATIC);
            sqlite3_bind_text(st, 3, r[2].s.data(), static_cast<int>(r[2].s.size()), SQLITE_STATIC);
            sqlite3_bind_int64(st, 4, r[3].i);
            sqlite3_bind_double(st, 5, r[4].d);
            sqlite3_bind_int64(st, 6, r[5].i);
            sqlite3_bind_int64(st, 7, r[6].i);
            if (r[7].isNull())
                sqlite3_bind_null(st, 8);
            else
                sqlite3_bind_text(st, 8, r[7].s.data(), static_cast<int>(r[7].s.size()),
                                  SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_DONE)
                die("sqlite insert");
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
        exec("COMMIT");
    }
    int64_t scan()
    {
        sqlite3_stmt *st;
        sqlite3_prepare_v2(db, "SELECT * FROM t", -1, &st, nullptr);
        int64_t rows = 0, check = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            check += sqlite3_column_int64(st, 0);
            sqlite3_column_text(st, 1);
            check += sqlite3_column_bytes(st, 1);
            check += static_cast<int64_t>(sqlite3_column_double(st, 4));
            for (int c = 2; c < 8; ++c)
                if (c != 4)
                    sqlite3_column_value(st, c);
            ++rows;
        }
        sqlite3_finalize(st);
        return rows + (check == 42 ? 1 : 0);
    }
    double aggregate()
    {
        sqlite3_stmt *st;
        sqlite3_prepare_v2(db, kAggregate, -1, &st, nullptr);
        double v = 0;
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_double(st, 1);
        sqlite3_finalize(st);
        return v;
    }
    void updates(int n, int64_t rows, uint64_t seed)
    {
        std::mt19937_64 rng(seed);
        sqlite3_stmt *st;
        sqlite3_prepare_v2(db, "UPDATE t SET score = ? WHERE id = ?", -1, &st, nullptr);
        for (int i = 0; i < n; ++i) {
            sqlite3_bind_double(st, 1, static_cast<double>(i));
            sqlite3_bind_int64(st, 2, static_cast<int64_t>(1 + rng() % rows));
            if (sqlite3_step(st) != SQLITE_DONE)
                die("sqlite update");
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
    }
};

struct Line {
    std::string what;
    double strataFile = -1, strataMem = -1, sqliteMem = -1, sqliteFile = -1;
};

std::string cell(double v)
{
    if (v < 0)
        return "—";
    char buf[32];
    std::snprintf(buf, sizeof buf, v < 0.1 ? "%.4f" : "%.3f", v);
    return buf;
}

} // namespace

int main(int argc, char **argv)
{
    int64_t rows = 1000000;
    int updates = 100000;
    std::string dir = (fs::temp_directory_path() / "strata-bench").string();
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--rows"))
            rows = std::stoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--updates"))
            updates = std::stoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--dir"))
            dir = argv[i + 1];
    }
    fs::create_directories(dir);
    const std::string strataDir = dir + "/strata-db", sqliteFile = dir + "/sqlite.db";
    std::fprintf(stderr, "generating %lld rows...\n", static_cast<long long>(rows));
    const Data data = makeData(rows);
    std::vector<Line> lines;

    StrataSide sf, sm;
    SqliteSide qf, qm;
    Line load{"bulk load " + std::to_string(rows) + " rows (one transaction)"};
    load.strataFile = seconds([&] {
        sf.open(strataDir, true);
        sf.load(data);
    });
    load.strataMem = seconds([&] {
        sm.open("", true);
        sm.load(data);
    });
    load.sqliteMem = seconds([&] {
        qm.open(":memory:", true);
        qm.load(data);
    });
    load.sqliteFile = seconds([&] {
        qf.open(sqliteFile, true);
        qf.load(data);
    });
    lines.push_back(load);
    std::fprintf(stderr, "loaded\n");

    auto best3 = [](const std::function<void()> &f) {
        std::vector<double> t;
        for (int i = 0; i < 3; ++i)
            t.push_back(seconds(f));
        return median(t);
    };
    Line scan{"full scan, all columns"};
    scan.strataFile = best3([&] { sf.scan(); });
    scan.strataMem = best3([&] { sm.scan(); });
    scan.sqliteMem = best3([&] { qm.scan(); });
    scan.sqliteFile = best3([&] { qf.scan(); });
    lines.push_back(scan);

    Line agg{"filtered aggregate (count, avg, sum WHERE age > 50 AND active)"};
    agg.strataFile = best3([&] { sf.aggregate(); });
    agg.strataMem = best3([&] { sm.aggregate(); });
    agg.sqliteMem = best3([&] { qm.aggregate(); });
    agg.sqliteFile = best3([&] { qf.aggregate(); });
    lines.push_back(agg);
    if (std::abs(sf.aggregate() - qf.aggregate()) > 1e-6)
        die("the engines disagree on the aggregate");

    Line upd{std::to_string(updates) + " single-row UPDATE transactions (durable: fsync each)"};
    upd.strataFile = seconds([&] { sf.updates(updates, rows, 11); });
    upd.strataMem = seconds([&] { sm.updates(updates, rows, 11); });
    upd.sqliteMem = seconds([&] { qm.updates(updates, rows, 11); });
    upd.sqliteFile = seconds([&] { qf.updates(updates, rows, 11); });
    lines.push_back(upd);
    std::fprintf(stderr, "updated\n");

    // A full scan while another thread commits single-row updates as fast as it can.
    Line busy{"full scan while a writer commits"};
    auto scanWhileWriting = [&](const std::function<void()> &scanOnce,
                                const std::function<void(std::atomic<bool> &)> &writer) {
        std::atomic<bool> stop{false};
        std::thread w([&] { writer(stop); });
        const double t = best3(scanOnce);
        stop = true;
        w.join();
        return t;
    };
    auto strataWriter = [&](StrataSide &side) {
        return [&side, rows](std::atomic<bool> &stop) {
            auto c = side.db->connect();
            for (int i = 0; !stop; ++i)
                c->execute("UPDATE t SET age = age + 1 WHERE id = ?",
                           {Value::integer(1 + i % rows)});
        };
    };
    busy.strataFile = scanWhileWriting([&] { sf.scan(); }, strataWriter(sf));
    busy.strataMem = scanWhileWriting([&] { sm.scan(); }, strataWriter(sm));
    busy.sqliteFile = scanWhileWriting([&] { qf.scan(); },
                                       [&](std::atomic<bool> &stop) {
                                           SqliteSide writer;
                                           writer.open(sqliteFile, false);
                                           sqlite3_busy_timeout(writer.db, 10000);
                                           sqlite3_stmt *st;
                                           sqlite3_prepare_v2(
                                               writer.db, "UPDATE t SET age = age + 1 WHERE id = ?",
                                               -1, &st, nullptr);
                                           for (int i = 0; !stop; ++i) {
                                               sqlite3_bind_int64(st, 1, 1 + i % rows);
                                               sqlite3_step(st);
                                               sqlite3_reset(st);
                                           }
                                           sqlite3_finalize(st);
                                       });
    lines.push_back(busy);

    // Reopen: Strata loads checkpoint + log; SQLite opens lazily, so both also scan once.
    // Closing is not timed (it frees memory the process is about to give back anyway).
    Line reopen{"open the " + std::to_string(rows) + "-row database + full scan"};
    sf.db.reset();
    qf.close();
    auto timedThenClosed
        = [&](const std::function<void()> &work, const std::function<void()> &close) {
              std::vector<double> t;
              for (int i = 0; i < 3; ++i) {
                  t.push_back(seconds(work));
                  close();
              }
              return median(t);
          };
    reopen.strataFile = timedThenClosed(
        [&] {
            sf.open(strataDir, false);
            sf.scan();
        },
        [&] { sf.db.reset(); });
    reopen.sqliteFile = timedThenClosed(
        [&] {
            qf.open(sqliteFile, false);
            qf.scan();
        },
        [&] { qf.close(); });
    lines.push_back(reopen);
    Line openOnly{"open only (Strata: load checkpoint + replay log)"};
    openOnly.strataFile
        = timedThenClosed([&] { sf.open(strataDir, false); }, [&] { sf.db.reset(); });
    lines.push_back(openOnly);

    std::printf("| operation | Strata (folder, fsync per commit) | Strata (in memory) | SQLite "
                ":memory: | SQLite file (WAL, synchronous=FULL) |\n");
    std::printf("|---|---:|---:|---:|---:|\n");
    for (const auto &l : lines)
        std::printf("| %s | %s | %s | %s | %s |\n", l.what.c_str(), cell(l.strataFile).c_str(),
                    cell(l.strataMem).c_str(), cell(l.sqliteMem).c_str(),
                    cell(l.sqliteFile).c_str());
    fs::remove_all(dir);
    return 0;
}
