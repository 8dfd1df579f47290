// The fault-injection suite: exports killed with SIGKILL at every kind of point (mid-stream,
// publishing each file, writing the archive, links), with and without --zip; checkpoint and
// log files damaged by byte flips and truncation in a loop; a disk that fills up under the
// writer and under an export. Each is checked for: nothing lost, nothing partial under a
// final name, nothing left behind by the next run, and a database that opens.
// (Writers killed mid-commit and checkpoint: tst_crash; importers: tst_import; a read-only
// mount and readers racing checkpoints: tst_durability.)
#include "engine/api/database.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "tests/support/csv_parse.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>
#include <map>
#include <random>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace strata;
using engine::Value;

namespace {

constexpr int kRowsA = 12000;
constexpr int kRowsB = 8000;

void fillTables(const QString &dir)
{
    auto db = engine::Database::open(dir.toStdString());
    if (!db)
        qFatal("open: %s", db.status().toString().c_str());
    auto c = (*db)->connect();
    if (!c->execute("CREATE TABLE a (id INTEGER PRIMARY KEY, s TEXT)")
        || !c->execute("CREATE TABLE b (id INTEGER PRIMARY KEY, d DOUBLE, t TIMESTAMP)"))
        qFatal("schema");
    std::vector<engine::Row> rows;
    for (int i = 1; i <= kRowsA; ++i)
        rows.push_back({Value::integer(i), Value::text("row, \"" + std::to_string(i) + "\"\nend")});
    if (!c->insertRows("a", {}, rows))
        qFatal("rows a");
    rows.clear();
    for (int i = 1; i <= kRowsB; ++i)
        rows.push_back({Value::integer(i), Value::real(i / 7.0), Value::timestamp(i * 1000003LL)});
    if (!c->insertRows("b", {}, rows))
        qFatal("rows b");
}

struct KillerRun {
    bool killed = false;
    int reports = 0;
};

KillerRun runKiller(const QString &db, const QString &out, int killAt, bool zip)
{
    QProcess p;
    QStringList args{"export", db, out, QString::number(killAt)};
    if (zip)
        args << "zip";
    p.start(QStringLiteral(STRATA_JOB_KILLER), args);
    p.waitForFinished(-1);
    KillerRun run;
    run.killed = p.exitStatus() == QProcess::CrashExit;
    if (!run.killed && p.exitCode() != 0)
        qFatal("job_killer export failed: %s", p.readAllStandardError().constData());
    run.reports = p.readAllStandardOutput().trimmed().toInt();
    return run;
}

//! Empty when `file` is a whole export of its table (every row, every record whole).
QString incompleteness(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return "cannot read";
    const QByteArray bytes = f.readAll();
    const QString name = QFileInfo(file).fileName();
    const int expected = name.startsWith("a_") ? kRowsA : name.startsWith("b_") ? kRowsB : -1;
    int rows = 0;
    if (name.endsWith(".csv")) {
        const auto records = test::parseCsv(QString::fromUtf8(bytes));
        if (records.isEmpty())
            return "no header";
        for (const auto &r : records)
            if (r.size() != records[0].size())
                return "a record with " + QString::number(r.size()) + " fields";
        rows = int(records.size()) - 1;
    } else if (name.endsWith(".jsonl")) {
        if (!bytes.isEmpty() && !bytes.endsWith('\n'))
            return "a last line without its end";
        for (const auto &line : bytes.split('\n')) {
            if (line.isEmpty())
                continue;
            if (!QJsonDocument::fromJson(line).isObject())
                return "a line that is not a JSON object";
            ++rows;
        }
    } else {
        return "a file no export writes";
    }
    if (expected >= 0 && rows != expected)
        return QString::number(rows) + " rows of " + QString::number(expected);
    return {};
}

//! What the output folder must look like after any run, killed or not: no loose file that is
//! not whole; in a zip run no loose file at all, only archives that test whole.
void checkOutputs(const QString &out, bool zip, const QString &scratch)
{
    const auto files = QDir(out).entryInfoList(QDir::Files | QDir::NoDotAndDotDot);
    for (const QFileInfo &f : files) {
        if (f.isSymLink() || f.fileName() == "manifest.json")
            continue;
        if (zip) {
            QVERIFY2(f.suffix() == "zip", qPrintable(f.fileName() + " is loose in a zip run"));
            QDir(scratch).removeRecursively();
            QProcess unzip;
            unzip.start("unzip", {"-q", f.filePath(), "-d", scratch});
            QVERIFY(unzip.waitForFinished(-1));
            QVERIFY2(unzip.exitCode() == 0, qPrintable(f.fileName() + " does not unzip"));
            for (const QFileInfo &entry : QDir(scratch).entryInfoList(QDir::Files)) {
                if (entry.fileName() == "manifest.json")
                    continue;
                const QString problem = incompleteness(entry.filePath());
                QVERIFY2(problem.isEmpty(),
                         qPrintable(f.fileName() + "/" + entry.fileName() + ": " + problem));
            }
        } else {
            const QString problem = incompleteness(f.filePath());
            QVERIFY2(problem.isEmpty(), qPrintable(f.fileName() + ": " + problem));
        }
    }
}

QStringList temporariesIn(const QString &dir)
{
    return QDir(dir).entryList({".*.partial-*"}, QDir::Files | QDir::Hidden);
}

int64_t countOf(engine::Connection &c, const std::string &table)
{
    auto r = c.execute("SELECT count(*) FROM " + table);
    return r && !r->rows.empty() ? r->rows[0][0].i : -1;
}

bool run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    return p.waitForFinished(-1) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

//! A tmpfs of `megabytes` at `dir` for the test's lifetime (root only).
class SmallDisk {
public:
    SmallDisk(const QString &dir, int megabytes)
        : m_dir(dir)
    {
        mounted = ::geteuid() == 0
                  && run("mount", {"-t", "tmpfs", "-o", QStringLiteral("size=%1m").arg(megabytes),
                                   "tmpfs", dir});
    }
    bool grow(int megabytes)
    {
        return run("mount", {"-o", QStringLiteral("remount,size=%1m").arg(megabytes), m_dir});
    }
    ~SmallDisk()
    {
        if (mounted)
            run("umount", {"-l", m_dir});
    }
    bool mounted = false;

private:
    QString m_dir;
};

} // namespace

class TestFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { transfer::registerBuiltinFormats(); }

    void killedExportsLeaveNothingPartial_data()
    {
        QTest::addColumn<bool>("zip");
        QTest::newRow("loose files") << false;
        QTest::newRow("zip") << true;
    }

    void killedExportsLeaveNothingPartial()
    {
        QFETCH(bool, zip);
        QTemporaryDir tmp;
        const QString db = tmp.filePath("db"), out = tmp.filePath("out");
        fillTables(db);
        const KillerRun whole = runKiller(db, out, 0, zip);
        QVERIFY(!whole.killed);
        QVERIFY2(whole.reports > 4, "the export reports too little to be killed at many points");
        checkOutputs(out, zip, tmp.filePath("unzipped"));
        // Every report is a kill point: mid-stream, each file published, the archive, links.
        QRandomGenerator rng(zip ? 7 : 11);
        const int kills = 14;
        int died = 0;
        for (int k = 0; k < kills; ++k) {
            const int at = k < 4 ? whole.reports - k : 1 + int(rng.bounded(whole.reports));
            died += runKiller(db, out, at, zip).killed;
            checkOutputs(out, zip, tmp.filePath("unzipped"));
            auto opened = engine::Database::open(db.toStdString());
            QVERIFY2(opened, opened ? "" : opened.status().toString().c_str());
            auto c = (*opened)->connect();
            QCOMPARE(countOf(*c, "a"), int64_t(kRowsA));
            QCOMPARE(countOf(*c, "b"), int64_t(kRowsB));
        }
        QVERIFY(died >= kills / 2);
        const int debris = int(temporariesIn(out).size()); // the last kill's, if any
        // The next run cleans what the killed ones left, and succeeds.
        QVERIFY(!runKiller(db, out, 0, zip).killed);
        checkOutputs(out, zip, tmp.filePath("unzipped"));
        QVERIFY2(temporariesIn(out).isEmpty(), qPrintable(temporariesIn(out).join(", ")));
        qInfo("%d of %d runs killed at one of %d points; the clean run removed %d temporaries",
              died, kills, whole.reports, debris);
    }

    void damagedFilesAreRefusedOrRecovered()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("db");
        constexpr int kCommits = 40;
        auto textOf = [](int64_t id) { return "value " + std::to_string(id * 7919); };
        std::map<QString, QByteArray> pristine;
        {
            auto db = engine::Database::open(dir.toStdString());
            QVERIFY(db);
            auto c = (*db)->connect();
            QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)"));
            for (int i = 1; i <= kCommits; ++i) {
                QVERIFY(c->execute("INSERT INTO t VALUES (?, ?)",
                                   {Value::integer(i), Value::text(textOf(i))}));
                if (i == kCommits / 2)
                    QVERIFY((*db)->checkpoint());
            }
            // Copied while open, as a crash leaves it: half the commits live only in the log.
            for (const QString &name : QDir(dir).entryList(QDir::Files)) {
                if (name == "LOCK")
                    continue;
                QFile f(QDir(dir).filePath(name));
                QVERIFY(f.open(QIODevice::ReadOnly));
                pristine[name] = f.readAll();
            }
        }
        QVERIFY(pristine.count("checkpoint.db"));
        QVERIFY(pristine.size() >= 2);
        QRandomGenerator rng(424242);
        int refused = 0, recoveredWithWarning = 0, intact = 0;
        for (int round = 0; round < 300; ++round) {
            QDir(dir).removeRecursively();
            QDir().mkpath(dir);
            auto victim = pristine.begin();
            std::advance(victim, rng.bounded(int(pristine.size())));
            QString damage;
            for (const auto &[name, bytes] : pristine) {
                QByteArray content = bytes;
                if (name == victim->first && !content.isEmpty()) {
                    // Mostly where the records are, not in the log's preallocated zeros.
                    int used = int(content.size());
                    while (used > 1 && content[used - 1] == 0)
                        --used;
                    const int at = int(rng.bounded(rng.bounded(10) ? used : int(content.size())));
                    if (rng.bounded(2)) {
                        content[at] = char(content[at] ^ char(1 + rng.bounded(255)));
                        damage = QStringLiteral("byte %1 of %2 flipped").arg(at).arg(name);
                    } else {
                        content.truncate(at);
                        damage = QStringLiteral("%1 cut to %2 bytes").arg(name).arg(at);
                    }
                }
                QFile f(QDir(dir).filePath(name));
                QVERIFY(f.open(QIODevice::WriteOnly));
                QCOMPARE(f.write(content), content.size());
            }
            auto db = engine::Database::open(dir.toStdString());
            if (!db) {
                QVERIFY2(
                    db.status().code() == engine::StatusCode::Corrupt,
                    qPrintable(damage + ": " + QString::fromStdString(db.status().toString())));
                ++refused;
                continue;
            }
            // Opened: a prefix of the commits, every row as written, and any loss reported;
            // or a damaged data file, which an open does not read, refused when first read.
            auto c = (*db)->connect();
            auto r = c->execute("SELECT id, s FROM t ORDER BY id");
            if (!r && r.status().code() == engine::StatusCode::Corrupt
                && r.status().toString().find(".blk") != std::string::npos) {
                ++refused;
                continue;
            }
            QVERIFY2(r, qPrintable(damage + ": " + QString::fromStdString(r.status().toString())));
            for (size_t i = 0; i < r->rows.size(); ++i) {
                QVERIFY2(r->rows[i][0].i == int64_t(i + 1)
                             && r->rows[i][1].s == textOf(int64_t(i + 1)),
                         qPrintable(damage + ": row " + QString::number(i + 1) + " is wrong"));
            }
            const bool whole = r->rows.size() == size_t(kCommits);
            QVERIFY2(whole || !(*db)->warnings().empty(),
                     qPrintable(damage + ": opened with " + QString::number(r->rows.size()) + " of "
                                + QString::number(kCommits) + " commits and no warning"));
            (whole ? intact : recoveredWithWarning)++;
        }
        qInfo("300 damaged copies: %d refused as corrupt (at open or first read), %d opened with "
              "the loss reported, %d "
              "opened whole",
              refused, recoveredWithWarning, intact);
        QVERIFY(refused > 0);
    }

    void fullDiskLosesNothing()
    {
        QTemporaryDir tmp;
        const QString mount = tmp.filePath("disk");
        QDir().mkpath(mount);
        SmallDisk disk(mount, 16); // the log grows in 4 MiB steps
        if (!disk.mounted)
            QSKIP("needs root to mount a small tmpfs");
        const std::string dir = (mount + "/db").toStdString();
        int64_t acknowledged = 0;
        std::string failure;
        {
            engine::OpenOptions options;
            options.checkpointLogBytes = 256 << 10;
            auto db = engine::Database::open(dir, options);
            QVERIFY(db);
            auto c = (*db)->connect();
            auto created = c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)");
            QVERIFY2(created, created ? "" : created.status().toString().c_str());
            // Text that does not compress, so the checkpoint's data files fill the disk too.
            std::mt19937 random(11);
            std::string text(3000, ' ');
            for (int64_t i = 1; i < 100000; ++i) {
                for (auto &ch : text)
                    ch = static_cast<char>('!' + random() % 90);
                auto r = c->execute("INSERT INTO t VALUES (?, ?)",
                                    {Value::integer(i), Value::text(text)});
                if (!r) {
                    failure = r.status().toString();
                    break;
                }
                acknowledged = i;
            }
            QVERIFY2(!failure.empty(), "the disk never filled");
            QVERIFY2(QString::fromStdString(failure).contains("space", Qt::CaseInsensitive),
                     failure.c_str());
            // Still full: a read works, a write fails the same clear way.
            QCOMPARE(countOf(*c, "t"), acknowledged);
        }
        // Full: it still opens, with every acknowledged row.
        {
            engine::OpenOptions readOnly;
            readOnly.readOnly = true;
            auto db = engine::Database::open(dir, readOnly);
            QVERIFY2(db, db ? "" : db.status().toString().c_str());
            QCOMPARE(countOf(*(*db)->connect(), "t"), acknowledged);
        }
        // An export onto the full disk fails, says why, and leaves nothing there.
        QVERIFY(disk.grow(64));
        auto db = engine::Database::open(dir);
        QVERIFY2(db, db ? "" : db.status().toString().c_str());
        QCOMPARE(countOf(*(*db)->connect(), "t"), acknowledged);
        const QString outMount = tmp.filePath("out");
        QDir().mkpath(outMount);
        SmallDisk outDisk(outMount, 1);
        QVERIFY(outDisk.mounted);
        for (bool zip : {false, true}) {
            transfer::ExportSpec spec;
            spec.scope = transfer::ExportScope::Full;
            spec.formats = {{"csv", {}}, {"json", {}}};
            spec.outputDir = outMount.toStdString();
            spec.zip = zip;
            auto r = transfer::runExport(**db, spec);
            QVERIFY(!r);
            QVERIFY2(QString::fromStdString(r.status().toString())
                         .contains("space", Qt::CaseInsensitive),
                     r.status().toString().c_str());
            const auto left = QDir(outMount).entryList(QDir::Files | QDir::Hidden);
            QVERIFY2(left.isEmpty(), qPrintable(left.join(", ")));
        }
    }

    // A checkpoint that cannot make its new log (the disk holds less than a log's first
    // allocation) fails, says so, and leaves the writer on its old log: commits go on into its
    // preallocated space, and the folder opens with every one of them. (It made the new log
    // in place: an empty or headless log was left between others, and the database no
    // longer opened — seen under load in fullDiskLosesNothing.)
    void checkpointOnANearlyFullDiskKeepsTheLogs()
    {
        QTemporaryDir tmp;
        const QString mount = tmp.filePath("disk");
        QDir().mkpath(mount);
        SmallDisk disk(mount, 16);
        if (!disk.mounted)
            QSKIP("needs root to mount a small tmpfs");
        const std::string dir = (mount + "/db").toStdString();
        engine::OpenOptions options;
        options.checkpointLogBytes = 1ULL << 40; // only the checkpoints asked for
        int64_t acknowledged = 0;
        {
            auto db = engine::Database::open(dir, options);
            QVERIFY(db);
            auto c = (*db)->connect();
            QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)"));
            auto insert = [&](int64_t id) {
                return c->execute("INSERT INTO t VALUES (?, 'row')", {Value::integer(id)});
            };
            for (; acknowledged < 10; ++acknowledged)
                QVERIFY(insert(acknowledged + 1));
            // Leave about 1 MiB: less than a new log's first 4 MiB.
            struct statvfs fs;
            QVERIFY(::statvfs(mount.toLocal8Bit().constData(), &fs) == 0);
            const int64_t free = int64_t(fs.f_bavail) * int64_t(fs.f_frsize);
            QFile filler(mount + "/filler");
            QVERIFY(filler.open(QIODevice::WriteOnly));
            const QByteArray block(1 << 16, 'f');
            for (int64_t left = free - (1 << 20); left > 0; left -= block.size())
                QVERIFY(filler.write(block) == block.size());
            QVERIFY(filler.flush());
            for (int attempt = 0; attempt < 3; ++attempt) {
                const engine::Status checkpoint = (*db)->checkpoint();
                QVERIFY2(!checkpoint, "the checkpoint found room it should not have");
                QVERIFY2(QString::fromStdString(checkpoint.message())
                             .contains("space", Qt::CaseInsensitive),
                         checkpoint.message().c_str());
                for (int k = 0; k < 5; ++k, ++acknowledged) {
                    auto r = insert(acknowledged + 1);
                    QVERIFY2(r, r ? "" : r.status().toString().c_str());
                }
            }
            filler.close();
            QVERIFY(QFile::remove(mount + "/filler"));
        }
        for (const auto &name : QDir(QString::fromStdString(dir)).entryList(QDir::Files)) {
            QVERIFY2(!name.endsWith(".new"), qPrintable(name));
            if (name.startsWith("wal-"))
                QVERIFY2(QFileInfo(QString::fromStdString(dir) + "/" + name).size() > 0,
                         qPrintable(name));
        }
        engine::OpenOptions readOnly;
        readOnly.readOnly = true;
        auto reader = engine::Database::open(dir, readOnly);
        QVERIFY2(reader, reader ? "" : reader.status().toString().c_str());
        QCOMPARE(countOf(*(*reader)->connect(), "t"), acknowledged);
        auto writer = engine::Database::open(dir);
        QVERIFY2(writer, writer ? "" : writer.status().toString().c_str());
        QCOMPARE(countOf(*(*writer)->connect(), "t"), acknowledged);
        QVERIFY((*writer)->checkpoint());
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
