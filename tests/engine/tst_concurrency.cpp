// Snapshot isolation under real threads: no lost updates, stable snapshots, exact row counts.
#include "engine/api/database.h"
#include "tests/support/engine_helpers.h"

#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <random>
#include <thread>

using namespace strata::engine;
using strata::test::scalar;

class TestConcurrency : public QObject {
    Q_OBJECT
private slots:
    void lostUpdateIsImpossible()
    {
        auto db = Database::openInMemory();
        QVERIFY(db->connect()->execute("CREATE TABLE c (id INTEGER PRIMARY KEY, n INTEGER); "
                                       "INSERT INTO c VALUES (1, 0)"));
        constexpr int kThreads = 4, kIncrements = 300;
        std::atomic<int> conflicts{0};
        std::atomic<int> unexpected{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&] {
                auto conn = db->connect();
                for (int i = 0; i < kIncrements;) {
                    // Read-modify-write in a transaction: a concurrent commit makes ours fail.
                    if (!conn->begin())
                        return;
                    auto r = conn->execute("SELECT n FROM c WHERE id = 1");
                    if (!r) {
                        (void)conn->rollback();
                        continue;
                    }
                    const int64_t n = r->rows[0][0].i;
                    auto u
                        = conn->execute("UPDATE c SET n = ? WHERE id = 1", {Value::integer(n + 1)});
                    if (!u) {
                        if (u.status().code() != StatusCode::Conflict)
                            ++unexpected;
                        ++conflicts;
                        (void)conn->rollback();
                        continue;
                    }
                    Status st = conn->commit();
                    if (!st) {
                        ++conflicts;
                        continue;
                    }
                    ++i;
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(unexpected.load(), 0);
        auto conn = db->connect();
        QCOMPARE(scalar(*conn, "SELECT n FROM c WHERE id = 1"), int64_t(kThreads * kIncrements));
        qInfo("conflicts retried: %d", conflicts.load());
    }

    void snapshotNeverChangesWhileWritersCommit()
    {
        auto db = Database::openInMemory();
        auto setup = db->connect();
        QVERIFY(setup->execute("CREATE TABLE acct (id INTEGER PRIMARY KEY, balance INTEGER)"));
        std::vector<Row> rows;
        for (int i = 0; i < 100; ++i)
            rows.push_back({Value::integer(i), Value::integer(1000)});
        QVERIFY(setup->insertRows("acct", {}, rows));

        std::atomic<bool> stop{false};
        std::atomic<int> transfers{0};
        std::thread writer([&] {
            auto conn = db->connect();
            int i = 0;
            while (!stop.load()) {
                // Moves money between two accounts: the total never changes.
                const int a = i % 100, b = (i * 7 + 3) % 100;
                ++i;
                if (a == b)
                    continue;
                // A failed move (a conflict) leaves commit() to refuse the transaction.
                (void)conn->begin();
                (void)conn->execute("UPDATE acct SET balance = balance - 5 WHERE id = ?",
                                    {Value::integer(a)});
                (void)conn->execute("UPDATE acct SET balance = balance + 5 WHERE id = ?",
                                    {Value::integer(b)});
                if (conn->commit())
                    ++transfers;
                if (i % 50 == 0)
                    db->collectGarbage();
            }
        });
        auto reader = db->connect();
        for (int round = 0; round < 30; ++round) {
            QVERIFY(reader->begin());
            const int64_t first = scalar(*reader, "SELECT sum(balance) FROM acct");
            auto detail = reader->execute("SELECT id, balance FROM acct ORDER BY id");
            QVERIFY(detail);
            // Within one snapshot, every read agrees, however many commits happen meanwhile.
            const int before = transfers.load();
            while (transfers.load() < before + 5)
                std::this_thread::yield();
            QCOMPARE(scalar(*reader, "SELECT sum(balance) FROM acct"), first);
            auto again = reader->execute("SELECT id, balance FROM acct ORDER BY id");
            QVERIFY(again);
            QCOMPARE(again->rows.size(), detail->rows.size());
            for (size_t r = 0; r < detail->rows.size(); ++r)
                QCOMPARE(again->rows[r][1].i, detail->rows[r][1].i);
            QCOMPARE(first, int64_t(100 * 1000));
            QVERIFY(reader->commit());
        }
        stop = true;
        writer.join();
        QVERIFY(transfers.load() > 100);
        QCOMPARE(scalar(*reader, "SELECT sum(balance) FROM acct"), int64_t(100 * 1000));
    }

    // The same on disk, over a table of many blocks, while the writer checkpoints and the
    // collector releases unchanged blocks back to their files: a snapshot's sums, scans and
    // lookups agree however the rows move between memory and the files meanwhile.
    void snapshotsHoldWhileBlocksAreReadInAndReleased()
    {
        QTemporaryDir tmp;
        auto opened = Database::open(tmp.path().toStdString());
        QVERIFY(opened);
        auto db = *opened;
        auto setup = db->connect();
        QVERIFY(setup->execute(
            "CREATE TABLE acct (id INTEGER PRIMARY KEY, balance INTEGER, note TEXT)"));
        constexpr int kAccounts = 60000;
        std::vector<Row> rows;
        for (int i = 0; i < kAccounts; ++i)
            rows.push_back({Value::integer(i), Value::integer(1000),
                            Value::text("account " + std::to_string(i * 7919 % 100003) + " "
                                        + std::to_string(uint64_t(i) * 0x9E3779B97F4A7C15ULL))});
        QVERIFY(setup->insertRows("acct", {}, rows));
        QVERIFY(db->checkpoint());
        std::atomic<bool> stop{false};
        std::atomic<int> transfers{0};
        std::thread writer([&] {
            auto conn = db->connect();
            std::mt19937 random(5);
            for (int i = 0; !stop.load(); ++i) {
                const auto a = int64_t(random() % kAccounts), b = int64_t(random() % kAccounts);
                if (a == b)
                    continue;
                (void)conn->begin();
                (void)conn->execute("UPDATE acct SET balance = balance - 5 WHERE id = ?",
                                    {Value::integer(a)});
                (void)conn->execute("UPDATE acct SET balance = balance + 5 WHERE id = ?",
                                    {Value::integer(b)});
                if (conn->commit())
                    ++transfers;
                if (i % 100 == 99) {
                    (void)db->checkpoint();
                    db->collectGarbage();
                }
            }
        });
        auto reader = db->connect();
        const int64_t total = int64_t(kAccounts) * 1000;
        for (int round = 0; round < 12; ++round) {
            QVERIFY(reader->begin());
            const int64_t first = scalar(*reader, "SELECT sum(balance) FROM acct");
            auto detail = reader->execute("SELECT id, balance FROM acct WHERE id % 1000 = 7");
            QVERIFY(detail);
            const int before = transfers.load();
            while (transfers.load() < before + 150)
                std::this_thread::yield();
            QCOMPARE(scalar(*reader, "SELECT sum(balance) FROM acct"), first);
            QCOMPARE(first, total);
            for (const auto &row : detail->rows)
                QCOMPARE(scalar(*reader,
                                "SELECT balance FROM acct WHERE id = " + std::to_string(row[0].i)),
                         row[1].i);
            QVERIFY(reader->commit());
            QCOMPARE(scalar(*reader, "SELECT sum(balance) FROM acct"), total);
        }
        // Statements on their own (no transaction held between them): blocks are released
        // between them too.
        for (int round = 0; round < 100; ++round) {
            QCOMPARE(scalar(*reader, "SELECT sum(balance) FROM acct"), total);
            const int before = transfers.load();
            while (transfers.load() < before + 10)
                std::this_thread::yield();
        }
        stop = true;
        writer.join();
        QCOMPARE(scalar(*reader, "SELECT sum(balance) FROM acct"), total);
        // Blocks were read in again after being released (more reads than blocks).
        const StorageStats stats = db->storageStats();
        qInfo("%d transfers; %llu blocks read in, %llu resident at the end", transfers.load(),
              qulonglong(stats.blocksInMemory), qulonglong(stats.blocksResident));
        reader.reset();
        setup.reset();
        QVERIFY(db->close());
        db.reset();
        auto again = Database::open(tmp.path().toStdString());
        QVERIFY(again);
        QCOMPARE(scalar(*(*again)->connect(), "SELECT sum(balance) FROM acct"), total);
    }

    void manyThreadsInsertExactlyTheirRows()
    {
        auto db = Database::openInMemory();
        QVERIFY(db->connect()->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, worker INTEGER)"));
        constexpr int kThreads = 6, kRows = 500;
        std::vector<std::thread> threads;
        for (int w = 0; w < kThreads; ++w) {
            threads.emplace_back([&, w] {
                auto conn = db->connect();
                for (int i = 0; i < kRows; ++i) {
                    // Every worker also tries a key another worker owns: exactly one wins.
                    (void)conn->execute("INSERT INTO t VALUES (?, ?)",
                                        {Value::integer(w * kRows + i), Value::integer(w)});
                    (void)conn->execute(
                        "INSERT INTO t VALUES (?, ?)",
                        {Value::integer(((w + 1) % kThreads) * kRows + i), Value::integer(w)});
                }
            });
        }
        for (auto &t : threads)
            t.join();
        auto conn = db->connect();
        QCOMPARE(scalar(*conn, "SELECT count(*) FROM t"), int64_t(kThreads * kRows));
        QCOMPARE(scalar(*conn, "SELECT count(DISTINCT id) FROM t"), int64_t(kThreads * kRows));
        QCOMPARE(scalar(*conn, "SELECT min(id) FROM t"), int64_t(0));
        QCOMPARE(scalar(*conn, "SELECT max(id) FROM t"), int64_t(kThreads * kRows - 1));
    }

    void readersDoNotBlockWriters()
    {
        auto db = Database::openInMemory();
        auto a = db->connect();
        QVERIFY(a->execute("CREATE TABLE t (x INTEGER)"));
        QVERIFY(a->begin());
        auto cursor = a->query("SELECT x FROM t");
        QVERIFY(cursor);
        // A writer commits while the reader's transaction and cursor are open.
        auto b = db->connect();
        QVERIFY(b->execute("INSERT INTO t VALUES (1), (2)"));
        RowBatch batch;
        auto more = (*cursor)->next(batch);
        QVERIFY(more);
        QCOMPARE(batch.rowCount(), size_t(0));
        QVERIFY(a->commit());
        QCOMPARE(scalar(*b, "SELECT count(*) FROM t"), int64_t(2));
    }

    void garbageCollectionReclaimsOldVersions()
    {
        auto db = Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)"));
        QVERIFY(c->execute("INSERT INTO t VALUES (1, 0)"));
        auto pinned = db->connect();
        QVERIFY(pinned->begin());
        QCOMPARE(scalar(*pinned, "SELECT v FROM t"), int64_t(0));
        for (int i = 1; i <= 50; ++i)
            QVERIFY(c->execute("UPDATE t SET v = ? WHERE id = 1", {Value::integer(i)}));
        db->collectGarbage();
        // The pinned snapshot still reads its version.
        QCOMPARE(scalar(*pinned, "SELECT v FROM t"), int64_t(0));
        QVERIFY(pinned->commit());
        const size_t freed = db->collectGarbage();
        QVERIFY2(freed >= 50, qPrintable(QString::number(freed)));
        QCOMPARE(scalar(*c, "SELECT v FROM t WHERE id = 1"), int64_t(50));
    }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
