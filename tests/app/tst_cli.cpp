// strata-cli as a user runs it: a real process, its output parsed, its exit codes.
#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/support/csv_parse.h"

using strata::test::parseCsv;

namespace {

struct Run {
    int code;
    QString out;
    QString err;
};

Run cli(const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.setProgram(QStringLiteral(STRATA_CLI));
    p.setArguments(args);
    p.start();
    p.waitForStarted();
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(-1);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_db;

private slots:
    void initTestCase()
    {
        m_db = m_tmp.filePath("demo");
        const Run r = cli({"demo", "--db", m_db, "--rows", "200"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("users: 200 rows"));
        QVERIFY(r.out.contains("orders: 600 rows"));
        QVERIFY(r.out.contains("parcels: 100 rows"));
    }

    void demoIsDeterministic()
    {
        const QString other = m_tmp.filePath("demo2");
        QCOMPARE(cli({"demo", "--db", other, "--rows", "200"}).code, 0);
        const QString q = "SELECT name, email, age FROM users ORDER BY id; SELECT geometry FROM "
                          "parcels ORDER BY id";
        const Run a = cli({"sql", "--db", m_db, "--format", "csv", "-c", q});
        const Run b = cli({"sql", "--db", other, "--format", "csv", "-c", q});
        QCOMPARE(a.code, 0);
        QCOMPARE(a.out, b.out);
        // Non-ASCII names are part of the demo.
        QVERIFY(a.out.contains(QRegularExpression("[À-ÿ]|[Ѐ-ӿ]|[一-鿿]")));
        QVERIFY(a.out.contains("POLYGON (("));
    }

    void sqlCsvOutput()
    {
        const Run r
            = cli({"sql", "--db", m_db, "--format", "csv", "-c",
                   "SELECT 1 AS a, 'x,\"y\"' AS b, NULL AS c, 'two\nlines' AS d, 2.5 AS e"});
        QCOMPARE(r.code, 0);
        const auto rows = parseCsv(r.out);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0], (QStringList{"a", "b", "c", "d", "e"}));
        QCOMPARE(rows[1], (QStringList{"1", "x,\"y\"", "", "two\nlines", "2.5"}));
        QVERIFY(r.out.endsWith("\r\n"));
    }

    void sqlJsonOutput()
    {
        const Run r
            = cli({"sql", "--db", m_db, "--format", "json", "-c",
                   "SELECT count(*) AS n FROM users; SELECT id, name, age, created, TRUE AS t, "
                   "9007199254740993 AS big FROM users WHERE id = 1"});
        QCOMPARE(r.code, 0);
        const auto lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2); // one line per result set
        const auto first = QJsonDocument::fromJson(lines[0].toUtf8()).object();
        QCOMPARE(first["columns"].toArray()[0].toString(), QStringLiteral("n"));
        QCOMPARE(first["types"].toArray()[0].toString(), QStringLiteral("INTEGER"));
        QCOMPARE(first["rows"].toArray()[0].toArray()[0].toInt(), 200);
        const auto second = QJsonDocument::fromJson(lines[1].toUtf8()).object();
        const auto row = second["rows"].toArray()[0].toArray();
        QCOMPARE(row[0].toInt(), 1);
        QVERIFY(row[1].isString());
        QVERIFY(row[2].isDouble() || row[2].isNull());
        QVERIFY(QDateTime::fromString(row[3].toString(), Qt::ISODateWithMs).isValid());
        QCOMPARE(row[4].toBool(), true);
        QCOMPARE(row[5].toString(), QStringLiteral("9007199254740993")); // beyond 2^53: a string
        QCOMPARE(second["types"].toArray()[3].toString(), QStringLiteral("TIMESTAMP"));
    }

    void sqlFromStandardInputAndTableFormat()
    {
        const Run r = cli({"sql", "--db", m_db, "--format", "table"},
                          "SELECT category, count(*) AS n FROM products GROUP BY category ORDER BY "
                          "category LIMIT 2;");
        QCOMPARE(r.code, 0);
        const auto lines = r.out.split('\n', Qt::SkipEmptyParts);
        QVERIFY(lines[0].startsWith("category"));
        QVERIFY(lines[1].startsWith("---"));
        QCOMPARE(lines.last(), QStringLiteral("(2 rows)"));
    }

    void newDatabaseFolderIsCreated()
    {
        const QString fresh = m_tmp.filePath("fresh/nested");
        const Run r = cli(
            {"sql", "--db", fresh, "--format", "csv", "-c",
             "CREATE TABLE t (a INTEGER); INSERT INTO t VALUES (1), (2); SELECT sum(a) FROM t"});
        QCOMPARE(r.code, 0);
        QCOMPARE(parseCsv(r.out).last(), QStringList{"3"});
        QVERIFY(QFile::exists(fresh + "/LOCK"));
        const Run again
            = cli({"sql", "--db", fresh, "--format", "csv", "-c", "SELECT count(*) FROM t"});
        QCOMPARE(parseCsv(again.out).last(), QStringList{"2"});
    }

    void tablesJson()
    {
        const Run r = cli({"tables", "--db", m_db, "--json"});
        QCOMPARE(r.code, 0);
        const auto tables = QJsonDocument::fromJson(r.out.toUtf8()).object()["tables"].toArray();
        QCOMPARE(tables.size(), 4);
        QJsonObject users;
        for (const auto &t : tables)
            if (t.toObject()["name"] == "users")
                users = t.toObject();
        QCOMPARE(users["rows"].toInt(), 200);
        const auto cols = users["columns"].toArray();
        QCOMPARE(cols[0].toObject()["primary_key"].toBool(), true);
        QCOMPARE(cols[2].toObject()["name"].toString(), QStringLiteral("email"));
        QCOMPARE(cols[2].toObject()["sensitive"].toBool(), true);
        QVERIFY(QDateTime::fromString(users["created_at"].toString(), Qt::ISODateWithMs).isValid());
    }

    void errorsExitOneWithAMessage()
    {
        const Run r = cli({"sql", "--db", m_db, "-c", "SELECT nope FROM users"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("no such column: nope"), qPrintable(r.err));
        QVERIFY(r.err.contains("line 1, column 8"));
        QVERIFY(r.out.isEmpty());
        const Run syntax = cli({"sql", "--db", m_db, "-c", "SELEC 1"});
        QCOMPARE(syntax.code, 1);
        QVERIFY(syntax.err.contains("syntax error at line 1, column 1"));
    }

    void badUsageExitsTwo()
    {
        QCOMPARE(cli({}).code, 2);
        QCOMPARE(cli({"frobnicate"}).code, 2);
        QCOMPARE(cli({"sql", "-c", "SELECT 1"}).code, 2); // no --db
        QCOMPARE(cli({"sql", "--db", m_db, "--format", "xml", "-c", "SELECT 1"}).code, 2);
        QCOMPARE(cli({"demo", "--db", m_db, "--rows", "many"}).code, 2);
        QCOMPARE(cli({"tables", "--bogus"}).code, 2);
        const Run help = cli({"sql", "--help"});
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains("--format"));
        QCOMPARE(cli({"--version"}).code, 0);
    }

    void exportWritesFilesAndReportsThem()
    {
        const QString out = m_tmp.filePath("exports");
        const Run r = cli({"export", "--db", m_db, "--out", out, "--tables", "users,orders",
                           "--format", "csv,json", "--where", "orders:status = 'shipped'",
                           "--columns", "users:id,name,email", "--sanitize", "mask", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto result = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const auto files = result["files"].toArray();
        QCOMPARE(files.size(), 4); // two tables x two formats
        QVERIFY(QDateTime::fromString(result["snapshot_commit_ts"].toString(), Qt::ISODateWithMs)
                    .isValid());
        for (const auto &f : files) {
            const auto o = f.toObject();
            QFile file(o["path"].toString());
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(o["path"].toString()));
            const QByteArray bytes = file.readAll();
            QCOMPARE(o["bytes"].toInteger(), qint64(bytes.size()));
            QCOMPARE(o["sha256"].toString(),
                     QString(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
            QVERIFY(QFileInfo(o["path"].toString())
                        .fileName()
                        .contains(QRegularExpression(
                            "^(users|orders)_export_\\d{8}_\\d{6}\\.(csv|json)$")));
            if (o["table"] == "users" && o["format"] == "csv") {
                const auto rows = parseCsv(QString::fromUtf8(bytes));
                QCOMPARE(rows[0], (QStringList{"id", "name", "email"}));
                QCOMPARE(rows[1][2], QStringLiteral("***"));
                QCOMPARE(o["rows"].toInt(), 200);
            }
        }
        const Run count = cli({"sql", "--db", m_db, "--format", "csv", "-c",
                               "SELECT count(*) FROM orders WHERE status = 'shipped'"});
        for (const auto &f : files)
            if (f.toObject()["table"] == "orders")
                QCOMPARE(QString::number(f.toObject()["rows"].toInt()),
                         parseCsv(count.out).last()[0]);
        // Bad usage names the option at fault and writes nothing.
        const Run bad = cli(
            {"export", "--db", m_db, "--out", out, "--tables", "users", "--where", "nocolon"});
        QCOMPARE(bad.code, 2);
        QVERIFY(bad.err.contains("--where takes TABLE:EXPRESSION"));
        const Run missing = cli({"export", "--db", m_db, "--out", out, "--tables", "nope"});
        QCOMPARE(missing.code, 1);
        QVERIFY(missing.err.contains("no such table: nope"));
        QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden | QDir::NoSymLinks).size(), 4);
        QCOMPARE(QDir(out).entryList({"*_latest.*"}, QDir::Files).size(), 4); // one link per stem
    }

    // Format options come from each format's schema: `formats` lists them, --option sets any,
    // and a wrong one is refused before the database is opened or a folder created.
    void formatOptionsFromTheSchema()
    {
        const Run listed = cli({"formats", "--json"});
        QVERIFY2(listed.code == 0, qPrintable(listed.err));
        const auto formats = QJsonDocument::fromJson(listed.out.toUtf8()).array();
        QStringList ids;
        QJsonObject csvFormat;
        for (const auto &f : formats) {
            ids << f.toObject()["id"].toString();
            if (ids.last() == "csv")
                csvFormat = f.toObject();
        }
        // The formats users are promised are there, each once (a new format adds to the list
        // without this test knowing it).
        for (const char *id : {"csv", "json", "sql", "sqlite", "xlsx", "geojson", "zip"})
            QVERIFY2(ids.contains(id), id);
        QCOMPARE(ids.removeDuplicates(), 0);
        bool delimiter = false;
        for (const auto &o : csvFormat["options"].toArray())
            delimiter |= o.toObject()["name"] == "delimiter" && o.toObject()["kind"] == "character";
        QVERIFY(delimiter);
        const QString out = m_tmp.filePath("options");
        const Run semicolons = cli({"export", "--db", m_db, "--out", out, "--tables", "users",
                                    "--format", "csv,json", "--option", "csv.delimiter=;",
                                    "--option", "json.lines=true", "--json"});
        QVERIFY2(semicolons.code == 0, qPrintable(semicolons.err));
        const auto files = QJsonDocument::fromJson(semicolons.out.toUtf8())["files"].toArray();
        QCOMPARE(files.size(), 2);
        for (const auto &f : files) {
            const QString path = f.toObject()["path"].toString();
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray first = file.readLine();
            if (path.endsWith(".csv"))
                QVERIFY2(first.startsWith("id;name;"), first.constData());
            else
                QVERIFY2(path.endsWith(".jsonl") && first.startsWith("{"), qPrintable(path));
        }
        const QString untouched = m_tmp.filePath("never-created");
        for (const QStringList &bad :
             {QStringList{"--format", "csv", "--option", "csv.delimiter=two"},
              QStringList{"--format", "csv", "--option", "csv.no_such=1"},
              QStringList{"--format", "csv", "--option", "sql.dialect=postgres"},
              QStringList{"--format", "lotus"}}) {
            const Run r = cli(QStringList{"export", "--db", m_tmp.filePath("no-such-db"), "--out",
                                          untouched, "--tables", "users"}
                              + bad);
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains("delimiter: 'two' is not a value (expected one character")
                         || r.err.contains("has no option 'no_such' (it takes: preset,")
                         || r.err.contains("options for sql, which --format does not name")
                         || r.err.contains("unknown format 'lotus' (known: csv, json,"),
                     qPrintable(r.err));
            QVERIFY(!QFileInfo::exists(untouched));
            QVERIFY(!QFileInfo::exists(m_tmp.filePath("no-such-db")));
        }
    }

    void importAndRestoreFromTheCommandLine()
    {
        const QString db = m_tmp.filePath("imports");
        QFile csv(m_tmp.filePath("people.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("id;name;born\n1;Ann;1990-05-01\n2;Bob;x\n3;Cy;2001-01-31\n");
        csv.close();
        // A bad row aborts: exit 1, the line named, no table.
        Run r = cli({"import", "--db", db, "--type", "born=DATE", csv.fileName()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("people.csv:3: column 3 ('born'): expected a date"),
                 qPrintable(r.err));
        QCOMPARE(cli({"sql", "--db", db, "-c", "SELECT * FROM people"}).code, 1);
        // Skipped instead: the JSON result counts it and names the rejects file.
        r = cli({"import", "--db", db, "--type", "born=DATE", "--on-error", "skip", "--json",
                 csv.fileName()});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto result = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(result["rows"].toInt(), 2);
        QCOMPARE(result["skipped"].toInt(), 1);
        QVERIFY(QFile::exists(result["rejects"].toString()));
        const auto table = result["tables"].toArray()[0].toObject();
        QCOMPARE(table["table"].toString(), QString("people"));
        QCOMPARE(table["action"].toString(), QString("create"));
        QCOMPARE(table["columns"].toArray()[2].toString(), QString("born DATE"));
        // A backup, a change, a dry run that changes nothing, then the restore.
        r = cli({"export", "--db", db, "--out", m_tmp.filePath("backups"), "--full", "--json"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString backup = QJsonDocument::fromJson(r.out.toUtf8())
                                   .object()["files"]
                                   .toArray()[0]
                                   .toObject()["path"]
                                   .toString();
        QCOMPARE(cli({"sql", "--db", db, "-c", "DELETE FROM people WHERE id = 1"}).code, 0);
        r = cli({"restore", "--db", db, "--dry-run", backup});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("Dry run: nothing was changed"), qPrintable(r.out));
        QVERIFY2(r.out.contains("people: replaced, 1 -> 2 rows"), qPrintable(r.out));
        QCOMPARE(cli({"sql", "--db", db, "--format", "csv", "-c",
                      "SELECT count(*) AS n FROM "
                      "people"})
                     .out,
                 QString("n\r\n1\r\n"));
        r = cli({"restore", "--db", db, backup});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(cli({"sql", "--db", db, "--format", "csv", "-c",
                      "SELECT count(*) AS n FROM "
                      "people"})
                     .out,
                 QString("n\r\n2\r\n"));
        // The engine's advice, given in the CLI's own flags (the GUI says it in its own terms).
        QFile odd(m_tmp.filePath("readings.xyz"));
        QVERIFY(odd.open(QIODevice::WriteOnly));
        odd.write(QByteArray("\x01\x02\x03\x00\xff binary", 13));
        odd.close();
        r = cli({"import", "--db", db, odd.fileName()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("name the format to read it as (--format ID)"), qPrintable(r.err));
        QFile wider(m_tmp.filePath("wider.csv"));
        QVERIFY(wider.open(QIODevice::WriteOnly));
        wider.write("id;name;born;shoe\n4;Di;1999-09-09;38\n");
        wider.close();
        r = cli({"import", "--db", db, "--mode", "append", "--table", "people", wider.fileName()});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("lacks: shoe") && r.err.contains("--map FILE_COLUMN=TABLE_COLUMN"),
                 qPrintable(r.err));
        // Bad usage exits 2.
        QCOMPARE(cli({"import", "--db", db, "--mode", "sideways", csv.fileName()}).code, 2);
        QCOMPARE(cli({"restore", "--db", db}).code, 2);
    }

    void helpNamesTheCommand()
    {
        for (const char *command :
             {"export", "import", "restore", "sql", "tables", "verify", "demo"}) {
            const Run r = cli({command, "--help"});
            QCOMPARE(r.code, 0);
            QVERIFY2(r.out.startsWith(QStringLiteral("Usage: strata-cli ") + command + " "),
                     qPrintable(r.out.left(80)));
            QVERIFY2(r.out.contains("Example"), command);
        }
    }

    void strayArgumentsAreNamed()
    {
        const Run r = cli({"sql", "--db", m_db, "SELECT 1"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("unexpected argument 'SELECT 1'") && r.err.contains("-c"),
                 qPrintable(r.err));
    }

    void nightlyBackupRecipe()
    {
        // The README's nightly job, run three times: zip archives with timestamped names, the
        // newest two kept beside export_latest.zip, the older one moved to archive/.
        const QString out = m_tmp.filePath("nightly");
        const QStringList args
            = {"export", "--db",   m_db, "--out",          out, "--full", "--format", "json",
               "--zip",  "--keep", "2",  "--archive-days", "30"};
        for (int i = 0; i < 3; ++i) {
            const Run r = cli(args);
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        const QRegularExpression name(QStringLiteral("^export_\\d{8}_\\d{6}(_\\d+)?\\.zip$"));
        QStringList kept
            = QDir(out).entryList({"export_*.zip"}, QDir::Files | QDir::NoSymLinks, QDir::Name);
        QCOMPARE(kept.size(), 2);
        for (const auto &k : kept)
            QVERIFY2(name.match(k).hasMatch(), qPrintable(k));
        const QStringList archived
            = QDir(out + "/archive").entryList({"export_*.zip"}, QDir::Files);
        QCOMPARE(archived.size(), 1);
        QVERIFY(!kept.contains(archived[0]));
        const QFileInfo latest(out + "/export_latest.zip");
        QVERIFY(latest.isSymLink());
        // The newest by name: same-second runs get _2, _3 after the stamp.
        std::sort(kept.begin(), kept.end(), [](const QString &a, const QString &b) {
            auto key = [](const QString &n) {
                const QString stem = n.chopped(4);
                const int under = stem.lastIndexOf('_');
                const bool suffixed = stem.count('_') == 3;
                return suffixed ? stem.left(under)
                                      + QString("_%1").arg(stem.mid(under + 1).toInt(), 4, 10,
                                                           QChar('0'))
                                : stem + "_0001";
            };
            return key(a) < key(b);
        });
        QCOMPARE(QFileInfo(latest.symLinkTarget()).fileName(), kept.last());
        const Run verify = cli({"verify", out + "/export_latest.zip"});
        QVERIFY2(verify.code == 0, qPrintable(verify.err));
    }

    void readOnlyWhileAnotherProcessWrites()
    {
        // Another process holds the database for writing.
        QProcess holder;
        holder.setProgram(QStringLiteral(STRATA_LOCK_HOLDER));
        holder.setArguments({m_db});
        holder.start();
        QVERIFY(holder.waitForReadyRead(-1)); // "locked" once it holds the lock
        const Run read
            = cli({"sql", "--db", m_db, "--format", "csv", "-c", "SELECT count(*) FROM users"});
        QCOMPARE(read.code, 0);
        QCOMPARE(parseCsv(read.out).last(), QStringList{"200"});
        const Run write = cli({"sql", "--db", m_db, "-c", "DELETE FROM users"});
        QCOMPARE(write.code, 1);
        QVERIFY2(write.err.contains("is open for writing by"), qPrintable(write.err));
        const Run tables = cli({"tables", "--db", m_db});
        QCOMPARE(tables.code, 0);
        holder.closeWriteChannel();
        QVERIFY(holder.waitForFinished(-1));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
