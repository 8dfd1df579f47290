// Imports and restores: honest type inference, CSV dialects and encodings, column mapping,
// modes, error policies with rejects, JSON layouts, round trips of every type, files written
// by other tools (pandas, the sqlite3 CLI), a corpus of hostile files — and after every
// failure, a database exactly as it was.
#include "engine/api/database.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "engine/transfer/import_job.h"
#include "engine/transfer/mapped_input.h"
#include "tests/support/csv_parse.h"
#include "tests/support/engine_helpers.h"
#include "tests/support/transfer_helpers.h"
#include "tests/support/tricky_table.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <csignal>
#include <cstring>
#include <unistd.h>

using namespace strata;
using engine::LogicalType;
using engine::Value;
using test::scalar;
using namespace strata::test;

namespace {

//! Every table (but audit_log) with every row, and every view's definition, as text: equal
//! before and after means the database did not change.
std::string dump(engine::Database &db)
{
    auto c = db.connect();
    auto tables = c->tables();
    if (!tables)
        qFatal("tables");
    std::string out;
    for (const auto &t : *tables) {
        if (t.name == "audit_log")
            continue;
        out += t.name + "(";
        for (const auto &col : t.columns)
            out += col.name + " " + engine::typeName(col.type) + (col.notNull ? " NN" : "") + ",";
        out += ")\n";
        for (const auto &row :
             query(*c, "SELECT * FROM " + transfer::quoteIdentifier(t.name) + " ORDER BY 1").rows) {
            for (const auto &v : row)
                out += v.toSqlLiteral() + "|";
            out += "\n";
        }
    }
    auto views = c->views();
    if (!views)
        qFatal("views");
    for (const auto &v : *views) {
        out += "view " + v.name + "(";
        for (const auto &name : v.viewColumns)
            out += name + ",";
        out += ") AS " + v.viewSql + "\n";
    }
    return out;
}

void compareTables(engine::Connection &source, engine::Connection &copy, const std::string &table)
{
    const auto a = query(source, "SELECT * FROM " + table + " ORDER BY 1");
    const auto b = query(copy, "SELECT * FROM " + table + " ORDER BY 1");
    QCOMPARE(b.columns, a.columns);
    QCOMPARE(b.rows.size(), a.rows.size());
    for (size_t r = 0; r < a.rows.size(); ++r)
        for (size_t c = 0; c < a.columns.size(); ++c)
            QVERIFY2(identical(a.rows[r][c], b.rows[r][c]),
                     (table + " row " + std::to_string(r) + " column " + a.columns[c] + ": "
                      + a.rows[r][c].toSqlLiteral() + " became " + b.rows[r][c].toSqlLiteral())
                         .c_str());
}

QString python()
{
    return QStringLiteral("/usr/bin/python3");
}

} // namespace

class TestImport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { transfer::registerBuiltinFormats(); }

    void csvInfersHonestTypes()
    {
        QTemporaryDir tmp;
        const auto file = writeFile(
            tmp, "people.csv",
            "id,price,active,day,at,zip,fips,name,nothing\r\n"
            "1,1.5,true,2024-01-15,2024-01-15T10:30:00Z,02134,007,\"Smith, J\",\r\n"
            "2,-2,FALSE,2024-02-29,2024-02-29 23:59:59.5,90210,012,\"two\r\nlines \"\"q\"\"\",\r\n"
            "-3,1e3,True,1999-12-31,2000-01-01T00:00:00+02:00,10001,100,Zoë 🚀,\r\n");
        auto db = engine::Database::openInMemory();
        auto r = transfer::runImport(*db, importOf(file));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->rowsImported, int64_t(3));
        QCOMPARE(r->tables.size(), size_t(1));
        QCOMPARE(r->tables[0].action, transfer::ImportAction::Create);
        auto c = db->connect();
        auto info = c->table("people");
        QVERIFY(info);
        const std::vector<LogicalType> expected
            = {LogicalType::Integer, LogicalType::Double,    LogicalType::Boolean,
               LogicalType::Date,    LogicalType::Timestamp, LogicalType::Text,
               LogicalType::Text,    LogicalType::Text,      LogicalType::Text};
        QCOMPARE(info->columns.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(info->columns[i].type == expected[i], info->columns[i].name.c_str());
        const auto rows = query(*c, "SELECT id, price, active, CAST(day AS TEXT), CAST(at AS "
                                    "TEXT), zip, fips, name, nothing FROM people ORDER BY id")
                              .rows;
        QCOMPARE(rows[0][0].i, int64_t(-3));
        QCOMPARE(rows[0][1].d, 1000.0);
        QCOMPARE(rows[0][4].s, std::string("1999-12-31T22:00:00Z")); // +02:00 is UTC-2h
        QCOMPARE(rows[0][7].s, std::string("Zoë 🚀"));
        QCOMPARE(rows[1][1].d, 1.5);
        QCOMPARE(rows[1][2].i, int64_t(1));
        QCOMPARE(rows[1][3].s, std::string("2024-01-15"));
        QCOMPARE(rows[1][5].s, std::string("02134")); // a ZIP code keeps its zero
        QCOMPARE(rows[1][6].s, std::string("007"));
        QCOMPARE(rows[1][7].s, std::string("Smith, J"));
        QVERIFY(rows[1][8].isNull());
        QCOMPARE(rows[2][2].i, int64_t(0));
        QCOMPARE(rows[2][3].s, std::string("2024-02-29")); // no time zone shift on dates
        QCOMPARE(rows[2][4].s, std::string("2024-02-29T23:59:59.500000Z"));
        QCOMPARE(rows[2][7].s, std::string("two\r\nlines \"q\""));
    }

    void csvWidensRatherThanFailingLate()
    {
        QTemporaryDir tmp;
        QByteArray csv = "n,code,x\n";
        for (int i = 0; i < 1500; ++i)
            csv += QByteArray::number(i) + "," + QByteArray::number(i) + ",1\n";
        csv += "2.5,n/a,1\n";
        const auto file = writeFile(tmp, "wide.csv", csv);
        auto db = engine::Database::openInMemory();
        auto r = transfer::runImport(*db, importOf(file));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->rowsImported, int64_t(1501));
        auto c = db->connect();
        auto info = *c->table("wide");
        QCOMPARE(info.columns[0].type, LogicalType::Double);
        QCOMPARE(info.columns[1].type, LogicalType::Text);
        QCOMPARE(info.columns[2].type, LogicalType::Integer);
        QCOMPARE(scalar(*c, "SELECT count(*) FROM wide WHERE code = '1499'"), int64_t(1));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM wide WHERE n = 2.5 AND code = 'n/a'"),
                 int64_t(1));
        int widened = 0;
        for (const auto &w : r->warnings)
            widened += w.find("widened to") != std::string::npos;
        QCOMPARE(widened, 2); // n and code, each said once
    }

    void bigCsvInferredOnTwoCoresKeepsEveryRow()
    {
        // Files of 4 MiB and more are type-checked in two halves on two threads. The split
        // guesses a record boundary; here one file has a quoted field with line ends across
        // the middle (the guess fails and the first half reads on), the other does not.
        for (const bool spanning : {false, true}) {
            QTemporaryDir tmp;
            QByteArray csv = "n,x,note\n";
            QByteArray spanText;
            const int rows = 300000;
            for (int i = 0; i < rows; ++i) {
                csv += QByteArray::number(i) + "," + QByteArray::number(i % 7) + ",";
                if (spanning && i == rows / 2) {
                    for (int k = 0; k < 40000; ++k)
                        spanText += "line " + QByteArray::number(k) + "\n";
                    csv += "\"" + spanText + "\"\n";
                } else {
                    csv += "plain\n";
                }
            }
            csv += "n/a,2.5,last\n"; // widens n to TEXT and x to DOUBLE, at the very end
            QVERIFY(csv.size() > (4 << 20));
            const auto file = writeFile(tmp, "big.csv", csv);
            auto db = engine::Database::openInMemory();
            auto r = transfer::runImport(*db, importOf(file));
            QVERIFY2(r, r ? "" : r.status().toString().c_str());
            QCOMPARE(r->rowsImported, int64_t(rows + 1));
            auto c = db->connect();
            const auto info = *c->table("big");
            QCOMPARE(info.columns[0].type, LogicalType::Text);
            QCOMPARE(info.columns[1].type, LogicalType::Double);
            QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE note = 'plain'"),
                     int64_t(spanning ? rows - 1 : rows));
            if (spanning)
                QCOMPARE(query(*c, "SELECT note FROM big WHERE n = '150000'").rows[0][0].s,
                         spanText.toStdString());
        }
    }

    void bigJsonLinesInferredOnTwoCores()
    {
        // JSON lines of 4 MiB and more are type-checked in two halves too. The second half
        // meets its keys in another order and has a key the first never had; one file has a
        // row spread over lines across the middle (the guess fails, the first half reads all).
        for (const bool spread : {false, true}) {
            QTemporaryDir tmp;
            QByteArray jsonl;
            const int rows = 200000;
            for (int i = 0; i < rows; ++i) {
                if (spread && i == rows / 2) {
                    // The middle of the file falls in the long text; the row's line end
                    // before its closing brace is where the split is tried.
                    jsonl += "{\"n\": " + QByteArray::number(i) + ", \"s\": \"";
                    jsonl += QByteArray(3000000, 'x') + "\"\n}\n";
                } else if (i < rows / 2) {
                    jsonl += "{\"n\": " + QByteArray::number(i) + ", \"s\": \"row\"}\n";
                } else {
                    jsonl += "{\"s\": \"row\", \"n\": " + QByteArray::number(i)
                             + ", \"late\": true}\n";
                }
            }
            jsonl += "{\"n\": 1.5, \"s\": \"last\", \"late\": false}\n"; // widens n at the end
            QVERIFY(jsonl.size() > (4 << 20));
            const auto file = writeFile(tmp, "big.jsonl", jsonl);
            auto db = engine::Database::openInMemory();
            auto r = transfer::runImport(*db, importOf(file));
            QVERIFY2(r, r ? "" : r.status().toString().c_str());
            QCOMPARE(r->rowsImported, int64_t(rows + 1));
            auto c = db->connect();
            const auto info = *c->table("big");
            QCOMPARE(info.columns.size(), size_t(3));
            QCOMPARE(info.columns[0].type, LogicalType::Double);
            QCOMPARE(info.columns[2].name, std::string("late"));
            QCOMPARE(info.columns[2].type, LogicalType::Boolean);
            QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE late = TRUE"),
                     int64_t(spread ? rows / 2 - 1 : rows / 2));
        }
    }

    void csvBomLineEndsAndNullMarkers()
    {
        QTemporaryDir tmp;
        // A BOM, then CRLF, CR and LF line ends mixed; NULL markers; quoted empty = "".
        const auto file = writeFile(tmp, "mixed.csv",
                                    "\xEF\xBB\xBF"
                                    "a,b\r\n1,x\r2,NULL\n3,\"\"\r\n4,\n");
        auto db = engine::Database::openInMemory();
        auto spec = importOf(file);
        spec.csv.nullMarkers = {"NULL"};
        auto r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto c = db->connect();
        auto info = *c->table("mixed");
        QCOMPARE(info.columns[0].name, std::string("a")); // the BOM did not leak into the name
        const auto rows = query(*c, "SELECT a, b FROM mixed ORDER BY a").rows;
        QCOMPARE(rows.size(), size_t(4));
        QCOMPARE(rows[0][1].s, std::string("x"));
        QVERIFY(rows[1][1].isNull());
        QCOMPARE(rows[2][1].type, LogicalType::Text);
        QCOMPARE(rows[2][1].s, std::string(""));
        QVERIFY(rows[3][1].isNull());
    }

    void backslashEscapesAreAnOption()
    {
        // MySQL's SELECT ... INTO OUTFILE style: \" and \\ inside quotes, \, outside.
        QTemporaryDir tmp;
        const std::string file = writeFile(tmp, "my.csv",
                                           "id,s\n1,\"say \\\"hi\\\"\"\n2,\"back\\\\slash\"\n"
                                           "3,a\\,b\n4,\"multi\\\nline\"\n");
        auto db = engine::Database::openInMemory();
        auto plain = transfer::runImport(*db, importOf(file));
        QVERIFY(!plain); // RFC 4180 reading stops at the first \" and says what to do
        const QString message = QString::fromStdString(plain.status().message());
        QVERIFY2(message.contains("my.csv:2:10") && message.contains("--csv-escape"),
                 qPrintable(message));
        QVERIFY(!db->connect()->table("my"));
        auto spec = importOf(file);
        spec.csv.escape = '\\';
        auto r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto c = db->connect();
        const auto rows = query(*c, "SELECT s FROM my ORDER BY id").rows;
        QCOMPARE(rows.size(), size_t(4));
        QCOMPARE(rows[0][0].s, std::string("say \"hi\""));
        QCOMPARE(rows[1][0].s, std::string("back\\slash"));
        QCOMPARE(rows[2][0].s, std::string("a,b"));
        QCOMPARE(rows[3][0].s, std::string("multi\nline"));
    }

    void emptyFieldsCanBeEmptyText()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto spec = importOf(writeFile(tmp, "e.csv", "a,b\n1,\n2,x\n"));
        spec.csv.emptyIsNull = false;
        auto r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto c = db->connect();
        const auto rows = query(*c, "SELECT b FROM e ORDER BY a").rows;
        QCOMPARE(rows[0][0].type, LogicalType::Text);
        QCOMPARE(rows[0][0].s, std::string(""));
    }

    void queryExportsImportBack()
    {
        QTemporaryDir tmp;
        auto source = test::trickyDatabase();
        transfer::ExportSpec ex;
        ex.scope = transfer::ExportScope::Query;
        ex.query = "SELECT id, s, d, day FROM t WHERE id < 100";
        ex.formats.push_back({"json", {}});
        ex.outputDir = tmp.path().toStdString();
        auto exported = transfer::runExport(*source, ex);
        QVERIFY2(exported, exported ? "" : exported.status().toString().c_str());
        auto db = engine::Database::openInMemory();
        auto r = transfer::runImport(*db, importOf(exported->files[0].path));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->tables[0].table, std::string("query"));
        auto c = db->connect();
        auto sc = source->connect();
        const auto a = query(*sc, ex.query + " ORDER BY id").rows;
        const auto b = query(*c, "SELECT id, s, d, day FROM query ORDER BY id").rows;
        QCOMPARE(b.size(), a.size());
        for (size_t i = 0; i < a.size(); ++i)
            for (size_t k = 0; k < 4; ++k)
                QVERIFY2(identical(a[i][k], b[i][k]), a[i][k].toSqlLiteral().c_str());
    }

    void csvSniffsDelimitersAndEncodings()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        writeFile(tmp, "semi.csv", "name;amount\nA;1,5\nB;2\n");
        writeFile(tmp, "tabs.tsv", "name\tamount\nA\t1\nB\t2\n");
        // UTF-16 LE with a BOM, as Excel's "Unicode text" writes.
        QByteArray utf16("\xFF\xFE", 2);
        const QString text = QStringLiteral("name,city\nZoë,Zürich\n");
        utf16.append(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        writeFile(tmp, "utf16.csv", utf16);
        writeFile(tmp, "latin1.csv", "name,city\nZo\xEB,Z\xFCrich\n");
        for (const char *name : {"semi.csv", "tabs.tsv", "utf16.csv", "latin1.csv"}) {
            auto r = transfer::runImport(*db, importOf(tmp.filePath(name).toStdString()));
            QVERIFY2(r, r ? name : r.status().toString().c_str());
            if (QByteArray(name) == "latin1.csv") {
                QCOMPARE(r->warnings.size(), size_t(1));
                QVERIFY(r->warnings[0].find("read as Latin-1") != std::string::npos);
            }
        }
        QCOMPARE(query(*c, "SELECT amount FROM semi ORDER BY name").rows[0][0].s,
                 std::string("1,5"));
        QCOMPARE(scalar(*c, "SELECT sum(amount) FROM tabs"), int64_t(3));
        for (const char *table : {"utf16", "latin1"}) {
            const auto row = query(*c, std::string("SELECT name, city FROM ") + table).rows[0];
            QCOMPARE(row[0].s, std::string("Zoë"));
            QCOMPARE(row[1].s, std::string("Zürich"));
        }
    }

    void previewIsCheapAndShowsTypes()
    {
        QTemporaryDir tmp;
        QByteArray csv = "id;when;label\n";
        for (int i = 0; i < 100000; ++i)
            csv += QByteArray::number(i) + ";2024-01-0" + QByteArray::number(1 + i % 9) + ";x"
                   + QByteArray::number(i) + "\n";
        const auto file = writeFile(tmp, "big.csv", csv);
        auto preview = transfer::previewImport(file, importOf(file), 5, 4096);
        QVERIFY2(preview, preview ? "" : preview.status().toString().c_str());
        QCOMPARE(preview->format, std::string("csv"));
        QCOMPARE(preview->detected.at("delimiter"), std::string(";"));
        QCOMPARE(preview->detected.at("header"), std::string("yes"));
        QCOMPARE(preview->tables.size(), size_t(1));
        const auto &t = preview->tables[0];
        QCOMPARE(t.columns, (std::vector<std::string>{"id", "when", "label"}));
        QCOMPARE(t.types, (std::vector<std::string>{"INTEGER", "DATE", "TEXT"}));
        QCOMPARE(t.rows.size(), size_t(5));
        QCOMPARE(*t.rows[4][2], std::string("x4"));
    }

    void appendMapsByNameAndReportsMismatchesFirst()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                           "age INTEGER DEFAULT 18)"));
        QVERIFY(c->execute("INSERT INTO users VALUES (1, 'Ann', 30)"));
        // Columns in another order and case: matched by name.
        auto spec = importOf(writeFile(tmp, "more.csv", "AGE,Name,id\n41,Bob,2\n,Cy,3\n"));
        spec.table = "users";
        spec.mode = transfer::ImportMode::Append;
        auto r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(query(*c, "SELECT name, age FROM users WHERE id = 2").rows[0][1].i, int64_t(41));
        QVERIFY(query(*c, "SELECT age FROM users WHERE id = 3").rows[0][0].isNull());
        // A column the table lacks and a NOT NULL column the file lacks: both reported, and
        // nothing written.
        const std::string before = dump(*db);
        spec.files = {writeFile(tmp, "odd.csv", "id,nickname\n4,Dee\n")};
        r = transfer::runImport(*db, spec);
        QVERIFY(!r);
        const std::string message = r.status().message();
        QVERIFY2(message.find("lacks: nickname") != std::string::npos, message.c_str());
        QVERIFY2(message.find("NOT NULL columns without a default: name") != std::string::npos,
                 message.c_str());
        QCOMPARE(dump(*db), before);
        // An explicit map fixes it; age takes its default.
        spec.columnMap["nickname"] = "name";
        r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(query(*c, "SELECT name, age FROM users WHERE id = 4").rows[0][0].s,
                 std::string("Dee"));
        QCOMPARE(query(*c, "SELECT name, age FROM users WHERE id = 4").rows[0][1].i, int64_t(18));
        // By position when asked.
        spec.columnMap.clear();
        spec.match = transfer::ColumnMatch::ByPosition;
        spec.files = {writeFile(tmp, "pos.csv", "a,b,c\n5,Eve,50\n")};
        QVERIFY(transfer::runImport(*db, spec));
        QCOMPARE(query(*c, "SELECT name FROM users WHERE id = 5").rows[0][0].s, std::string("Eve"));
    }

    void abortNamesTheCellAndWritesNothing()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE m (id INTEGER PRIMARY KEY, v INTEGER)"));
        QByteArray csv = "id,v\n";
        for (int i = 1; i <= 10000; ++i)
            csv += QByteArray::number(i) + ","
                   + (i == 9000 ? QByteArray("9x") : QByteArray::number(i)) + "\n";
        const auto file = writeFile(tmp, "m.csv", csv);
        auto spec = importOf(file);
        spec.mode = transfer::ImportMode::Append;
        auto r = transfer::runImport(*db, spec);
        QVERIFY(!r);
        QCOMPARE(QString::fromStdString(r.status().message()),
                 QString::fromStdString(file)
                     + ":9001: column 2 ('v'): expected an integer, found '9x'");
        QCOMPARE(scalar(*c, "SELECT count(*) FROM m"), int64_t(0));
    }

    void filesEndingAtAPageBoundaryRead()
    {
        // The JSON reader scans to a NUL after the text (RapidJSON's SIMD string copy):
        // MappedInput guarantees one even when a file fills its last page exactly, where the
        // next byte would otherwise be outside the mapping (SIGBUS).
        QTemporaryDir tmp;
        const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
        for (const size_t size : {page - 1, page, page + 1, 2 * page}) {
            // [{"s":"xx…x"}] padded to exactly `size` bytes, the string running to the end.
            const std::string head = "[{\"s\":\"", tail = "\"}]";
            const std::string text
                = head + std::string(size - head.size() - tail.size(), 'x') + tail;
            QCOMPARE(text.size(), size);
            const auto file = writeFile(tmp, QStringLiteral("page_%1.json").arg(size),
                                        QByteArray::fromStdString(text));
            transfer::MappedInput mapped(file);
            QCOMPARE(mapped.bytes().size(), size);
            QCOMPARE(mapped.bytes().data()[size], '\0');
            auto db = engine::Database::openInMemory();
            auto spec = importOf(file);
            spec.table = "p";
            auto r = transfer::runImport(*db, spec);
            QVERIFY2(r, r ? "" : r.status().toString().c_str());
            auto c = db->connect();
            QCOMPARE(scalar(*c, "SELECT length(s) FROM p"),
                     int64_t(size - head.size() - tail.size()));
        }
    }

    void abortNamesTheFirstProblemInFileOrder()
    {
        // Values are converted on the inserter's thread, while the reader goes on: the error
        // must still be the first one in the file, not the first one noticed.
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE m (id INTEGER PRIMARY KEY, v INTEGER)"));
        const auto file = writeFile(tmp, "m.csv", "id,v\n1,1\n2,two\n3,3\n4,4,4\n");
        auto spec = importOf(file);
        spec.mode = transfer::ImportMode::Append;
        auto r = transfer::runImport(*db, spec);
        QVERIFY(!r);
        QVERIFY2(QString::fromStdString(r.status().message()).contains(":3: column 2 ('v')"),
                 r.status().message().c_str());
        QCOMPARE(scalar(*c, "SELECT count(*) FROM m"), int64_t(0));
    }

    void skipWritesRejectsAndKeepsTheRest()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE m (id INTEGER PRIMARY KEY, v INTEGER)"));
        QVERIFY(c->execute("INSERT INTO m VALUES (7, 7)"));
        const auto file = writeFile(tmp, "m.csv", "id,v\n1,1\n2,two\n3,3,3\n7,70\n4,\"4\"\n");
        auto spec = importOf(file);
        spec.mode = transfer::ImportMode::Append;
        spec.onError = transfer::ErrorPolicy::Skip;
        auto r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->rowsImported, int64_t(2));
        QCOMPARE(r->rowsSkipped, int64_t(3));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM m"), int64_t(3));
        QCOMPARE(scalar(*c, "SELECT v FROM m WHERE id = 7"), int64_t(7)); // not overwritten
        QVERIFY(
            QFileInfo(QString::fromStdString(r->rejectsPath)).fileName().startsWith("m_rejects_"));
        QFile f(QString::fromStdString(r->rejectsPath));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto rows = test::parseCsv(QString::fromUtf8(f.readAll()));
        QCOMPARE(rows.size(), qsizetype(4));
        QCOMPARE(rows[0],
                 (QStringList{"source", "line", "location", "column", "reason", "original"}));
        QCOMPARE(rows[1][1], QString("3"));
        QCOMPARE(rows[1][3], QString("v"));
        QCOMPARE(rows[1][4], QString("expected an integer, found 'two'"));
        QCOMPARE(rows[1][5], QString("2,two"));
        QCOMPARE(rows[2][1], QString("4"));
        QCOMPARE(rows[2][5], QString("3,3,3"));
        QCOMPARE(rows[3][1], QString("5"));
        QVERIFY2(rows[3][4].contains("duplicate key"), qPrintable(rows[3][4]));
    }

    void mergeReplacesByKeyAndReplaceEmpties()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT)"));
        QVERIFY(c->execute("INSERT INTO p VALUES (1, 'one'), (2, 'two')"));
        auto spec = importOf(writeFile(tmp, "p.csv", "id,name\n2,TWO\n3,three\n3,THREE\n"));
        spec.mode = transfer::ImportMode::Merge;
        auto r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        const auto rows = query(*c, "SELECT id, name FROM p ORDER BY id").rows;
        QCOMPARE(rows.size(), size_t(3));
        QCOMPARE(rows[0][1].s, std::string("one"));
        QCOMPARE(rows[1][1].s, std::string("TWO"));
        QCOMPARE(rows[2][1].s, std::string("THREE")); // a key twice in the file: the last wins
        spec.mode = transfer::ImportMode::Replace;
        spec.files = {writeFile(tmp, "p.csv", "id,name\n9,nine\n")};
        r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->tables[0].rowsBefore, int64_t(3));
        QCOMPARE(r->tables[0].rowsAfter, int64_t(1));
        QCOMPARE(c->table("p")->primaryKey, std::vector<std::string>{"id"}); // schema kept
    }

    void csvRoundTripIntoTheSameSchema()
    {
        QTemporaryDir tmp;
        auto source = test::trickyDatabase();
        for (const char *preset : {"rfc4180", "excel", "postgres", "tsv"}) {
            transfer::ExportSpec ex;
            ex.scope = transfer::ExportScope::Tables;
            ex.tables.push_back({"t", {}, {}});
            ex.formats.push_back({"csv", {{"preset", preset}}});
            const QString out = tmp.filePath(preset);
            ex.outputDir = out.toStdString();
            auto exported = transfer::runExport(*source, ex);
            QVERIFY2(exported, exported ? "" : exported.status().toString().c_str());
            auto copy = engine::Database::openInMemory();
            auto c = copy->connect();
            QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, d DOUBLE, b "
                               "BOOLEAN, day DATE, ts TIMESTAMP, x BLOB, email TEXT)"));
            auto spec = importOf(exported->files[0].path);
            spec.mode = transfer::ImportMode::Append;
            spec.table = "t";
            auto r = transfer::runImport(*copy, spec);
            QVERIFY2(r, r ? preset : r.status().toString().c_str());
            auto sc = source->connect();
            compareTables(*sc, *c, "t");
        }
    }

    // A table of one column writes a NULL as an empty line; reading skipped blank lines, so
    // every NULL row was lost on the way back (found by tst_archive's zip of the demo).
    // Large enough that the file is also read in two halves on two threads.
    void oneColumnNullRowsComeBack_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("rows");
        for (const char *preset : {"rfc4180", "excel", "postgres", "tsv"}) {
            QTest::newRow(preset) << preset << 7;
            QTest::newRow((std::string(preset) + ", two halves").c_str()) << preset << 600000;
        }
    }
    void oneColumnNullRowsComeBack()
    {
        QFETCH(QString, preset);
        QFETCH(int, rows);
        QTemporaryDir tmp;
        auto source = engine::Database::openInMemory();
        auto sc = source->connect();
        QVERIFY(sc->execute("CREATE TABLE one (v TEXT)"));
        std::vector<engine::Row> values;
        for (int i = 0; i < rows; ++i) // NULLs first, last, in runs and alone; an empty text
            values.push_back({i % 3 == 1 ? Value::text("value " + std::to_string(i))
                              : i == 2   ? Value::text("")
                                         : Value::null()});
        QVERIFY(sc->insertRows("one", {}, values));
        transfer::ExportSpec ex;
        ex.scope = transfer::ExportScope::Tables;
        ex.tables.push_back({"one", {}, {}});
        ex.formats.push_back({"csv", {{"preset", preset.toStdString()}}});
        ex.outputDir = tmp.path().toStdString();
        auto exported = transfer::runExport(*source, ex);
        QVERIFY2(exported, exported ? "" : exported.status().toString().c_str());
        auto copy = engine::Database::openInMemory();
        auto c = copy->connect();
        QVERIFY(c->execute("CREATE TABLE one (v TEXT)"));
        auto spec = importOf(exported->files[0].path);
        spec.mode = transfer::ImportMode::Append;
        spec.table = "one";
        auto r = transfer::runImport(*copy, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->rowsImported, int64_t(rows));
        const std::string counts = "SELECT count(*), count(v), sum(CASE WHEN v = '' THEN 1 "
                                   "ELSE 0 END) FROM one";
        const auto want = query(*sc, counts).rows[0];
        const auto got = query(*c, counts).rows[0];
        for (size_t i = 0; i < want.size(); ++i)
            QVERIFY2(identical(want[i], got[i]),
                     (want[i].toSqlLiteral() + " became " + got[i].toSqlLiteral()).c_str());
    }

    void jsonRestoreGivesBackEveryValueAndTheSchema()
    {
        QTemporaryDir tmp;
        auto source = test::trickyDatabase();
        auto sc = source->connect();
        QVERIFY(sc->execute("CREATE TABLE extra (k VARCHAR(8) NOT NULL, n INTEGER DEFAULT 5, "
                            "PRIMARY KEY (k))"));
        QVERIFY(sc->execute("INSERT INTO extra (k) VALUES ('a'), ('b')"));
        QVERIFY(sc->execute("CREATE TABLE empty_one (z DATE)"));
        for (const bool lines : {false, true}) {
            transfer::ExportSpec ex;
            ex.scope = lines ? transfer::ExportScope::Tables : transfer::ExportScope::Full;
            if (lines)
                ex.tables.push_back({"t", {}, {}});
            ex.formats.push_back({"json", {}});
            if (lines)
                ex.formats.back().options["lines"] = "true";
            ex.outputDir = tmp.filePath(lines ? "l" : "f").toStdString();
            auto exported = transfer::runExport(*source, ex);
            QVERIFY2(exported, exported ? "" : exported.status().toString().c_str());
            auto copy = engine::Database::openInMemory();
            auto c = copy->connect();
            if (lines) // JSON lines carry no types: the table is made first
                QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, d DOUBLE, b "
                                   "BOOLEAN, day DATE, ts TIMESTAMP, x BLOB, email TEXT "
                                   "SENSITIVE)"));
            auto spec = importOf(exported->files[0].path);
            spec.restore = !lines;
            spec.mode = lines ? transfer::ImportMode::Append : transfer::ImportMode::Replace;
            if (lines)
                spec.table = "t";
            auto r = transfer::runImport(*copy, spec);
            QVERIFY2(r, r ? "" : r.status().toString().c_str());
            compareTables(*sc, *c, "t");
            const auto original = *sc->table("t");
            const auto restored = *c->table("t");
            QCOMPARE(restored.primaryKey, original.primaryKey);
            for (size_t i = 0; i < original.columns.size(); ++i) {
                QCOMPARE(restored.columns[i].type, original.columns[i].type);
                QCOMPARE(restored.columns[i].sensitive, original.columns[i].sensitive);
            }
            if (lines)
                continue;
            compareTables(*sc, *c, "extra");
            const auto extra = *c->table("extra");
            QCOMPARE(extra.columns[0].declaredType, std::string("VARCHAR(8)"));
            QVERIFY(extra.columns[0].notNull);
            QCOMPARE(extra.columns[1].defaultSql, std::string("5"));
            QVERIFY(c->table("empty_one")); // a table without rows comes back too
        }
    }

    void seedLayoutWithoutColumnDefsInfersTypes()
    {
        QTemporaryDir tmp;
        // The original engine's documented backup: no column_defs.
        const auto file = writeFile(tmp, "full_backup_20240115_103000.json", R"({
  "export_metadata": {"version": "1.0", "export_timestamp": "2024-01-15T10:30:00",
    "database_name": "mvcc_database", "record_count": 2, "mvcc_engine_version": "1.0.0",
    "total_tables": 1},
  "tables": {
    "users": {
      "schema": {"columns": ["id", "name", "email", "age"], "created_at": "2024-01-15T09:00:00"},
      "data": [
        {"id": 1, "name": "Alice", "email": "alice@email.com", "age": 30},
        {"id": 2, "name": "Bob", "email": null, "age": 41.5}
      ]
    }
  }
})");
        auto db = engine::Database::openInMemory();
        auto spec = importOf(file);
        spec.restore = true;
        spec.mode = transfer::ImportMode::Replace;
        auto r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto c = db->connect();
        const auto info = *c->table("users");
        QCOMPARE(info.columns[0].type, LogicalType::Integer);
        QCOMPARE(info.columns[1].type, LogicalType::Text);
        QCOMPARE(info.columns[3].type, LogicalType::Double);
        const auto rows = query(*c, "SELECT * FROM users ORDER BY id").rows;
        QCOMPARE(rows[0][1].s, std::string("Alice"));
        QVERIFY(rows[1][2].isNull());
        QCOMPARE(rows[1][3].d, 41.5);
    }

    void aFileThatTypesSomeTablesInfersTheOthers()
    {
        QTemporaryDir tmp;
        // "column_defs" at the start promises types; two of the three tables have none.
        const auto file = writeFile(tmp, "mixed.json", R"({"tables": {
  "first": {"schema": {"columns": ["a"]}, "data": [{"a": 1}, {"a": 2}]},
  "typed": {"schema": {"column_defs": [{"name": "id", "type": "INTEGER"},
                                       {"name": "s", "type": "TEXT"}]},
            "data": [{"id": 1, "s": "x"}, {"id": "bad", "s": "y"}, {"id": 3, "s": "z"}]},
  "later": {"data": [{"d": "2024-01-02", "n": 1.5, "k": "007"},
                     {"d": "2024-02-03", "n": 2, "k": null}]}
}})");
        auto db = engine::Database::openInMemory();
        auto spec = importOf(file);
        spec.onError = transfer::ErrorPolicy::Skip;
        spec.rejectsPath = tmp.filePath("rejects.csv").toStdString();
        auto r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->rowsImported, int64_t(6));
        QCOMPARE(r->rowsSkipped, int64_t(1)); // the typed table's bad row, once
        // The outcomes in the file's order, each with its own counts.
        QCOMPARE(r->tables.size(), size_t(3));
        QCOMPARE(r->tables[0].table, std::string("first"));
        QCOMPARE(r->tables[1].table, std::string("typed"));
        QCOMPARE(r->tables[2].table, std::string("later"));
        QCOMPARE(r->tables[0].rowsAfter, int64_t(2));
        QCOMPARE(r->tables[1].rowsRead, int64_t(2));
        QCOMPARE(r->tables[1].rowsSkipped, int64_t(1));
        QCOMPARE(r->tables[2].rowsAfter, int64_t(2));
        auto c = db->connect();
        QCOMPARE(c->table("first")->columns[0].type, LogicalType::Integer);
        QCOMPARE(c->table("typed")->columns[0].type, LogicalType::Integer);
        const auto later = *c->table("later");
        QCOMPARE(later.columns[0].type, LogicalType::Date);
        QCOMPARE(later.columns[1].type, LogicalType::Double);
        QCOMPARE(later.columns[2].type, LogicalType::Text); // "007" keeps its zeros
        QCOMPARE(scalar(*c, "SELECT count(*) FROM first"), int64_t(2));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM typed"), int64_t(2));
        QCOMPARE(query(*c, "SELECT k FROM later ORDER BY d").rows[0][0].s, std::string("007"));
        QFile f(QString::fromStdString(r->rejectsPath));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto rejected = test::parseCsv(QString::fromUtf8(f.readAll()));
        QCOMPARE(rejected.size(), qsizetype(2)); // the header and the one row
        QVERIFY2(rejected[1][2].contains("typed.data[1]"), qPrintable(rejected[1][2]));

        // A key that only looks like a schema: the whole file is inferred.
        const auto lookalike
            = writeFile(tmp, "lookalike.json", R"([{"column_defs": "x", "n": 1}, {"n": 2}])");
        auto again = transfer::runImport(*db, importOf(lookalike));
        QVERIFY2(again, again ? "" : again.status().toString().c_str());
        QCOMPARE(c->table("lookalike")->columns[1].type, LogicalType::Integer);
        QCOMPARE(scalar(*c, "SELECT count(*) FROM lookalike"), int64_t(2));
    }

    void jsonArraysAndLinesWithoutSchema()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        // Keys missing in some objects are NULL; a key first seen late is still a column.
        writeFile(tmp, "events.json",
                  R"([{"id": 1, "kind": "a"}, {"id": 2}, {"id": 3, "kind": "c", "extra": true}])");
        writeFile(tmp, "log.jsonl", "{\"n\": 1, \"s\": \"x\"}\n\n{\"n\": 2, \"s\": null}\n");
        writeFile(tmp, "grid.json", "[[1, \"a\"], [2, \"b\"]]");
        for (const char *name : {"events.json", "log.jsonl", "grid.json"}) {
            auto r = transfer::runImport(*db, importOf(tmp.filePath(name).toStdString()));
            QVERIFY2(r, r ? name : r.status().toString().c_str());
        }
        QCOMPARE(scalar(*c, "SELECT count(*) FROM events WHERE kind IS NULL"), int64_t(1));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM events WHERE extra = TRUE"), int64_t(1));
        QCOMPARE(c->table("events")->columns[2].type, LogicalType::Boolean);
        QCOMPARE(scalar(*c, "SELECT sum(n) FROM log"), int64_t(3));
        QCOMPARE(query(*c, "SELECT column_2 FROM grid ORDER BY column_1").rows[1][0].s,
                 std::string("b"));
    }

    void restoreReplacesTheDatabaseAndDryRunChangesNothing()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::open(tmp.filePath("db").toStdString());
        QVERIFY(db);
        auto c = (*db)->connect();
        QVERIFY(c->execute("CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT)"));
        QVERIFY(c->execute("INSERT INTO a VALUES (1, 'x'), (2, 'y')"));
        transfer::ExportSpec ex;
        ex.scope = transfer::ExportScope::Full;
        ex.formats.push_back({"json", {}});
        ex.outputDir = tmp.filePath("out").toStdString();
        auto backup = transfer::runExport(**db, ex);
        QVERIFY(backup);
        // After the backup: a changes (a column too), b appears.
        QVERIFY(c->execute("UPDATE a SET v = 'changed'; INSERT INTO a VALUES (3, 'z'); "
                           "ALTER TABLE a ADD COLUMN extra INTEGER; "
                           "CREATE TABLE b (n INTEGER); INSERT INTO b VALUES (1)"));
        const std::string before = dump(**db);
        auto spec = importOf(backup->files[0].path);
        spec.restore = true;
        spec.mode = transfer::ImportMode::Replace;
        spec.dropMissing = true;
        spec.dryRun = true;
        auto plan = transfer::runImport(**db, spec);
        QVERIFY2(plan, plan ? "" : plan.status().toString().c_str());
        QVERIFY(plan->dryRun);
        QCOMPARE(dump(**db), before);
        std::map<std::string, transfer::TableOutcome> byTable;
        for (const auto &t : plan->tables)
            byTable[t.table] = t;
        QCOMPARE(byTable["a"].action, transfer::ImportAction::Replace);
        QCOMPARE(byTable["a"].rowsBefore, int64_t(3));
        QCOMPARE(byTable["a"].rowsAfter, int64_t(2));
        QCOMPARE(byTable["a"].schemaDifferences,
                 std::vector<std::string>{"extra: in the database, not in the file"});
        QCOMPARE(byTable["b"].action, transfer::ImportAction::Drop);
        QCOMPARE(byTable["b"].rowsBefore, int64_t(1));
        QVERIFY(!byTable.count("audit_log"));
        spec.dryRun = false;
        auto done = transfer::runImport(**db, spec);
        QVERIFY2(done, done ? "" : done.status().toString().c_str());
        QVERIFY(!c->table("b"));
        QCOMPARE(query(*c, "SELECT v FROM a ORDER BY id").rows.size(), size_t(2));
        QCOMPARE(query(*c, "SELECT v FROM a ORDER BY id").rows[0][0].s, std::string("x"));
        // The audit trail kept its own history and recorded the restore.
        QCOMPARE(scalar(*c, "SELECT count(*) FROM audit_log WHERE operation = 'restore' AND "
                            "outcome = 'ok'"),
                 int64_t(1));
        // The backup made before, and the one the restore kept of what it replaced.
        QCOMPARE(scalar(*c, "SELECT count(*) FROM audit_log WHERE operation = 'export'"),
                 int64_t(2));
        QVERIFY(!done->preRestoreBackup.empty());
    }

    // JSON lines with one bad row (NUL or invalid UTF-8 in text): the default policy fails
    // naming the line and JSON path and imports nothing; skip lands the good rows and rejects
    // the bad one. Small files, and files big enough to be read on two threads.
    void jsonLinesBadRowFailsOrIsRejected_data()
    {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("bad");
        QTest::addColumn<QByteArray>("value");
        for (int rows : {2, 3, 200000})
            for (const QByteArray &value : {QByteArray("a\\u0000b"), QByteArray("a\xff"
                                                                                "b")}) {
                const int bad = rows == 2 ? 1 : rows == 3 ? 1 : 150000;
                QTest::addRow("%d rows, %s", rows, value.contains('\\') ? "NUL" : "bad UTF-8")
                    << rows << bad << value;
            }
    }
    void jsonLinesBadRowFailsOrIsRejected()
    {
        QFETCH(int, rows);
        QFETCH(int, bad);
        QFETCH(QByteArray, value);
        QTemporaryDir tmp;
        QByteArray text;
        for (int i = 0; i < rows; ++i)
            text += "{\"id\": " + QByteArray::number(i) + ", \"a\": \""
                    + (i == bad ? value : "row" + QByteArray::number(i)) + "\"}\n";
        const auto file = writeFile(tmp, "e.jsonl", text);
        auto db = engine::Database::openInMemory();
        auto r = transfer::runImport(*db, importOf(file));
        QVERIFY(!r);
        const std::string where
            = "e.jsonl:" + std::to_string(bad + 1) + ": $[" + std::to_string(bad) + "].a: expected";
        QVERIFY2(r.status().message().find(where) != std::string::npos,
                 r.status().message().c_str());
        auto c = db->connect();
        QVERIFY(!c->table("e"));
        auto skip = importOf(file);
        skip.onError = transfer::ErrorPolicy::Skip;
        skip.rejectsPath = tmp.filePath("rejects.csv").toStdString();
        auto s = transfer::runImport(*db, skip);
        QVERIFY2(s, s ? "" : s.status().toString().c_str());
        QCOMPARE(s->rowsImported, int64_t(rows - 1));
        QCOMPARE(s->rowsSkipped, int64_t(1));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM e"), int64_t(rows - 1));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM e WHERE id = " + std::to_string(bad)),
                 int64_t(0));
        QFile rejects(tmp.filePath("rejects.csv"));
        QVERIFY(rejects.open(QIODevice::ReadOnly));
        QCOMPARE(rejects.readAll().count('\n') >= 2, true);
    }

    // Numbers past the double range round as the C library rounds them (1e-400 to zero, not
    // to infinity, as it once did), bit for bit, in CSV imports and in SQL casts alike.
    void aPreviewCutInsideAJsonStringReadsNoFurtherThanItsCopy()
    {
        // The preview copies the file's first bytes; RapidJSON scans strings 16 bytes at a time.
        // Cuts at every alignment inside long strings: AddressSanitizer (the test build) saw it
        // read past the copy of a big backup's preview.
        QTemporaryDir tmp;
        const QString path = tmp.filePath("long_strings.json");
        QByteArray json = "[";
        for (int i = 0; i < 200; ++i)
            json += (i ? "," : "") + QByteArray("{\"id\": ") + QByteArray::number(i)
                    + ", \"text\": \"" + QByteArray(1000 + i, 'x') + "\"}";
        json += "]";
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(json);
        f.close();
        transfer::ImportSpec spec;
        for (int64_t cut = 100000; cut < 100000 + 48; ++cut) {
            auto preview = transfer::previewImport(path.toStdString(), spec, 20, cut);
            QVERIFY2(preview, preview ? "" : preview.status().toString().c_str());
            QCOMPARE(preview->tables.size(), size_t(1));
            QCOMPARE(preview->tables[0].rows.size(), size_t(20));
        }
    }

    void aColumnWidenedToTextSaysWhichRowMadeIt()
    {
        // Generated: integers, then one stray text far down (past what a preview reads, in a
        // file big enough to be inferred on two threads), then integers again. The import
        // and inferImportTypes both name the line and the value.
        QTemporaryDir tmp;
        for (const int strayLine : {7413, 150000, 290000}) {
            const QString path = tmp.filePath(QStringLiteral("counts_%1.csv").arg(strayLine));
            QByteArray csv = "id,count,label\n";
            constexpr int kRows = 300000; // > 4 MiB: the reader splits it in halves
            for (int line = 2; line <= kRows + 1; ++line)
                csv += QByteArray::number(line) + ","
                       + (line == strayLine ? QByteArray("n/a") : QByteArray::number(line % 97))
                       + ",label number " + QByteArray::number(line) + "\n";
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(csv);
            f.close();
            transfer::ImportSpec spec;
            spec.files = {path.toStdString()};
            auto types = transfer::inferImportTypes(path.toStdString(), spec);
            QVERIFY2(types, types ? "" : types.status().toString().c_str());
            QCOMPARE(types->size(), size_t(1));
            const auto &count = (*types)[0].columns[1];
            QCOMPARE(count.name, std::string("count"));
            QCOMPARE(count.type, std::string("TEXT"));
            QCOMPARE(count.widenedFrom, std::string("INTEGER"));
            QCOMPARE(count.widenedAt, "line " + std::to_string(strayLine));
            QCOMPARE(count.widenedBy, std::string("'n/a'"));
            QVERIFY((*types)[0].columns[0].widenedFrom.empty()); // id never widened
            QCOMPARE((*types)[0].rows, int64_t(kRows));
            auto db = engine::Database::openInMemory();
            auto result = transfer::runImport(*db, spec);
            QVERIFY2(result, result ? "" : result.status().toString().c_str());
            bool said = false;
            for (const auto &w : result->warnings)
                said = said
                       || w.find("widened to TEXT to hold every value (line "
                                 + std::to_string(strayLine) + ": 'n/a')")
                              != std::string::npos;
            QVERIFY2(said, result->warnings.empty() ? "no warning" : result->warnings[0].c_str());
        }
    }

    void numbersPastTheRangeRoundLikeStrtod()
    {
        QTemporaryDir tmp;
        const std::vector<std::string> texts{"1e-400",
                                             "-1e-400",
                                             "1e999",
                                             "-1e999",
                                             "4.9e-324",
                                             "2.4e-324",
                                             "1.7976931348623159e308",
                                             "0.1",
                                             "-0"};
        std::string csv = "x\n";
        for (const auto &t : texts)
            csv += t + "\n";
        auto db = engine::Database::openInMemory();
        auto r = transfer::runImport(
            *db, importOf(writeFile(tmp, "u.csv", QByteArray::fromStdString(csv))));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto c = db->connect();
        const auto rows = query(*c, "SELECT x FROM u").rows;
        QCOMPARE(rows.size(), texts.size());
        for (size_t i = 0; i < texts.size(); ++i) {
            const double expected = std::strtod(texts[i].c_str(), nullptr);
            QVERIFY2(std::memcmp(&rows[i][0].d, &expected, sizeof expected) == 0, texts[i].c_str());
            const double cast = query(*c, "SELECT CAST('" + texts[i] + "' AS DOUBLE)").rows[0][0].d;
            QVERIFY2(std::memcmp(&cast, &expected, sizeof expected) == 0, texts[i].c_str());
        }
    }

    // A restore reads backups only: every other JSON shape is refused, naming what is
    // missing, before anything changes (a file that was not a backup once wiped the database).
    void restoreRefusesWhatIsNotABackup_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("object without tables") << R"({"name": "x"})"
                                               << "not a backup";
        QTest::newRow("empty object") << "{}"
                                      << "not a backup";
        QTest::newRow("array of rows") << R"([{"a": 1}])"
                                       << "not a backup";
        QTest::newRow("empty array") << "[]"
                                     << "not a backup";
        QTest::newRow("scalar") << "42"
                                << "single value";
        QTest::newRow("string") << R"("tables")"
                                << "single value";
        QTest::newRow("null") << "null"
                              << "single value";
        QTest::newRow("tables is an array") << R"({"tables": []})"
                                            << "$.tables: expected an object";
        QTest::newRow("tables is a string") << R"({"tables": "users"})"
                                            << "$.tables: expected an object";
        QTest::newRow("tables is null") << R"({"tables": null})"
                                        << "$.tables: expected an object";
        QTest::newRow("table is a number") << R"({"tables": {"users": 5}})"
                                           << "$.tables.users: expected a table";
        QTest::newRow("table is an array") << R"({"tables": {"users": [{"id": 1}]}})"
                                           << "$.tables.users: expected a table";
        QTest::newRow("table without body") << R"({"tables": {"users": {}}})"
                                            << "found neither";
        QTest::newRow("data is an object") << R"({"tables": {"users": {"data": {"id": 1}}}})"
                                           << "$.tables.users.data";
        QTest::newRow("data is a string") << R"({"tables": {"users": {"data": "x"}}})"
                                          << "$.tables.users.data";
        QTest::newRow("schema is an array")
            << R"({"tables": {"users": {"schema": [], "data": []}}})"
            << "$.tables.users.schema";
        QTest::newRow("columns is a string")
            << R"({"tables": {"users": {"schema": {"columns": "id"}, "data": []}}})"
            << "columns";
        QTest::newRow("a table export") << R"({"table": {"name": "users", "data": [{"id": 1}]}})"
                                        << "not a backup";
        QTest::newRow("a query export") << R"({"query": "SELECT 1", "columns": [], "data": []})"
                                        << "not a backup";
        QTest::newRow("JSON lines") << "{\"id\": 1}\n{\"id\": 2}\n"
                                    << "";
        QTest::newRow("views is an object") << R"({"tables": {}, "views": {}})"
                                            << "$.views: expected \"views\" to be an array";
        QTest::newRow("view is a string") << R"({"tables": {}, "views": ["v"]})"
                                          << "$.views[0]: expected a view";
        QTest::newRow("view without its query")
            << R"({"tables": {}, "views": [{"name": "v"}]})"
            << "$.views[0]: expected a view: an object with a \"name\"";
        QTest::newRow("view name is a number")
            << R"({"tables": {}, "views": [{"name": 5, "sql": "SELECT 1"}]})"
            << "$.views[0].name: expected the view's \"name\" to be a string";
        QTest::newRow("view column is a number")
            << R"({"tables": {}, "views": [{"name": "v", "sql": "SELECT 1", "columns": [1]}]})"
            << "$.views[0].columns[0]: expected a column name";
        QTest::newRow("view that cannot run")
            << R"({"tables": {"users": {"schema": {"columns": ["id"]}, "data": [{"id": 2}]}},)"
               R"( "views": [{"name": "v", "sql": "SELECT nope FROM users"}]})"
            << "$.views[0]: view v cannot be made: no such column: nope";
    }
    void restoreRefusesWhatIsNotABackup()
    {
        QFETCH(QString, content);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        auto db = engine::Database::open(tmp.filePath("db").toStdString());
        QVERIFY(db);
        auto c = (*db)->connect();
        QVERIFY(c->executeScript("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); "
                                 "INSERT INTO users VALUES (1, 'kept'); CREATE TABLE other (n "
                                 "INTEGER); INSERT INTO other VALUES (7)"));
        const std::string before = dump(**db);
        for (const char *name : {"f.json", "f.jsonl"}) {
            auto spec = importOf(writeFile(tmp, name, content.toUtf8()));
            spec.restore = true;
            spec.mode = transfer::ImportMode::Replace;
            for (bool dropMissing : {false, true}) {
                spec.dropMissing = dropMissing;
                auto r = transfer::runImport(**db, spec);
                QVERIFY2(!r, name);
                const std::string wanted
                    = QString(name).endsWith("jsonl") ? "not a backup" : message.toStdString();
                QVERIFY2(r.status().message().find(wanted) != std::string::npos,
                         r.status().message().c_str());
                QVERIFY2(r.status().message().find(name) != std::string::npos,
                         r.status().message().c_str());
                QCOMPARE(dump(**db), before);
            }
        }
        QVERIFY(!QDir(tmp.filePath("db/pre-restore")).exists());
        // Other formats are not backups either.
        auto csv = importOf(writeFile(tmp, "users.csv", "id,name\n1,x\n"));
        csv.restore = true;
        csv.mode = transfer::ImportMode::Replace;
        auto r = transfer::runImport(**db, csv);
        QVERIFY(!r);
        QVERIFY2(r.status().message().find("not a backup") != std::string::npos,
                 r.status().message().c_str());
        QCOMPARE(dump(**db), before);
    }

    // A restore leaves tables the backup lacks alone unless asked, and keeps what it replaces
    // in a pre-restore backup that restores the database as it was.
    void restoreKeepsWhatItReplaces()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::open(tmp.filePath("db").toStdString());
        QVERIFY(db);
        auto c = (*db)->connect();
        QVERIFY(c->executeScript("CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT); "
                                 "CREATE INDEX a_v ON a (v); INSERT INTO a VALUES (1, 'old')"));
        transfer::ExportSpec ex;
        ex.scope = transfer::ExportScope::Full;
        ex.formats.push_back({"json", {}});
        ex.outputDir = tmp.filePath("out").toStdString();
        auto backup = transfer::runExport(**db, ex);
        QVERIFY(backup);
        QVERIFY(c->executeScript("UPDATE a SET v = 'new'; INSERT INTO a VALUES (2, 'two'); "
                                 "CREATE TABLE extra (n INTEGER); INSERT INTO extra VALUES (5)"));
        const std::string beforeRestore = dump(**db);
        auto spec = importOf(backup->files[0].path);
        spec.restore = true;
        spec.mode = transfer::ImportMode::Replace;
        auto r = transfer::runImport(**db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(scalar(*c, "SELECT count(*) FROM extra"), int64_t(1)); // kept
        QCOMPARE(query(*c, "SELECT v FROM a").rows.size(), size_t(1));
        QVERIFY(!r->preRestoreBackup.empty());
        QVERIFY(QFileInfo(QString::fromStdString(r->preRestoreBackup)).dir().absolutePath()
                == QDir(tmp.filePath("db/pre-restore")).absolutePath());
        QCOMPARE(scalar(*c, "SELECT count(*) FROM audit_log WHERE operation = 'export' AND "
                            "files LIKE '%pre-restore%'"),
                 int64_t(1));
        // The pre-restore backup undoes the restore, extra table and all.
        auto undo = importOf(r->preRestoreBackup);
        undo.restore = true;
        undo.mode = transfer::ImportMode::Replace;
        undo.dropMissing = true;
        auto back = transfer::runImport(**db, undo);
        QVERIFY2(back, back ? "" : back.status().toString().c_str());
        QCOMPARE(dump(**db), beforeRestore);
        // ... and the database reopens (restores drop and re-create indexed tables).
        c.reset();
        QVERIFY((*db)->close());
        db->reset();
        auto again = engine::Database::open(tmp.filePath("db").toStdString());
        QVERIFY2(again, again ? "" : again.status().toString().c_str());
        QCOMPARE(dump(**again), beforeRestore);
    }

    // A backup carries the views (their text, their column names), a restore makes them once
    // the tables are in (one reading another, whatever their order), replaces a changed view,
    // drops a view the backup lacks only when asked, and the pre-restore backup gives the
    // replaced views back.
    void restoreCarriesViews()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::open(tmp.filePath("db").toStdString());
        QVERIFY(db);
        auto c = (*db)->connect();
        QVERIFY(c->executeScript(
            "CREATE TABLE sales (id INTEGER PRIMARY KEY, region TEXT, amount INTEGER); "
            "INSERT INTO sales VALUES (1, 'N', 10), (2, 'S', 5), (3, 'N', 7); "
            "CREATE VIEW by_region (region, total) AS SELECT region, sum(amount) FROM sales "
            "GROUP BY region; "
            "CREATE VIEW a_top AS SELECT region FROM by_region WHERE total > 10"));
        transfer::ExportSpec ex;
        ex.scope = transfer::ExportScope::Full;
        ex.formats.push_back({"json", {}});
        ex.outputDir = tmp.filePath("out").toStdString();
        auto backup = transfer::runExport(**db, ex);
        QVERIFY2(backup, backup ? "" : backup.status().toString().c_str());
        const std::string atBackup = dump(**db);

        // Into an empty database: everything, views included.
        auto fresh = engine::Database::open(tmp.filePath("fresh").toStdString());
        QVERIFY(fresh);
        auto spec = importOf(backup->files[0].path);
        spec.restore = true;
        spec.mode = transfer::ImportMode::Replace;
        auto r = transfer::runImport(**fresh, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(dump(**fresh), atBackup);
        auto fc = (*fresh)->connect();
        QCOMPARE(query(*fc, "SELECT region FROM a_top").rows.size(), size_t(1));
        QCOMPARE(r->viewsRestored.size(), size_t(2));

        // Changed and added views: the restore replaces the one, keeps the other, and keeps
        // what it replaced.
        QVERIFY(
            c->executeScript("DROP VIEW a_top; CREATE VIEW a_top AS SELECT 'changed' AS region; "
                             "CREATE VIEW extra AS SELECT 1 AS one"));
        const std::string beforeRestore = dump(**db);
        r = transfer::runImport(**db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(scalar(*c, "SELECT count(*) FROM extra"), int64_t(1));
        QCOMPARE(query(*c, "SELECT region FROM a_top").rows[0][0].s, std::string("N"));
        QVERIFY(r->viewsDropped.empty());
        QVERIFY(!r->preRestoreBackup.empty());
        spec.dropMissing = true;
        r = transfer::runImport(**db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->viewsDropped, std::vector<std::string>{"extra"});
        QCOMPARE(dump(**db), atBackup);

        // The pre-restore backup of the first restore brings the changed views back.
        auto first = importOf(backup->files[0].path);
        QVERIFY(c->executeScript("DROP VIEW a_top; CREATE VIEW a_top AS SELECT 'changed' AS "
                                 "region; CREATE VIEW extra AS SELECT 1 AS one"));
        QCOMPARE(dump(**db), beforeRestore);
        first.restore = true;
        first.mode = transfer::ImportMode::Replace;
        r = transfer::runImport(**db, first);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto undo = importOf(r->preRestoreBackup);
        undo.restore = true;
        undo.mode = transfer::ImportMode::Replace;
        undo.dropMissing = true;
        auto back = transfer::runImport(**db, undo);
        QVERIFY2(back, back ? "" : back.status().toString().c_str());
        QCOMPARE(dump(**db), beforeRestore);

        // A selective restore of one view changes only that view.
        auto one = importOf(backup->files[0].path);
        one.restore = true;
        one.mode = transfer::ImportMode::Replace;
        one.tables = {"a_top"};
        r = transfer::runImport(**db, one);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->viewsRestored, std::vector<std::string>{"a_top"});
        QCOMPARE(scalar(*c, "SELECT count(*) FROM extra"), int64_t(1));
        QCOMPARE(query(*c, "SELECT region FROM a_top").rows[0][0].s, std::string("N"));

        // A backup (written by hand) may list a view before the view it reads.
        auto reversed = engine::Database::open(tmp.filePath("reversed").toStdString());
        QVERIFY(reversed);
        auto backwards = importOf(writeFile(
            tmp, "backwards.json",
            R"({"tables": {"t": {"schema": {"columns": ["x"]}, "data": [{"x": 4}]}}, "views": [)"
            R"({"name": "second", "sql": "SELECT y + 1 AS z FROM first"},)"
            R"({"name": "first", "sql": "SELECT x * 10 AS y FROM t"}]})"));
        backwards.restore = true;
        backwards.mode = transfer::ImportMode::Replace;
        r = transfer::runImport(**reversed, backwards);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(scalar(*(*reversed)->connect(), "SELECT z FROM second"), int64_t(41));

        // A backup's view may not take a table's name.
        QVERIFY(c->executeScript("DROP VIEW extra; CREATE TABLE extra (n INTEGER)"));
        const std::string withTable = dump(**db);
        const auto clash = writeFile(tmp, "clash.json",
                                     R"({"tables": {}, "views": [{"name": "extra", "sql": )"
                                     R"("SELECT 1 AS x"}]})");
        auto clashing = importOf(clash);
        clashing.restore = true;
        clashing.mode = transfer::ImportMode::Replace;
        auto refused = transfer::runImport(**db, clashing);
        QVERIFY(!refused);
        QVERIFY2(refused.status().message().find("$.views[0]: view extra cannot be made: table or "
                                                 "view extra already exists")
                     != std::string::npos,
                 refused.status().message().c_str());
        QCOMPARE(dump(**db), withTable);
    }

    void selectiveRestoreTouchesOnlyNamedTables()
    {
        QTemporaryDir tmp;
        auto source = test::trickyDatabase();
        auto sc = source->connect();
        QVERIFY(sc->execute("CREATE TABLE other (n INTEGER); INSERT INTO other VALUES (1)"));
        transfer::ExportSpec ex;
        ex.scope = transfer::ExportScope::Full;
        ex.formats.push_back({"json", {}});
        ex.outputDir = tmp.path().toStdString();
        auto backup = transfer::runExport(*source, ex);
        QVERIFY(backup);
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE mine (n INTEGER); INSERT INTO mine VALUES (5)"));
        auto spec = importOf(backup->files[0].path);
        spec.restore = true;
        spec.mode = transfer::ImportMode::Replace;
        spec.tables = {"other"};
        auto r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QVERIFY(!c->table("t"));
        QCOMPARE(scalar(*c, "SELECT n FROM other"), int64_t(1));
        QCOMPARE(scalar(*c, "SELECT n FROM mine"), int64_t(5)); // not in the list: kept
    }

    void cancelLeavesNothing()
    {
        QTemporaryDir tmp;
        QByteArray csv = "n\n";
        for (int i = 0; i < 50000; ++i)
            csv += QByteArray::number(i) + "\n";
        const auto file = writeFile(tmp, "c.csv", csv);
        auto db = engine::Database::openInMemory();
        CancelAfter cancel(10000);
        auto r = transfer::runImport(*db, importOf(file), &cancel);
        QVERIFY(!r);
        QCOMPARE(r.status().code(), engine::StatusCode::Canceled);
        QVERIFY(cancel.seen >= 10000);
        auto c = db->connect();
        QVERIFY(!c->table("c"));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM audit_log WHERE operation = 'import' AND "
                            "outcome = 'canceled'"),
                 int64_t(1));
    }

    //! The same for a SQL script, whose statements run on a second thread while the next are
    //! read: a cancel stops it and nothing of it stays.
    void cancelingAScriptLeavesNothing()
    {
        QTemporaryDir tmp;
        QByteArray sql = "CREATE TABLE s (n INTEGER, t TEXT);\n";
        for (int i = 0; i < 50000; ++i)
            sql += "INSERT INTO s VALUES (" + QByteArray::number(i) + ", 'row');\n";
        const auto file = writeFile(tmp, "s.sql", sql);
        auto db = engine::Database::openInMemory();
        CancelAfter cancel(10000);
        auto r = transfer::runImport(*db, importOf(file), &cancel);
        QVERIFY(!r);
        QCOMPARE(r.status().code(), engine::StatusCode::Canceled);
        QVERIFY(cancel.seen >= 10000 && cancel.seen < 50000);
        auto c = db->connect();
        QVERIFY(!c->table("s"));
        auto whole = transfer::runImport(*db, importOf(file)); // uncanceled, all of it
        QVERIFY2(whole, whole ? "" : whole.status().toString().c_str());
        QCOMPARE(scalar(*c, "SELECT count(*) FROM s"), int64_t(50000));
    }

    void evilTableNamesAreJustNames()
    {
        QTemporaryDir tmp;
        auto db = engine::Database::openInMemory();
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE keep (n INTEGER); INSERT INTO keep VALUES (1)"));
        auto spec = importOf(writeFile(tmp, "x.csv", "a\"b;c,d\n1,2\n"));
        spec.table = "keep\"; DROP TABLE keep; --";
        auto r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(scalar(*c, "SELECT n FROM keep"), int64_t(1));
        QCOMPARE(scalar(*c, "SELECT \"a\"\"b;c\" FROM \"keep\"\"; DROP TABLE keep; --\""),
                 int64_t(1));
    }

    void zipArchivesImportEveryEntry()
    {
        QTemporaryDir tmp;
        // Strata's own archive of a full backup: the manifest is checked, then it restores.
        auto source = test::trickyDatabase();
        auto sc = source->connect();
        QVERIFY(sc->execute("CREATE TABLE other (n INTEGER); INSERT INTO other VALUES (7)"));
        transfer::ExportSpec ex;
        ex.scope = transfer::ExportScope::Full;
        ex.formats.push_back({"json", {}});
        ex.formats.push_back({"csv", {}});
        ex.outputDir = tmp.filePath("out").toStdString();
        ex.zip = true;
        auto exported = transfer::runExport(*source, ex);
        QVERIFY2(exported, exported ? "" : exported.status().toString().c_str());
        std::string archive;
        for (const auto &f : exported->files)
            if (f.path.ends_with(".zip"))
                archive = f.path;
        QVERIFY(!archive.empty());
        auto db = engine::Database::openInMemory();
        auto spec = importOf(archive);
        spec.restore = true;
        spec.mode = transfer::ImportMode::Replace;
        spec.tables = {"t", "other"};
        auto r = transfer::runImport(*db, spec);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto c = db->connect();
        compareTables(*sc, *c, "t");
        QCOMPARE(scalar(*c, "SELECT n FROM other"), int64_t(7));
        // A zip made by another tool: each entry Strata reads becomes a table; others are
        // skipped with a warning.
        writeFile(tmp, "a.csv", "x,y\n1,2\n");
        writeFile(tmp, "b.jsonl", "{\"k\": \"v\"}\n");
        writeFile(tmp, "notes.txt", "not data");
        QProcess zip;
        zip.setWorkingDirectory(tmp.path());
        zip.start("zip", {"-q", "plain.zip", "a.csv", "b.jsonl", "notes.txt"});
        QVERIFY(zip.waitForFinished(-1));
        QCOMPARE(zip.exitCode(), 0);
        auto fresh = engine::Database::openInMemory();
        r = transfer::runImport(*fresh, importOf(tmp.filePath("plain.zip").toStdString()));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto f = fresh->connect();
        QCOMPARE(scalar(*f, "SELECT y FROM a"), int64_t(2));
        QCOMPARE(query(*f, "SELECT k FROM b").rows[0][0].s, std::string("v"));
        QVERIFY(std::any_of(r->warnings.begin(), r->warnings.end(), [](const std::string &w) {
            return w.find("notes.txt skipped") != std::string::npos;
        }));
    }

    void errorsInsideAnArchiveNameTheEntry()
    {
        // Each entry is read from an unpacked copy; what goes wrong is placed in the archive
        // the user gave (file, entry, line, column, JSON path), never in the temporary copy.
        QTemporaryDir tmp;
        struct Case {
            const char *entry;
            const char *text;
            int64_t line, column;
            const char *jsonPath; // a prefix of the expected path; "" when none
        } cases[] = {
            {"bad.csv", "a,b\n1,2\n3,\"oops\n", 3, 3, ""},
            {"bad.json", "[{\"a\": 1},\n {\"a\": [1, {\"b\": 2}]}]", 2, 0, "$[1]"},
            {"bad.sql", "CREATE TABLE t (a TEXT);\nINSERT INTO t VALUES ('never closed);\n", 2, 0,
             ""},
        };
        for (const Case &c : cases) {
            const QString name = QString("archive_%1.zip").arg(c.entry);
            writeFile(tmp, c.entry, c.text);
            QProcess zip;
            zip.setWorkingDirectory(tmp.path());
            zip.start("zip", {"-q", name, c.entry});
            QVERIFY(zip.waitForFinished(-1));
            QCOMPARE(zip.exitCode(), 0);
            auto db = engine::Database::openInMemory();
            const std::string archive = tmp.filePath(name).toStdString();
            auto r = transfer::runImport(*db, importOf(archive));
            QVERIFY2(!r, c.entry);
            const engine::Status status = r.status();
            const engine::Location &where = status.location();
            QCOMPARE(where.file, archive);
            QCOMPARE(where.entry, std::string(c.entry));
            QCOMPARE(where.line, c.line);
            if (c.column)
                QCOMPARE(where.column, c.column);
            QVERIFY2(where.jsonPath.rfind(c.jsonPath, 0) == 0, where.jsonPath.c_str());
            const std::string message = r.status().message();
            QVERIFY2(message.rfind(archive + ":" + c.entry + ":" + std::to_string(c.line), 0) == 0,
                     message.c_str());
            // No other path (the unpacked copy's) anywhere after the archive's.
            QVERIFY2(message.find('/', archive.size()) == std::string::npos, message.c_str());
            const auto tables = db->connect()->tables();
            QVERIFY(tables);
            for (const auto &t : *tables) // nothing kept but the audit trail
                QCOMPARE(t.name, std::string("audit_log"));
        }
        // A reader's warning names the entry too.
        writeFile(tmp, "dup.csv", "k,k\n1,2\n");
        QProcess zip;
        zip.setWorkingDirectory(tmp.path());
        zip.start("zip", {"-q", "dup.zip", "dup.csv"});
        QVERIFY(zip.waitForFinished(-1));
        auto db = engine::Database::openInMemory();
        const std::string archive = tmp.filePath("dup.zip").toStdString();
        auto r = transfer::runImport(*db, importOf(archive));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QVERIFY(std::any_of(r->warnings.begin(), r->warnings.end(), [&](const std::string &w) {
            return w.rfind(archive + ":dup.csv: the header names column", 0) == 0;
        }));
    }

    void hostileFilesChangeNothing()
    {
        const QString dir = QStringLiteral(STRATA_SOURCE_DIR "/tests/data/import_hostile");
        QFile list(dir + "/expected.tsv");
        QVERIFY(list.open(QIODevice::ReadOnly));
        int checked = 0;
        while (!list.atEnd()) {
            const QString line = QString::fromUtf8(list.readLine()).chopped(1);
            if (line.startsWith('#') || line.isEmpty())
                continue;
            const QStringList parts = line.split('\t');
            QCOMPARE(parts.size(), 3);
            auto db = engine::Database::openInMemory();
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE keep (id INTEGER PRIMARY KEY, name TEXT); INSERT "
                               "INTO keep VALUES (1, 'one'); CREATE TABLE typed (n INTEGER NOT "
                               "NULL, d DATE); CREATE TABLE keyed (id INTEGER PRIMARY KEY)"));
            const std::string before = dump(*db);
            auto spec = importOf((dir + "/" + parts[0]).toStdString());
            for (const auto &option : parts[1].split(';', Qt::SkipEmptyParts)) {
                const QString key = option.section('=', 0, 0);
                const std::string value = option.section('=', 1).toStdString();
                if (key == "mode")
                    spec.mode = value == "append"  ? transfer::ImportMode::Append
                                : value == "merge" ? transfer::ImportMode::Merge
                                                   : transfer::ImportMode::Create;
                else if (key == "table")
                    spec.table = value;
                else if (key == "encoding")
                    spec.csv.encoding = value;
                else if (key == "maxfield")
                    spec.csv.maxFieldBytes = std::stoll(value);
                else if (key == "maxentry")
                    spec.maxEntryBytes = std::stoll(value);
                else
                    QFAIL(qPrintable("unknown option " + key));
            }
            auto r = transfer::runImport(*db, spec);
            QVERIFY2(!r, qPrintable(parts[0] + " was imported"));
            const QString message = QString::fromStdString(r.status().message());
            QVERIFY2(message.contains(parts[2]),
                     qPrintable(parts[0] + ": got \"" + message + "\", expected a message with \""
                                + parts[2] + "\""));
            QVERIFY2(dump(*db) == before, qPrintable(parts[0] + " changed the database"));
            ++checked;
        }
        QVERIFY2(checked >= 40, qPrintable(QString::number(checked) + " files"));
    }

    void readsCsvWrittenByPandas()
    {
        QTemporaryDir tmp;
        const QString file = tmp.filePath("pandas.csv");
        const char *script = R"(
import sys, pandas as pd, numpy as np
df = pd.DataFrame({
    "id": [1, 2, 3],
    "name": ['Zoë "Z" Müller, Jr.', "line1\nline2", None],
    "score": [0.1, np.nan, -1e300],
    "flag": [True, False, True],
    "day": pd.to_datetime(["2024-01-15", "2024-02-29", "1999-12-31"]).date,
    "code": ["007", "012", "100"],
})
df.to_csv(sys.argv[1], index=False)
)";
        QProcess p;
        p.start(python(), {"-c", script, file});
        QVERIFY(p.waitForFinished(-1));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        auto db = engine::Database::openInMemory();
        auto r = transfer::runImport(*db, importOf(file.toStdString()));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto c = db->connect();
        const auto info = *c->table("pandas");
        QCOMPARE(info.columns[2].type, LogicalType::Double);
        QCOMPARE(info.columns[3].type, LogicalType::Boolean);
        QCOMPARE(info.columns[4].type, LogicalType::Date);
        QCOMPARE(info.columns[5].type, LogicalType::Text);
        const auto rows = query(*c, "SELECT id, name, score, flag, CAST(day AS TEXT), code FROM "
                                    "pandas ORDER BY id")
                              .rows;
        QCOMPARE(rows[0][1].s, std::string("Zoë \"Z\" Müller, Jr."));
        QCOMPARE(rows[1][1].s, std::string("line1\nline2"));
        QVERIFY(rows[2][1].isNull());
        QCOMPARE(rows[0][2].d, 0.1);
        QVERIFY(rows[1][2].isNull()); // pandas writes NaN as an empty field
        QCOMPARE(rows[2][2].d, -1e300);
        QCOMPARE(rows[1][3].i, int64_t(0));
        QCOMPARE(rows[1][4].s, std::string("2024-02-29"));
        QCOMPARE(rows[0][5].s, std::string("007"));
    }

    void readsCsvWrittenByLibreOffice()
    {
        QTemporaryDir tmp;
        const QString xlsx = tmp.filePath("sheet.xlsx");
        const char *script = R"(
import sys, datetime, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.append(["id", "name", "price", "when", "flag", "zip"])
ws.append([1, 'Zoë, "Z"', 1.5, datetime.date(2024, 2, 29), True, "02134"])
ws.append([2, "line1\nline2", None, datetime.date(1999, 12, 31), False, "90210"])
wb.save(sys.argv[1])
)";
        QProcess p;
        p.start(python(), {"-c", script, xlsx});
        QVERIFY(p.waitForFinished(-1));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        // LibreOffice converts it to CSV, with a profile of its own so runs do not collide.
        QProcess soffice;
        soffice.start("soffice",
                      {"-env:UserInstallation=file://" + tmp.filePath("profile"), "--headless",
                       "--convert-to", "csv", "--outdir", tmp.path(), xlsx});
        QVERIFY(soffice.waitForFinished(-1));
        QVERIFY2(soffice.exitCode() == 0, soffice.readAllStandardError().constData());
        const std::string csv = tmp.filePath("sheet.csv").toStdString();
        QVERIFY(QFile::exists(QString::fromStdString(csv)));
        auto db = engine::Database::openInMemory();
        auto r = transfer::runImport(*db, importOf(csv));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto c = db->connect();
        const auto info = *c->table("sheet");
        QCOMPARE(info.columns[2].type, LogicalType::Double);
        QCOMPARE(info.columns[3].type, LogicalType::Date);
        QCOMPARE(info.columns[4].type, LogicalType::Boolean);
        QCOMPARE(info.columns[5].type, LogicalType::Text);
        const auto rows = query(*c, "SELECT id, name, price, CAST(\"when\" AS TEXT), flag, zip "
                                    "FROM sheet ORDER BY id")
                              .rows;
        QCOMPARE(rows.size(), size_t(2));
        QCOMPARE(rows[0][1].s, std::string("Zoë, \"Z\""));
        QCOMPARE(rows[0][2].d, 1.5);
        QCOMPARE(rows[0][3].s, std::string("2024-02-29"));
        QCOMPARE(rows[0][4].i, int64_t(1));
        QCOMPARE(rows[0][5].s, std::string("02134"));
        QCOMPARE(rows[1][1].s, std::string("line1\nline2"));
        QVERIFY(rows[1][2].isNull());
        QCOMPARE(rows[1][4].i, int64_t(0));
    }

    void readsCsvWrittenBySqlite3()
    {
        QTemporaryDir tmp;
        const QString file = tmp.filePath("from_sqlite.csv");
        QProcess p;
        p.start("sqlite3", {":memory:"});
        QVERIFY(p.waitForStarted());
        p.write(QString("CREATE TABLE t (id INTEGER, s TEXT, r REAL);\n"
                        "INSERT INTO t VALUES (1, 'a,b', 1.25), (2, 'say \"hi\"', -0.5), "
                        "(3, NULL, NULL), (4, 'x' || char(10) || 'y', 3.0);\n"
                        ".headers on\n.mode csv\n.output %1\nSELECT * FROM t;\n")
                    .arg(file)
                    .toUtf8());
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(-1));
        QCOMPARE(p.exitCode(), 0);
        auto db = engine::Database::openInMemory();
        auto r = transfer::runImport(*db, importOf(file.toStdString()));
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        auto c = db->connect();
        const auto rows = query(*c, "SELECT id, s, r FROM from_sqlite ORDER BY id").rows;
        QCOMPARE(rows.size(), size_t(4));
        QCOMPARE(rows[0][1].s, std::string("a,b"));
        QCOMPARE(rows[1][1].s, std::string("say \"hi\""));
        QVERIFY(rows[2][1].isNull());
        QCOMPARE(rows[3][1].s, std::string("x\ny"));
        QCOMPARE(rows[1][2].d, -0.5);
    }

    void sigkillMidImportLeavesTheDatabaseAsItWas()
    {
        QTemporaryDir tmp;
        const QString dbDir = tmp.filePath("db");
        {
            auto db = engine::Database::open(dbDir.toStdString());
            QVERIFY(db);
            auto c = (*db)->connect();
            QVERIFY(c->execute("CREATE TABLE big (n INTEGER PRIMARY KEY, s TEXT); INSERT INTO "
                               "big VALUES (-1, 'before')"));
        }
        QByteArray csv = "n,s\n";
        for (int i = 0; i < 200000; ++i)
            csv += QByteArray::number(i) + ",row " + QByteArray::number(i) + "\n";
        const auto file = writeFile(tmp, "big.csv", csv);
        // The helper imports and, once 100,000 rows are in the transaction, says so and waits
        // to be killed.
        QProcess child;
        child.start(QStringLiteral(STRATA_JOB_KILLER),
                    {"import", dbDir, QString::fromStdString(file), "100000"});
        QVERIFY(child.waitForStarted());
        QByteArray said;
        while (!said.contains("mid-import") && child.waitForReadyRead(-1))
            said += child.readAllStandardOutput();
        QVERIFY2(said.contains("mid-import"), said.constData());
        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(-1));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        auto db = engine::Database::open(dbDir.toStdString());
        QVERIFY2(db, db ? "" : db.status().toString().c_str());
        auto c = (*db)->connect();
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big"), int64_t(1));
        QCOMPARE(query(*c, "SELECT s FROM big").rows[0][0].s, std::string("before"));
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
