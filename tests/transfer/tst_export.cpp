// Exports: every type through CSV and JSON, read back independently (and by pandas); one
// snapshot under concurrent writes; nothing left behind on failure or cancel; no file ever
// replaced; sanitization and filters stamped into the metadata; safe file names.
#include "engine/api/database.h"
#include "engine/transfer/audit.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "engine/transfer/import_job.h"
#include "engine/transfer/naming.h"
#include "tests/support/csv_parse.h"
#include "tests/support/engine_helpers.h"
#include "tests/support/transfer_helpers.h"
#include "tests/support/tricky_table.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <random>
#include <sys/file.h>
#include <sys/resource.h>
#include <thread>

using namespace strata;
using engine::Value;
using strata::test::CancelAfter;
using strata::test::parseCsv;

namespace {

//! Runs `f` as on a disk that fills at `bytes`: write() past it fails with EFBIG.
template<typename F>
auto withFileSizeLimit(rlim_t bytes, F &&f)
{
    struct rlimit old {};
    ::getrlimit(RLIMIT_FSIZE, &old);
    const auto oldHandler = ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = old;
    small.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &small);
    auto result = f();
    ::setrlimit(RLIMIT_FSIZE, &old);
    ::signal(SIGXFSZ, oldHandler);
    return result;
}

QByteArray readAll(const std::string &path)
{
    QFile f(QString::fromStdString(path));
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

transfer::ExportSpec spec(const QString &dir, transfer::ExportScope scope, const char *format)
{
    transfer::ExportSpec s;
    s.scope = scope;
    s.outputDir = dir.toStdString();
    s.formats.push_back({format, {}});
    s.nameTime = 1705314600000000; // 2024-01-15T10:30:00Z
    s.utcNames = true;
    return s;
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { transfer::registerBuiltinFormats(); }

    //! The SQLite file, written page by page by Strata, is what SQLite itself reads: the real
    //! sqlite3 finds it sound (integrity_check), and every value reads back through SQLite.
    //! Shapes that stress the format: values around the overflow thresholds and across many
    //! overflow pages, a three-level b-tree, an empty table, a schema larger than page 1,
    //! integer widths, and a table with a primary key (from which on SQLite writes the rest).
    void sqliteFileIsSoundForSqlite()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        auto run = [&](const std::string &sql) {
            auto r = c->execute(sql);
            QVERIFY2(r, (sql + ": " + (r ? "" : r.status().toString())).c_str());
        };
        std::mt19937 rng(7);
        auto bytes = [&](size_t n) {
            std::string out(n, '\0');
            for (auto &ch : out)
                ch = static_cast<char>(rng());
            return out;
        };
        run("CREATE TABLE a_blobs (id INTEGER, b BLOB, s TEXT)");
        std::vector<size_t> sizes = {0, 1, 100, 8000, 8185, 8186, 12000, 70000, 200000};
        for (size_t n = 3900; n <= 4200; n += 7)
            sizes.push_back(n);
        std::vector<engine::Row> rows;
        for (size_t i = 0; i < sizes.size(); ++i)
            rows.push_back({Value::integer(static_cast<int64_t>(i)), Value::blob(bytes(sizes[i])),
                            Value::text(std::string(sizes[(i + 3) % sizes.size()], 'x'))});
        QVERIFY(c->insertRows("a_blobs", {}, rows));
        run("CREATE TABLE b_many (n INTEGER, d DOUBLE)");
        rows.clear();
        for (int64_t i = 0; i < 150000; ++i)
            rows.push_back(
                {Value::integer(i * 977 - 70000000), Value::real(static_cast<double>(i) / 7)});
        QVERIFY(c->insertRows("b_many", {}, rows));
        run("CREATE TABLE c_empty (x TEXT)");
        run("CREATE TABLE d_values (i INTEGER, d DOUBLE, t TEXT, ok BOOLEAN, day DATE, at "
            "TIMESTAMP)");
        rows.clear();
        const int64_t ints[] = {0,
                                1,
                                -1,
                                2,
                                127,
                                128,
                                -128,
                                -129,
                                32767,
                                32768,
                                -32769,
                                8388607,
                                8388608,
                                -8388609,
                                2147483647,
                                2147483648LL,
                                -2147483649LL,
                                140737488355327LL,
                                140737488355328LL,
                                -140737488355329LL,
                                std::numeric_limits<int64_t>::max(),
                                std::numeric_limits<int64_t>::min()};
        const double doubles[] = {-0.0,
                                  1e-300,
                                  std::numeric_limits<double>::infinity(),
                                  -std::numeric_limits<double>::infinity(),
                                  0.1,
                                  3.0};
        for (size_t i = 0; i < std::size(ints); ++i)
            rows.push_back({Value::integer(ints[i]), Value::real(doubles[i % std::size(doubles)]),
                            Value::text(i % 2 ? "Zoë 🚀" : ""), Value::boolean(i % 3 == 0),
                            Value::date(static_cast<int64_t>(i) * 400 - 3000),
                            Value::timestamp(static_cast<int64_t>(i) * 86400123456LL)});
        rows.push_back({Value(), Value::real(std::nan("")), Value(), Value(), Value(), Value()});
        QVERIFY(c->insertRows("d_values", {}, rows));
        for (int t = 0; t < 50; ++t) {
            std::string sql
                = "CREATE TABLE e_a_table_with_a_rather_long_name_" + std::to_string(t) + " (";
            for (int k = 0; k < 6; ++k)
                sql += (k ? ", " : "") + std::string("a_column_with_a_long_name_")
                       + std::to_string(k) + " TEXT";
            run(sql + ")");
        }
        run("CREATE TABLE k_keyed (id INTEGER PRIMARY KEY, v TEXT)");
        run("INSERT INTO k_keyed VALUES (3, 'c'), (1, 'a'), (2, 'b')");
        run("CREATE TABLE z_after (v TEXT)");
        run("INSERT INTO z_after VALUES ('after the keyed table')");

        auto s = spec(tmp.path(), transfer::ExportScope::Full, "sqlite");
        auto r = transfer::runExport(*db, s);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        const QString file = QString::fromStdString(r->files[0].path);
        QProcess sqlite3;
        sqlite3.start("sqlite3", {file, "PRAGMA integrity_check; SELECT count(*) FROM b_many;"});
        QVERIFY(sqlite3.waitForFinished(120000));
        QCOMPARE(QString(sqlite3.readAllStandardOutput()).trimmed(), QString("ok\n150000"));

        auto back = engine::Database::openInMemory();
        auto imported = transfer::runImport(*back, test::importOf(file.toStdString()));
        QVERIFY2(imported, imported ? "" : imported.status().toString().c_str());
        auto b = back->connect();
        const auto tables = c->tables();
        QCOMPARE(b->tables()->size(), tables->size());
        int compared = 0;
        for (const auto &info : *tables) {
            if (info.name == "audit_log")
                continue; // the import adds its own entry
            ++compared;
            // Rows in the order they were written; SQLite keeps an INTEGER PRIMARY KEY's order.
            const std::string all
                = "SELECT * FROM " + info.name + (info.name == "k_keyed" ? " ORDER BY id" : "");
            auto expected = test::query(*c, all).rows;
            for (auto &row : expected)
                for (auto &v : row)
                    if (v.type == engine::LogicalType::Double && std::isnan(v.d))
                        v = Value(); // SQLite has no NaN
            const auto got = test::query(*b, all).rows;
            const std::string difference = test::firstDifference(got, expected);
            QVERIFY2(difference.empty(), (info.name + ": " + difference).c_str());
        }
        QCOMPARE(compared, 56);
        QCOMPARE(b->table("k_keyed")->primaryKey, std::vector<std::string>{"id"});
    }

    void csvHoldsEveryValueExactly()
    {
        QTemporaryDir tmp;
        auto db = test::trickyDatabase();
        auto s = spec(tmp.path(), transfer::ExportScope::Tables, "csv");
        s.tables.push_back({"t", {}, {}});
        auto r = transfer::runExport(*db, s);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->files.size(), size_t(1));
        QCOMPARE(QString::fromStdString(r->files[0].path),
                 tmp.filePath("t_export_20240115_103000.csv"));
        QCOMPARE(r->files[0].rows, int64_t(6));
        const QByteArray bytes = readAll(r->files[0].path);
        QCOMPARE(r->files[0].bytes, int64_t(bytes.size()));
        QCOMPARE(QString::fromStdString(r->files[0].sha256),
                 QString(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
        QVERIFY(bytes.endsWith("\r\n"));
        const auto rows = parseCsv(QString::fromUtf8(bytes));
        QCOMPARE(rows.size(), 7);
        QCOMPARE(rows[0], (QStringList{"id", "s", "d", "b", "day", "ts", "x", "email"}));
        QCOMPARE(rows[1], (QStringList{"1", "plain", "0.1", "true", "2024-02-29",
                                       "2024-01-15T10:30:00.123456Z", "AAH/", "a@x"}));
        QCOMPARE(rows[2], (QStringList{"2", "comma, \"quote\"\nnew line", "-1e+300", "false",
                                       "1969-12-31", "1970-01-01T00:00:00Z", "", ""}));
        QCOMPARE(rows[3][1], QString()); // empty string...
        QCOMPARE(rows[3][2], QStringLiteral("NaN"));
        QCOMPARE(rows[4],
                 (QStringList{"-9223372036854775808", "Zoë Müller 李伟 🚀", "5e-324", "true",
                              "9999-12-31", "1969-12-31T23:59:59.500000Z", "", "c@x"}));
        QCOMPARE(rows[5][2], QStringLiteral("Infinity"));
        QCOMPARE(rows[5][6], QStringLiteral("aGVsbG8="));
        QCOMPARE(rows[6][1], QStringLiteral(" padded "));
        // ... is quoted, a NULL is not: the two stay apart in the file.
        QVERIFY(bytes.contains("\r\n3,\"\",NaN,,,,,b@x\r\n"));
        QVERIFY(bytes.contains(",\" padded \","));
    }

    // A view exports like a table (its query's rows, a filter, chosen columns); a whole
    // database export does not write its rows as a table; an incremental run refuses it.
    void aViewExportsLikeATable()
    {
        QTemporaryDir tmp;
        auto db = test::trickyDatabase();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE VIEW ids (n, label) AS SELECT id, s FROM t WHERE id > 0"));
        const auto expected = c->execute("SELECT n, label FROM ids WHERE n < 3 ORDER BY n");
        QVERIFY(expected);
        auto s = spec(tmp.path(), transfer::ExportScope::Tables, "csv");
        s.tables.push_back({"ids", {"n"}, "n < 3"});
        auto r = transfer::runExport(*db, s);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->files.size(), size_t(1));
        const auto rows = parseCsv(QString::fromUtf8(readAll(r->files[0].path)));
        QCOMPARE(rows.size(), int(expected->rows.size()) + 1);
        QCOMPARE(rows[0], QStringList{"n"});
        for (size_t i = 0; i < expected->rows.size(); ++i)
            QCOMPARE(rows[int(i) + 1][0].toLongLong(), qlonglong(expected->rows[i][0].i));

        auto full = spec(tmp.filePath("full"), transfer::ExportScope::Full, "csv");
        auto everything = transfer::runExport(*db, full);
        QVERIFY2(everything, everything ? "" : everything.status().toString().c_str());
        for (const auto &f : everything->files)
            QVERIFY2(!QFileInfo(QString::fromStdString(f.path)).fileName().startsWith("ids"),
                     f.path.c_str());

        s.since = 1;
        auto incremental = transfer::runExport(*db, s);
        QVERIFY(!incremental);
        QVERIFY2(incremental.status().message().find("ids is a view") != std::string::npos,
                 incremental.status().message().c_str());
    }

    void pandasReadsTheCsv()
    {
        if (!QFile::exists("/usr/bin/python3"))
            QFAIL("python3 is missing: installer/setup-deps.sh installs python3-pandas");
        QTemporaryDir tmp;
        auto db = test::trickyDatabase();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE n (i INTEGER, d DOUBLE, s TEXT, b BOOLEAN)"));
        std::vector<engine::Row> rows;
        for (int i = 0; i < 500; ++i)
            rows.push_back(
                {Value::integer(i * 7919 - 1000000),
                 Value::real(std::ldexp(1.0 + i / 997.0, i % 60 - 30)),
                 Value::text(i % 3 ? "text, with \"quotes\" " + std::to_string(i) : "Zoë\nline"),
                 Value::boolean(i % 2)});
        QVERIFY(c->insertRows("n", {}, rows));
        auto s = spec(tmp.path(), transfer::ExportScope::Tables, "csv");
        s.tables.push_back({"n", {}, {}});
        auto r = transfer::runExport(*db, s);
        QVERIFY(r);
        QProcess py;
        py.start("/usr/bin/python3",
                 {QStringLiteral(STRATA_SOURCE_DIR "/tests/transfer/read_csv_with_pandas.py"),
                  QString::fromStdString(r->files[0].path)});
        QVERIFY(py.waitForFinished(-1));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const auto doc = QJsonDocument::fromJson(py.readAllStandardOutput()).object();
        QCOMPARE(doc["columns"].toArray().size(), 4);
        QCOMPARE(doc["dtypes"].toArray()[0].toString(), QStringLiteral("int64"));
        QCOMPARE(doc["dtypes"].toArray()[1].toString(), QStringLiteral("float64"));
        QCOMPARE(doc["dtypes"].toArray()[3].toString(), QStringLiteral("bool"));
        const auto data = doc["rows"].toArray();
        QCOMPARE(data.size(), 500);
        for (int i = 0; i < 500; ++i) {
            const auto row = data[i].toArray();
            QCOMPARE(row[0].toInteger(), qint64(rows[i][0].i));
            const double want = rows[i][1].d, got = row[1].toDouble();
            QVERIFY2(std::memcmp(&want, &got, 8) == 0, qPrintable(QString::number(i)));
            QCOMPARE(row[2].toString().toStdString(), rows[i][2].s);
            QCOMPARE(row[3].toBool(), rows[i][3].i != 0);
        }
    }

    void jsonBackupHoldsEveryValueExactly()
    {
        QTemporaryDir tmp;
        auto db = test::trickyDatabase();
        auto r = transfer::runExport(*db, spec(tmp.path(), transfer::ExportScope::Full, "json"));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(QString::fromStdString(r->files[0].path),
                 tmp.filePath("full_backup_20240115_103000.json"));
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(readAll(r->files[0].path), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const auto meta = doc["export_metadata"].toObject();
        QCOMPARE(meta["version"].toString(), QStringLiteral("1.0"));
        QCOMPARE(meta["record_count"].toInt(), 6);
        QCOMPARE(meta["total_tables"].toInt(), 1);
        QCOMPARE(meta["full_backup"].toBool(), true);
        QVERIFY(QDateTime::fromString(meta["snapshot_commit_ts"].toString(), Qt::ISODateWithMs)
                    .isValid());
        const auto table = doc["tables"].toObject()["t"].toObject();
        QCOMPARE(table["schema"].toObject()["columns"].toArray().size(), 8);
        const auto defs = table["schema"].toObject()["column_defs"].toArray();
        QCOMPARE(defs[0].toObject()["primary_key"].toBool(), true);
        QCOMPARE(defs[0].toObject()["nullable"].toBool(), false);
        QCOMPARE(defs[5].toObject()["type"].toString(), QStringLiteral("TIMESTAMP"));
        QCOMPARE(defs[7].toObject()["sensitive"].toBool(), true);
        const auto data = table["data"].toArray();
        QCOMPARE(data.size(), 6);
        const auto r0 = data[0].toObject();
        QCOMPARE(r0["d"].toDouble(), 0.1);
        QCOMPARE(r0["b"].toBool(), true);
        QCOMPARE(r0["day"].toString(), QStringLiteral("2024-02-29"));
        QCOMPARE(QByteArray::fromBase64(r0["x"].toString().toLatin1()),
                 QByteArray("\0\x01\xff", 3));
        QCOMPARE(data[1].toObject()["s"].toString(), QStringLiteral("comma, \"quote\"\nnew line"));
        QVERIFY(data[1].toObject()["email"].isNull());
        QCOMPARE(data[2].toObject()["s"].toString(), QString());
        QVERIFY(!data[2].toObject()["s"].isNull());
        QCOMPARE(data[2].toObject()["d"].toString(), QStringLiteral("NaN"));
        QCOMPARE(data[3].toObject()["id"].toString(), QStringLiteral("-9223372036854775808"));
        const double tiny = data[3].toObject()["d"].toDouble();
        const double want = 5e-324;
        QVERIFY(std::memcmp(&tiny, &want, 8) == 0);
        QCOMPARE(data[3].toObject()["s"].toString(), QStringLiteral("Zoë Müller 李伟 🚀"));
        QCOMPARE(data[4].toObject()["id"].toString(), QStringLiteral("9007199254740993"));
        QCOMPARE(data[4].toObject()["d"].toString(), QStringLiteral("Infinity"));
        QCOMPARE(data[5].toObject()["d"].toDouble(), 123456789.125);
    }

    void jsonQueryTableAndLinesLayouts()
    {
        QTemporaryDir tmp;
        auto db = test::trickyDatabase();
        auto q = spec(tmp.path(), transfer::ExportScope::Query, "json");
        q.query = "SELECT id, upper(s) AS s FROM t WHERE id BETWEEN 1 AND 3 ORDER BY id";
        auto r = transfer::runExport(*db, q);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QVERIFY(QString::fromStdString(r->files[0].path)
                    .endsWith("/query_export_20240115_103000.json"));
        const auto doc = QJsonDocument::fromJson(readAll(r->files[0].path));
        QCOMPARE(doc["query"].toString().toStdString(), q.query);
        QCOMPARE(doc["data"].toArray().size(), 3);
        QCOMPARE(doc["data"].toArray()[0].toObject()["s"].toString(), QStringLiteral("PLAIN"));
        QCOMPARE(doc["columns"].toArray()[1].toObject()["name"].toString(), QStringLiteral("s"));

        auto t = spec(tmp.path(), transfer::ExportScope::Tables, "json");
        t.tables.push_back({"t", {"id", "s"}, "id < 3"});
        r = transfer::runExport(*db, t);
        QVERIFY(r);
        const auto table = QJsonDocument::fromJson(readAll(r->files[0].path));
        QCOMPARE(table["table"].toObject()["name"].toString(), QStringLiteral("t"));
        QCOMPARE(table["table"].toObject()["data"].toArray().size(), 3); // 1, 2 and INT64_MIN
        QCOMPARE(table["metadata"].toObject()["filters"].toObject()["t"].toString(),
                 QStringLiteral("id < 3"));
        QCOMPARE(table["metadata"].toObject()["full_backup"].toBool(), false);

        auto l = spec(tmp.path(), transfer::ExportScope::Tables, "json");
        l.formats[0].options["lines"] = "true";
        l.tables.push_back({"t", {}, {}});
        r = transfer::runExport(*db, l);
        QVERIFY(r);
        QVERIFY(QString::fromStdString(r->files[0].path).endsWith(".jsonl"));
        const auto lines = readAll(r->files[0].path).trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        for (const auto &line : lines)
            QVERIFY(QJsonDocument::fromJson(line).isObject());
    }

    void oneSnapshotWhileWritersCommit()
    {
        auto db = engine::Database::openInMemory();
        auto setup = db->connect();
        QVERIFY(setup->execute("CREATE TABLE a (id INTEGER PRIMARY KEY, balance INTEGER);"
                               "CREATE TABLE log (n INTEGER)"));
        std::vector<engine::Row> rows;
        for (int i = 0; i < 2000; ++i)
            rows.push_back({Value::integer(i), Value::integer(100)});
        QVERIFY(setup->insertRows("a", {}, rows));
        std::atomic<bool> stop{false};
        std::atomic<int> commits{0};
        std::thread writer([&] {
            auto c = db->connect();
            for (int i = 0; !stop; ++i) {
                // Money moves between accounts and each move is logged: in any one snapshot the
                // total is 200000 and count(log) equals the number of moves.
                (void)c->begin();
                (void)c->execute("UPDATE a SET balance = balance - 1 WHERE id = ?",
                                 {Value::integer(i % 2000)});
                (void)c->execute("UPDATE a SET balance = balance + 1 WHERE id = ?",
                                 {Value::integer((i * 7) % 2000)});
                (void)c->execute("INSERT INTO log VALUES (?)", {Value::integer(i)});
                if (c->commit())
                    ++commits;
            }
        });
        QTemporaryDir tmp;
        for (int round = 0; round < 5; ++round) {
            const int before = commits.load();
            auto r
                = transfer::runExport(*db, spec(tmp.path(), transfer::ExportScope::Full, "json"));
            QVERIFY(r);
            const auto doc = QJsonDocument::fromJson(readAll(r->files[0].path));
            qint64 total = 0;
            for (const auto &row : doc["tables"].toObject()["a"].toObject()["data"].toArray())
                total += row.toObject()["balance"].toInteger();
            QCOMPARE(total, qint64(200000));
            // record_count (counted in the snapshot before writing) equals the rows written.
            qint64 present = 0;
            for (const auto &t : doc["tables"].toObject())
                present += t.toObject()["data"].toArray().size();
            QCOMPARE(doc["export_metadata"].toObject()["record_count"].toInteger(), present);
            const auto log = doc["tables"].toObject()["log"].toObject()["data"].toArray();
            QVERIFY(log.size() >= 0);
            QVERIFY(commits.load() >= before);
            QFile::remove(QString::fromStdString(r->files[0].path));
        }
        stop = true;
        writer.join();
        QVERIFY(commits.load() > 0);
    }

    void failuresLeaveNothingBehind()
    {
        QTemporaryDir tmp;
        auto db = test::trickyDatabase();
        auto c = db->connect();
        std::vector<engine::Row> rows;
        for (int i = 0; i < 20000; ++i)
            rows.push_back({Value::integer(100 + i), Value::text(std::string(100, 'x')),
                            Value::real(i), Value::null(), Value::null(), Value::null(),
                            Value::null(), Value::null()});
        QVERIFY(c->insertRows("t", {}, rows));
        auto s = spec(tmp.path(), transfer::ExportScope::Full, "json");
        s.formats.push_back({"csv", {}});

        auto bytes = s;
        bytes.maxBytes = 1 << 20; // a byte limit hit in the middle of a table
        auto r = transfer::runExport(*db, bytes);
        QVERIFY(!r);
        QVERIFY2(QString::fromStdString(r.status().message()).contains("size limit"),
                 r.status().message().c_str());
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);

        auto limited = s;
        limited.maxRows = 100;
        r = transfer::runExport(*db, limited);
        QVERIFY(!r);
        QVERIFY(QString::fromStdString(r.status().message()).contains("limit of 100 rows"));
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);

        // The progress total is every row of the snapshot (the audit entries of the failed
        // runs above included).
        const int64_t inDatabase = test::scalar(
            *c, "SELECT (SELECT count(*) FROM t) + (SELECT count(*) FROM audit_log)");
        CancelAfter cancel(5000);
        r = transfer::runExport(*db, s, &cancel);
        QVERIFY(!r);
        QCOMPARE(r.status().code(), engine::StatusCode::Canceled);
        QCOMPARE(cancel.total, inDatabase);
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);

        auto badFilter = spec(tmp.path(), transfer::ExportScope::Tables, "csv");
        badFilter.tables.push_back({"t", {}, "nope > 1"});
        r = transfer::runExport(*db, badFilter);
        QVERIFY(!r);
        QVERIFY2(QString::fromStdString(r.status().message()).contains("no such column: nope"),
                 r.status().message().c_str());
        auto badColumn = spec(tmp.path(), transfer::ExportScope::Tables, "csv");
        badColumn.tables.push_back({"t", {"id", "bogus"}, {}});
        QVERIFY(!transfer::runExport(*db, badColumn));
        auto badFormat = spec(tmp.path(), transfer::ExportScope::Full, "xml");
        r = transfer::runExport(*db, badFormat);
        QVERIFY(!r);
        QVERIFY(QString::fromStdString(r.status().message()).contains("known: csv, json"));
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
    }

    void writeFailureLeavesNothingBehind()
    {
        // The disk "fills" at 3 MiB: a file-size limit makes write() fail with EFBIG part-way
        // through, on the thread that writes the file; the export must fail naming the file,
        // and leave nothing behind. An earlier file of the same name stays untouched.
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE big (id INTEGER PRIMARY KEY, s TEXT)"));
        std::vector<engine::Row> rows;
        for (int i = 0; i < 60000; ++i)
            rows.push_back({Value::integer(i), Value::text(std::string(100, 'y'))});
        QVERIFY(c->insertRows("big", {}, rows));
        auto s = spec(tmp.path(), transfer::ExportScope::Tables, "csv");
        s.tables.push_back({"big", {}, {}});
        s.latestLinks = false;
        QVERIFY(transfer::runExport(*db, s)); // the good file, 6 MiB, before the limit
        const QStringList before = QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(before.size(), 1);
        const QByteArray good = readAll(tmp.filePath(before[0]).toStdString());

        auto r = withFileSizeLimit(3 << 20, [&] { return transfer::runExport(*db, s); });
        QVERIFY(!r);
        QCOMPARE(r.status().code(), engine::StatusCode::Io);
        QVERIFY2(QString::fromStdString(r.status().message()).contains("cannot write big_export_")
                     && QString::fromStdString(r.status().message()).contains("File too large"),
                 r.status().message().c_str());
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden), before);
        QCOMPARE(readAll(tmp.filePath(before[0]).toStdString()), good);
    }

    //! The same for a SQLite file written page by page (a table without a primary key).
    void sqliteWriteFailureLeavesNothingBehind()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE loose (id INTEGER, s TEXT)"));
        std::vector<engine::Row> rows;
        for (int i = 0; i < 60000; ++i)
            rows.push_back({Value::integer(i), Value::text(std::string(100, 'y'))});
        QVERIFY(c->insertRows("loose", {}, rows));
        auto s = spec(tmp.path(), transfer::ExportScope::Tables, "sqlite");
        s.tables.push_back({"loose", {}, {}});
        s.latestLinks = false;
        auto r = withFileSizeLimit(3 << 20, [&] { return transfer::runExport(*db, s); });
        QVERIFY(!r);
        QCOMPARE(r.status().code(), engine::StatusCode::Io);
        QVERIFY2(QString::fromStdString(r.status().message()).contains("loose_export_")
                     && QString::fromStdString(r.status().message()).contains("File too large"),
                 r.status().message().c_str());
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
        QVERIFY(transfer::runExport(*db, s)); // with room, the same export is whole
    }

    // A zip run whose archive cannot be written (the disk "fills" past 3 MiB: each file fits,
    // the archive does not) reports the failure and has committed nothing: no loose file
    // under a final name, no temporary, and the incremental watermark has not moved.
    void zipFailureCommitsNothing()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        std::mt19937_64 rng(7);
        for (const char *table : {"a", "b"}) {
            QVERIFY(c->execute(std::string("CREATE TABLE ") + table + " (s TEXT)"));
            std::vector<engine::Row> rows;
            for (int i = 0; i < 2500; ++i) {
                std::string s(1000, ' ');
                for (auto &ch : s)
                    ch = char(33 + rng() % 94); // hardly compressible
                rows.push_back({Value::text(s)});
            }
            QVERIFY(c->insertRows(table, {}, rows));
        }
        auto s = spec(tmp.path(), transfer::ExportScope::Tables, "csv");
        s.tables = {{"a", {}, {}}, {"b", {}, {}}};
        s.zip = true;
        s.profile = "nightly";
        auto r = withFileSizeLimit(3 << 20, [&] { return transfer::runExport(*db, s); });
        QVERIFY2(!r, "the archive was written after all: make the tables bigger");
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden | QDir::System),
                 QStringList());
        // The same run with room succeeds and holds both tables.
        auto again = transfer::runExport(*db, s);
        QVERIFY2(again, again ? "" : again.status().toString().c_str());
        QCOMPARE(again->files.size(), size_t(1));
        QVERIFY(again->files[0].path.ends_with(".zip"));
        QVERIFY(QFile::exists(tmp.filePath(".strata-incremental.json")));
    }

    // What killed exports leave (hidden temporaries no process holds) goes at the next run;
    // a temporary a live export holds stays.
    void staleTemporariesAreRemoved()
    {
        QTemporaryDir tmp;
        const QString stale = tmp.filePath(".t_export_20240101_000000.csv.partial-AbC123");
        const QString live = tmp.filePath(".t_export_20240101_000000.csv.partial-XyZ789");
        for (const QString &path : {stale, live}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("half an export");
        }
        const int holder = ::open(live.toLocal8Bit().constData(), O_RDONLY);
        QVERIFY(holder >= 0);
        QCOMPARE(::flock(holder, LOCK_EX | LOCK_NB), 0); // as a running export holds it
        auto db = test::trickyDatabase();
        auto s = spec(tmp.path(), transfer::ExportScope::Tables, "csv");
        s.tables.push_back({"t", {}, {}});
        QVERIFY(transfer::runExport(*db, s));
        QVERIFY(!QFile::exists(stale));
        QVERIFY(QFile::exists(live));
        ::close(holder);
    }

    void existingFilesAreNeverReplaced()
    {
        QTemporaryDir tmp;
        auto db = test::trickyDatabase();
        const QString taken = tmp.filePath("t_export_20240115_103000.csv");
        {
            QFile f(taken);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("keep me");
        }
        auto s = spec(tmp.path(), transfer::ExportScope::Tables, "csv");
        s.tables.push_back({"t", {}, {}});
        auto first = transfer::runExport(*db, s);
        auto second = transfer::runExport(*db, s); // the same second again
        QVERIFY(first && second);
        QCOMPARE(QString::fromStdString(first->files[0].path),
                 tmp.filePath("t_export_20240115_103000_2.csv"));
        QCOMPARE(QString::fromStdString(second->files[0].path),
                 tmp.filePath("t_export_20240115_103000_3.csv"));
        QCOMPARE(readAll(taken.toStdString()), QByteArray("keep me"));
    }

    void sanitizationDropsOrMasksAndSaysSo()
    {
        QTemporaryDir tmp;
        auto db = test::trickyDatabase();
        auto drop = spec(tmp.path(), transfer::ExportScope::Full, "json");
        drop.formats.push_back({"csv", {}});
        drop.sanitize = transfer::SanitizeMode::Drop;
        drop.sensitiveColumns = {"t.x"};
        auto r = transfer::runExport(*db, drop);
        QVERIFY(r);
        // A redacted export is never named or labelled a full backup.
        QVERIFY(QString::fromStdString(r->files[0].path).endsWith("/export_20240115_103000.json"));
        const auto doc = QJsonDocument::fromJson(readAll(r->files[0].path));
        const auto meta = doc["export_metadata"].toObject();
        QCOMPARE(meta["full_backup"].toBool(), false);
        QCOMPARE(meta["sanitization"].toObject()["mode"].toString(), QStringLiteral("drop"));
        QCOMPARE(meta["sanitization"].toObject()["columns"].toArray().size(), 2);
        const auto row = doc["tables"].toObject()["t"].toObject()["data"].toArray()[0].toObject();
        QVERIFY(!row.contains("email") && !row.contains("x") && row.contains("s"));
        const auto csv = parseCsv(QString::fromUtf8(readAll(r->files[1].path)));
        QCOMPARE(csv[0], (QStringList{"id", "s", "d", "b", "day", "ts"}));

        auto mask = spec(tmp.path(), transfer::ExportScope::Tables, "csv");
        mask.tables.push_back({"t", {}, {}});
        mask.sanitize = transfer::SanitizeMode::Mask;
        r = transfer::runExport(*db, mask);
        QVERIFY(r);
        const auto masked = parseCsv(QString::fromUtf8(readAll(r->files[0].path)));
        QCOMPARE(masked[1][7], QStringLiteral("***"));
        QCOMPARE(masked[2][7], QString()); // NULL stays NULL
        QVERIFY(!readAll(r->files[0].path).contains("a@x"));
    }

    void excelPresetGuardsFormulas()
    {
        QTemporaryDir tmp;
        auto db = test::trickyDatabase();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE f (v TEXT, n INTEGER); INSERT INTO f VALUES "
                           "('=SUM(A1:A9)', -5), ('+1', 1), ('@cmd', 2), ('-x', 3), ('safe', 4)"));
        auto s = spec(tmp.path(), transfer::ExportScope::Tables, "csv");
        s.formats[0].options["preset"] = "excel";
        s.formats[0].options["delimiter"] = ",";
        s.tables.push_back({"f", {}, {}});
        auto r = transfer::runExport(*db, s);
        QVERIFY(r);
        const QByteArray bytes = readAll(r->files[0].path);
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        const auto rows = parseCsv(QString::fromUtf8(bytes.mid(3)));
        QCOMPARE(rows[1], (QStringList{"'=SUM(A1:A9)", "-5"})); // numbers are never altered
        QCOMPARE(rows[2][0], QStringLiteral("'+1"));
        QCOMPARE(rows[3][0], QStringLiteral("'@cmd"));
        QCOMPARE(rows[4][0], QStringLiteral("'-x"));
        QCOMPARE(rows[5][0], QStringLiteral("safe"));
        auto bad = s;
        bad.formats[0].options = {{"preset", "lotus"}};
        auto err = transfer::runExport(*db, bad);
        QVERIFY(!err);
        // Refused by the option schema before any work, naming the option and its values.
        QVERIFY2(QString::fromStdString(err.status().message())
                     .contains("option preset: 'lotus' is not a value (expected rfc4180, excel, "
                               "tsv or postgres)"),
                 err.status().message().c_str());
    }

    void thePreviewIsWhatTheRunWrites()
    {
        // planExport (the dialog's "Will write") and runExport share one plan: for every kind
        // of export the names listed are the names written, in order. The incremental case
        // once left out the files of deleted keys.
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE k (id INTEGER PRIMARY KEY, v TEXT); CREATE TABLE p (g "
                           "TEXT, n INTEGER); INSERT INTO k VALUES (1, 'a'), (2, 'b'); INSERT "
                           "INTO p VALUES ('POINT (1 2)', 1)"));
        QTemporaryDir profileDir; // the incremental profile's folder, kept across its runs
        auto variants = [&](int round) {
            std::vector<transfer::ExportSpec> out;
            auto tables = spec(QString(), transfer::ExportScope::Tables, "csv");
            tables.formats.push_back({"json", {{"lines", "true"}}});
            tables.tables = {{"k", {}, {}}, {"p", {}, {"n > 0"}}};
            out.push_back(tables);
            auto full = spec(QString(), transfer::ExportScope::Full, "json");
            full.formats.push_back({"sqlite", {}});
            full.formats.push_back({"geojson", {{"geometry", "g"}}});
            out.push_back(full);
            auto zipped = full;
            zipped.zip = true;
            out.push_back(zipped);
            auto query = spec(QString(), transfer::ExportScope::Query, "xlsx");
            query.query = "SELECT id FROM k";
            out.push_back(query);
            auto incremental = spec(profileDir.path(), transfer::ExportScope::Tables, "csv");
            incremental.formats.push_back({"json", {}});
            incremental.tables = {{"k", {}, {}}};
            incremental.profile = "nightly";
            incremental.nameTime = 1705314600000000 + round * 3600000000LL;
            out.push_back(incremental);
            return out;
        };
        for (int round = 0; round < 2; ++round) {
            if (round == 1) // something to export incrementally, a deletion among it
                QVERIFY(c->execute("DELETE FROM k WHERE id = 1; INSERT INTO k VALUES (3, 'c')"));
            int index = 0;
            for (auto s : variants(round)) {
                QTemporaryDir tmp;
                if (s.outputDir.empty())
                    s.outputDir = tmp.path().toStdString();
                const auto planned = transfer::planExport(*db, s);
                QVERIFY2(planned, planned ? "" : planned.status().toString().c_str());
                auto r = transfer::runExport(*db, s);
                QVERIFY2(r, r ? "" : r.status().toString().c_str());
                std::vector<std::string> written;
                for (const auto &f : r->files)
                    written.push_back(
                        QFileInfo(QString::fromStdString(f.path)).fileName().toStdString());
                std::vector<std::string> expected = *planned;
                if (s.zip) // the archive is what stays; the plan lists its entries first
                    expected = {expected.back()};
                QCOMPARE(written, expected);
                if (round == 1 && index == 4)
                    QVERIFY(std::any_of(planned->begin(), planned->end(), [](const std::string &n) {
                        return n.rfind("k_deleted_", 0) == 0 && n.ends_with(".csv");
                    }));
                ++index;
            }
        }
        // A filter that cannot run is the preview's error too, and it names the table.
        auto bad = spec(QString("/nonexistent/never/made"), transfer::ExportScope::Tables, "csv");
        bad.tables = {{"k", {}, {"no_such_column = 1"}}};
        const auto planned = transfer::planExport(*db, bad);
        QVERIFY(!planned);
        QVERIFY2(planned.status().message().find("the filter for k") != std::string::npos,
                 planned.status().message().c_str());
        QVERIFY(!QFileInfo::exists("/nonexistent/never/made")); // planning creates nothing
    }

    void incrementalProfileContinuesFromItsWatermark()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE k (id INTEGER PRIMARY KEY, v TEXT); CREATE TABLE nokey (a "
                           "INTEGER, b TEXT)"));
        QVERIFY(c->execute("INSERT INTO k VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'); INSERT "
                           "INTO nokey VALUES (1, 'x'), (2, 'y')"));
        auto run = [&](int64_t when) {
            auto s = spec(tmp.path(), transfer::ExportScope::Tables, "json");
            s.formats.push_back({"csv", {}});
            s.tables = {{"k", {}, {}}, {"nokey", {}, {}}};
            s.profile = "nightly";
            s.nameTime = when;
            auto r = transfer::runExport(*db, s);
            if (!r)
                qFatal("%s", r.status().toString().c_str());
            return *r;
        };
        auto jsonOf = [](const transfer::ExportResult &r, const std::string &table) {
            for (const auto &f : r.files)
                if (f.format == "json" && f.table == table)
                    return QJsonDocument::fromJson(readAll(f.path))["table"].toObject();
            return QJsonObject();
        };
        // First run: no watermark yet, so everything.
        auto first = run(1705314600000000);
        QCOMPARE(jsonOf(first, "k")["data"].toArray().size(), 4);
        QVERIFY(QString::fromStdString(first.files[0].path).contains("k_changes_20240115_103000"));
        QVERIFY(QFile::exists(tmp.filePath(".strata-incremental.json")));
        // Changes: two updates (one moves the key), one delete, one insert; and in nokey.
        QVERIFY(c->execute("UPDATE k SET v = 'B' WHERE id = 2; UPDATE k SET id = 30 WHERE id = 3; "
                           "DELETE FROM k WHERE id = 4; INSERT INTO k VALUES (5, 'e'); DELETE FROM "
                           "nokey WHERE a = 2"));
        auto second = run(1705318200000000);
        const auto k = jsonOf(second, "k");
        QStringList changed;
        for (const auto &row : k["data"].toArray())
            changed << QString::number(row.toObject()["id"].toInt());
        changed.sort();
        QCOMPARE(changed, (QStringList{"2", "30", "5"}));
        QStringList deleted;
        for (const auto &key : k["deleted"].toArray())
            deleted << QString::number(key.toObject()["id"].toInt());
        deleted.sort();
        QCOMPARE(deleted, (QStringList{"3", "4"})); // 3's key moved away: the old key is gone
        // A table without a primary key identifies deleted rows by all their columns.
        const auto nokey = jsonOf(second, "nokey");
        QCOMPARE(nokey["data"].toArray().size(), 0);
        QCOMPARE(nokey["deleted"].toArray().size(), 1);
        QCOMPARE(nokey["deleted"].toArray()[0].toObject()["b"].toString(), QStringLiteral("y"));
        // CSV gets the deleted keys as a file of their own.
        bool sawDeletedCsv = false;
        for (const auto &f : second.files) {
            if (f.format == "csv" && QString::fromStdString(f.path).contains("k_deleted_")) {
                sawDeletedCsv = true;
                const auto rows = parseCsv(QString::fromUtf8(readAll(f.path)));
                QCOMPARE(rows[0], QStringList{"id"});
                QCOMPARE(rows.size(), 3);
            }
        }
        QVERIFY(sawDeletedCsv);
        const auto meta
            = QJsonDocument::fromJson(readAll(second.files[0].path))["metadata"].toObject();
        QCOMPARE(meta["full_backup"].toBool(), false);
        QCOMPARE(meta["incremental"].toObject()["profile"].toString(), QStringLiteral("nightly"));
        // Nothing changed: the third run is empty.
        auto third = run(1705321800000000);
        QCOMPARE(jsonOf(third, "k")["data"].toArray().size(), 0);
        QCOMPARE(jsonOf(third, "k")["deleted"].toArray().size(), 0);
        // An explicit --since takes the given time instead of a profile.
        auto since = spec(tmp.path(), transfer::ExportScope::Tables, "json");
        since.tables = {{"k", {}, {}}};
        since.since = 0;
        since.nameTime = 1705325400000000;
        auto everything = transfer::runExport(*db, since);
        QVERIFY(everything);
        QCOMPARE(QJsonDocument::fromJson(readAll(everything->files[0].path))["table"]
                     .toObject()["data"]
                     .toArray()
                     .size(),
                 4);
    }

    void everyExportIsAudited()
    {
        QTemporaryDir tmp;
        auto db = test::trickyDatabase();
        auto ok = spec(tmp.path(), transfer::ExportScope::Tables, "csv");
        ok.tables = {{"t", {"id", "s"}, "id > 0"}};
        ok.sanitize = transfer::SanitizeMode::Mask;
        QVERIFY(transfer::runExport(*db, ok));
        auto bad = spec(tmp.path(), transfer::ExportScope::Tables, "csv");
        bad.tables = {{"missing", {}, {}}};
        QVERIFY(!transfer::runExport(*db, bad));
        auto c = db->connect();
        auto r = c->execute("SELECT \"user\", operation, summary, files, \"rows\", outcome FROM "
                            "audit_log ORDER BY id");
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->rows.size(), size_t(2));
        QCOMPARE(r->rows[0][0].s, transfer::currentUser());
        QCOMPARE(r->rows[0][1].s, std::string("export"));
        QVERIFY2(r->rows[0][2].s.find("tables; formats csv; t (id,s) where id > 0; sanitize mask")
                     == 0,
                 r->rows[0][2].s.c_str());
        QVERIFY(QString::fromStdString(r->rows[0][3].s).contains("t_export_20240115_103000.csv"));
        QCOMPARE(r->rows[0][4].i, int64_t(5)); // ids 1, 2, 3, 6 and 2^53 + 1 are > 0
        QCOMPARE(r->rows[0][5].s, std::string("ok"));
        QVERIFY2(r->rows[1][5].s.find("error: no such table: missing") == 0,
                 r->rows[1][5].s.c_str());
    }

    void openpyxlReadsTheWorkbook()
    {
        QTemporaryDir tmp;
        auto db = test::trickyDatabase();
        auto s = spec(tmp.path(), transfer::ExportScope::Full, "xlsx");
        auto r = transfer::runExport(*db, s);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QVERIFY(
            QString::fromStdString(r->files[0].path).endsWith("/full_backup_20240115_103000.xlsx"));
        QProcess py;
        py.start("/usr/bin/python3",
                 {QStringLiteral(STRATA_SOURCE_DIR "/tests/transfer/read_xlsx_with_openpyxl.py"),
                  QString::fromStdString(r->files[0].path)});
        QVERIFY(py.waitForFinished(-1));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const auto sheets = QJsonDocument::fromJson(py.readAllStandardOutput()).array();
        QCOMPARE(sheets.size(), 1);
        const auto sheet = sheets[0].toObject();
        QCOMPARE(sheet["name"].toString(), QStringLiteral("t"));
        QCOMPARE(sheet["freeze"].toString(), QStringLiteral("A2")); // a frozen header row
        QCOMPARE(sheet["filter"].toString(), QStringLiteral("A1:H7"));
        QCOMPARE(sheet["header_bold"].toBool(), true);
        const auto rows = sheet["rows"].toArray();
        QCOMPARE(rows.size(), 7);
        auto cell = [&](int row, int col) { return rows[row].toArray()[col].toArray(); };
        QCOMPARE(cell(0, 1)[1].toString(), QStringLiteral("s"));
        // Row 1: numbers stay numbers, booleans booleans, dates dates.
        QCOMPARE(cell(1, 0)[0].toString(), QStringLiteral("int"));
        QCOMPARE(cell(1, 0)[1].toInt(), 1);
        QCOMPARE(cell(1, 2)[0].toString(), QStringLiteral("float"));
        QCOMPARE(cell(1, 2)[1].toDouble(), 0.1);
        QCOMPARE(cell(1, 3)[0].toString(), QStringLiteral("bool"));
        QCOMPARE(cell(1, 3)[1].toBool(), true);
        QCOMPARE(cell(1, 4)[0].toString(),
                 QStringLiteral("datetime")); // Excel has no date-only type
        QVERIFY(cell(1, 4)[1].toString().startsWith("2024-02-29T00:00:00"));
        // A date-time is a day count in a double; spreadsheets (and openpyxl) keep milliseconds.
        const QDateTime ts = QDateTime::fromString(cell(1, 5)[1].toString(), Qt::ISODateWithMs);
        QVERIFY2(cell(1, 5)[1].toString().startsWith("2024-01-15T10:30:00.123"),
                 qPrintable(cell(1, 5)[1].toString()));
        QVERIFY(ts.isValid());
        QCOMPARE(cell(1, 6)[1].toString(), QStringLiteral("AAH/")); // a blob as base64 text
        // Row 2: text with newlines and quotes survives; a NULL is an empty cell.
        QCOMPARE(cell(2, 1)[1].toString(), QStringLiteral("comma, \"quote\"\nnew line"));
        QCOMPARE(cell(2, 2)[1].toDouble(), -1e300);
        QCOMPARE(cell(2, 7)[0].toString(), QStringLiteral("empty"));
        // Row 3: NaN, which a spreadsheet cannot hold as a number, is text.
        QCOMPARE(cell(3, 2)[1].toString(), QStringLiteral("NaN"));
        // Row 4: an integer beyond 2^53 is text (a spreadsheet number would round it); a date
        // outside Excel's calendar (9999-12-31 here) is ISO text; 1969 is inside it.
        QCOMPARE(cell(4, 0)[1].toString(), QStringLiteral("-9223372036854775808"));
        QCOMPARE(cell(4, 1)[1].toString(), QStringLiteral("Zoë Müller 李伟 🚀"));
        QCOMPARE(cell(4, 4)[0].toString(),
                 QStringLiteral("datetime")); // 9999-12-31: Excel's last day
        QCOMPARE(cell(4, 5)[0].toString(), QStringLiteral("datetime"));
        QCOMPARE(cell(4, 5)[1].toString(), QStringLiteral("1969-12-31T23:59:59.500000"));
        QCOMPARE(cell(6, 1)[1].toString(), QStringLiteral(" padded "));
        QCOMPARE(cell(6, 7)[1].toString(),
                 QStringLiteral("=HYPERLINK(\"x\")")); // text, not a formula
    }

    void anXlsxTablePastASheetsRowsIsSplitAndSaysSo()
    {
        // An Excel sheet holds 1,048,576 rows with its header: the rest go on further sheets,
        // and the export says so (a user who sees only the first sheet would miss rows).
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE big (n INTEGER)"));
        constexpr int64_t kRows = 1'048'576 + 10;
        std::vector<engine::Row> rows;
        rows.reserve(size_t(kRows));
        for (int64_t i = 0; i < kRows; ++i)
            rows.push_back({engine::Value::integer(i)});
        QVERIFY(c->insertRows("big", {}, rows));
        auto s = spec(tmp.path(), transfer::ExportScope::Full, "xlsx");
        auto r = transfer::runExport(*db, s);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->files.size(), size_t(1));
        QProcess py;
        py.start("/usr/bin/python3",
                 {QStringLiteral(STRATA_SOURCE_DIR "/tests/transfer/count_xlsx_rows.py"),
                  QString::fromStdString(r->files[0].path)});
        QVERIFY(py.waitForFinished(-1));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const auto sheets = QJsonDocument::fromJson(py.readAllStandardOutput()).array();
        QCOMPARE(sheets.size(), 2);
        QCOMPARE(sheets[0].toArray()[1].toInt(), 1'048'576); // the first sheet full
        int64_t data = 0;
        for (const auto &sheet : sheets)
            data += sheet.toArray()[1].toInt() - 1; // each sheet has its header row
        QCOMPARE(data, kRows);
        // What the workbook's reader must know, in the file's result and the run's warnings.
        QCOMPARE(r->files[0].notes.size(), size_t(1));
        const QString note = QString::fromStdString(r->files[0].notes[0]);
        for (const auto &sheet : sheets)
            QVERIFY2(note.contains(sheet.toArray()[0].toString()), qPrintable(note));
        QVERIFY2(note.contains("split across 2 sheets") && note.contains(QString::number(kRows)),
                 qPrintable(note));
        QVERIFY(std::any_of(r->warnings.begin(), r->warnings.end(), [&](const std::string &w) {
            return QString::fromStdString(w).endsWith(note)
                   && QString::fromStdString(w).startsWith("full_backup_");
        }));
    }

    void markdownReadsBackThroughCmarkGfm()
    {
        // GitHub's own GFM implementation renders the table; every cell's text must come back
        // as the value's text, whatever Markdown would take for markup in it.
        const unsigned seed = 20261202;
        std::mt19937 rng(seed);
        const std::vector<std::string> pieces = {"a",
                                                 "Z",
                                                 "7",
                                                 " ",
                                                 "  ",
                                                 "\t",
                                                 "*",
                                                 "_",
                                                 "`",
                                                 "|",
                                                 "\\",
                                                 "[",
                                                 "]",
                                                 "(",
                                                 ")",
                                                 "<",
                                                 ">",
                                                 "&",
                                                 "&amp;",
                                                 "&#32;",
                                                 "~",
                                                 "!",
                                                 "#",
                                                 "-",
                                                 "+",
                                                 ":",
                                                 "\n",
                                                 "\r\n",
                                                 "é",
                                                 "ß",
                                                 "日本",
                                                 "<br>",
                                                 "**x**",
                                                 "`x`",
                                                 "_y_",
                                                 "~~s~~",
                                                 "[l](u)",
                                                 "<b>",
                                                 "http://x.org",
                                                 "www.example.com",
                                                 "''"};
        auto randomText = [&] {
            std::string t;
            const int n = static_cast<int>(rng() % 7);
            for (int i = 0; i < n; ++i)
                t += pieces[rng() % pieces.size()];
            return t;
        };
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE m (id INTEGER, \"a|b *c*\" TEXT, x DOUBLE, ok BOOLEAN, "
                           "d DATE)"));
        const int rows = 300;
        std::vector<engine::Row> data;
        for (int r = 0; r < rows; ++r) {
            engine::Row row;
            row.push_back(Value::integer(static_cast<int64_t>(rng()) - (1LL << 31)));
            row.push_back(rng() % 10 == 0 ? Value() : Value::text(randomText()));
            row.push_back(Value::real(std::ldexp(static_cast<double>(rng()), -int(rng() % 40))));
            row.push_back(Value::boolean(rng() % 2));
            row.push_back(Value::date(static_cast<int64_t>(rng() % 40000)));
            data.push_back(std::move(row));
        }
        QVERIFY(c->insertRows("m", {}, data));
        QTemporaryDir tmp;
        auto s = spec(tmp.path(), transfer::ExportScope::Tables, "markdown");
        s.tables = {{"m", {}, {}}};
        s.formats[0].options["null"] = "NULL";
        auto r = transfer::runExport(*db, s);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QVERIFY(QString::fromStdString(r->files[0].path).endsWith(".md"));
        // cmark-gfm's HTML, turned into rows of cell texts by Python's HTML parser.
        QProcess cmark;
        cmark.start("cmark-gfm", {"-e", "table", "--unsafe", "--to", "html",
                                  QString::fromStdString(r->files[0].path)});
        QVERIFY(cmark.waitForFinished(-1));
        QCOMPARE(cmark.exitCode(), 0);
        QProcess py;
        py.start("/usr/bin/python3",
                 {"-c", "import sys, json, html.parser\n"
                        "class P(html.parser.HTMLParser):\n"
                        "  rows=[]; cell=None\n"
                        "  def handle_starttag(s, t, a):\n"
                        "    if t=='tr': s.rows.append([])\n"
                        "    elif t in ('td','th'): s.cell=''\n"
                        "    elif t=='br' and s.cell is not None: s.cell+='\\n'\n"
                        "  def handle_endtag(s, t):\n"
                        "    if t in ('td','th'): s.rows[-1].append(s.cell); s.cell=None\n"
                        "  def handle_data(s, d):\n"
                        "    if s.cell is not None: s.cell+=d\n"
                        "p=P(convert_charrefs=True); p.feed(sys.stdin.read())\n"
                        "print(json.dumps(p.rows))\n"});
        QVERIFY(py.waitForStarted());
        py.write(cmark.readAllStandardOutput());
        py.closeWriteChannel();
        QVERIFY(py.waitForFinished(-1));
        QCOMPARE(py.exitCode(), 0);
        const QJsonArray table = QJsonDocument::fromJson(py.readAllStandardOutput()).array();
        QCOMPARE(table.size(), rows + 1);
        const QStringList header{"id", "a|b *c*", "x", "ok", "d"};
        for (int k = 0; k < header.size(); ++k)
            QCOMPARE(table[0].toArray()[k].toString(), header[k]);
        for (int i = 0; i < rows; ++i) {
            const QJsonArray cells = table[i + 1].toArray();
            QCOMPARE(cells.size(), 5);
            const engine::Row &want = data[static_cast<size_t>(i)];
            const auto where = QString("seed %1, row %2").arg(seed).arg(i + 1).toUtf8();
            QVERIFY2(cells[0].toString().toLongLong() == want[0].i, where.constData());
            std::string text = want[1].isNull() ? "NULL" : want[1].s;
            for (size_t at; (at = text.find("\r\n")) != std::string::npos;)
                text.replace(at, 2, "\n"); // a cell's line break is <br>: CR LF reads as one
            QVERIFY2(cells[1].toString().toStdString() == text,
                     (where + ": " + cells[1].toString().toUtf8()
                      + " != " + QByteArray::fromStdString(text))
                         .constData());
            QVERIFY2(cells[2].toString().toDouble() == want[2].d, where.constData());
            QCOMPARE(cells[3].toString(),
                     want[3].i ? QStringLiteral("true") : QStringLiteral("false"));
            QCOMPARE(cells[4].toString().toStdString(), want[4].toString());
        }
    }

    void gdalReadsTheGeoJson()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute(
            "CREATE TABLE shapes (id INTEGER PRIMARY KEY, name TEXT, area DOUBLE, geometry TEXT);"
            "INSERT INTO shapes VALUES (1, 'Zoë''s lot', 12.5, 'POLYGON ((-119.1 46.2, -119.0 "
            "46.2, -119.0 46.3, -119.1 46.2))'),"
            "(2, 'well', NULL, 'POINT (-119.25 46.21)'), (3, 'unknown', 1.0, NULL),"
            "(4, 'road', 2.0, 'LINESTRING (-119.3 46.1, -119.2 46.15)');"
            "CREATE TABLE stops (stop TEXT, lat DOUBLE, lon DOUBLE); INSERT INTO stops VALUES "
            "('A', 46.2, -119.1);"
            "CREATE TABLE plain (a INTEGER)"));
        auto s = spec(tmp.path(), transfer::ExportScope::Full, "geojson");
        auto r = transfer::runExport(*db, s);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->files.size(), size_t(2)); // plain has no geometry: skipped, with a warning
        QVERIFY(std::any_of(r->warnings.begin(), r->warnings.end(), [](const std::string &w) {
            return w.find("plain has no geometry column") != std::string::npos;
        }));
        auto read = [&](const std::string &path) {
            QProcess ogr;
            ogr.start("ogr2ogr", {"-f", "CSV", "/vsistdout/", QString::fromStdString(path), "-lco",
                                  "GEOMETRY=AS_WKT"});
            ogr.waitForFinished(-1);
            if (ogr.exitCode() != 0)
                qFatal("ogr2ogr: %s", ogr.readAllStandardError().constData());
            return parseCsv(QString::fromUtf8(ogr.readAllStandardOutput()));
        };
        for (const auto &f : r->files) {
            const auto rows = read(f.path);
            if (f.table == "shapes") {
                QCOMPARE(rows[0],
                         (QStringList{"WKT", "id", "name", "area"})); // geometry is not a property
                QCOMPARE(rows.size(), 5);
                // GDAL writes -119.0 as -119: the same coordinates.
                QCOMPARE(rows[1][0],
                         QStringLiteral("POLYGON ((-119.1 46.2,-119 46.2,-119 46.3,-119.1 46.2))"));
                QCOMPARE(rows[1][2], QStringLiteral("Zoë's lot"));
                QCOMPARE(rows[1][3].toDouble(), 12.5);
                QCOMPARE(rows[2][0], QStringLiteral("POINT (-119.25 46.21)"));
                QCOMPARE(rows[3][0], QString()); // a NULL geometry
                QCOMPARE(rows[4][0], QStringLiteral("LINESTRING (-119.3 46.1,-119.2 46.15)"));
            } else {
                QCOMPARE(f.table, std::string("stops"));
                QCOMPARE(rows[1][0], QStringLiteral("POINT (-119.1 46.2)"));
            }
        }
        // A geometry GEOS cannot read stops the export and names the row; or is skipped on request.
        {
            auto broken
                = c->execute("INSERT INTO shapes VALUES (5, 'broken', 0, 'POLYGON ((1 2, 3')");
            QVERIFY2(broken, broken ? "" : broken.status().toString().c_str());
        }
        auto strict = spec(tmp.path(), transfer::ExportScope::Tables, "geojson");
        strict.tables = {{"shapes", {}, {}}};
        auto bad = transfer::runExport(*db, strict);
        QVERIFY(!bad);
        QVERIFY2(QString::fromStdString(bad.status().message())
                     .contains("shapes row 5: cannot read its WKT geometry"),
                 bad.status().message().c_str());
        strict.formats[0].options["on_invalid"] = "skip";
        auto lenient = transfer::runExport(*db, strict);
        QVERIFY(lenient);
        const auto doc = QJsonDocument::fromJson(readAll(lenient->files[0].path)).object();
        QCOMPARE(doc["features"].toArray().size(), 4);
        QCOMPARE(doc["skipped_invalid_geometries"].toInt(), 1);
        // Naming a table without geometry is an error that says why.
        auto none = spec(tmp.path(), transfer::ExportScope::Tables, "geojson");
        none.tables = {{"plain", {}, {}}};
        auto err = transfer::runExport(*db, none);
        QVERIFY(!err);
        QVERIFY(QString::fromStdString(err.status().message()).contains("no geometry column"));
    }

    void safeFileNames()
    {
        for (const char *name : {"../../etc/passwd", "a/b\\c", "..", "", "CON", "nul.txt",
                                 "tab\there", "évènement", "x\"; DROP TABLE y; --"}) {
            const std::string stem = transfer::safeFileStem(name);
            QVERIFY2(!stem.empty(), name);
            QVERIFY2(stem.find('/') == std::string::npos && stem.find('\\') == std::string::npos,
                     name);
            QVERIFY2(stem.find("..") == std::string::npos, name);
            QVERIFY2(stem.front() != '.', name);
            for (unsigned char ch : stem)
                QVERIFY2(ch >= 0x20, name);
        }
        QCOMPARE(QString::fromStdString(transfer::safeFileStem("CON")), QStringLiteral("_CON"));
        QCOMPARE(QString::fromStdString(transfer::safeFileStem("évènement")),
                 QStringLiteral("évènement"));
        QVERIFY(transfer::safeFileStem(std::string(300, 'a')).size() <= 100);
        QCOMPARE(QString::fromStdString(transfer::nameTimestamp(1705314600000000, true)),
                 QStringLiteral("20240115_103000"));
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
