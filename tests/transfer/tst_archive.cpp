// Archives, manifests and verify; _latest links; retention into archive/.
#include "engine/api/database.h"
#include "engine/transfer/archive.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "engine/transfer/import_job.h"
#include "engine/transfer/json_builder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace strata;
using engine::Value;

namespace {

std::shared_ptr<engine::Database> demo()
{
    auto db = engine::Database::openInMemory();
    auto c = db->connect();
    if (!c->execute(
            "CREATE TABLE a (id INTEGER PRIMARY KEY, note TEXT); CREATE TABLE b (x DOUBLE)"))
        qFatal("schema");
    std::vector<engine::Row> rows;
    for (int i = 0; i < 300; ++i)
        rows.push_back({Value::integer(i),
                        Value::text(i % 5 ? "line " + std::to_string(i) : "two\nlines, \"q\"")});
    if (!c->insertRows("a", {}, rows) || !c->execute("INSERT INTO b VALUES (1.5), (NULL)"))
        qFatal("rows");
    return db;
}

transfer::ExportSpec spec(const QString &dir, int64_t when)
{
    transfer::ExportSpec s;
    s.scope = transfer::ExportScope::Full;
    s.outputDir = dir.toStdString();
    s.formats = {{"json", {}}, {"csv", {}}, {"sql", {}}};
    s.nameTime = when;
    s.utcNames = true;
    return s;
}

QByteArray unzipEntry(const QString &zip, const QString &entry)
{
    QProcess p;
    p.start("unzip", {"-p", zip, entry});
    p.waitForFinished(-1);
    return p.readAllStandardOutput();
}

} // namespace

class TestArchive : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { transfer::registerBuiltinFormats(); }

    void zipHoldsFilesAndManifestAndVerifies()
    {
        QTemporaryDir tmp;
        auto db = demo();
        auto s = spec(tmp.path(), 1705314600000000);
        s.zip = true;
        auto r = transfer::runExport(*db, s);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        QCOMPARE(r->files.size(), size_t(1));
        const QString zip = QString::fromStdString(r->files[0].path);
        QCOMPARE(QFileInfo(zip).fileName(), QStringLiteral("export_20240115_103000.zip"));
        // Only the archive (and its _latest link) stays in the folder.
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden | QDir::System),
                 (QStringList{"export_20240115_103000.zip", "export_latest.zip"}));
        // The real unzip tool reads it: entries and manifest.
        const auto manifest = QJsonDocument::fromJson(unzipEntry(zip, "manifest.json")).object();
        QCOMPARE(manifest["spec"].toObject()["scope"].toString(), QStringLiteral("full"));
        QVERIFY(QDateTime::fromString(manifest["snapshot_commit_ts"].toString(), Qt::ISODateWithMs)
                    .isValid());
        const auto files = manifest["files"].toArray();
        QCOMPARE(files.size(), 4); // full_backup.json, migration.sql, a.csv, b.csv
        for (const auto &f : files) {
            const auto o = f.toObject();
            const QByteArray bytes = unzipEntry(zip, o["name"].toString());
            QCOMPARE(qint64(bytes.size()), o["bytes"].toInteger());
            QCOMPARE(QString(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()),
                     o["sha256"].toString());
        }
        auto report = transfer::verifyFile(zip.toStdString());
        QVERIFY2(report.problems.empty(),
                 report.problems.empty() ? "" : report.problems[0].c_str());
        QCOMPARE(report.filesChecked, 4);
        QCOMPARE(report.rowsChecked, int64_t(302 + 302)); // JSON and CSV counted; SQL has no count
    }

    void verifyFindsTampering()
    {
        QTemporaryDir tmp;
        auto db = demo();
        auto s = spec(tmp.path(), 1705314600000000);
        s.formats = {{"csv", {}}};
        s.zip = true;
        auto r = transfer::runExport(*db, s);
        QVERIFY(r);
        const QString zip = QString::fromStdString(r->files[0].path);
        // Replace a.csv inside the archive with one row fewer.
        QDir work(tmp.filePath("work"));
        QDir().mkpath(work.path());
        QProcess unzip;
        unzip.start("unzip", {"-q", zip, "-d", work.path()});
        QVERIFY(unzip.waitForFinished(-1) && unzip.exitCode() == 0);
        const QString csv = work.filePath("a_export_20240115_103000.csv");
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray bytes = f.readAll();
        f.close();
        bytes.chop(bytes.size() - bytes.lastIndexOf("\r\n", bytes.size() - 3) - 2);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(bytes);
        f.close();
        const QString tampered = tmp.filePath("tampered.zip");
        QProcess zipper;
        zipper.setWorkingDirectory(work.path());
        zipper.start("zip", {"-q", tampered, "a_export_20240115_103000.csv",
                             "b_export_20240115_103000.csv", "manifest.json"});
        QVERIFY(zipper.waitForFinished(-1));
        QVERIFY2(zipper.exitCode() == 0, zipper.readAllStandardError().constData());
        const auto report = transfer::verifyFile(tampered.toStdString());
        QVERIFY(report.problems.size() >= 2); // bytes, SHA-256 and rows differ
        bool mentionsRows = false, mentionsSha = false;
        for (const auto &p : report.problems) {
            mentionsRows |= p.find("299 rows, the manifest says 300") != std::string::npos;
            mentionsSha |= p.find("SHA-256") != std::string::npos;
        }
        QVERIFY(mentionsRows && mentionsSha);
        QVERIFY(!transfer::verifyFile(tmp.filePath("missing.zip").toStdString()).problems.empty());
    }

    void verifyChecksJsonBackups()
    {
        QTemporaryDir tmp;
        auto db = demo();
        auto s = spec(tmp.path(), 1705314600000000);
        s.formats = {{"json", {}}};
        auto r = transfer::runExport(*db, s);
        QVERIFY(r);
        auto ok = transfer::verifyFile(r->files[0].path);
        QVERIFY(ok.problems.empty());
        QCOMPARE(ok.rowsChecked, int64_t(302));
        QFile f(QString::fromStdString(r->files[0].path));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray json = f.readAll();
        f.close();
        json.replace("\"record_count\":302", "\"record_count\":303");
        const QString edited = tmp.filePath("edited.json");
        QFile out(edited);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(json);
        out.close();
        auto bad = transfer::verifyFile(edited.toStdString());
        QCOMPARE(bad.problems.size(), size_t(1));
        QVERIFY(bad.problems[0].find("record_count is 303 but 302 rows") != std::string::npos);
        QFile broken(tmp.filePath("broken.json"));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(json.left(json.size() / 2));
        broken.close();
        auto invalid = transfer::verifyFile(broken.fileName().toStdString());
        QVERIFY(!invalid.problems.empty()
                && invalid.problems[0].find("invalid JSON at byte") != std::string::npos);
    }

    // Every shape an export writes into a zip verifies, and so imports back: verify counts rows
    // with the run's own options (a headerless CSV was one row short, and so refused by import).
    void everyShapeOfAnArchiveVerifiesAndImports_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("value");
        QTest::newRow("csv") << "csv"
                             << ""
                             << "";
        QTest::newRow("csv without header") << "csv"
                                            << "header"
                                            << "false";
        QTest::newRow("csv, tsv preset") << "csv"
                                         << "preset"
                                         << "tsv";
        QTest::newRow("csv, excel preset") << "csv"
                                           << "preset"
                                           << "excel";
        QTest::newRow("json backup") << "json"
                                     << ""
                                     << "";
        QTest::newRow("json lines") << "json"
                                    << "lines"
                                    << "true";
    }
    void everyShapeOfAnArchiveVerifiesAndImports()
    {
        QFETCH(QString, format);
        QFETCH(QString, option);
        QFETCH(QString, value);
        QTemporaryDir tmp;
        auto db = demo();
        auto s = spec(tmp.path(), 1705314600000000);
        s.formats = {{format.toStdString(), {}}};
        if (!option.isEmpty())
            s.formats[0].options[option.toStdString()] = value.toStdString();
        s.zip = true;
        auto r = transfer::runExport(*db, s);
        QVERIFY2(r, r ? "" : r.status().toString().c_str());
        const auto report = transfer::verifyFile(r->files[0].path);
        QVERIFY2(report.problems.empty(),
                 report.problems.empty() ? "" : report.problems[0].c_str());
        QCOMPARE(report.rowsChecked, int64_t(302));
        auto target = engine::Database::openInMemory();
        transfer::ImportSpec in;
        in.files = {r->files[0].path};
        if (option == "header")
            in.csv.header = false;
        auto imported = transfer::runImport(*target, in);
        QVERIFY2(imported, imported ? "" : imported.status().toString().c_str());
        QCOMPARE(imported->rowsImported, int64_t(302));
    }

    // Two entries under one name: which one "the entry" means depends on the reader, so both
    // verify and import refuse the archive and say why.
    void duplicateEntryNamesAreRefused()
    {
        QTemporaryDir tmp;
        const QString zip = tmp.filePath("twice.zip");
        QProcess py;
        py.start("/usr/bin/python3", {"-W", "ignore", "-c",
                                      "import sys, zipfile\n"
                                      "z = zipfile.ZipFile(sys.argv[1], 'w')\n"
                                      "z.writestr('t.csv', 'a\\n1\\n')\n"
                                      "z.writestr('t.csv', 'a\\n2\\n3\\n')\n"
                                      "z.close()\n",
                                      zip});
        QVERIFY(py.waitForFinished(-1));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const auto report = transfer::verifyFile(zip.toStdString());
        QCOMPARE(report.problems.size(), size_t(1));
        QVERIFY2(report.problems[0].find("entry t.csv appears more than once") != std::string::npos,
                 report.problems[0].c_str());
        auto db = engine::Database::openInMemory();
        transfer::ImportSpec in;
        in.files = {zip.toStdString()};
        auto imported = transfer::runImport(*db, in);
        QVERIFY(!imported);
        QVERIFY2(imported.status().message().find("entry t.csv appears more than once")
                     != std::string::npos,
                 imported.status().toString().c_str());
        auto tables = db->connect()->tables();
        QVERIFY(tables);
        for (const auto &t : *tables)
            QVERIFY(t.name != "t");
    }

    // JSON a verify must refuse: each problem is named with where it is.
    void verifyNamesWhatIsWrongInJson_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{\"tables\": [") << "invalid JSON at byte 12";
        QTest::newRow("a scalar") << QByteArray("42") << "top-level value is not an object";
        QTest::newRow("no rows anywhere")
            << QByteArray("{\"name\": \"x\"}") << "neither $.tables, $.table.data nor $.data";
        QTest::newRow("no metadata")
            << QByteArray("{\"tables\": {\"t\": {\"schema\": {\"columns\": []}, \"data\": []}}}")
            << "$.export_metadata is missing";
        QTest::newRow("data not an array")
            << QByteArray("{\"export_metadata\": {}, \"tables\": {\"t\": {\"schema\": "
                          "{\"columns\": [\"a\"]}, \"data\": {}}}}")
            << "$.tables.t.data is not an array";
        QTest::newRow("no columns")
            << QByteArray("{\"export_metadata\": {}, \"tables\": {\"t\": {\"data\": [[1]]}}}")
            << "$.tables.t.schema.columns is missing";
        QTest::newRow("count differs")
            << QByteArray("{\"export_metadata\": {\"record_count\": 3}, \"tables\": {\"t\": "
                          "{\"schema\": {\"columns\": [\"a\"]}, \"data\": [[1], [{\"data\": "
                          "[1, 2]}]]}}}")
            << "record_count is 3 but 2 rows are present";
    }
    void verifyNamesWhatIsWrongInJson()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        QFile f(tmp.filePath("x.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(json);
        f.close();
        const auto report = transfer::verifyFile(f.fileName().toStdString());
        QVERIFY(!report.problems.empty());
        QVERIFY2(report.problems[0].find(expected.toStdString()) != std::string::npos,
                 report.problems[0].c_str());
    }

    // The manifest's and the CLI's JSON come from one builder: whatever the nesting, pretty or
    // not, with hostile text, a JSON parser reads back exactly what went in.
    void jsonBuilderWritesWhatAParserReadsBack()
    {
        const std::string hostile = "quote \" backslash \\ newline \n tab \t nul? no; ü 🚀 \x01";
        for (bool pretty : {false, true}) {
            transfer::JsonBuilder j(pretty);
            j.beginObject();
            j.key("empty object").beginObject().endObject();
            j.key("empty array").beginArray().endArray();
            j.key(hostile).value(hostile);
            j.key("n").value(int64_t(-9007199254740993));
            j.key("flags").beginArray().value(true).value(false).null().endArray();
            j.key("nested").beginArray();
            for (int i = 0; i < 3; ++i)
                j.beginObject().key("i").value(i).key("s").strings({"a", "b"}).endObject();
            j.endArray();
            j.key("none").valueOrNull("");
            j.endObject();
            QJsonParseError error;
            const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(j.text()), &error);
            QVERIFY2(error.error == QJsonParseError::NoError, j.text().c_str());
            const auto o = doc.object();
            QCOMPARE(o.size(), 7);
            QVERIFY(o["empty object"].toObject().isEmpty());
            QVERIFY(o["empty array"].toArray().isEmpty());
            QCOMPARE(o[QString::fromStdString(hostile)].toString().toStdString(), hostile);
            QCOMPARE(o["n"].toInteger(), qint64(-9007199254740993));
            QCOMPARE(o["flags"].toArray().size(), 3);
            QVERIFY(o["flags"].toArray()[2].isNull());
            QCOMPARE(o["nested"].toArray().size(), 3);
            QCOMPARE(o["nested"].toArray()[2].toObject()["i"].toInt(), 2);
            QCOMPARE(o["nested"].toArray()[1].toObject()["s"].toArray()[1].toString(),
                     QStringLiteral("b"));
            QVERIFY(o["none"].isNull());
        }
    }

    void latestLinksFollowTheNewestAndNeverClobber()
    {
        QTemporaryDir tmp;
        auto db = demo();
        QVERIFY(transfer::runExport(*db, spec(tmp.path(), 1705314600000000)));
        QVERIFY(transfer::runExport(*db, spec(tmp.path(), 1705318200000000))); // an hour later
        const QFileInfo link(tmp.filePath("a_export_latest.csv"));
        QVERIFY(link.isSymLink());
        QCOMPARE(QFileInfo(link.symLinkTarget()).fileName(),
                 QStringLiteral("a_export_20240115_113000.csv"));
        QCOMPARE(QFileInfo(tmp.filePath("full_backup_latest.json")).symLinkTarget(),
                 tmp.filePath("full_backup_20240115_113000.json"));
        QVERIFY(QFileInfo(tmp.filePath("migration_latest.sql")).isSymLink());
        // A regular file under a _latest name belongs to someone: it is left alone.
        QFile::remove(tmp.filePath("b_export_latest.csv"));
        QFile mine(tmp.filePath("b_export_latest.csv"));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write("mine");
        mine.close();
        auto r = transfer::runExport(*db, spec(tmp.path(), 1705321800000000));
        QVERIFY(r);
        QCOMPARE(r->warnings.size(), size_t(1));
        QVERIFY(mine.open(QIODevice::ReadOnly));
        QCOMPARE(mine.readAll(), QByteArray("mine"));
    }

    void retentionArchivesThenDeletes()
    {
        QTemporaryDir tmp;
        auto db = demo();
        for (int hour = 0; hour < 5; ++hour) {
            auto s = spec(tmp.path(), 1705314600000000 + int64_t(hour) * 3600000000);
            s.formats = {{"csv", {}}};
            s.scope = transfer::ExportScope::Tables;
            s.tables = {{"b", {}, {}}};
            s.keepNewest = 2;
            s.archiveMaxFiles = 2;
            QVERIFY(transfer::runExport(*db, s));
        }
        QCOMPARE(QDir(tmp.path()).entryList({"b_export_2*.csv"}, QDir::Files),
                 (QStringList{"b_export_20240115_133000.csv", "b_export_20240115_143000.csv"}));
        QCOMPARE(QDir(tmp.filePath("archive")).entryList({"*.csv"}, QDir::Files),
                 (QStringList{"b_export_20240115_113000.csv", "b_export_20240115_123000.csv"}));
        QCOMPARE(QFileInfo(tmp.filePath("b_export_latest.csv")).symLinkTarget(),
                 tmp.filePath("b_export_20240115_143000.csv"));
    }
};

QTEST_GUILESS_MAIN(TestArchive)
#include "tst_archive.moc"
