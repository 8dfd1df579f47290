// The public engine API: parameters, cursors and batches, bulk inserts, sync modes,
// deletion-record retention, cancel, and table metadata.
#include "engine/api/database.h"
#include "tests/support/engine_helpers.h"

#include <QTemporaryDir>
#include <QtTest>
#include <random>
#include <thread>

using namespace strata::engine;
using strata::test::scalar;

class TestApi : public QObject {
    Q_OBJECT
private slots:
    // An ORDER BY bigger than its sort memory writes sorted runs to a temporary file and
    // merges them: seeded random tables (NULLs, mixed types in one expression column, ties),
    // several keys up and down, with LIMIT/OFFSET, GROUP BY and a filter, sorted with a 16 KiB
    // budget give the rows the in-memory sort gives, in the same order.
    void ordersBiggerThanTheSortMemoryMergeRunsFromATemporaryFile()
    {
        QTemporaryDir small, large;
        OpenOptions tight;
        tight.sortMemoryBytes = 16 << 10;
        auto dbSmall = Database::open(small.path().toStdString(), tight);
        auto dbLarge = Database::open(large.path().toStdString());
        QVERIFY(dbSmall && dbLarge);
        auto cs = (*dbSmall)->connect();
        auto cl = (*dbLarge)->connect();
        const QByteArray seedsEnv = qgetenv("SORT_SEEDS");
        const QList<QByteArray> seeds
            = (seedsEnv.isEmpty() ? QByteArray("1,2,3") : seedsEnv).split(',');
        const std::vector<std::string> orders = {
            "SELECT * FROM t ORDER BY a",
            "SELECT * FROM t ORDER BY b DESC, a",
            "SELECT a, s FROM t ORDER BY s, d DESC",
            "SELECT CASE WHEN a % 3 = 0 THEN s WHEN a % 3 = 1 THEN d END AS k, a FROM t ORDER BY 1",
            "SELECT * FROM t WHERE b > 10 ORDER BY d, s DESC LIMIT 500 OFFSET 37",
            "SELECT b, count(*), sum(a) FROM t GROUP BY b ORDER BY 2 DESC, 1",
        };
        for (const auto &seedText : seeds) {
            const unsigned seed = seedText.toUInt();
            std::mt19937_64 rng(seed);
            std::vector<Row> rows;
            const int n = 3000 + int(rng() % 5000);
            for (int i = 0; i < n; ++i) {
                auto maybe = [&](Value v) { return rng() % 10 == 0 ? Value::null() : v; };
                rows.push_back(
                    {Value::integer(i), maybe(Value::integer(int64_t(rng() % 50))),
                     maybe(Value::real(double(int64_t(rng() % 2000) - 1000) / 8)),
                     maybe(Value::text(std::string(rng() % 40, char('a' + rng() % 3))))});
            }
            for (auto *c : {cs.get(), cl.get()}) {
                QVERIFY(c->execute("DROP TABLE IF EXISTS t"));
                QVERIFY(c->execute("CREATE TABLE t (a INTEGER, b INTEGER, d DOUBLE, s TEXT)"));
                QVERIFY(c->insertRows("t", {}, rows));
            }
            for (const auto &sql : orders) {
                const uint64_t runsBefore = sortRunsWritten();
                auto got = cs->execute(sql);
                auto want = cl->execute(sql);
                QVERIFY2(got && want, sql.c_str());
                QCOMPARE(got->rows.size(), want->rows.size());
                for (size_t r = 0; r < want->rows.size(); ++r)
                    for (size_t k = 0; k < want->rows[r].size(); ++k)
                        QVERIFY2(compareValues(got->rows[r][k], want->rows[r][k]) == 0
                                     && got->rows[r][k].type == want->rows[r][k].type,
                                 qPrintable(QString("seed %1, %2: row %3 differs")
                                                .arg(seed)
                                                .arg(QString::fromStdString(sql))
                                                .arg(r)));
                if (sql.find("GROUP BY") == std::string::npos)
                    QVERIFY2(sortRunsWritten() - runsBefore >= 4, sql.c_str()); // merged runs
            }
        }
    }

    void locationsAreFormattedOnce()
    {
        QCOMPARE(Location{}.toString(), std::string());
        QVERIFY(Location{}.empty());
        QCOMPARE((Location{.file = "a.zip", .entry = "b.csv", .line = 3, .column = 7}).toString(),
                 std::string("a.zip:b.csv:3:7"));
        QCOMPARE((Location{.line = 3, .column = 7}).toString(), std::string("line 3, column 7"));
        QCOMPARE((Location{.file = "f.json", .line = 2, .jsonPath = "$[1].a"}).toString(),
                 std::string("f.json:2: $[1].a"));
        QCOMPARE((Location{.row = 4}).toString(), std::string("row 4"));
        // A Status keeps the parts; its message puts the place first, once.
        const Status st(StatusCode::Invalid, "expected a digit",
                        Location{.file = "x.csv"}.at(2, 5));
        QCOMPARE(st.detail(), std::string("expected a digit"));
        QCOMPARE(st.location().line, int64_t(2));
        QCOMPARE(st.message(), std::string("x.csv:2:5: expected a digit"));
        // Through an exception and back, nothing is lost or doubled.
        const EngineError e(st);
        QCOMPARE(std::string(e.what()), st.message());
        QCOMPARE(e.toStatus().message(), st.message());
        QCOMPARE(e.toStatus().location().column, int64_t(5));
    }

    void aRowOfAMergedBatchIsALocationNotText()
    {
        auto db = Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"));
        std::vector<Row> rows
            = {{Value::integer(1), Value::text("a")}, {Value::integer(2), Value()}};
        auto r = c->upsertRows("t", {"id", "v"}, rows);
        QVERIFY(!r);
        QCOMPARE(r.status().location().row, int64_t(2));
        QVERIFY2(r.status().detail().rfind("row ", 0) != 0, r.status().detail().c_str());
        QVERIFY2(r.status().message().rfind("row 2: ", 0) == 0, r.status().message().c_str());
    }

    void parameters()
    {
        auto db = Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute(
            "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT, score DOUBLE, day DATE)"));
        // Parameters take the column's type on insert, like literals.
        QVERIFY(c->execute("INSERT INTO p VALUES (?, ?, ?, ?)",
                           {Value::integer(1), Value::text("O'Brien; DROP TABLE p; --"),
                            Value::integer(3), Value::text("2024-02-29")}));
        auto r = c->execute("SELECT name, score, day, typeof(score) FROM p WHERE id = ?",
                            {Value::integer(1)});
        QVERIFY(r);
        QCOMPARE(QString::fromStdString(r->rows[0][0].s),
                 QStringLiteral("O'Brien; DROP TABLE p; --"));
        QCOMPARE(r->rows[0][1].d, 3.0);
        QCOMPARE(r->rows[0][2].type, LogicalType::Date);
        QCOMPARE(QString::fromStdString(r->rows[0][3].s), QStringLiteral("double"));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM p WHERE day = ? AND name LIKE ?",
                        {Value::date(19782), Value::text("O%")}),
                 int64_t(1));
        // Too few values is an error that says how many were expected.
        auto missing = c->execute("SELECT * FROM p WHERE id = ? AND name = ?", {Value::integer(1)});
        QVERIFY(!missing);
        QVERIFY2(QString::fromStdString(missing.status().message()).contains("2 parameters"),
                 missing.status().message().c_str());
        // The same statement text runs again with new values (its parse is reused).
        for (int i = 2; i <= 50; ++i)
            QVERIFY(c->execute("INSERT INTO p (id, name) VALUES (?, ?)",
                               {Value::integer(i), Value::text("n")}));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM p"), int64_t(50));
    }

    void cursorStreamsTypedBatches()
    {
        auto db = Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute(
            "CREATE TABLE t (id INTEGER, s TEXT, d DOUBLE, b BOOLEAN, ts TIMESTAMP, x BLOB)"));
        std::vector<Row> rows;
        for (int i = 0; i < 5000; ++i)
            rows.push_back({Value::integer(i),
                            i % 7 ? Value::text("row " + std::to_string(i)) : Value::null(),
                            Value::real(i / 4.0), Value::boolean(i % 2),
                            Value::timestamp(int64_t(i) * 1000000),
                            Value::blob(std::string(1, char(i % 256)))});
        auto inserted = c->insertRows("t", {}, rows);
        QVERIFY(inserted);
        QCOMPARE(*inserted, int64_t(5000));
        for (const char *sql :
             {"SELECT id, s, d, b, ts, x FROM t", "SELECT id + 0, s, d, b, ts, x FROM t"}) {
            // The first is a plain column pick (direct path), the second goes through operators.
            auto cursor = c->query(sql);
            QVERIFY(cursor);
            QCOMPARE((*cursor)->columnTypes()[4], LogicalType::Timestamp);
            RowBatch batch;
            int64_t seen = 0;
            size_t batches = 0;
            for (;;) {
                auto more = (*cursor)->next(batch, 1000);
                QVERIFY(more);
                QVERIFY(batch.rowCount() <= 1000);
                for (size_t r = 0; r < batch.rowCount(); ++r) {
                    const int64_t id = batch.columns[0].intAt(r);
                    QCOMPARE(id, seen);
                    QCOMPARE(batch.columns[1].isNull(r), id % 7 == 0);
                    if (id % 7)
                        QCOMPARE(batch.columns[1].bytesAt(r),
                                 std::string_view("row " + std::to_string(id)));
                    QCOMPARE(batch.columns[2].doubleAt(r), id / 4.0);
                    QCOMPARE(batch.columns[3].intAt(r), id % 2);
                    QCOMPARE(batch.columns[4].intAt(r), id * 1000000);
                    QCOMPARE(batch.columns[5].bytesAt(r).size(), size_t(1));
                    ++seen;
                }
                batches += batch.rowCount() > 0;
                if (!*more)
                    break;
            }
            QCOMPARE(seen, int64_t(5000));
            QCOMPARE(batches, size_t(5));
        }
    }

    void insertRowsMapsColumnsAndRollsBackOnError()
    {
        auto db = Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT DEFAULT 'dflt', b INTEGER NOT NULL)"));
        QVERIFY(c->insertRows("t", {"b", "id"},
                              std::vector<Row>{{Value::integer(10), Value::integer(1)}}));
        auto r = c->execute("SELECT id, a, b FROM t");
        QCOMPARE(QString::fromStdString(r->rows[0][1].s), QStringLiteral("dflt"));
        QCOMPARE(r->rows[0][2].i, int64_t(10));
        std::vector<Row> bad;
        for (int i = 2; i < 6000; ++i)
            bad.push_back({Value::integer(i), Value::text("x"), Value::integer(i)});
        bad.push_back({Value::integer(1), Value::text("dup"), Value::integer(0)}); // row 5999
        auto failed = c->insertRows("t", {}, bad);
        QVERIFY(!failed);
        QCOMPARE(failed.status().code(), StatusCode::Constraint);
        QVERIFY2(QString::fromStdString(failed.status().message()).contains("(row 5999)"),
                 failed.status().message().c_str());
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), int64_t(1)); // nothing of the batch stayed
        auto unknown = c->insertRows("t", {"nope"}, std::vector<Row>{{Value::integer(1)}});
        QVERIFY(!unknown);
        QCOMPARE(unknown.status().code(), StatusCode::NotFound);
    }

    void normalSyncModeIsDurableAfterClose()
    {
        QTemporaryDir tmp;
        {
            OpenOptions o;
            o.durability = Durability::Normal;
            auto db = Database::open(tmp.path().toStdString(), o);
            QVERIFY(db);
            auto c = (*db)->connect();
            QVERIFY(c->execute("CREATE TABLE t (a INTEGER)"));
            for (int i = 0; i < 100; ++i)
                QVERIFY(c->execute("INSERT INTO t VALUES (?)", {Value::integer(i)}));
        }
        auto db = Database::open(tmp.path().toStdString());
        QVERIFY(db);
        QCOMPARE(scalar(*(*db)->connect(), "SELECT sum(a) FROM t"), int64_t(4950));
    }

    void deletionRecordsExpire()
    {
        OpenOptions o;
        o.deletionRetentionMicros = 1; // keep them for a microsecond
        QTemporaryDir tmp;
        auto db = Database::open(tmp.path().toStdString(), o);
        QVERIFY(db);
        auto c = (*db)->connect();
        QVERIFY(
            c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1), (2)"));
        QVERIFY(c->execute("DELETE FROM t WHERE id = 1"));
        auto before = c->deletedKeys("t", 0);
        QVERIFY(before);
        QCOMPARE(before->size(), size_t(1));
        QVERIFY(c->execute("INSERT INTO t VALUES (3)")); // moves the clock past the retention
        (*db)->collectGarbage();
        auto after = c->deletedKeys("t", 0);
        QVERIFY(after);
        QCOMPARE(after->size(), size_t(0));
    }

    void cancelStopsALongStatement()
    {
        auto db = Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE t (a INTEGER)"));
        std::vector<Row> rows(200000, Row{Value::integer(1)});
        QVERIFY(c->insertRows("t", {}, rows));
        std::atomic<bool> started{false};
        std::thread canceller([&] {
            while (!started.load())
                std::this_thread::yield();
            c->cancel(); // once, at some point of the statement's run (or just before it)
        });
        // A cross join far too large to finish: only the cancel ends it.
        started = true;
        auto r = c->execute("SELECT count(*) FROM t a, t b WHERE a.a + b.a = 3");
        canceller.join();
        QVERIFY(!r);
        QCOMPARE(r.status().code(), StatusCode::Canceled);
        QVERIFY(c->isCanceled()); // it holds until cleared
        QVERIFY(!c->execute("SELECT count(*) FROM t"));
        c->clearCancel();
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t"),
                 int64_t(200000)); // the connection still works
    }

    void aScriptKeepsTheFirstRowsAskedForAndCountsTheRest()
    {
        auto db = Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE t (a INTEGER)"));
        std::vector<Row> rows;
        for (int i = 0; i < 5000; ++i)
            rows.push_back({Value::integer(i)});
        QVERIFY(c->insertRows("t", {}, rows));
        auto r = c->executeScript("SELECT a FROM t ORDER BY a DESC; SELECT a FROM t WHERE a < 3; "
                                  "INSERT INTO t VALUES (9)",
                                  {}, 10);
        QVERIFY(r);
        QCOMPARE(r->size(), size_t(3));
        QCOMPARE((*r)[0].rows.size(), size_t(10));
        QCOMPARE((*r)[0].rowsReturned, int64_t(5000));
        QCOMPARE((*r)[0].rows[9][0].i, int64_t(4990));
        QCOMPARE((*r)[1].rows.size(), size_t(3));
        QCOMPARE((*r)[1].rowsReturned, int64_t(3));
        QCOMPARE((*r)[2].rowsAffected, int64_t(1));
        // By default every row is kept.
        auto all = c->execute("SELECT a FROM t");
        QVERIFY(all);
        QCOMPARE(all->rows.size(), size_t(5001));
        QCOMPARE(all->rowsReturned, int64_t(5001));
    }

    void aCancelJustBeforeAStatementStartsStopsIt()
    {
        // The grid cancels an open from the GUI thread while its reader is about to start the
        // statement: that cancel must not be lost by the statement starting (it used to reset
        // the flag, and the open ran to its end).
        auto db = Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE t (a INTEGER)"));
        QVERIFY(c->insertRows("t", {}, std::vector<Row>(5000, Row{Value::integer(1)})));
        c->cancel();
        auto query = c->query("SELECT count(*) FROM t a, t b");
        if (query) {
            RowBatch batch;
            auto more = (*query)->next(batch, 16);
            QVERIFY(!more);
            QCOMPARE(more.status().code(), StatusCode::Canceled);
        } else {
            QCOMPARE(query.status().code(), StatusCode::Canceled);
        }
        auto insert = c->insertRows("t", {}, std::vector<Row>(10, Row{Value::integer(2)}));
        QVERIFY(!insert);
        QCOMPARE(insert.status().code(), StatusCode::Canceled);
        c->clearCancel();
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), int64_t(5000)); // nothing was inserted
    }

    void aMissingFolderHoldsNoDatabaseAndOpensAsANewOne()
    {
        // The window asks before its first open of a demo folder that is not there yet.
        QTemporaryDir tmp;
        const std::string missing = tmp.filePath("not/there/yet").toStdString();
        QVERIFY(!Database::exists(missing)); // no throw, no error: simply not there
        auto db = Database::open(missing);
        QVERIFY2(db, db ? "" : db.status().toString().c_str());
        QVERIFY((*db)->connect()->execute("CREATE TABLE t (a INTEGER)"));
        db->reset();
        QVERIFY(Database::exists(missing));
    }

    void missingNamesAreNotFound()
    {
        // A window tells "no such table" (a database without history) from a wrong statement.
        auto db = Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE t (a INTEGER)"));
        for (const char *sql : {"SELECT * FROM nowhere", "DROP TABLE nowhere",
                                "INSERT INTO nowhere VALUES (1)", "SELECT nosuch FROM t",
                                "UPDATE t SET nosuch = 1", "ALTER TABLE t RENAME COLUMN b TO c"}) {
            auto r = c->execute(sql);
            QVERIFY2(!r, sql);
            QVERIFY2(r.status().code() == StatusCode::NotFound,
                     qPrintable(QString::fromStdString(r.status().toString())));
        }
        auto star = c->execute("SELECT *");
        QVERIFY(!star);
        QCOMPARE(star.status().code(), StatusCode::Invalid); // not a name: a wrong statement
    }

    void cachedPlansFollowSchemaChanges()
    {
        auto db = Database::openInMemory();
        auto c = db->connect();
        auto other = db->connect();
        const std::string update = "UPDATE t SET v = v + 1 WHERE id = ?";
        QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER); INSERT INTO t "
                           "VALUES (1, 0), (2, 0)"));
        QVERIFY(c->execute(update, {Value::integer(1)}));
        QVERIFY(c->execute(update, {Value::integer(1)})); // the cached plan
        QCOMPARE(scalar(*c, "SELECT v FROM t WHERE id = 1"), int64_t(2));
        // Another connection replaces the table: the same text must reach the new one.
        QVERIFY(other->execute("DROP TABLE t; CREATE TABLE t (v INTEGER, id INTEGER PRIMARY KEY); "
                               "INSERT INTO t VALUES (10, 1)"));
        QVERIFY(c->execute(update, {Value::integer(1)}));
        QCOMPARE(scalar(*c, "SELECT v FROM t WHERE id = 1"), int64_t(11));
        // A column added later is there for the cached statement's row rewrite.
        QVERIFY(other->execute("ALTER TABLE t ADD COLUMN note TEXT DEFAULT 'n'"));
        QVERIFY(c->execute(update, {Value::integer(1)}));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t WHERE note = 'n' AND v = 12"), int64_t(1));
        // Inside a transaction that changes the schema, plans are made afresh.
        QVERIFY(c->begin());
        QVERIFY(c->execute(
            "ALTER TABLE t RENAME TO t_old; CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER); "
            "INSERT INTO t VALUES (1, 100)"));
        QVERIFY(c->execute(update, {Value::integer(1)}));
        QCOMPARE(scalar(*c, "SELECT v FROM t WHERE id = 1"), int64_t(101));
        QCOMPARE(scalar(*c, "SELECT v FROM t_old WHERE id = 1"), int64_t(12));
        QVERIFY(c->rollback());
        QVERIFY(c->execute(update, {Value::integer(1)}));
        QCOMPARE(scalar(*c, "SELECT v FROM t WHERE id = 1"), int64_t(13));
        // DELETE plans too.
        QVERIFY(c->execute("DELETE FROM t WHERE id = ?", {Value::integer(1)}));
        QVERIFY(c->execute("INSERT INTO t (id, v) VALUES (1, 5), (2, 6)"));
        QVERIFY(c->execute("DELETE FROM t WHERE id = ?", {Value::integer(2)}));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), int64_t(1));
    }

    // Found by the differential test: a unique index dropped in a transaction still refused
    // that transaction's duplicates, and one re-created under the same name was dropped with
    // the old one at commit (indexes were dropped from the heap by name).
    void droppedAndRecreatedIndexesBindByIdentity()
    {
        QTemporaryDir tmp;
        for (int round = 0; round < 2; ++round) {
            auto db = Database::open(tmp.path().toStdString());
            QVERIFY(db);
            auto c = (*db)->connect();
            if (round == 0) {
                QVERIFY(
                    c->executeScript("CREATE TABLE t (a INTEGER, b INTEGER); "
                                     "CREATE UNIQUE INDEX i ON t (b); "
                                     "BEGIN; DROP INDEX i; INSERT INTO t VALUES (1, 5), (2, 5); "
                                     "CREATE UNIQUE INDEX i ON t (a); COMMIT"));
            }
            QVERIFY(c->execute("INSERT INTO t VALUES (3, 5)"));  // b is free now
            QVERIFY(!c->execute("INSERT INTO t VALUES (1, 6)")); // a is unique
            auto info = c->table("t");
            QVERIFY(info);
            QCOMPARE(info->indexes.size(), size_t(1));
            QCOMPARE(info->indexes[0].columns, std::vector<std::string>{"a"});
            QVERIFY(info->indexes[0].unique);
            QVERIFY(c->execute("DELETE FROM t WHERE a = 3"));
        }
    }

    // TEXT holds only what every format can write and read back: valid UTF-8 without NUL.
    // (It once took CAST(X'610062' AS TEXT), and the backup holding it did not restore.)
    void textMustBeUtf8WithoutNul()
    {
        auto db = Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE t (s TEXT, b BLOB)"));
        for (const char *sql :
             {"INSERT INTO t VALUES (CAST(X'610062' AS TEXT), NULL)",
              "INSERT INTO t VALUES (CHAR(0), NULL)",
              "INSERT INTO t VALUES (CAST(X'ff' AS TEXT), NULL)",
              "INSERT INTO t VALUES (CAST(X'c0af' AS TEXT), NULL)",      // overlong '/'
              "INSERT INTO t VALUES (CAST(X'eda080' AS TEXT), NULL)"}) { // a surrogate
            auto r = c->execute(sql);
            QVERIFY2(!r, sql);
            QCOMPARE(r.status().code(), StatusCode::Constraint);
            QVERIFY2(r.status().message().find("t.s: text must be UTF-8 without NUL") == 0,
                     r.status().message().c_str());
        }
        QVERIFY(c->execute("INSERT INTO t VALUES ('caf\xc3\xa9 \xf0\x9f\x98\x80', X'00ff')"));
        QVERIFY(!c->execute("UPDATE t SET s = s || CHAR(0)"));
        QVERIFY(!c->execute("INSERT INTO t SELECT CAST(b AS TEXT), b FROM t"));
        const std::vector<Row> rows{{Value::text(std::string("a\0b", 3)), Value::null()}};
        QVERIFY(!c->insertRows("t", {}, rows));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), int64_t(1));
        QCOMPARE(scalar(*c, "SELECT length(b) FROM t"), int64_t(2)); // bytes belong in BLOBs
    }

    void tableMetadata()
    {
        auto db = Database::openInMemory();
        auto c = db->connect();
        QVERIFY(
            c->execute("CREATE TABLE m (id INTEGER, k TEXT, email VARCHAR(40) SENSITIVE NOT NULL, "
                       "n INTEGER DEFAULT 7, PRIMARY KEY (id, k), UNIQUE (email))"));
        const int64_t before = nowMicros();
        QVERIFY(c->execute("INSERT INTO m VALUES (1, 'a', 'x@y', 1), (1, 'b', 'z@y', 2)"));
        auto info = c->table("m");
        QVERIFY(info);
        QCOMPARE(info->rowCount, uint64_t(2));
        QCOMPARE(info->primaryKey, (std::vector<std::string>{"id", "k"}));
        QCOMPARE(info->uniqueKeys.size(), size_t(1));
        QCOMPARE(info->columns[2].declaredType, std::string("VARCHAR(40)"));
        QVERIFY(info->columns[2].sensitive && info->columns[2].notNull);
        QCOMPARE(info->columns[3].defaultSql, std::string("7"));
        QVERIFY(info->createdAt <= before && info->createdAt > before - 60000000);
        auto missing = c->table("nope");
        QVERIFY(!missing);
        QCOMPARE(missing.status().code(), StatusCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestApi)
#include "tst_api.moc"
