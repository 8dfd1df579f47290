// SQL scripts loaded by the real consumers: the sqlite3 command-line tool (values read back
// through SQLite) and a real PostgreSQL server started for the test (psql loads the script).
#include "engine/api/database.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "engine/transfer/import_job.h"
#include "tests/support/postgres_server.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>
#include <QtTest>
#include <cmath>
#include <cstring>
#include <limits>

using namespace strata;
using engine::Value;

namespace {

//! Rows with every type and the values that break careless SQL writers.
std::vector<engine::Row> trickyRows()
{
    return {
        {Value::integer(1), Value::text("O'Brien; DROP TABLE t; --"), Value::real(0.1),
         Value::boolean(true), Value::date(19782), Value::timestamp(1705314600123456),
         Value::blob(std::string("\0\x01\xff'", 4))},
        {Value::integer(2), Value::text("line\nbreak \"quoted\" \\ backslash"), Value::real(-1e300),
         Value::boolean(false), Value::date(-1), Value::timestamp(0), Value::blob("")},
        {Value::integer(3), Value::text(""), Value::real(5e-324), Value::null(), Value::null(),
         Value::null(), Value::null()},
        {Value::integer(INT64_MIN), Value::text("Zoë 李伟 🚀"), Value::real(123456789.125),
         Value::boolean(true), Value::date(2932896), Value::timestamp(-500000), Value::blob("x")},
        {Value::integer(INT64_MAX), Value::null(), Value::null(), Value::boolean(false),
         Value::date(0), Value::timestamp(1), Value::null()},
    };
}

std::shared_ptr<engine::Database> source(const char *tableName)
{
    auto db = engine::Database::openInMemory();
    auto c = db->connect();
    const std::string t = transfer::quoteIdentifier(tableName);
    if (!c->execute("CREATE TABLE " + t
                    + " (id INTEGER PRIMARY KEY, s TEXT, d DOUBLE, b BOOLEAN, "
                      "day DATE, ts TIMESTAMP, x BLOB)"))
        qFatal("schema");
    if (!c->insertRows(tableName, {}, trickyRows()))
        qFatal("rows");
    return db;
}

std::string exportSql(engine::Database &db, const QString &dir, const char *dialect)
{
    transfer::ExportSpec spec;
    spec.scope = transfer::ExportScope::Full;
    spec.outputDir = dir.toStdString();
    spec.formats.push_back({"sql", {{"dialect", dialect}, {"rows_per_insert", "2"}}});
    auto r = transfer::runExport(db, spec);
    if (!r)
        qFatal("export failed: %s", r.status().toString().c_str());
    return r->files[0].path;
}

bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, 8) == 0;
}

} // namespace

class TestExportSql : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { transfer::registerBuiltinFormats(); }

    void sqlite3LoadsTheScript()
    {
        QTemporaryDir tmp;
        const char *name = "odd \"table\"; name";
        auto db = source(name);
        const std::string script = exportSql(*db, tmp.path(), "sqlite");
        QVERIFY(QFileInfo(QString::fromStdString(script)).fileName().startsWith("migration_"));
        const QString file = tmp.filePath("loaded.sqlite");
        QProcess sqlite;
        sqlite.setStandardInputFile(QString::fromStdString(script));
        sqlite.start("sqlite3", {"-bail", file});
        QVERIFY(sqlite.waitForFinished(-1));
        QVERIFY2(sqlite.exitCode() == 0, sqlite.readAllStandardError().constData());

        auto sdb = QSqlDatabase::addDatabase("QSQLITE", "loaded");
        sdb.setDatabaseName(file);
        QVERIFY(sdb.open());
        {
            QSqlQuery q(sdb);
            QVERIFY(q.exec("SELECT id, s, d, b, day, ts, x, typeof(d) FROM \"odd \"\"table\"\"; "
                           "name\" ORDER BY id"));
            const auto rows = trickyRows();
            const std::vector<size_t> order = {3, 0, 1, 2, 4}; // by id
            for (size_t k : order) {
                QVERIFY(q.next());
                const auto &want = rows[k];
                QCOMPARE(q.value(0).toLongLong(), qlonglong(want[0].i));
                if (want[1].isNull())
                    QVERIFY(q.value(1).isNull());
                else
                    QCOMPARE(q.value(1).toString().toStdString(), want[1].s);
                if (want[2].isNull())
                    QVERIFY(q.value(2).isNull());
                else
                    QVERIFY2(sameBits(q.value(2).toDouble(), want[2].d),
                             qPrintable(q.value(2).toString()));
                if (!want[3].isNull())
                    QCOMPARE(q.value(3).toLongLong(), qlonglong(want[3].i)); // booleans as 1/0
                if (!want[4].isNull())
                    QCOMPARE(q.value(4).toString().toStdString(), engine::formatDate(want[4].i));
                if (!want[5].isNull())
                    QCOMPARE(q.value(5).toString().toStdString(),
                             engine::formatTimestamp(want[5].i));
                if (want[6].isNull())
                    QVERIFY(q.value(6).isNull());
                else
                    QCOMPARE(q.value(6).toByteArray().toStdString(), want[6].s);
            }
            QVERIFY(!q.next());
        }
        sdb.close();
        sdb = QSqlDatabase();
        QSqlDatabase::removeDatabase("loaded");
    }

    // A key whose column is left out, or masked (every value '***'), identifies no row: the
    // A whole-database script makes the views after the tables, each after the views it
    // reads (whatever their names): the real sqlite3 and Strata's own import both make them,
    // and they give the rows Strata's views give.
    void viewsComeAfterWhatTheyRead()
    {
        QTemporaryDir tmp;
        auto db = source("items");
        auto c = db->connect();
        QVERIFY(c->executeScript(
            "CREATE VIEW z_positive (ident, label) AS SELECT id, s FROM items WHERE id > 0; "
            "CREATE VIEW a_count AS SELECT count(*) AS n FROM z_positive WHERE label <> ''"));
        const std::string script = exportSql(*db, tmp.path(), "sqlite");
        QFile text(QString::fromStdString(script));
        QVERIFY(text.open(QIODevice::ReadOnly));
        const QByteArray sql = text.readAll();
        QVERIFY(sql.indexOf("CREATE VIEW \"z_positive\" (\"ident\", \"label\")")
                < sql.indexOf("CREATE VIEW \"a_count\""));
        QVERIFY(sql.indexOf("CREATE TABLE") < sql.indexOf("CREATE VIEW"));
        const auto expected = c->execute("SELECT n FROM a_count");
        QVERIFY(expected);
        const QString file = tmp.filePath("loaded.sqlite");
        QProcess sqlite;
        sqlite.setStandardInputFile(QString::fromStdString(script));
        sqlite.start("sqlite3", {"-bail", file});
        QVERIFY(sqlite.waitForFinished(-1));
        QVERIFY2(sqlite.exitCode() == 0, sqlite.readAllStandardError().constData());
        QProcess count;
        count.start("sqlite3", {file, "SELECT n FROM a_count; SELECT count(*) FROM z_positive"});
        QVERIFY(count.waitForFinished(-1));
        const auto lines = QString::fromUtf8(count.readAllStandardOutput()).trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].toLongLong(), qlonglong(expected->rows[0][0].i));
        const auto positive = c->execute("SELECT count(*) FROM z_positive");
        QVERIFY(positive);
        QCOMPARE(lines[1].toLongLong(), qlonglong(positive->rows[0][0].i));
        // Strata's own import of the script makes both views.
        auto copy = engine::Database::openInMemory();
        transfer::ImportSpec back;
        back.files = {script};
        auto imported = transfer::runImport(*copy, back);
        QVERIFY2(imported, imported ? "" : imported.status().toString().c_str());
        QCOMPARE(imported->viewsRestored.size(), size_t(2));
        const auto again = copy->connect()->execute("SELECT n FROM a_count");
        QVERIFY(again);
        QCOMPARE(again->rows[0][0].i, expected->rows[0][0].i);
    }

    // script must not declare it, and the real sqlite3 loads what it holds. (The script said
    // PRIMARY KEY (id) without an id column, or a key of duplicates: sqlite3 refused it.)
    void leftOutOrMaskedKeysAreNotDeclared_data()
    {
        QTest::addColumn<bool>("mask");
        QTest::newRow("key column left out") << false;
        QTest::newRow("key column masked") << true;
    }
    void leftOutOrMaskedKeysAreNotDeclared()
    {
        QFETCH(bool, mask);
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE people (email TEXT PRIMARY KEY SENSITIVE NOT NULL, "
                           "name VARCHAR(20) NOT NULL, age INTEGER DEFAULT 7)"));
        QVERIFY(c->execute("INSERT INTO people VALUES ('a@x.org', 'Ann', 30), "
                           "('b@x.org', 'Bo', NULL), ('c@x.org', 'Cy', 41)"));
        transfer::ExportSpec spec;
        spec.scope = transfer::ExportScope::Tables;
        spec.tables.push_back(
            {"people",
             mask ? std::vector<std::string>{} : std::vector<std::string>{"name", "age"},
             {}});
        spec.sanitize = mask ? transfer::SanitizeMode::Mask : transfer::SanitizeMode::None;
        spec.outputDir = tmp.path().toStdString();
        spec.formats.push_back({"sql", {}});
        auto r = transfer::runExport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QProcess sqlite;
        sqlite.setStandardInputFile(QString::fromStdString(r->files[0].path));
        sqlite.start("sqlite3", {"-bail", tmp.filePath("loaded.sqlite")});
        QVERIFY(sqlite.waitForFinished(-1));
        QVERIFY2(sqlite.exitCode() == 0, sqlite.readAllStandardError().constData());
        QProcess count;
        count.start("sqlite3", {tmp.filePath("loaded.sqlite"),
                                "SELECT count(*), group_concat(name) FROM people"});
        QVERIFY(count.waitForFinished(-1));
        QCOMPARE(count.readAllStandardOutput().trimmed(), QByteArray("3|Ann,Bo,Cy"));
        // Strata reads its own script back too.
        auto copy = engine::Database::openInMemory();
        transfer::ImportSpec in;
        in.files = {r->files[0].path};
        auto imported = transfer::runImport(*copy, in);
        QVERIFY2(imported, imported ? "" : imported.status().toString().c_str());
        QCOMPARE(imported->rowsImported, int64_t(3));
    }

    void sqliteFileOpensInSqlite3()
    {
        QTemporaryDir tmp;
        auto db = source("t");
        transfer::ExportSpec spec;
        spec.scope = transfer::ExportScope::Tables;
        spec.tables = {{"t", {}, {}}};
        spec.outputDir = tmp.path().toStdString();
        spec.formats = {{"sqlite", {}}};
        auto r = transfer::runExport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        const QString file = QString::fromStdString(r->files[0].path);
        QVERIFY(file.endsWith(".sqlite"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()),
                 QString::fromStdString(r->files[0].sha256));
        QProcess sqlite;
        sqlite.start("sqlite3",
                     {file, "PRAGMA integrity_check; SELECT count(*) FROM t; "
                            "SELECT group_concat(name) FROM pragma_table_info('t') WHERE pk > 0"});
        QVERIFY(sqlite.waitForFinished(-1));
        QCOMPARE(QString::fromUtf8(sqlite.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts),
                 (QStringList{"ok", "5", "id"}));
        auto sdb = QSqlDatabase::addDatabase("QSQLITE", "exported");
        sdb.setDatabaseName(file);
        QVERIFY(sdb.open());
        {
            QSqlQuery q(sdb);
            QVERIFY(q.exec("SELECT id, s, d, x FROM t ORDER BY id"));
            const auto rows = trickyRows();
            for (size_t k : {3, 0, 1, 2, 4}) {
                QVERIFY(q.next());
                QCOMPARE(q.value(0).toLongLong(), qlonglong(rows[k][0].i));
                QCOMPARE(q.value(1).isNull(), rows[k][1].isNull());
                if (!rows[k][1].isNull())
                    QCOMPARE(q.value(1).toString().toStdString(), rows[k][1].s);
                if (!rows[k][2].isNull())
                    QVERIFY(sameBits(q.value(2).toDouble(), rows[k][2].d));
                if (!rows[k][6].isNull())
                    QCOMPARE(q.value(3).toByteArray().toStdString(), rows[k][6].s);
            }
        }
        sdb.close();
        sdb = QSqlDatabase();
        QSqlDatabase::removeDatabase("exported");
    }

    void postgresLoadsTheScript()
    {
        test::PostgresServer pg;
        QVERIFY2(pg.isRunning(), qPrintable(pg.error()));
        QTemporaryDir tmp;
        const char *name = "Odd \"Table\"";
        auto db = source(name);
        const std::string script = exportSql(*db, tmp.path(), "postgres");
        // psql runs as the postgres user: give it a copy it can read.
        const QString copy = pg.shared("script.sql");
        QVERIFY(QFile::copy(QString::fromStdString(script), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther
                                        | QFile::WriteOwner);
        QVERIFY2(pg.psql({"-f", copy}), qPrintable(pg.output()));
        // Read back every value in a form that compares exactly: 0x1f between fields, 0x1e after
        // rows.
        QVERIFY2(
            pg.psql(
                {"-A", "-t", "-F", "\x1f", "-R", "\x1e", "-c",
                 "SELECT id, s IS NULL, coalesce(s, ''), coalesce(d::text, 'null'), "
                 "coalesce(b::text, 'null'), coalesce((day - DATE '1970-01-01')::text, 'null'), "
                 "coalesce((extract(epoch FROM ts) * 1000000)::bigint::text, 'null'), "
                 "coalesce(encode(x, 'hex'), 'null'), pg_typeof(ts)::text "
                 "FROM \"Odd \"\"Table\"\"\" ORDER BY id"}),
            qPrintable(pg.output()));
        const QStringList records = pg.output().split('\x1e', Qt::SkipEmptyParts);
        QCOMPARE(records.size(), 5);
        const auto rows = trickyRows();
        const std::vector<size_t> order = {3, 0, 1, 2, 4};
        for (int i = 0; i < 5; ++i) {
            const QStringList f = records[i].split('\x1f');
            QCOMPARE(f.size(), 9);
            const auto &want = rows[order[i]];
            QCOMPARE(f[0].toLongLong(), qlonglong(want[0].i));
            QCOMPARE(f[1], want[1].isNull() ? QStringLiteral("t") : QStringLiteral("f"));
            if (!want[1].isNull())
                QCOMPARE(f[2].toStdString(), want[1].s);
            if (want[2].isNull())
                QCOMPARE(f[3], QStringLiteral("null"));
            else
                QVERIFY2(sameBits(std::strtod(f[3].toUtf8().constData(), nullptr), want[2].d),
                         qPrintable(f[3]));
            if (!want[3].isNull())
                QCOMPARE(f[4], want[3].i ? QStringLiteral("true") : QStringLiteral("false"));
            if (!want[4].isNull())
                QCOMPARE(f[5].toLongLong(), qlonglong(want[4].i));
            if (!want[5].isNull())
                QCOMPARE(f[6].toLongLong(), qlonglong(want[5].i));
            if (!want[6].isNull())
                QCOMPARE(QByteArray::fromHex(f[7].toLatin1()).toStdString(), want[6].s);
            QCOMPARE(f[8].trimmed(),
                     QStringLiteral("timestamp with time zone")); // psql ends with a newline
        }
        // NaN and infinities survive too, in PostgreSQL's own spelling.
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE specials (d DOUBLE)"));
        QVERIFY(c->insertRows(
            "specials", {},
            std::vector<engine::Row>{{Value::real(std::numeric_limits<double>::quiet_NaN())},
                                     {Value::real(-std::numeric_limits<double>::infinity())}}));
        QTemporaryDir tmp2;
        const std::string script2 = exportSql(*db, tmp2.path(), "postgres");
        QVERIFY2(pg.psql({"-c", "DROP TABLE \"Odd \"\"Table\"\"\""}), qPrintable(pg.output()));
        const QString copy2 = pg.shared("script2.sql");
        QVERIFY(QFile::copy(QString::fromStdString(script2), copy2));
        QFile::setPermissions(copy2, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther
                                         | QFile::WriteOwner);
        QVERIFY2(pg.psql({"-f", copy2}), qPrintable(pg.output()));
        QVERIFY(pg.psql(
            {"-A", "-t", "-c", "SELECT string_agg(d::text, ',' ORDER BY d::text) FROM specials"}));
        QCOMPARE(pg.output().trimmed(), QStringLiteral("-Infinity,NaN"));
    }
};

QTEST_GUILESS_MAIN(TestExportSql)
#include "tst_export_sql.moc"
