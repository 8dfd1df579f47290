// The conformance test every registered format passes (as Okular's generator test does for
// its generators): a complete descriptor, an option schema the registry enforces, a typed
// table through its writer and reader and back, and its own output recognised by detection.
// A new format is tested here the moment it is registered.
#include "engine/api/database.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "engine/transfer/formats/text_out.h"
#include "engine/transfer/import_job.h"
#include "engine/transfer/verify.h"
#include "tests/support/transfer_helpers.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <random>
#include <set>

using namespace strata;
using transfer::FormatInfo;
using transfer::FormatOption;

namespace {

//! A table every format can hold: a key, text with a comma and a quote, a double, a date, a
//! NULL, and WKT geometry for GeoJSON.
std::shared_ptr<engine::Database> typedTable()
{
    auto db = engine::Database::openInMemory();
    auto c = db->connect();
    if (!c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score DOUBLE, day DATE, "
                    "geometry TEXT)")
        || !c->execute("INSERT INTO t VALUES (1, 'plain', 1.5, '2024-01-15', 'POINT (1 2)'), "
                       "(2, 'a, \"quoted\" one', -0.25, '1999-12-31', 'POINT (-3.5 4)'), "
                       "(3, NULL, NULL, NULL, 'POINT (0 0)')"))
        qFatal("typed table");
    return db;
}

//! The rows that must come back, as SQL literals (the geometry's spelling may change).
std::vector<std::string> rowsOf(engine::Connection &c)
{
    std::vector<std::string> rows;
    for (const auto &row :
         test::query(c, "SELECT id, name, score, CAST(day AS TEXT) FROM t ORDER BY id").rows) {
        std::string text;
        for (const auto &v : row)
            text += v.toSqlLiteral() + "|";
        rows.push_back(text);
    }
    return rows;
}

//! A value of `o`'s kind that the registry must refuse.
std::string wrongValueFor(const FormatOption &o)
{
    switch (o.kind) {
    case FormatOption::Kind::Choice:
        return "no-such-choice";
    case FormatOption::Kind::Boolean:
        return "maybe";
    case FormatOption::Kind::Character:
        return "two";
    case FormatOption::Kind::Count:
        return "0";
    case FormatOption::Kind::Text:
        return {};
    }
    return {};
}

} // namespace

class TestFormats : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { transfer::registerBuiltinFormats(); }

    //! The 16-bytes-at-a-time scans for text that CSV must quote and JSON must escape agree
    //! with a byte-by-byte reading, wherever the first such byte is and whatever the bytes
    //! around it (UTF-8 lead bytes, 0x1f, 0x20, 0x7f, 0xff).
    void plainTextScansFindTheFirstSpecialByte()
    {
        std::mt19937 rng(11);
        const std::string fillers = std::string("aZ 9~\x20\x7f\x80\xc3\xa9\xff") + '\x01';
        const std::string specials = std::string("\"\\\n\r,;\x1f\t") + '\0';
        for (int trial = 0; trial < 20000; ++trial) {
            std::string s(rng() % 48, 'x');
            for (auto &c : s)
                c = fillers[rng() % (fillers.size() - 1)]; // no control byte: plain for both
            if (!s.empty() && rng() % 4)
                s[rng() % s.size()] = specials[rng() % specials.size()];
            if (!s.empty() && rng() % 8 == 0)
                s[rng() % s.size()] = '\x01';
            size_t json = 0;
            while (json < s.size() && static_cast<unsigned char>(s[json]) >= 0x20 && s[json] != '"'
                   && s[json] != '\\')
                ++json;
            size_t csv = 0;
            while (csv < s.size() && s[csv] != ',' && s[csv] != '"' && s[csv] != '\n'
                   && s[csv] != '\r')
                ++csv;
            QCOMPARE(transfer::text::jsonPlainPrefix(s), json);
            QCOMPARE(transfer::text::csvPlainPrefix(s, ',', '"'), csv);
        }
    }

    void everyFormat_data()
    {
        QTest::addColumn<QString>("id");
        for (const auto &f : transfer::FormatRegistry::instance().formats())
            QTest::newRow(f.id.c_str()) << QString::fromStdString(f.id);
    }

    // The descriptor is whole: the CLI, the dialogs and detection read nothing else.
    void descriptorIsComplete_data() { everyFormat_data(); }
    void descriptorIsComplete()
    {
        QFETCH(QString, id);
        const FormatInfo *f = transfer::FormatRegistry::instance().find(id.toStdString());
        QVERIFY(f);
        QVERIFY(!f->name.empty());
        QVERIFY(!f->extension.empty());
        QVERIFY(!f->mimeTypes.empty());
        QVERIFY2(f->canExport() || f->canImport(), "a format that neither reads nor writes");
        if (f->canImport()) {
            QVERIFY(!f->readExtensions.empty());
            QVERIFY2(std::count(f->readExtensions.begin(), f->readExtensions.end(), f->extension),
                     "its own files must import by their extension");
        }
        std::set<std::string> names;
        for (const auto &o : f->options) {
            QVERIFY2(names.insert(o.name).second, o.name.c_str());
            QVERIFY2(!o.help.empty() && !o.label.empty(), o.name.c_str());
            if (o.kind == FormatOption::Kind::Choice) {
                QVERIFY2(o.choices.size() >= 2, o.name.c_str());
                QVERIFY2(o.defaultValue.empty()
                             || std::count(o.choices.begin(), o.choices.end(), o.defaultValue),
                         o.name.c_str());
            } else {
                QVERIFY2(o.choices.empty(), o.name.c_str());
            }
            if (o.kind == FormatOption::Kind::Boolean)
                QVERIFY2(o.defaultValue.empty() || o.defaultValue == "true"
                             || o.defaultValue == "false",
                         o.name.c_str());
        }
    }

    // Every value the schema offers is accepted before any work starts; a wrong one, an
    // unknown option and an unknown format are refused with their names.
    void optionsAreValidatedBeforeAnyWork_data() { everyFormat_data(); }
    void optionsAreValidatedBeforeAnyWork()
    {
        QFETCH(QString, id);
        const auto &registry = transfer::FormatRegistry::instance();
        const FormatInfo *f = registry.find(id.toStdString());
        if (!f->canExport()) {
            QVERIFY(!registry.validate({f->id, {}}));
            return;
        }
        QVERIFY(registry.validate({f->id, {}}));
        for (const auto &o : f->options) {
            std::vector<std::string> good = o.choices;
            if (!o.defaultValue.empty())
                good.push_back(o.defaultValue);
            for (const auto &value : good) {
                const auto status = registry.validate({f->id, {{o.name, value}}});
                QVERIFY2(status, (o.name + "=" + value + ": " + status.message()).c_str());
            }
            const std::string bad = wrongValueFor(o);
            if (bad.empty())
                continue;
            const auto status = registry.validate({f->id, {{o.name, bad}}});
            QVERIFY2(!status, (o.name + "=" + bad).c_str());
            QVERIFY2(status.message().find("option " + o.name) != std::string::npos,
                     status.message().c_str());
        }
        const auto unknown = registry.validate({f->id, {{"no_such_option", "1"}}});
        QVERIFY(!unknown);
        QVERIFY(unknown.message().find("no option 'no_such_option'") != std::string::npos);
        QVERIFY(!registry.validate({"no_such_format", {}}));
    }

    // What the format writes, it reads back (formats that do both); what it writes is told
    // apart by its extension and, for every format but CSV (the fallback), by its content.
    void roundTripAndSniffItsOwnOutput_data() { everyFormat_data(); }
    void roundTripAndSniffItsOwnOutput()
    {
        QFETCH(QString, id);
        const auto &registry = transfer::FormatRegistry::instance();
        const FormatInfo *f = registry.find(id.toStdString());
        const bool archive = f->capabilities & transfer::Archive;
        if (!f->canExport() && !archive)
            QSKIP("reads only");
        QTemporaryDir tmp;
        auto source = typedTable();
        transfer::ExportSpec ex;
        ex.scope = transfer::ExportScope::Tables;
        ex.tables.push_back({"t", {}, {}});
        ex.formats.push_back({archive ? std::string("csv") : f->id, {}});
        ex.zip = archive;
        ex.outputDir = tmp.filePath("out").toStdString();
        ex.latestLinks = false;
        auto exported = transfer::runExport(*source, ex);
        QVERIFY2(exported, exported ? "" : exported.status().toString().c_str());
        QCOMPARE(exported->files.size(), size_t(1));
        const std::string written = exported->files[0].path;
        QVERIFY(
            QString::fromStdString(written).endsWith(QString::fromStdString("." + f->extension)));
        if (!f->canImport())
            return;
        auto detected = registry.detect(written);
        QVERIFY2(detected && *detected == f->id, detected ? detected->c_str() : "not detected");
        // Without its extension, by content alone.
        const QString bare = tmp.filePath("bare");
        QVERIFY(QFile::copy(QString::fromStdString(written), bare));
        detected = registry.detect(bare.toStdString());
        QVERIFY2(detected && *detected == f->id,
                 (detected ? *detected : detected.status().message()).c_str());
        auto copy = engine::Database::openInMemory();
        transfer::ImportSpec in = test::importOf(written);
        in.table = "t";
        auto imported = transfer::runImport(*copy, in);
        QVERIFY2(imported, imported ? "" : imported.status().toString().c_str());
        auto sc = source->connect();
        auto cc = copy->connect();
        const auto want = rowsOf(*sc);
        const auto got = rowsOf(*cc);
        QCOMPARE(got.size(), want.size());
        for (size_t r = 0; r < want.size(); ++r)
            QCOMPARE(QString::fromStdString(got[r]), QString::fromStdString(want[r]));
    }

    // `strata verify` checks what each format wrote with the run's own options: in an archive
    // (options from its manifest, every boolean option flipped from its default) and alone
    // (defaults); a format without a record check says so instead of passing unread.
    void whatItWritesVerifies_data() { everyFormat_data(); }
    void whatItWritesVerifies()
    {
        QFETCH(QString, id);
        const FormatInfo *f = transfer::FormatRegistry::instance().find(id.toStdString());
        if (!f->canExport())
            QSKIP("writes nothing");
        std::map<std::string, std::string> flipped;
        for (const auto &o : f->options)
            if (o.kind == FormatOption::Kind::Boolean && !o.defaultValue.empty())
                flipped[o.name] = o.defaultValue == "true" ? "false" : "true";
        auto source = typedTable();
        for (const bool zip : {true, false}) {
            QTemporaryDir tmp;
            transfer::ExportSpec ex;
            ex.scope = transfer::ExportScope::Tables;
            ex.tables.push_back({"t", {}, {}});
            ex.formats.push_back({f->id, zip ? flipped : std::map<std::string, std::string>{}});
            ex.zip = zip;
            ex.outputDir = tmp.filePath("out").toStdString();
            ex.latestLinks = false;
            auto exported = transfer::runExport(*source, ex);
            QVERIFY2(exported, exported ? "" : exported.status().toString().c_str());
            const auto report = transfer::verifyFile(exported->files[0].path);
            std::string problems;
            for (const auto &p : report.problems)
                problems += p + "; ";
            if (!f->countRecords && !zip) {
                QCOMPARE(report.problems.size(), size_t(1));
                QVERIFY2(report.problems[0].find(f->name) != std::string::npos, problems.c_str());
                continue;
            }
            QVERIFY2(report.problems.empty(), problems.c_str());
            QCOMPARE(report.rowsChecked, int64_t(f->countRecords ? 3 : 0));
        }
    }

    // What the GUI's import filter and the CLI list come from: every extension once.
    void importExtensionsAreUnambiguous()
    {
        const auto extensions = transfer::FormatRegistry::instance().importExtensions();
        std::set<std::string> unique(extensions.begin(), extensions.end());
        QCOMPARE(unique.size(), extensions.size());
        for (const char *ext : {"csv", "tsv", "tab", "psv", "json", "jsonl", "ndjson", "sql",
                                "sqlite", "sqlite3", "db", "db3", "geojson", "zip"})
            QVERIFY2(unique.count(ext), ext);
    }
};

QTEST_GUILESS_MAIN(TestFormats)
#include "tst_formats.moc"
