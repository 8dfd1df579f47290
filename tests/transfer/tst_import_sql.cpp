// Imports of SQL scripts, SQLite files and GeoJSON: Strata's own exports in every dialect
// round-trip; files made by other tools (sqlite3 .dump, pg_dump --inserts from a real
// PostgreSQL, the sqlite3 CLI, GDAL's ogr2ogr) import with their values; a failing statement
// names its line and changes nothing.
#include "engine/api/database.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "engine/transfer/formats/sql/sql_translator.h"
#include "engine/transfer/import_job.h"
#include "tests/support/engine_helpers.h"
#include "tests/support/postgres_server.h"
#include "tests/support/transfer_helpers.h"
#include "tests/support/tricky_table.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <random>

using namespace strata;
using engine::LogicalType;
using engine::Value;
using test::scalar;
using namespace strata::test;

namespace {

//! Every value of table t equal, except that a NaN may have become NULL where the target
//! (SQLite) has no NaN.
void compareTricky(engine::Connection &source, engine::Connection &copy, bool nanBecomesNull)
{
    const auto a = query(source, "SELECT * FROM t ORDER BY id");
    const auto b = query(copy, "SELECT * FROM t ORDER BY id");
    QCOMPARE(b.columns, a.columns);
    QCOMPARE(b.rows.size(), a.rows.size());
    for (size_t r = 0; r < a.rows.size(); ++r)
        for (size_t c = 0; c < a.columns.size(); ++c) {
            const Value &x = a.rows[r][c];
            const Value &y = b.rows[r][c];
            if (nanBecomesNull && x.type == LogicalType::Double && std::isnan(x.d)) {
                QVERIFY(y.isNull());
                continue;
            }
            QVERIFY2(identical(x, y), (a.columns[c] + " in row " + std::to_string(r) + ": "
                                       + x.toSqlLiteral() + " became " + y.toSqlLiteral())
                                          .c_str());
        }
    const auto original = *source.table("t");
    const auto restored = *copy.table("t");
    QCOMPARE(restored.primaryKey, original.primaryKey);
    for (size_t i = 0; i < original.columns.size(); ++i)
        QVERIFY2(restored.columns[i].type == original.columns[i].type,
                 original.columns[i].name.c_str());
}

bool runSqlite3(const QString &db, const QByteArray &script, QByteArray *out = nullptr)
{
    QProcess p;
    p.start("sqlite3", {db});
    if (!p.waitForStarted())
        return false;
    p.write(script);
    p.closeWriteChannel();
    p.waitForFinished(-1);
    if (out)
        *out = p.readAllStandardOutput();
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

//! The numbers in a WKT text, for comparing geometries written with different precision.
std::vector<double> numbersOf(const std::string &wkt)
{
    std::vector<double> out;
    static const QRegularExpression number(
        QStringLiteral("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?"));
    auto it = number.globalMatch(QString::fromStdString(wkt));
    while (it.hasNext())
        out.push_back(it.next().captured().toDouble());
    return out;
}

//! A random SQL script of CREATE TABLEs and INSERTs in the spellings dumps use and some they
//! do not: literals of every kind (and values a column refuses), several rows per INSERT,
//! column lists, schema prefixes, line breaks and comments between tokens, the odd expression,
//! duplicate keys, wrong row widths.
std::string randomInsertScript(std::mt19937 &rng)
{
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    static const char *literals[] = {"0",
                                     "42",
                                     "-7",
                                     "9223372036854775807",
                                     "-9223372036854775807",
                                     "9223372036854775808",
                                     "1.5",
                                     ".25",
                                     "5.",
                                     "-2.5E-3",
                                     "1e5",
                                     "1e999",
                                     "-0.0",
                                     "'it''s'",
                                     "''",
                                     "'a\nb'",
                                     "'Zoë 🚀'",
                                     "'2024-01-15 10:30:00'",
                                     "'2024-02-29'",
                                     "'12'",
                                     "'x'",
                                     "'1.5'",
                                     "X'00ff'",
                                     "x''",
                                     "X'abc'",
                                     "NULL",
                                     "null",
                                     "TRUE",
                                     "false",
                                     "replace('a\\nb','\\n',char(10))",
                                     "replace(replace('r\\r\\n','\\r',char(13)),'\\n',char(10))",
                                     "1+1",
                                     "- 3",
                                     "'\\x00ff'",
                                     "12abc",
                                     "CAST(1 AS TEXT)"};
    const int nLiterals = static_cast<int>(std::size(literals));
    static const char *types[]
        = {"INTEGER", "DOUBLE", "TEXT", "BLOB", "BOOLEAN", "DATE", "TIMESTAMP", "VARCHAR(3)"};
    // Per type: literals its column takes.
    static const std::vector<std::vector<const char *>> fitting
        = {{"0", "42", "-7", "9223372036854775807", "NULL"},
           {"1.5", ".25", "-2.5E-3", "1e5", "-0.0", "42", "NULL"},
           {"'it''s'", "''", "'a\nb'", "'Zoë 🚀'", "replace('a\\nb','\\n',char(10))", "NULL"},
           {"X'00ff'", "x''", "NULL"},
           {"TRUE", "false", "1", "0", "NULL"},
           {"'2024-02-29'", "NULL"},
           {"'2024-01-15 10:30:00'", "NULL"},
           {"'ab'", "''", "NULL"}};
    std::string script;
    const int tables = 1 + pick(2);
    std::vector<int> widths;
    std::vector<std::vector<int>> typesOf;
    for (int t = 0; t < tables; ++t) {
        const int width = 1 + pick(4);
        widths.push_back(width);
        typesOf.emplace_back();
        script += "CREATE TABLE t" + std::to_string(t) + " (";
        for (int c = 0; c < width; ++c) {
            typesOf.back().push_back(pick(8));
            script += (c ? ", c" : "c") + std::to_string(c) + " " + types[typesOf.back().back()];
            if (c == 0 && pick(3) == 0)
                script += " PRIMARY KEY";
        }
        script += ");\n";
    }
    const char *gaps[] = {" ", "  ", "\n", "\t", " \n  "};
    auto gap = [&] { return std::string(gaps[pick(5)]); };
    const int statements = 5 + pick(30);
    for (int s = 0; s < statements; ++s) {
        const int t = pick(tables);
        const std::string name = "t" + std::to_string(t);
        std::string table = pick(4) == 0   ? "\"" + name + "\""
                            : pick(5) == 0 ? "public." + name
                                           : name;
        std::string insert = (pick(3) ? "INSERT INTO" : "insert into") + gap() + table;
        int width = widths[t];
        std::vector<int> columns(static_cast<size_t>(width));
        for (int c = 0; c < width; ++c)
            columns[static_cast<size_t>(c)] = c;
        if (pick(3) == 0) {
            // A column list: every column in another order, or fewer.
            std::shuffle(columns.begin(), columns.end(), rng);
            width = 1 + pick(width);
            insert += " (";
            for (int c = 0; c < width; ++c)
                insert += (c ? ", c" : "c") + std::to_string(columns[static_cast<size_t>(c)]);
            insert += ")";
        }
        insert += gap() + (pick(2) ? "VALUES" : "values") + (pick(2) ? "" : gap());
        const int rows = 1 + pick(4);
        for (int r = 0; r < rows; ++r) {
            const int values = pick(150) == 0 ? width + 1 : width; // now and then a wrong width
            insert += r ? "," + gap() + "(" : "(";
            for (int v = 0; v < values; ++v) {
                // Mostly literals that fit their column, some that may not.
                const auto &fit = fitting[static_cast<size_t>(
                    typesOf[static_cast<size_t>(t)][static_cast<size_t>(
                        columns[static_cast<size_t>(std::min(v, width - 1))])])];
                const char *literal
                    = pick(40) ? fit[static_cast<size_t>(pick(static_cast<int>(fit.size())))]
                               : literals[pick(nLiterals)];
                insert += (v ? "," + (pick(2) ? gap() : std::string()) : std::string()) + literal;
            }
            insert += ")";
        }
        if (pick(40) == 0)
            insert += " /* a comment */";
        script += insert + (pick(6) == 0 ? "\n;\n" : ";\n");
    }
    return script;
}

} // namespace

class TestImportSql : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { transfer::registerBuiltinFormats(); }

    void ownSqlRoundTripsInEveryDialect()
    {
        auto source = test::trickyDatabase();
        auto sc = source->connect();
        for (const char *dialect : {"sqlite", "postgres", "generic"}) {
            QTemporaryDir tmp;
            transfer::ExportSpec ex;
            ex.scope = transfer::ExportScope::Tables;
            ex.tables.push_back({"t", {}, {}});
            ex.formats.push_back({"sql", {{"dialect", dialect}}});
            ex.outputDir = tmp.path().toStdString();
            auto exported = transfer::runExport(*source, ex);
            QVERIFY2(exported, exported ? "" : exported.status().toString().c_str());
            auto copy = engine::Database::openInMemory();
            auto r = transfer::runImport(*copy, importOf(exported->files[0].path));
            QVERIFY2(r, r ? dialect : r.status().toString().c_str());
            QCOMPARE(r->tables.size(), size_t(1));
            QCOMPARE(r->tables[0].rowsAfter, int64_t(6));
            auto c = copy->connect();
            // Every dialect's script gives NaN back to Strata (in SQLite itself it is NULL).
            compareTricky(*sc, *c, false);
        }
    }

    void sqlite3DumpImports()
    {
        QTemporaryDir tmp;
        const QString db = tmp.filePath("src.db");
        QVERIFY(runSqlite3(db, "CREATE TABLE items(id INTEGER PRIMARY KEY AUTOINCREMENT, name "
                               "TEXT NOT NULL, price REAL DEFAULT 0, data BLOB, seen DATETIME "
                               "DEFAULT CURRENT_TIMESTAMP, misc);\n"
                               "CREATE INDEX items_name ON items(name);\n"
                               "INSERT INTO items(name, price, data, seen, misc) VALUES "
                               "('it''s', 1.5, X'00ff', '2024-01-15 10:30:00', 5), "
                               "('two\nlines', NULL, NULL, '2024-02-29 23:59:59', 'x');\n"
                               "CREATE VIEW cheap AS SELECT * FROM items WHERE price < 2;\n"
                               "CREATE TRIGGER tr AFTER INSERT ON items BEGIN SELECT 1; END;\n"));
        QByteArray dump;
        QVERIFY(runSqlite3(db, ".dump\n", &dump));
        const auto file = writeFile(tmp, "dump.sql", dump);
        auto strata = engine::Database::openInMemory();
        auto r = transfer::runImport(*strata, importOf(file));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto c = strata->connect();
        const auto info = *c->table("items");
        QCOMPARE(info.primaryKey, std::vector<std::string>{"id"});
        QCOMPARE(info.columns[2].type, LogicalType::Double);
        QCOMPARE(info.columns[3].type, LogicalType::Blob);
        QCOMPARE(info.columns[4].type, LogicalType::Timestamp);
        const auto rows = query(*c, "SELECT id, name, price, data, CAST(seen AS TEXT), misc FROM "
                                    "items ORDER BY id")
                              .rows;
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0][1].s, std::string("it's"));
        QCOMPARE(rows[0][3].s, std::string("\x00\xff", 2));
        QCOMPARE(rows[0][4].s, std::string("2024-01-15T10:30:00Z"));
        QCOMPARE(rows[0][5].s, std::string("5"));
        QCOMPARE(rows[1][1].s, std::string("two\nlines"));
        QVERIFY(rows[1][2].isNull());
        // The view is made and reads the imported rows; the trigger is reported, not silently
        // dropped.
        QCOMPARE(r->viewsRestored, std::vector<std::string>{"cheap"});
        QCOMPARE(query(*c, "SELECT name FROM cheap").rows.size(), size_t(1));
        std::string warnings;
        for (const auto &w : r->warnings)
            warnings += w + "\n";
        QVERIFY2(warnings.find("triggers") != std::string::npos, warnings.c_str());
    }

    void pgDumpInsertsImports()
    {
        test::PostgresServer pg;
        QVERIFY2(pg.isRunning(), qPrintable(pg.error()));
        QVERIFY2(
            pg.psql({"-c", "CREATE TABLE people (id serial PRIMARY KEY, name varchar(20) NOT "
                           "NULL, note text, score double precision, price numeric(10,2), "
                           "active boolean, born date, seen timestamp without time zone, "
                           "seen_tz timestamp with time zone, photo bytea, tag uuid);"
                           "INSERT INTO people (name, note, score, price, active, born, seen, "
                           "seen_tz, photo, tag) VALUES "
                           "('Zoë', E'it''s\\na \"note\"', 'NaN', 12.50, true, '2024-02-29', "
                           "'2024-01-15 10:30:00.25', '2024-01-15 10:30:00+02', '\\x00ff', "
                           "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),"
                           "('Bob', NULL, -1.5e-300, NULL, false, NULL, NULL, NULL, NULL, NULL);"}),
            qPrintable(pg.output()));
        const QString dumpFile = pg.shared("dump.sql");
        QVERIFY2(pg.pgDump({"--inserts", "--no-owner", "-t", "people", "-f", dumpFile}),
                 qPrintable(pg.output()));
        auto strata = engine::Database::openInMemory();
        auto r = transfer::runImport(*strata, importOf(dumpFile.toStdString()));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto c = strata->connect();
        const auto info = *c->table("people");
        QCOMPARE(info.columns[1].declaredType, std::string("VARCHAR(20)"));
        QCOMPARE(info.columns[3].type, LogicalType::Double);
        QCOMPARE(info.columns[5].type, LogicalType::Boolean);
        QCOMPARE(info.columns[6].type, LogicalType::Date);
        QCOMPARE(info.columns[8].type, LogicalType::Timestamp);
        QCOMPARE(info.columns[9].type, LogicalType::Blob);
        const auto rows = query(*c, "SELECT id, name, note, score, price, active, CAST(born AS "
                                    "TEXT), CAST(seen AS TEXT), CAST(seen_tz AS TEXT), photo, "
                                    "tag FROM people ORDER BY id")
                              .rows;
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0][1].s, std::string("Zoë"));
        QCOMPARE(rows[0][2].s, std::string("it's\na \"note\""));
        QVERIFY(std::isnan(rows[0][3].d));
        QCOMPARE(rows[0][4].d, 12.5);
        QCOMPARE(rows[0][5].i, int64_t(1));
        QCOMPARE(rows[0][6].s, std::string("2024-02-29"));
        QCOMPARE(rows[0][7].s, std::string("2024-01-15T10:30:00.250000Z"));
        QCOMPARE(rows[0][8].s, std::string("2024-01-15T08:30:00Z")); // +02 in UTC
        QCOMPARE(rows[0][9].s, std::string("\x00\xff", 2));
        QCOMPARE(rows[0][10].s, std::string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        QCOMPARE(rows[1][3].d, -1.5e-300);
        // The primary key pg_dump adds afterwards still refuses a duplicate.
        QVERIFY(!c->execute("INSERT INTO people (id, name) VALUES (1, 'again')"));
    }

    //! pg_dump's default output (COPY ... FROM stdin blocks) imports with the same values as
    //! its --inserts output, which is read statement by statement: the oracle.
    void pgDumpCopyImportsAsItsInsertsDo()
    {
        test::PostgresServer pg;
        QVERIFY2(pg.isRunning(), qPrintable(pg.error()));
        QVERIFY2(
            pg.psql({"-c", "CREATE TABLE odd (id integer PRIMARY KEY, t text, score double "
                           "precision, ok boolean, at timestamp, photo bytea, day date);"
                           "INSERT INTO odd SELECT g, CASE g % 7 WHEN 0 THEN NULL WHEN 1 THEN "
                           "E'tab\\there\\nnew\\\\line' WHEN 2 THEN 'Zoë 🚀 \\N' WHEN 3 THEN "
                           "E'\\\\.' WHEN 4 THEN '' ELSE 'plain ' || g END, g * 1.25 - 40, "
                           "g % 3 = 0, TIMESTAMP '2024-01-15 10:30:00' + g * INTERVAL '61 "
                           "seconds', CASE WHEN g % 5 = 0 THEN NULL ELSE decode(lpad(to_hex(g), "
                           "6, '0'), 'hex') END, DATE '2024-02-29' + g FROM generate_series(1, "
                           "9000) g;"}),
            qPrintable(pg.output()));
        const QString copyFile = pg.shared("copy.sql"), insertsFile = pg.shared("inserts.sql");
        QVERIFY2(pg.pgDump({"--no-owner", "-t", "odd", "-f", copyFile}), qPrintable(pg.output()));
        QVERIFY2(pg.pgDump({"--inserts", "--no-owner", "-t", "odd", "-f", insertsFile}),
                 qPrintable(pg.output()));
        QFile dumped(copyFile);
        QVERIFY(dumped.open(QIODevice::ReadOnly));
        QVERIFY(dumped.readAll().contains("FROM stdin;"));
        auto fromCopy = engine::Database::openInMemory();
        auto fromInserts = engine::Database::openInMemory();
        auto r = transfer::runImport(*fromCopy, importOf(copyFile.toStdString()));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->rowsImported, int64_t(9000));
        r = transfer::runImport(*fromInserts, importOf(insertsFile.toStdString()));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        const std::string all = "SELECT id, t, score, ok, at, photo, day FROM odd ORDER BY id";
        auto a = fromCopy->connect(), b = fromInserts->connect();
        const auto copied = query(*a, all).rows, inserted = query(*b, all).rows;
        QCOMPARE(copied.size(), size_t(9000));
        const std::string difference = firstDifference(copied, inserted);
        QVERIFY2(difference.empty(), difference.c_str());
        QCOMPARE(copied[0][1].s, std::string("tab\there\nnew\\line"));
        QCOMPARE(copied[1][1].s, std::string("Zoë 🚀 \\N"));
        QCOMPARE(copied[2][1].s, std::string("\\."));
        QVERIFY(copied[6][1].isNull());
        QCOMPARE(copied[0][5].type, LogicalType::Blob);
        QCOMPARE(copied[0][5].s, std::string("\x00\x00\x01", 3));
    }

    //! A COPY row the table refuses is named by its line; skipped, only that row is lost; a
    //! block without its closing \. is an error at the COPY; nothing is kept from a failure.
    void aBadCopyRowNamesItsLine()
    {
        QTemporaryDir tmp;
        const auto file = writeFile(tmp, "copy.sql",
                                    "CREATE TABLE c (id integer PRIMARY KEY, v text);\n"
                                    "COPY public.c (id, v) FROM stdin;\n"
                                    "1\tone\n"
                                    "2\ttwo\\tand tab\n"
                                    "x\tnot a number\n"
                                    "4\t\\N\n"
                                    "\\.\n"
                                    "INSERT INTO c VALUES (5, 'five');\n");
        auto db = engine::Database::openInMemory();
        auto r = transfer::runImport(*db, importOf(file));
        QVERIFY(!r);
        QVERIFY2(r.status().message().find(file + ":5: ") == 0, r.status().message().c_str());
        auto c = db->connect();
        QVERIFY(!c->table("c"));
        auto spec = importOf(file);
        spec.onError = transfer::ErrorPolicy::Skip;
        r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->rowsSkipped, int64_t(1));
        const auto rows = query(*c, "SELECT id, v FROM c ORDER BY id").rows;
        QCOMPARE(rows.size(), size_t(4));
        QCOMPARE(rows[1][1].s, std::string("two\tand tab"));
        QVERIFY(rows[2][1].isNull());
        QCOMPARE(rows[3][0].i, int64_t(5));

        const auto open = writeFile(tmp, "open.sql",
                                    "CREATE TABLE d (v text);\n\nCOPY d (v) FROM stdin;\nrow\n");
        r = transfer::runImport(*db, importOf(open));
        QVERIFY(!r);
        QVERIFY2(r.status().message().find(open
                                           + ":3: the COPY data starting here is never "
                                             "closed")
                     == 0,
                 r.status().message().c_str());
        QVERIFY(!c->table("d"));
    }

    //! The fast path (INSERTs of literals read straight into rows, several statements at a
    //! time) against the general one (each statement translated and run by the SQL engine),
    //! on generated scripts: the same tables, the same error at the same line, the same rows
    //! skipped. A failure prints the seed and the script.
    void literalRowsReadAsStatementsDo()
    {
        QTemporaryDir tmp;
        const int seeds = qEnvironmentVariableIntValue("STRATA_SQL_SEEDS") > 0
                              ? qEnvironmentVariableIntValue("STRATA_SQL_SEEDS")
                              : 300;
        int failedScripts = 0;
        for (int seed = 1; seed <= seeds; ++seed) {
            std::mt19937 rng(static_cast<unsigned>(seed));
            const std::string script = randomInsertScript(rng);
            const auto file = writeFile(tmp, "gen.sql", QByteArray::fromStdString(script));
            const std::string repro = "seed " + std::to_string(seed) + ", script:\n" + script;
            for (const bool skip : {false, true}) {
                // The general path: each statement on its own, in one transaction.
                auto general = engine::Database::openInMemory();
                auto g = general->connect();
                QVERIFY(g->begin());
                int64_t failedLine = 0, failures = 0;
                std::string failedWhy;
                for (const auto &st : transfer::translateSqlScript(script, {.file = file})) {
                    if (st.sql.empty())
                        continue;
                    auto r = g->execute(st.sql);
                    if (r)
                        continue;
                    ++failures;
                    if (!skip) {
                        failedLine = st.line;
                        failedWhy = r.status().message();
                        break;
                    }
                }
                if (failedLine)
                    QVERIFY(g->rollback());
                else
                    QVERIFY(g->commit());
                // The import job, with the fast path.
                auto fast = engine::Database::openInMemory();
                auto spec = importOf(file);
                if (skip)
                    spec.onError = transfer::ErrorPolicy::Skip;
                auto imported = transfer::runImport(*fast, spec);
                if (failedLine) {
                    ++failedScripts;
                    QVERIFY2(!imported, repro.c_str());
                    const std::string message = imported.status().message();
                    const std::string at = file + ":" + std::to_string(failedLine) + ": ";
                    QVERIFY2(message.rfind(at, 0) == 0
                                 && message.find(failedWhy) != std::string::npos,
                             (message + "\nexpected at " + at + failedWhy + "\n" + repro).c_str());
                    continue;
                }
                QVERIFY2(imported,
                         (imported ? "" : imported.status().toString() + "\n" + repro).c_str());
                QVERIFY2(imported->rowsSkipped == failures, repro.c_str());
                auto f = fast->connect();
                const auto tables = g->tables();
                QVERIFY(tables && !tables->empty());
                for (const auto &info : *tables) {
                    const std::string all = "SELECT * FROM " + info.name;
                    const std::string difference
                        = firstDifference(query(*f, all).rows, query(*g, all).rows);
                    QVERIFY2(difference.empty(),
                             (info.name + ": " + difference + "\n" + repro).c_str());
                }
            }
        }
        // The generator makes both kinds of script.
        QVERIFY2(failedScripts > seeds / 10 && failedScripts < seeds * 9 / 10,
                 std::to_string(failedScripts).c_str());
    }

    void aFailingStatementNamesItsLineAndChangesNothing()
    {
        QTemporaryDir tmp;
        const auto file = writeFile(tmp, "bad.sql",
                                    "-- a script\n"
                                    "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT);\n"
                                    "INSERT INTO a VALUES (1, 'one');\n"
                                    "\n"
                                    "INSERT INTO a VALUES (1, 'again');\n"
                                    "INSERT INTO a VALUES (2, 'two');\n");
        auto db = engine::Database::openInMemory();
        auto r = transfer::runImport(*db, importOf(file));
        QVERIFY(!r);
        QVERIFY2(r.status().message().find(file + ":5: duplicate key") == 0,
                 r.status().message().c_str());
        auto c = db->connect();
        QVERIFY(!c->table("a"));
        auto spec = importOf(file);
        spec.onError = transfer::ErrorPolicy::Skip;
        r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->rowsSkipped, int64_t(1));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM a"), int64_t(2));
        QFile rejects(QString::fromStdString(r->rejectsPath));
        QVERIFY(rejects.open(QIODevice::ReadOnly));
        const QByteArray text = rejects.readAll();
        QVERIFY2(text.contains("\"5\"") && text.contains("INSERT INTO a VALUES (1, 'again')"),
                 text.constData());
        // An unterminated string is found before anything runs.
        const auto open = writeFile(tmp, "open.sql",
                                    "CREATE TABLE b (v TEXT);\nINSERT INTO b "
                                    "VALUES ('no end);\n");
        r = transfer::runImport(*db, importOf(open));
        QVERIFY(!r);
        QVERIFY2(r.status().message().find(open + ":2: the string starting here is never closed")
                     == 0,
                 r.status().message().c_str());
        QVERIFY(!c->table("b"));
    }

    void translatesPostgresAndSqliteSpellings()
    {
        const auto statements = transfer::translateSqlScript(
            "SET statement_timeout = 0;\n"
            "CREATE TABLE public.t (id bigint NOT NULL, s character varying(5), "
            "ts timestamp(3) without time zone DEFAULT now(), n integer DEFAULT "
            "nextval('t_id_seq'::regclass), j jsonb, CONSTRAINT ok CHECK (id > 0));\n"
            "INSERT INTO public.t VALUES (1, E'a\\tb', '2024-01-01 00:00:00', 5, '{}'::jsonb);\n"
            "ALTER TABLE ONLY public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n",
            {.file = "x.sql"});
        QCOMPARE(statements.size(), size_t(4));
        QVERIFY(statements[0].sql.empty());
        QCOMPARE(statements[1].line, int64_t(2));
        QCOMPARE(QString::fromStdString(statements[1].sql),
                 QString("CREATE TABLE t (id INTEGER NOT NULL, s VARCHAR(5), ts TIMESTAMP "
                         "DEFAULT CURRENT_TIMESTAMP, n INTEGER, j TEXT)"));
        QCOMPARE(QString::fromStdString(statements[2].sql),
                 QString("INSERT INTO t VALUES (1, 'a\tb', '2024-01-01 00:00:00', 5, '{}')"));
        QCOMPARE(QString::fromStdString(statements[3].sql),
                 QString("CREATE UNIQUE INDEX t_pkey ON t (id)"));
        // E'' escapes as PostgreSQL reads them: \x with one or two hex digits, without any
        // the letter itself; octal; \v is no escape there (it is in COPY text).
        const auto escapes = transfer::translateSqlScript(
            "INSERT INTO t VALUES (E'\\x41\\xb\\x!\\101\\v\\q');\n", {.file = "e.sql"});
        QCOMPARE(escapes.size(), size_t(1));
        QCOMPARE(escapes[0].sql, std::string("INSERT INTO t VALUES ('A\x0bx!Avq')"));
    }

    void sqliteFilesImport()
    {
        QTemporaryDir tmp;
        // Strata's own SQLite export comes back with its types.
        auto source = test::trickyDatabase();
        transfer::ExportSpec ex;
        ex.scope = transfer::ExportScope::Tables;
        ex.tables.push_back({"t", {}, {}});
        ex.formats.push_back({"sqlite", {}});
        ex.outputDir = tmp.path().toStdString();
        auto exported = transfer::runExport(*source, ex);
        QVERIFY2(exported, exported ? "" : exported.status().toString().c_str());
        auto copy = engine::Database::openInMemory();
        auto r = transfer::runImport(*copy, importOf(exported->files[0].path));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto sc = source->connect();
        auto c = copy->connect();
        compareTricky(*sc, *c, true);
        // A file the sqlite3 CLI made, with a column without a declared type.
        const QString db = tmp.filePath("other.sqlite");
        QVERIFY(runSqlite3(db, "CREATE TABLE m (k TEXT PRIMARY KEY, n INT NOT NULL, x);"
                               "INSERT INTO m VALUES ('a', 1, 2.5), ('b', 2, 3.5);"));
        auto target = engine::Database::openInMemory();
        r = transfer::runImport(*target, importOf(db.toStdString()));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto t = target->connect();
        const auto info = *t->table("m");
        QCOMPARE(info.primaryKey, std::vector<std::string>{"k"});
        QVERIFY(info.columns[1].notNull);
        QCOMPARE(info.columns[2].type, LogicalType::Double); // inferred from the values
        QCOMPARE(query(*t, "SELECT sum(x) FROM m").rows[0][0].d, 6.0);
        // Not a database: a clear error.
        r = transfer::runImport(*target, importOf(writeFile(tmp, "fake.sqlite", "not sqlite")));
        QVERIFY(!r);
        QVERIFY2(r.status().message().find("expected a SQLite 3 database file")
                     != std::string::npos,
                 r.status().message().c_str());
    }

    void geojsonImportsFromStrataAndGdal()
    {
        QTemporaryDir tmp;
        auto source = engine::Database::openInMemory();
        auto sc = source->connect();
        QVERIFY(sc->execute("CREATE TABLE parcels (id INTEGER PRIMARY KEY, name TEXT, value "
                            "DOUBLE, geom TEXT)"));
        QVERIFY(sc->execute("INSERT INTO parcels VALUES "
                            "(1, 'Zoë''s \"lot\"', 1.5, 'POINT (-119.1 46.2)'), "
                            "(2, NULL, NULL, 'POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))'), "
                            "(3, 'no shape', 3.25, NULL)"));
        transfer::ExportSpec ex;
        ex.scope = transfer::ExportScope::Tables;
        ex.tables.push_back({"parcels", {}, {}});
        ex.formats.push_back({"geojson", {}});
        ex.outputDir = tmp.path().toStdString();
        auto exported = transfer::runExport(*source, ex);
        QVERIFY2(exported, exported ? "" : exported.status().toString().c_str());
        // GDAL rewrites our file: its own writer's output must import the same.
        const QString gdal = tmp.filePath("gdal.geojson");
        QProcess ogr;
        ogr.start("ogr2ogr",
                  {"-f", "GeoJSON", gdal, QString::fromStdString(exported->files[0].path)});
        QVERIFY(ogr.waitForFinished(-1));
        QVERIFY2(ogr.exitCode() == 0, ogr.readAllStandardError().constData());
        for (const std::string &file : {exported->files[0].path, gdal.toStdString()}) {
            auto db = engine::Database::openInMemory();
            auto spec = importOf(file);
            spec.table = "parcels";
            auto r = transfer::runImport(*db, spec);
            QVERIFY2(r, r ? "" : r.status().toString().c_str());
            auto c = db->connect();
            const auto rows = query(*c, "SELECT id, name, value, geometry FROM parcels ORDER BY "
                                        "id")
                                  .rows;
            QCOMPARE(rows.size(), size_t(3));
            QCOMPARE(rows[0][1].s, std::string("Zoë's \"lot\""));
            QCOMPARE(rows[0][2].d, 1.5);
            QCOMPARE(numbersOf(rows[0][3].s), (std::vector<double>{-119.1, 46.2}));
            QVERIFY(rows[1][3].s.rfind("POLYGON", 0) == 0);
            QCOMPARE(numbersOf(rows[1][3].s), (std::vector<double>{0, 0, 1, 0, 1, 1, 0, 1, 0, 0}));
            QVERIFY(rows[2][3].isNull());
            QVERIFY(rows[1][1].isNull());
        }
        // A feature whose geometry GEOS cannot read: the error names it.
        auto db = engine::Database::openInMemory();
        const auto bad = writeFile(tmp, "bad.geojson",
                                   R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"a": 1}},
{"type": "Feature", "geometry": {"type": "Point", "coordinates": "east"}, "properties": {"a": 2}}
]})");
        auto r = transfer::runImport(*db, importOf(bad));
        QVERIFY(!r);
        QVERIFY2(r.status().message().find(
                     bad + ":3: $.features[1].geometry: expected \"coordinates\" (an array)")
                     == 0,
                 r.status().message().c_str());
    }

    // Every geometry type, 2-D and 3-D, with coordinates from the whole double range (1e136
    // and more once smashed GEOS's WKT writer's stack; GEOS's GeoJSON writer dropped Z):
    // export to GeoJSON and import back keeps every coordinate bit for bit, and GDAL reads
    // the file with its Z values.
    void geojsonKeepsEveryGeometryExactly()
    {
        QTemporaryDir tmp;
        std::mt19937_64 rng(20261202);
        auto coordinate = [&] {
            switch (rng() % 4) {
            case 0:
                return double(int64_t(rng() % 2000) - 1000) / 8;
            case 1:
                return std::ldexp(double(rng() % (1ULL << 53)), int(rng() % 1900) - 1000)
                       * (rng() % 2 ? 1 : -1);
            case 2:
                return (rng() % 2 ? 1 : -1) * std::pow(10.0, double(rng() % 308));
            default:
                return std::uniform_real_distribution<double>(-180, 180)(rng);
            }
        };
        auto text = [](double d) {
            char buf[32];
            return std::string(buf, std::to_chars(buf, buf + 32, d).ptr);
        };
        auto position = [&](bool z) {
            std::string p = text(coordinate()) + " " + text(coordinate());
            return z ? p + " " + text(coordinate()) : p;
        };
        auto line = [&](bool z, int n, bool closed) {
            std::vector<std::string> ps;
            for (int i = 0; i < n; ++i)
                ps.push_back(position(z));
            if (closed)
                ps.push_back(ps.front());
            std::string s = "(";
            for (size_t i = 0; i < ps.size(); ++i)
                s += (i ? ", " : "") + ps[i];
            return s + ")";
        };
        std::vector<std::string> wkts;
        for (int i = 0; i < 60; ++i) {
            const bool z = rng() % 2;
            const std::string zed = z ? " Z " : " ";
            switch (i % 7) {
            case 0:
                wkts.push_back("POINT" + zed + "(" + position(z) + ")");
                break;
            case 1:
                wkts.push_back("LINESTRING" + zed + line(z, 2 + int(rng() % 4), false));
                break;
            case 2:
                wkts.push_back("POLYGON" + zed + "(" + line(z, 3, true) + ", " + line(z, 4, true)
                               + ")");
                break;
            case 3:
                wkts.push_back("MULTIPOINT" + zed + "((" + position(z) + "), (" + position(z)
                               + "))");
                break;
            case 4:
                wkts.push_back("MULTILINESTRING" + zed + "(" + line(z, 2, false) + ", "
                               + line(z, 3, false) + ")");
                break;
            case 5:
                wkts.push_back("MULTIPOLYGON" + zed + "((" + line(z, 3, true) + "), ("
                               + line(z, 5, true) + "))");
                break;
            default:
                wkts.push_back("GEOMETRYCOLLECTION (POINT" + zed + "(" + position(z)
                               + "), LINESTRING" + zed + line(z, 2, false) + ")");
            }
        }
        auto source = engine::Database::openInMemory();
        auto sc = source->connect();
        QVERIFY(sc->execute("CREATE TABLE shapes (id INTEGER PRIMARY KEY, geometry TEXT)"));
        for (size_t i = 0; i < wkts.size(); ++i)
            QVERIFY(
                sc->execute("INSERT INTO shapes VALUES (?, ?)",
                            {engine::Value::integer(int64_t(i)), engine::Value::text(wkts[i])}));
        transfer::ExportSpec ex;
        ex.scope = transfer::ExportScope::Tables;
        ex.tables.push_back({"shapes", {}, {}});
        ex.formats.push_back({"geojson", {}});
        ex.outputDir = tmp.path().toStdString();
        auto exported = transfer::runExport(*source, ex);
        QVERIFY2(exported, exported ? "" : exported.status().toString().c_str());
        auto db = engine::Database::openInMemory();
        auto r = transfer::runImport(*db, importOf(exported->files[0].path));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto c = db->connect();
        const auto rows = query(*c, "SELECT id, geometry FROM shapes ORDER BY id").rows;
        QCOMPARE(rows.size(), wkts.size());
        for (size_t i = 0; i < wkts.size(); ++i) {
            QVERIFY2(
                numbersOf(rows[i][1].s) == numbersOf(wkts[i]),
                qPrintable(QString::fromStdString(wkts[i] + "\n came back as\n" + rows[i][1].s)));
            QCOMPARE(rows[i][1].s.find(" Z ") != std::string::npos,
                     wkts[i].find(" Z ") != std::string::npos);
        }
        // GDAL, a real consumer, reads every feature and its Z values.
        QProcess ogr;
        ogr.start("ogr2ogr",
                  {"-f", "CSV", "/vsistdout/", QString::fromStdString(exported->files[0].path),
                   "-lco", "GEOMETRY=AS_WKT"});
        QVERIFY(ogr.waitForFinished(-1));
        QVERIFY2(ogr.exitCode() == 0, ogr.readAllStandardError().constData());
        const QList<QByteArray> lines = ogr.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(size_t(lines.size() - 1), wkts.size());
        int withZ = 0, expectedZ = 0;
        for (size_t i = 0; i < wkts.size(); ++i) {
            withZ += lines[int(i) + 1].contains(" Z ");
            expectedZ += wkts[i].find(" Z ") != std::string::npos;
        }
        QCOMPARE(withZ, expectedZ);
    }
};

QTEST_GUILESS_MAIN(TestImportSql)
#include "tst_import_sql.moc"
