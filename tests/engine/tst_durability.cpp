// Persistence: reopen, checkpoints, torn and corrupt logs, locking, change tracking.
#include "engine/api/database.h"
#include "engine/storage/table_heap.h"
#include "tests/support/engine_helpers.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <random>
#include <set>
#include <thread>

using namespace strata::engine;
using strata::test::scalar;

namespace {

std::shared_ptr<Database> openOrDie(const QString &dir, OpenOptions options = {})
{
    auto db = Database::open(dir.toStdString(), options);
    if (!db)
        qFatal("open failed: %s", db.status().toString().c_str());
    return *db;
}

QStringList logFiles(const QString &dir)
{
    return QDir(dir).entryList({"wal-*.log"}, QDir::Files, QDir::Name);
}

//! Byte offsets where log records start (each begins with the marker "STRL").
QList<qint64> recordOffsets(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    const QByteArray data = f.readAll();
    QList<qint64> out;
    for (qsizetype at = data.indexOf("STRL"); at >= 0; at = data.indexOf("STRL", at + 1))
        out << at;
    return out;
}

} // namespace

class TestDurability : public QObject {
    Q_OBJECT
private slots:
    void reopenKeepsEverything()
    {
        QTemporaryDir tmp;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute(
                "CREATE TABLE t (id INTEGER PRIMARY KEY, s VARCHAR(10) NOT NULL, d DOUBLE, b BLOB, "
                "ts TIMESTAMP, email TEXT SENSITIVE UNIQUE, n INTEGER DEFAULT 5);"
                "CREATE INDEX t_d ON t (d);"
                "INSERT INTO t (id, s, d, b, ts, email) VALUES (1, 'ä', 0.1, X'00FF', "
                "TIMESTAMP '2024-01-15T10:30:00.5Z', 'a@x'), (2, 'b', -1e300, NULL, NULL, NULL);"
                "UPDATE t SET s = 'upd' WHERE id = 2;"
                "INSERT INTO t (id, s) VALUES (3, 'gone'); DELETE FROM t WHERE id = 3;"
                "ALTER TABLE t ADD COLUMN extra TEXT DEFAULT 'x';"
                "CREATE TABLE dropped (a INTEGER); DROP TABLE dropped;"));
        }
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        auto r = c->execute("SELECT id, s, d, b, ts, email, n, extra FROM t ORDER BY id");
        QVERIFY(r);
        QCOMPARE(r->rows.size(), size_t(2));
        QCOMPARE(QString::fromStdString(r->rows[0][1].s), QStringLiteral("ä"));
        QCOMPARE(r->rows[0][2].d, 0.1);
        QCOMPARE(r->rows[0][3].s, std::string("\0\xFF", 2));
        QCOMPARE(QString::fromStdString(r->rows[0][4].toString()),
                 QStringLiteral("2024-01-15T10:30:00.500000Z"));
        QCOMPARE(r->rows[0][6].i, int64_t(5));
        QCOMPARE(QString::fromStdString(r->rows[0][7].s), QStringLiteral("x"));
        QCOMPARE(QString::fromStdString(r->rows[1][1].s), QStringLiteral("upd"));
        QCOMPARE(r->rows[1][2].d, -1e300);
        auto info = c->table("t");
        QVERIFY(info);
        QVERIFY(info->columns[5].sensitive);
        QCOMPARE(info->columns[1].maxLength, 10u);
        QVERIFY(!c->table("dropped"));
        // Constraints and indexes came back too.
        QVERIFY(!c->execute("INSERT INTO t (id, s) VALUES (1, 'dup')"));
        QVERIFY(!c->execute("INSERT INTO t (id, s, email) VALUES (9, 'x', 'a@x')"));
        QVERIFY(!c->execute("INSERT INTO t (id, s) VALUES (10, 'much too long')"));
        QCOMPARE(scalar(*c, "SELECT id FROM t WHERE d = 0.1"), int64_t(1));
        QVERIFY(!c->execute("CREATE INDEX t_d ON t (id)"));
    }

    // Each sequence the engine accepts must replay: DROP TABLE logs its indexes' drops after
    // its own, and recovery once dropped them twice ("log drops a missing index").
    void schemaChangesAfterCreateIndexReplay_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<bool>("checkpointFirst");
        const QStringList scripts{
            "DROP TABLE t",
            "DROP INDEX t_a; DROP TABLE t",
            "BEGIN; CREATE TABLE u (x INTEGER); CREATE INDEX u_x ON u (x); DROP TABLE u; COMMIT; "
            "DROP TABLE t",
            "ALTER TABLE t RENAME TO t2; DROP TABLE t2",
            "ALTER TABLE t ADD COLUMN c INTEGER DEFAULT 7; CREATE INDEX t_c ON t (c); DROP TABLE t",
            "ALTER TABLE t RENAME COLUMN a TO z; DROP INDEX t_a; CREATE TABLE t3 (q INTEGER)",
            "BEGIN; DROP TABLE t; CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER); "
            "CREATE INDEX t_a ON t (a); COMMIT; DROP TABLE t",
        };
        for (int i = 0; i < scripts.size(); ++i) {
            QTest::addRow("%d-log", i) << scripts[i] << false;
            QTest::addRow("%d-checkpoint", i) << scripts[i] << true;
        }
    }
    void schemaChangesAfterCreateIndexReplay()
    {
        QFETCH(QString, script);
        QFETCH(bool, checkpointFirst);
        QTemporaryDir tmp;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->executeScript("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER); "
                                     "CREATE INDEX t_a ON t (a); INSERT INTO t VALUES (1, 2)"));
            if (checkpointFirst)
                QVERIFY(db->checkpoint());
            auto r = c->executeScript(script.toStdString());
            QVERIFY2(r, r ? "" : r.status().toString().c_str());
        }
        for (int reopen = 0; reopen < 2; ++reopen) {
            auto db = Database::open(tmp.path().toStdString());
            QVERIFY2(db, db ? "" : db.status().toString().c_str());
            auto c = (*db)->connect();
            QVERIFY(c->execute("CREATE TABLE after_reopen (x INTEGER)"));
            QVERIFY(c->execute("DROP TABLE after_reopen"));
        }
    }

    // Views come back from the log and from a checkpoint: made, dropped, made again under
    // the same name, with their column names; a rolled-back one does not.
    void viewsSurviveReopen_data()
    {
        QTest::addColumn<bool>("checkpointAfter");
        QTest::addRow("log") << false;
        QTest::addRow("checkpoint") << true;
    }
    void viewsSurviveReopen()
    {
        QFETCH(bool, checkpointAfter);
        QTemporaryDir tmp;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            auto r = c->executeScript(
                "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER);"
                "INSERT INTO t VALUES (1, 10), (2, 20), (3, 30);"
                "CREATE VIEW gone AS SELECT id FROM t;"
                "CREATE VIEW v (k, doubled) AS SELECT id, a * 2 FROM t WHERE a > 10;"
                "DROP VIEW gone;"
                "CREATE VIEW w AS SELECT 1 AS first;"
                "DROP VIEW w;"
                "CREATE VIEW w AS SELECT count(*) AS n FROM v;"
                "BEGIN; CREATE VIEW never AS SELECT 1; ROLLBACK;");
            QVERIFY2(r, r ? "" : r.status().toString().c_str());
            if (checkpointAfter)
                QVERIFY(db->checkpoint());
        }
        for (int reopen = 0; reopen < 2; ++reopen) {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QCOMPARE(scalar(*c, "SELECT sum(doubled) FROM v"), int64_t(100));
            QCOMPARE(scalar(*c, "SELECT sum(k) FROM v"), int64_t(5));
            QCOMPARE(scalar(*c, "SELECT n FROM w"), int64_t(2));
            auto views = c->views();
            QVERIFY(views);
            QCOMPARE(views->size(), size_t(2));
            QCOMPARE((*views)[0].name, std::string("v")); // w reads v: v comes first
            QCOMPARE((*views)[0].viewColumns, (std::vector<std::string>{"k", "doubled"}));
            QCOMPARE((*views)[1].name, std::string("w"));
            QVERIFY(!c->execute("SELECT * FROM gone"));
            QVERIFY(!c->execute("SELECT * FROM never"));
            QVERIFY(db->warnings().empty());
            if (reopen == 0) // written again by a checkpoint the second time round
                QVERIFY(db->checkpoint());
        }
    }

    // A log that is gone held commits: the open must fail and say which, not open without them.
    void missingLogIsCorrupt_data()
    {
        QTest::addColumn<bool>("checkpointFirst");
        QTest::newRow("after a checkpoint") << true;
        QTest::newRow("no checkpoint yet") << false;
    }
    void missingLogIsCorrupt()
    {
        QFETCH(bool, checkpointFirst);
        QTemporaryDir tmp;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE t (n INTEGER)"));
            if (checkpointFirst)
                QVERIFY(db->checkpoint());
            for (int i = 0; i < 5; ++i)
                QVERIFY(c->execute("INSERT INTO t VALUES (" + std::to_string(i) + ")"));
        }
        const QStringList logs = logFiles(tmp.path());
        QVERIFY(!logs.isEmpty());
        QVERIFY(QFile::remove(tmp.filePath(logs.last())));
        for (bool readOnly : {false, true}) {
            OpenOptions o;
            o.readOnly = readOnly;
            auto db = Database::open(tmp.path().toStdString(), o);
            QVERIFY2(!db, "opened without its log");
            QCOMPARE(db.status().code(), StatusCode::Corrupt);
            QVERIFY2(db.status().message().find(logs.last().toStdString()) != std::string::npos,
                     db.status().message().c_str());
        }
    }

    // The nightly backup reads while the application writes: a reader opening while the
    // writer checkpoints (and deletes the logs the old checkpoint needed) must always open a
    // consistent state. Bounded by work: a fixed number of opens against a writer that
    // checkpoints after every commit.
    void readersOpenWhileTheWriterCheckpoints()
    {
        QTemporaryDir tmp;
        OpenOptions wo;
        wo.checkpointLogBytes = 1; // every commit's log passes it: checkpoints all the time
        wo.durability = Durability::Normal;
        auto writer = openOrDie(tmp.path(), wo);
        auto wc = writer->connect();
        QVERIFY(wc->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, pad TEXT)"));
        std::atomic<bool> stop{false};
        std::atomic<int64_t> committed{0};
        std::thread writing([&] {
            for (int64_t i = 0; !stop.load(); ++i) {
                if (!wc->execute("INSERT INTO t VALUES (" + std::to_string(i)
                                 + ", 'some padding so that logs grow')"))
                    return;
                committed.store(i + 1);
                if (i % 8 == 0)
                    (void)writer->checkpoint();
            }
        });
        OpenOptions ro;
        ro.readOnly = true;
        int64_t lastSeen = 0;
        for (int i = 0; i < 300; ++i) {
            auto db = Database::open(tmp.path().toStdString(), ro);
            if (!db) {
                stop.store(true);
                writing.join();
                QFAIL(db.status().toString().c_str());
            }
            auto c = (*db)->connect();
            auto r = c->execute("SELECT count(*), max(id) FROM t");
            QVERIFY(r);
            const int64_t count = r->rows[0][0].i;
            QVERIFY(count >= lastSeen); // never older than an earlier open saw
            QVERIFY(count == 0 || r->rows[0][1].i == count - 1); // whole commits only
            lastSeen = count;
        }
        stop.store(true);
        writing.join();
        QVERIFY(committed.load() > 0);
    }

    // A database on a read-only mount (a backup disk, a snapshot) opens read-only: it can be
    // read, exported from, and nothing tries to write there.
    void readOnlyMountIsReadable()
    {
        QTemporaryDir tmp;
        const QString mnt = tmp.filePath("mnt");
        QDir().mkpath(mnt);
        if (QProcess::execute("mount", {"-t", "tmpfs", "-o", "size=16m", "tmpfs", mnt}) != 0)
            QSKIP("mounting needs root (CI runs as root)");
        struct Unmount {
            QString path;
            ~Unmount() { QProcess::execute("umount", {path}); }
        } unmount{mnt};
        {
            auto db = openOrDie(mnt);
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2)"));
            QVERIFY(db->checkpoint());
            QVERIFY(c->execute("INSERT INTO t VALUES (3)"));
        }
        QFile tmpCheckpoint(mnt + "/checkpoint.db.tmp"); // an unfinished checkpoint left over
        QVERIFY(tmpCheckpoint.open(QIODevice::WriteOnly));
        tmpCheckpoint.close();
        QCOMPARE(QProcess::execute("mount", {"-o", "remount,ro", mnt}), 0);
        auto writable = Database::open(mnt.toStdString());
        QVERIFY(!writable);
        QCOMPARE(writable.status().code(), StatusCode::Locked); // so callers fall back
        OpenOptions ro;
        ro.readOnly = true;
        auto db = Database::open(mnt.toStdString(), ro);
        QVERIFY2(db, db ? "" : db.status().toString().c_str());
        auto c = (*db)->connect();
        QCOMPARE(scalar(*c, "SELECT sum(n) FROM t"), int64_t(6));
    }

    void checkpointThenLogReplay()
    {
        QTemporaryDir tmp;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)"));
            std::vector<Row> rows;
            for (int i = 0; i < 5000; ++i)
                rows.push_back({Value::integer(i), Value::integer(i * 2)});
            QVERIFY(c->insertRows("t", {}, rows));
            QVERIFY(db->checkpoint());
            QVERIFY(QFile::exists(tmp.filePath("checkpoint.db")));
            // After the checkpoint only a fresh log remains.
            QCOMPARE(logFiles(tmp.path()).size(), 1);
            QVERIFY(
                c->execute("UPDATE t SET v = -1 WHERE id < 10; DELETE FROM t WHERE id >= 4990"));
            QVERIFY(db->checkpoint());
            QVERIFY(c->execute("INSERT INTO t VALUES (100000, 7)"));
        }
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), int64_t(4991));
        QCOMPARE(scalar(*c, "SELECT sum(v) FROM t WHERE id < 10"), int64_t(-10));
        QCOMPARE(scalar(*c, "SELECT v FROM t WHERE id = 100000"), int64_t(7));
        QVERIFY(db->warnings().empty());
    }

    void indexBulkLoadFindsEveryKey()
    {
        // Opening fills a big index on two threads, each in its half of the table; keys whose
        // probe runs past the half (or around the end) are added afterwards. Crowd both edges.
        std::vector<std::pair<uint64_t, uint64_t>> pairs;
        const uint64_t buckets = 524288; // the table's size for 300,000 keys
        for (uint64_t k = 0; k < 1000; ++k) {
            pairs.emplace_back(buckets / 2 - 1 + k * buckets, k);    // last bucket of the low half
            pairs.emplace_back(buckets - 1 + k * buckets, 1000 + k); // the table's last bucket
        }
        std::mt19937_64 random(7);
        while (pairs.size() < 300000)
            pairs.emplace_back(random(), pairs.size());
        pairs.push_back(pairs[5]); // a repeat is stored once
        const auto expected = pairs;
        TableIndex index("PRIMARY", {0}, true);
        index.bulkLoad(pairs);
        size_t found = 0;
        for (size_t i = 0; i + 1 < expected.size(); ++i) {
            size_t hits = 0;
            index.forEachCandidateUnlocked(
                expected[i].first, [&](uint64_t slot) { hits += slot == expected[i].second; });
            found += hits == 1;
        }
        QCOMPARE(found, expected.size() - 1);
    }

    // A small table's slots live inline and a bigger one's in chunks behind a directory:
    // every slot stays its own across the inline part, the chunks and the directory rows,
    // however the table grows (one at a time, in runs crossing a boundary, or all at once).
    void heapSlotsStayDistinctAcrossEveryBoundary()
    {
        const std::vector<std::vector<uint64_t>> growths{
            {1, 62, 1, 1, 1, 5000},         // one by one across the inline part
            {64, 1},                        // exactly the inline part, then one more
            {65},                           // past it at once
            {4096 + 64 + 1, 3},             // past the first chunk
            {(1u << 22) - 5, 10, 1u << 12}, // past the first directory row
        };
        for (const auto &growth : growths) {
            TableHeap heap(1);
            auto tag = [](uint64_t s) { return reinterpret_cast<Version *>((s + 1) * 16); };
            uint64_t total = 0;
            for (uint64_t n : growth) {
                QCOMPARE(heap.appendSlots(n), total);
                for (uint64_t s = total; s < total + n; ++s) {
                    QVERIFY(heap.slot(s).load() == nullptr); // new slots start empty
                    heap.slot(s).store(tag(s));
                }
                total += n;
                QCOMPARE(heap.slotCount(), total);
            }
            heap.ensureSlot(total + 2);
            QCOMPARE(heap.slotCount(), total + 3);
            for (uint64_t s = 0; s < total; ++s)
                if (heap.slot(s).load() != tag(s))
                    QFAIL(("slot " + std::to_string(s) + " was overwritten").c_str());
            for (uint64_t s = 0; s < heap.slotCount(); ++s)
                heap.slot(s).store(nullptr); // the tags are no versions to free
        }
    }

    void reopenedBigTableFindsEveryKey()
    {
        QTemporaryDir tmp;
        const int n = 250000;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, code TEXT UNIQUE)"));
            std::vector<Row> rows;
            for (int i = 0; i < n; ++i)
                rows.push_back({Value::integer(i * 7), Value::text("c" + std::to_string(i))});
            QVERIFY(c->insertRows("t", {}, rows));
            QVERIFY(db->checkpoint());
        }
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        for (int i = 0; i < n; i += 997) {
            QCOMPARE(scalar(*c, "SELECT count(*) FROM t WHERE id = " + std::to_string(i * 7)),
                     int64_t(1));
            QCOMPARE(scalar(*c, "SELECT id FROM t WHERE code = 'c" + std::to_string(i) + "'"),
                     int64_t(i * 7));
        }
        QVERIFY(!c->execute("INSERT INTO t VALUES (700, 'new')"));
        QVERIFY(!c->execute("INSERT INTO t VALUES (1, 'c5')"));
        QVERIFY(c->execute("INSERT INTO t VALUES (1, 'new')"));
    }

    void bigTransactionCommitsByCheckpoint_data()
    {
        QTest::addColumn<bool>("checkpointFails");
        QTest::newRow("checkpoint") << false;
        QTest::newRow("checkpoint fails: the log instead") << true;
    }

    void bigTransactionCommitsByCheckpoint()
    {
        // A transaction with more row bytes than checkpointLogBytes is made durable by a
        // checkpoint as of its commit (rows written once), not by a log record. When that
        // checkpoint cannot be written, the commit goes to the log as usual.
        QFETCH(bool, checkpointFails);
        QTemporaryDir tmp;
        OpenOptions options;
        options.checkpointLogBytes = 1 << 20;
        uint64_t before = 0;
        {
            auto db = openOrDie(tmp.path(), options);
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);"
                               "INSERT INTO t VALUES (1, 'one'), (2, 'two')"));
            if (checkpointFails) // a folder where the checkpoint's temporary file goes
                QDir(tmp.path()).mkdir("checkpoint.db.tmp");
            before = db->lastCommitTs();
            QVERIFY(c->begin());
            QVERIFY(c->execute("DELETE FROM t WHERE id = 2; UPDATE t SET v = 'uno' WHERE id = 1"));
            std::vector<Row> rows;
            for (int i = 10; i < 30010; ++i)
                rows.push_back({Value::integer(i), Value::text(std::string(60, 'z'))});
            QVERIFY(c->insertRows("t", {}, rows));
            QVERIFY(c->commit());
            QVERIFY(db->lastCommitTs() > before);
        }
        // The log files hold the rows' bytes only when the checkpoint could not be written.
        const QByteArray rowBytes(60, 'z');
        bool inLog = false;
        for (const auto &f : logFiles(tmp.path())) {
            QFile log(tmp.filePath(f));
            QVERIFY(log.open(QIODevice::ReadOnly));
            inLog = inLog || log.readAll().contains(rowBytes);
        }
        QCOMPARE(inLog, checkpointFails);
        if (!checkpointFails) { // the checkpoint's rows live in its data files (compressed)
            const auto dataFiles = QDir(tmp.path()).entryList({"data-*.blk"}, QDir::Files);
            QVERIFY(!dataFiles.isEmpty());
        }
        QDir(tmp.path()).rmdir("checkpoint.db.tmp");
        auto db = openOrDie(tmp.path(), options);
        auto c = db->connect();
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), int64_t(30001));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t WHERE v = 'uno'"), int64_t(1));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t WHERE id = 2"), int64_t(0));
        // The deletion is kept for incremental exports, with the commit's time.
        auto deleted = c->deletedKeys("t", before);
        QVERIFY(deleted);
        QCOMPARE(deleted->size(), size_t(1));
        QCOMPARE((*deleted)[0][0].i, int64_t(2));
        QVERIFY(c->execute("INSERT INTO t VALUES (5, 'after')")); // and writing goes on
    }

    void closeEndsWritingButKeepsReading()
    {
        QTemporaryDir tmp;
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"));
        std::vector<Row> rows;
        for (int i = 0; i < 60000; ++i) // a log of more than 4 MiB: close checkpoints it
            rows.push_back({Value::integer(i), Value::text(std::string(100, 'x'))});
        QVERIFY(c->insertRows("t", {}, rows));
        QVERIFY(c->begin());
        QVERIFY(c->execute("INSERT INTO t VALUES (-1, 'a')")); // in flight when closing
        QVERIFY(db->close());
        QVERIFY(db->close()); // twice is harmless
        const auto commit = c->commit();
        QVERIFY(!commit.isOk());
        QCOMPARE(QString::fromStdString(commit.message()),
                 QStringLiteral("the database is closed"));
        const auto write = c->execute("INSERT INTO t VALUES (-2, 'b')");
        QVERIFY(!write);
        QCOMPARE(write.status().code(), StatusCode::ReadOnly);
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), int64_t(60000)); // reads still work
        QVERIFY(QFile::exists(tmp.filePath("checkpoint.db")));
        // The folder is unlocked while `db` still exists: another open may write.
        auto again = openOrDie(tmp.path());
        auto c2 = again->connect();
        QCOMPARE(scalar(*c2, "SELECT count(*) FROM t WHERE id < 0"), int64_t(0));
        QVERIFY(c2->execute("INSERT INTO t VALUES (-3, 'c')"));
    }

    void tornTailIsIgnoredWithAWarning_data()
    {
        QTest::addColumn<int>("damage"); // 0: cut the last record short, 1: flip a byte in it
        QTest::newRow("cut short") << 0;
        QTest::newRow("flipped byte") << 1;
    }
    void tornTailIsIgnoredWithAWarning()
    {
        QFETCH(int, damage);
        QTemporaryDir tmp;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY)"));
            for (int i = 1; i <= 11; ++i)
                QVERIFY(c->execute("INSERT INTO t VALUES (?)", {Value::integer(i)}));
            // Simulate a crash: copy the log aside before the close writes a checkpoint.
            QVERIFY(
                QFile::copy(tmp.filePath(logFiles(tmp.path()).last()), tmp.filePath("saved.log")));
        }
        // Put back the crash-time state: no checkpoint, the log as it was.
        QFile::remove(tmp.filePath("checkpoint.db"));
        for (const auto &f : logFiles(tmp.path()))
            QFile::remove(tmp.filePath(f));
        const auto records = recordOffsets(tmp.filePath("saved.log"));
        QCOMPARE(records.size(), 12); // CREATE TABLE + 11 inserts
        const qint64 last = records.last();
        QFile saved(tmp.filePath("saved.log"));
        QVERIFY(saved.open(QIODevice::ReadWrite));
        if (damage == 0) {
            QVERIFY(saved.resize(last + 20)); // the last record, cut inside its payload
        } else {
            saved.seek(last + 14); // a payload byte; the zero padding after it stays
            char ch;
            saved.getChar(&ch);
            saved.seek(last + 14);
            saved.putChar(static_cast<char>(ch ^ 0x40));
        }
        saved.close();
        QVERIFY(QFile::rename(tmp.filePath("saved.log"), tmp.filePath("wal-000001.log")));
        auto db = openOrDie(tmp.path());
        QCOMPARE(db->warnings().size(), size_t(1));
        QVERIFY(QString::fromStdString(db->warnings()[0]).contains("incomplete last record"));
        auto c = db->connect();
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), int64_t(10));
        QCOMPARE(scalar(*c, "SELECT max(id) FROM t"), int64_t(10));
        // The database goes on working and the next commit is durable.
        QVERIFY(c->execute("INSERT INTO t VALUES (12)"));
        c.reset(); // a connection keeps its database open
        db.reset();
        auto again = openOrDie(tmp.path());
        QVERIFY(again->warnings().empty());
        QCOMPARE(scalar(*again->connect(), "SELECT count(*) FROM t"), int64_t(11));
    }

    void corruptionInTheMiddleIsReported()
    {
        QTemporaryDir tmp;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)"));
            for (int i = 1; i <= 20; ++i)
                QVERIFY(c->execute("INSERT INTO t VALUES (?, 'some text to damage')",
                                   {Value::integer(i)}));
            QVERIFY(
                QFile::copy(tmp.filePath(logFiles(tmp.path()).last()), tmp.filePath("saved.log")));
        }
        QFile::remove(tmp.filePath("checkpoint.db"));
        for (const auto &f : logFiles(tmp.path()))
            QFile::remove(tmp.filePath(f));
        const auto records = recordOffsets(tmp.filePath("saved.log"));
        QCOMPARE(records.size(), 21);
        QFile saved(tmp.filePath("saved.log"));
        QVERIFY(saved.open(QIODevice::ReadWrite));
        saved.seek(records[10] + 20); // inside the 11th record; ten whole records follow
        saved.putChar('\x7f');
        saved.putChar('\x7f');
        saved.close();
        QVERIFY(QFile::rename(tmp.filePath("saved.log"), tmp.filePath("wal-000001.log")));
        auto db = Database::open(tmp.path().toStdString());
        QVERIFY(!db);
        QCOMPARE(db.status().code(), StatusCode::Corrupt);
        QVERIFY2(QString::fromStdString(db.status().message()).contains("wal-000001.log"),
                 db.status().message().c_str());
        QVERIFY(QString::fromStdString(db.status().message()).contains("whole records follow"));
    }

    void corruptCheckpointIsReported()
    {
        QTemporaryDir tmp;
        {
            auto db = openOrDie(tmp.path());
            QVERIFY(db->connect()->execute("CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1)"));
            QVERIFY(db->checkpoint());
        }
        QFile ckpt(tmp.filePath("checkpoint.db"));
        QVERIFY(ckpt.open(QIODevice::ReadWrite));
        ckpt.seek(ckpt.size() - 20);
        ckpt.putChar('\x55');
        ckpt.close();
        auto db = Database::open(tmp.path().toStdString());
        QVERIFY(!db);
        QCOMPARE(db.status().code(), StatusCode::Corrupt);
        QVERIFY(QString::fromStdString(db.status().message()).contains("checkpoint.db"));
    }

    void oneWriterManyReaders()
    {
        QTemporaryDir tmp;
        auto writer = openOrDie(tmp.path());
        QVERIFY(writer->connect()->execute(
            "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2)"));
        auto second = Database::open(tmp.path().toStdString());
        QVERIFY(!second);
        QCOMPARE(second.status().code(), StatusCode::Locked);
        QVERIFY2(QString::fromStdString(second.status().message()).contains("pid"),
                 second.status().message().c_str());
        OpenOptions ro;
        ro.readOnly = true;
        auto reader = openOrDie(tmp.path(), ro);
        auto rc = reader->connect();
        QCOMPARE(scalar(*rc, "SELECT count(*) FROM t"), int64_t(2));
        auto w = rc->execute("INSERT INTO t VALUES (3)");
        QVERIFY(!w);
        QCOMPARE(w.status().code(), StatusCode::ReadOnly);
        writer.reset();
        // The lock goes with the writer.
        QVERIFY(Database::open(tmp.path().toStdString()));
    }

    void changeTracking()
    {
        QTemporaryDir tmp;
        uint64_t mark = 0;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);"
                               "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')"));
            mark = db->lastCommitTs();
            QVERIFY(c->execute("UPDATE t SET v = 'B' WHERE id = 2; DELETE FROM t WHERE id = 3;"
                               "INSERT INTO t VALUES (5, 'e'); UPDATE t SET id = 40 WHERE id = 4"));
            QVERIFY(db->checkpoint());
        }
        // Change tracking survives a restart (checkpoint keeps versions' commit times).
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        auto cursor = c->changedRows("t", mark);
        QVERIFY(cursor);
        RowBatch batch;
        std::set<int64_t> changed;
        while (true) {
            auto more = (*cursor)->next(batch);
            QVERIFY(more);
            for (size_t r = 0; r < batch.rowCount(); ++r)
                changed.insert(batch.value(r, 0).i);
            if (!*more)
                break;
        }
        QVERIFY(changed == (std::set<int64_t>{2, 5, 40}));
        QCOMPARE(changed.size(), size_t(3));
        auto deleted = c->deletedKeys("t", mark);
        QVERIFY(deleted);
        std::set<int64_t> keys;
        for (const auto &k : *deleted)
            keys.insert(k[0].i);
        QVERIFY(keys == (std::set<int64_t>{3, 4}));
        QCOMPARE(keys.size(), size_t(2));
        auto none = c->deletedKeys("t", db->lastCommitTs());
        QVERIFY(none);
        QVERIFY(none->empty());
    }

    void commitTimestampsIncreaseAndTrackTheClock()
    {
        auto db = Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE t (a INTEGER)"));
        uint64_t last = db->lastCommitTs();
        for (int i = 0; i < 200; ++i) {
            QVERIFY(c->execute("INSERT INTO t VALUES (1)"));
            const uint64_t ts = db->lastCommitTs();
            QVERIFY(ts > last);
            last = ts;
        }
        const int64_t skew = static_cast<int64_t>(last) - nowMicros();
        QVERIFY2(std::llabs(skew) < 5000000, qPrintable(QString::number(skew)));
    }
};

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
