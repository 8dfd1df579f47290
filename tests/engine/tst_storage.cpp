// Storage format 2: tables stay in their data files until first used, checkpoints write only
// the blocks that changed, damaged data files are named when reached, format 1 converts.
#include "engine/api/database.h"
#include "tests/support/engine_helpers.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <map>
#include <random>

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

QStringList dataFiles(const QString &dir)
{
    return QDir(dir).entryList({"data-*.blk"}, QDir::Files, QDir::Name);
}

qint64 totalSize(const QString &dir, const QStringList &files)
{
    qint64 sum = 0;
    for (const auto &f : files)
        sum += QFileInfo(QDir(dir).filePath(f)).size();
    return sum;
}

//! `rows` rows of (id, n, s) with ids from `first`: s is about 40 characters, half of them
//! hex digits of a hash of the id (so that blocks do not compress to nothing), so that a
//! few tens of thousands of rows take several of the checkpoint's ~1 MiB blocks.
void fillTable(Connection &c, const std::string &table, int64_t first, int64_t rows)
{
    std::vector<Row> batch;
    for (int64_t i = first; i < first + rows; ++i) {
        char hash[24];
        std::snprintf(hash, sizeof hash, "%016llx",
                      static_cast<unsigned long long>((uint64_t(i) + 1) * 0x9E3779B97F4A7C15ULL));
        batch.push_back(
            {Value::integer(i), Value::integer(i * 7 % 1000),
             Value::text("row " + std::to_string(i) + " " + hash + std::string(14, 'x'))});
    }
    QVERIFY(c.insertRows(table, {}, batch));
}

//! A database in `dir` with table `table` (id, n, s) of `rows` rows from fillTable, then
//! `then` run, checkpointed and closed.
void makeTable(const QString &dir, const std::string &table, int64_t rows,
               const std::string &then = {})
{
    auto db = openOrDie(dir);
    auto c = db->connect();
    QVERIFY(c->execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, n INTEGER, s TEXT)"));
    fillTable(*c, table, 0, rows);
    if (!then.empty())
        QVERIFY(c->execute(then));
    QVERIFY(db->checkpoint());
}

//! Begins a transaction that makes table big (id, n, s) and fills it with `rows` rows of
//! fillTable in statements of `batch` rows (so that a small spill size spills between them).
void beginBigImport(Connection &c, int64_t rows, int64_t batch)
{
    QVERIFY(c.begin());
    QVERIFY(c.execute("CREATE TABLE big (id INTEGER PRIMARY KEY, n INTEGER, s TEXT)"));
    for (int64_t from = 0; from < rows; from += batch)
        fillTable(c, "big", from, batch);
}

bool flipByte(const QString &path, qint64 at)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.seek(at))
        return false;
    char b = 0;
    if (!f.getChar(&b) || !f.seek(at))
        return false;
    return f.putChar(static_cast<char>(b ^ 0x5A));
}

} // namespace

class TestStorage : public QObject {
    Q_OBJECT
private slots:
    // Opening reads the catalog only; reading a table reads its blocks without loading it
    // (listing the tables, reading a small one and scanning the big one leave both in their
    // data files); an index lookup or a write loads the table it reaches.
    void tablesLoadOnFirstUse()
    {
        QTemporaryDir tmp;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE big (id INTEGER PRIMARY KEY, n INTEGER, s TEXT);"
                               "CREATE TABLE small (id INTEGER PRIMARY KEY, n INTEGER, s TEXT)"));
            fillTable(*c, "big", 0, 60000);
            fillTable(*c, "small", 0, 10);
            QVERIFY(db->checkpoint());
        }
        auto db = openOrDie(tmp.path());
        StorageStats stats = db->storageStats();
        QCOMPARE(stats.tables, size_t(2));
        QCOMPARE(stats.tablesInMemory, size_t(0));
        QCOMPARE(stats.blockBytesRead, uint64_t(0));
        auto c = db->connect();
        auto tables = c->tables();
        QVERIFY(tables);
        QCOMPARE(tables->size(), size_t(2));
        for (const auto &t : *tables)
            QCOMPARE(t.rowCount, uint64_t(t.name == "big" ? 60000 : 10));
        QCOMPARE(scalar(*c, "SELECT sum(n) FROM small"),
                 int64_t(0 + 7 + 14 + 21 + 28 + 35 + 42 + 49 + 56 + 63));
        stats = db->storageStats();
        QCOMPARE(stats.tablesInMemory, size_t(0));
        QVERIFY2(stats.blockBytesRead > 0 && stats.blockBytesRead < 64 * 1024,
                 std::to_string(stats.blockBytesRead).c_str());
        QCOMPARE(scalar(*c, "SELECT sum(n) FROM big WHERE id < 100"), int64_t([] {
                     int64_t s = 0;
                     for (int64_t i = 0; i < 100; ++i)
                         s += i * 7 % 1000;
                     return s;
                 }()));
        QCOMPARE(db->storageStats().tablesInMemory, size_t(0));
        // The primary key, filled from the blocks' keys: the rows stay in their files.
        QCOMPARE(scalar(*c, "SELECT n FROM big WHERE id = 5"), int64_t(35));
        QCOMPARE(db->storageStats().tablesInMemory, size_t(0));
        // It still refuses a duplicate, whose check reads in just the block of the row it
        // collides with.
        QVERIFY(!c->execute("INSERT INTO big VALUES (5, 0, 'dup')"));
        QCOMPARE(db->storageStats().tablesInMemory, size_t(1));
        QCOMPARE(db->storageStats().blocksInMemory, uint64_t(1));
    }

    // COUNT(*) of a table nobody touched since the open comes from its blocks' row counts,
    // reading none of them; once rows change, it counts what each snapshot sees.
    void countOfAnUntouchedTableReadsNoBlock()
    {
        QTemporaryDir tmp;
        makeTable(tmp.path(), "big", 60000,
                  "DELETE FROM big WHERE id % 10 = 3"); // holes in the slots
        auto db = openOrDie(tmp.path());
        auto reader = db->connect();
        auto writer = db->connect();
        QCOMPARE(scalar(*reader, "SELECT count(*) FROM big"), int64_t(54000));
        QCOMPARE(scalar(*reader, "SELECT count(*), count(*) FROM big"), int64_t(54000));
        StorageStats stats = db->storageStats();
        QCOMPARE(stats.tablesInMemory, size_t(0));
        QCOMPARE(stats.blockBytesRead, uint64_t(0));

        // A snapshot taken before another connection deletes keeps its count.
        QVERIFY(reader->begin());
        QCOMPARE(scalar(*reader, "SELECT count(*) FROM big"), int64_t(54000));
        QVERIFY(writer->execute("DELETE FROM big WHERE id < 1000"));
        QCOMPARE(db->storageStats().tablesInMemory, size_t(1));
        QCOMPARE(scalar(*reader, "SELECT count(*) FROM big"), int64_t(54000));
        QVERIFY(reader->commit());
        QCOMPARE(scalar(*reader, "SELECT count(*) FROM big"), int64_t(53100));
        // The transaction's own rows count for it, and only for it.
        QVERIFY(writer->begin());
        QVERIFY(writer->execute("INSERT INTO big VALUES (100000, 1, 'new'), (100001, 2, 'new')"));
        QCOMPARE(scalar(*writer, "SELECT count(*) FROM big"), int64_t(53102));
        QCOMPARE(scalar(*reader, "SELECT count(*) FROM big"), int64_t(53100));
        QVERIFY(writer->rollback());
        QCOMPARE(scalar(*writer, "SELECT count(*) FROM big"),
                 scalar(*writer, "SELECT count(*) FROM big WHERE id >= 0"));
    }

    // A scan of an untouched table reads its blocks one at a time, from the snapshot it
    // started with: a writer that changes every row and checkpoints (replacing the data file
    // the scan reads) meanwhile changes nothing it yields.
    void scansOfAnUntouchedTableReadBlocksFromTheirSnapshot()
    {
        QTemporaryDir tmp;
        constexpr int64_t kRows = 200000;
        uint64_t half = 0;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT)"));
            fillTable(*c, "t", 0, kRows / 2);
            half = db->lastCommitTs();
            fillTable(*c, "t", kRows / 2, kRows / 2);
            QVERIFY(db->checkpoint());
        }
        const QStringList original = dataFiles(tmp.path());
        const qint64 dataBytes = totalSize(tmp.path(), original);
        auto db = openOrDie(tmp.path());
        auto reader = db->connect();
        auto writer = db->connect();

        // OFFSET passes whole blocks by their row counts, unread.
        auto r = reader->execute("SELECT id FROM t LIMIT 2 OFFSET 150000");
        QVERIFY(r);
        QCOMPARE(r->rows.size(), size_t(2));
        QCOMPARE(r->rows[0][0].i, int64_t(150000));
        QCOMPARE(r->rows[1][0].i, int64_t(150001));
        QVERIFY2(db->storageStats().blockBytesRead * 4 < uint64_t(dataBytes),
                 qPrintable(QString("read %1 of %2 bytes")
                                .arg(db->storageStats().blockBytesRead)
                                .arg(dataBytes)));
        // Change tracking reads the blocks' begin timestamps.
        auto changed = reader->changedRows("t", half);
        QVERIFY(changed);
        RowBatch batch;
        int64_t changedCount = 0, lowest = INT64_MAX;
        for (;;) {
            auto more = (*changed)->next(batch, 4096);
            QVERIFY(more);
            for (size_t i = 0; i < batch.rowCount(); ++i)
                lowest = std::min(lowest, batch.value(i, 0).i);
            changedCount += int64_t(batch.rowCount());
            if (!*more)
                break;
        }
        QCOMPARE(changedCount, kRows / 2);
        QCOMPARE(lowest, kRows / 2);
        QCOMPARE(db->storageStats().tablesInMemory, size_t(0));

        auto cursor = reader->query("SELECT id, n, s FROM t");
        QVERIFY(cursor);
        int64_t expected = 0;
        auto checkBatch = [&] {
            for (size_t i = 0; i < batch.rowCount(); ++i, ++expected) {
                QCOMPARE(batch.value(i, 0).i, expected);
                QCOMPARE(batch.value(i, 1).i, expected * 7 % 1000);
                QVERIFY(batch.value(i, 2).s.starts_with("row " + std::to_string(expected) + " "));
            }
        };
        auto first = (*cursor)->next(batch, 1000);
        QVERIFY(first && *first);
        checkBatch();
        QVERIFY(writer->execute("UPDATE t SET n = -1, s = 'changed'"));
        QVERIFY(writer->execute("DELETE FROM t WHERE id % 2 = 0"));
        QVERIFY(db->checkpoint());
        for (const auto &f : original) // the scan's data file is gone from the folder
            QVERIFY2(!dataFiles(tmp.path()).contains(f), qPrintable(f));
        for (;;) {
            auto more = (*cursor)->next(batch, 1000);
            QVERIFY2(more, more.status().toString().c_str());
            checkBatch();
            if (!*more)
                break;
        }
        QCOMPARE(expected, kRows);
        cursor->reset();
        QCOMPARE(scalar(*reader, "SELECT count(*) FROM t"), kRows / 2);
        QCOMPARE(scalar(*reader, "SELECT count(*) FROM t WHERE n = -1 AND s = 'changed'"),
                 kRows / 2);
    }

    // Row blocks are stored compressed when that makes them smaller, as they are when it
    // does not (random bytes); a folder holding both kinds reads back whole.
    void blocksAreCompressedUnlessThatGainsNothing()
    {
        QTemporaryDir tmp;
        constexpr int kRows = 20000;
        qint64 textFile = 0;
        std::mt19937_64 random(7);
        std::vector<std::string> blobs;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE words (id INTEGER, s TEXT)"));
            std::vector<Row> rows;
            for (int i = 0; i < kRows; ++i)
                rows.push_back(
                    {Value::integer(i),
                     Value::text("the same words again and again, row " + std::to_string(i))});
            QVERIFY(c->insertRows("words", {}, rows));
            QVERIFY(db->checkpoint());
            textFile = totalSize(tmp.path(), dataFiles(tmp.path()));
            QVERIFY(c->execute("CREATE TABLE noise (id INTEGER, b BLOB)"));
            rows.clear();
            for (int i = 0; i < kRows; ++i) {
                std::string b(100, '\0');
                for (auto &ch : b)
                    ch = static_cast<char>(random());
                blobs.push_back(b);
                rows.push_back({Value::integer(i), Value::blob(b)});
            }
            QVERIFY(c->insertRows("noise", {}, rows));
            QVERIFY(db->checkpoint());
        }
        // words' rows take at least 60 bytes each as stored (8 per column, the text, the
        // slot and timestamp); compressed, a fraction of that.
        QVERIFY2(textFile < kRows * 60 / 3, std::to_string(textFile).c_str());
        const QStringList files = dataFiles(tmp.path());
        const qint64 all = totalSize(tmp.path(), files);
        QVERIFY2(all - textFile >= qint64(kRows) * 100, std::to_string(all - textFile).c_str());

        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        QCOMPARE(scalar(*c, "SELECT count(*) FROM words WHERE s LIKE 'the same words%'"),
                 int64_t(kRows));
        auto r = c->execute("SELECT id, b FROM noise ORDER BY id");
        QVERIFY(r);
        QCOMPARE(r->rows.size(), size_t(kRows));
        for (int i = 0; i < kRows; ++i)
            QVERIFY2(r->rows[i][1].s == blobs[i], std::to_string(i).c_str());
    }

    // Ten rows into a large table: the checkpoint writes a small new data file next to the
    // old one instead of rewriting the table.
    void checkpointWritesOnlyWhatChanged()
    {
        QTemporaryDir tmp;
        makeTable(tmp.path(), "t", 200000);
        const QStringList before = dataFiles(tmp.path());
        const qint64 sizeBefore = totalSize(tmp.path(), before);
        QVERIFY2(sizeBefore > 4 * 1024 * 1024, std::to_string(sizeBefore).c_str());
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            fillTable(*c, "t", 1000000, 10);
            QVERIFY(db->checkpoint());
        }
        const QStringList after = dataFiles(tmp.path());
        for (const auto &f : before)
            QVERIFY2(after.contains(f), qPrintable(f + " was dropped though still used"));
        QStringList added = after;
        for (const auto &f : before)
            added.removeAll(f);
        QCOMPARE(added.size(), 1);
        const qint64 written = totalSize(tmp.path(), added);
        QVERIFY2(written < 2 * 1024 * 1024 && written * 8 < sizeBefore,
                 qPrintable(QString("wrote %1 of %2 bytes").arg(written).arg(sizeBefore)));
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), int64_t(200010));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t WHERE id >= 1000000"), int64_t(10));
    }

    // Rows into a table without indexes that nobody read since the open: the table stays in
    // its blocks, every reader sees the new rows from its own snapshot on, the checkpoint
    // writes only them (and next time only what came after; the small last block is read in
    // to be written again with them), and they survive reopens and replay from the log; an
    // update then reads in the blocks of the rows it changes, and nothing is lost.
    void appendsToAnUnloadedTableWithoutLoadingIt()
    {
        QTemporaryDir tmp;
        constexpr int64_t kRows = 200000;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE t (id INTEGER, n INTEGER, s TEXT)"));
            fillTable(*c, "t", 0, kRows);
            QVERIFY(db->checkpoint());
        }
        const QStringList before = dataFiles(tmp.path());
        const qint64 sizeBefore = totalSize(tmp.path(), before);
        auto sumOf = [](int64_t from, int64_t to) {
            int64_t s = 0;
            for (int64_t i = from; i < to; ++i)
                s += i * 7 % 1000;
            return s;
        };
        {
            auto db = openOrDie(tmp.path());
            auto reader = db->connect();
            auto writer = db->connect();
            QVERIFY(reader->begin()); // a snapshot from before any append
            QCOMPARE(scalar(*reader, "SELECT count(*) FROM t"), kRows);
            fillTable(*writer, "t", kRows, 10);
            QVERIFY(writer->execute("INSERT INTO t VALUES (-1, 5, 'by SQL')"));
            QCOMPARE(db->storageStats().tablesInMemory, size_t(0));
            QCOMPARE(scalar(*reader, "SELECT count(*) FROM t"), kRows);
            QCOMPARE(scalar(*reader, "SELECT count(*) FROM t WHERE id < 0 OR id >= 200000"),
                     int64_t(0));
            QVERIFY(reader->commit());
            QCOMPARE(scalar(*reader, "SELECT count(*) FROM t"), kRows + 11);
            QCOMPARE(scalar(*reader, "SELECT sum(n) FROM t"), sumOf(0, kRows + 10) + 5);
            QCOMPARE(scalar(*reader, "SELECT n FROM t WHERE id = 200003"),
                     int64_t(200003 * 7 % 1000));
            QCOMPARE(db->storageStats().tablesInMemory, size_t(0)); // no index to load
            auto tables = reader->tables();
            QVERIFY(tables);
            QCOMPARE(tables->front().rowCount, uint64_t(kRows + 11));
            // Uncommitted rows are the writer's own until it commits; rolled back, nobody's.
            QVERIFY(writer->begin());
            fillTable(*writer, "t", 300000, 5);
            QCOMPARE(scalar(*writer, "SELECT count(*) FROM t"), kRows + 16);
            QCOMPARE(scalar(*reader, "SELECT count(*) FROM t"), kRows + 11);
            QVERIFY(writer->rollback());
            QCOMPARE(scalar(*writer, "SELECT count(*) FROM t"), kRows + 11);
            QCOMPARE(db->storageStats().tablesInMemory, size_t(0));
            QVERIFY(db->checkpoint());
            QVERIFY(db->storageStats().blocksInMemory <= 1); // the small last block, at most
        }
        QStringList added = dataFiles(tmp.path());
        for (const auto &f : before) {
            QVERIFY2(added.contains(f), qPrintable(f + " was dropped though still used"));
            added.removeAll(f);
        }
        QVERIFY2(
            totalSize(tmp.path(), added) * 20 < sizeBefore,
            qPrintable(
                QString("wrote %1 of %2 bytes").arg(totalSize(tmp.path(), added)).arg(sizeBefore)));

        // Appended again after a checkpoint wrote the first rows (copy blocks): the next
        // checkpoint keeps those copies and writes only the newer rows, except where a row of
        // a transaction still open when the copy was written has committed since.
        constexpr int64_t kMore = 30000; // a full block after late's rows, then a small one
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            auto late = db->connect();
            QVERIFY(late->begin());
            fillTable(*late, "t", 500000, 3);
            fillTable(*c, "t", 400000, kMore);
            QVERIFY(db->checkpoint()); // the first copy covers late's slots without their rows
            QVERIFY(late->commit());
            fillTable(*c, "t", 400000 + kMore, 100);
            QVERIFY(db->checkpoint());
            QVERIFY(db->storageStats().blocksInMemory <= 2); // small last blocks, at most
            QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), kRows + 11 + kMore + 103);
        }
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), kRows + 11 + kMore + 103);
            QCOMPARE(scalar(*c, "SELECT count(*) FROM t WHERE id >= 500000"), int64_t(3));
            QCOMPARE(scalar(*c, "SELECT sum(n) FROM t WHERE id >= 400000 AND id < 500000"),
                     sumOf(400000, 400000 + kMore + 100));
            QCOMPARE(db->storageStats().tablesInMemory, size_t(0));
            // Left in the log only (closing checkpoints only a big log): the next open
            // replays the rows without loading the table.
            fillTable(*c, "t", 600000, 7);
        }
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QCOMPARE(db->storageStats().tablesInMemory, size_t(0));
            QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), kRows + 11 + kMore + 103 + 7);
            // An update reads in the block of each row it changes (id 0's; the replayed rows
            // are in memory), nothing else.
            QVERIFY(c->execute("UPDATE t SET n = n + 1 WHERE id >= 600000 OR id = 0"));
            QCOMPARE(db->storageStats().blocksInMemory, uint64_t(1));
            QCOMPARE(scalar(*c, "SELECT sum(n) FROM t WHERE id >= 600000"),
                     sumOf(600000, 600007) + 7);
            QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), kRows + 11 + kMore + 103 + 7);
            QCOMPARE(scalar(*c, "SELECT sum(n) FROM t"),
                     sumOf(0, kRows + 10) + 5 + sumOf(400000, 400000 + kMore + 100)
                         + sumOf(500000, 500003) + sumOf(600000, 600007) + 8);
        }
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), kRows + 11 + kMore + 103 + 7);
        QCOMPARE(scalar(*c, "SELECT sum(n) FROM t"),
                 sumOf(0, kRows + 10) + 5 + sumOf(400000, 400000 + kMore + 100)
                     + sumOf(500000, 500003) + sumOf(600000, 600007) + 8);
    }

    // A damaged data file is found when its table is first read: the error names the file,
    // the other tables keep working, writes to the damaged table fail, and nothing the
    // database still needs is deleted; repairing the byte brings every row back.
    void damagedDataFileIsNamedAtFirstUse()
    {
        QTemporaryDir tmp;
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE a (id INTEGER PRIMARY KEY, n INTEGER, s TEXT)"));
            fillTable(*c, "a", 0, 30000);
            QVERIFY(db->checkpoint());
            QVERIFY(c->execute("CREATE TABLE b (id INTEGER PRIMARY KEY, n INTEGER, s TEXT)"));
            fillTable(*c, "b", 0, 100);
            QVERIFY(db->checkpoint());
        }
        // Table a's blocks are all in the first data file, table b's in a later one.
        const QStringList files = dataFiles(tmp.path());
        QVERIFY2(files.size() >= 2, qPrintable(files.join(' ')));
        const QString damaged = tmp.filePath(files.first());
        const qint64 at = QFileInfo(damaged).size() / 2;
        QVERIFY(flipByte(damaged, at));
        {
            auto db = openOrDie(tmp.path()); // the catalog is intact: the open succeeds
            auto c = db->connect();
            auto r = c->execute("SELECT count(s) FROM a");
            QVERIFY2(!r, "read a damaged block");
            QCOMPARE(r.status().code(), StatusCode::Corrupt);
            QVERIFY2(r.status().message().find(files.first().toStdString()) != std::string::npos,
                     r.status().message().c_str());
            QCOMPARE(scalar(*c, "SELECT count(*) FROM b"), int64_t(100));
            QVERIFY(!c->execute("UPDATE a SET n = n + 1")); // reads every block
            QVERIFY(c->execute("INSERT INTO b VALUES (-1, 0, 'x')"));
            QVERIFY(db->checkpoint());
        }
        QVERIFY(QFile::exists(damaged));
        QVERIFY(flipByte(damaged, at)); // flipped back
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        QCOMPARE(scalar(*c, "SELECT count(*) FROM a"), int64_t(30000));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM b"), int64_t(101));
    }

    // A missing data file is named at open: the folder is not half a database.
    void missingDataFileIsNamedAtOpen()
    {
        QTemporaryDir tmp;
        makeTable(tmp.path(), "a", 100);
        const QStringList files = dataFiles(tmp.path());
        QCOMPARE(files.size(), 1);
        QVERIFY(QFile::rename(tmp.filePath(files[0]), tmp.filePath("moved.blk")));
        auto db = Database::open(tmp.path().toStdString());
        QVERIFY(!db);
        QCOMPARE(db.status().code(), StatusCode::Corrupt);
        QVERIFY2(db.status().message().find(files[0].toStdString()) != std::string::npos,
                 db.status().message().c_str());
        QVERIFY(QFile::rename(tmp.filePath("moved.blk"), tmp.filePath(files[0])));
        auto again = openOrDie(tmp.path());
        QCOMPARE(scalar(*again->connect(), "SELECT count(*) FROM a"), int64_t(100));
    }

    // A reader that opened before the writer rewrote every block still reads its snapshot
    // after the writer's checkpoint deleted the data file that snapshot lives in.
    void readerKeepsReadingDeletedDataFile()
    {
        QTemporaryDir tmp;
        auto writer = openOrDie(tmp.path());
        auto wc = writer->connect();
        QVERIFY(wc->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT)"));
        fillTable(*wc, "t", 0, 40000);
        QVERIFY(writer->checkpoint());
        const QStringList first = dataFiles(tmp.path());
        OpenOptions ro;
        ro.readOnly = true;
        auto reader = openOrDie(tmp.path(), ro);
        QCOMPARE(reader->storageStats().tablesInMemory, size_t(0));
        QVERIFY(wc->execute("UPDATE t SET n = -1"));
        QVERIFY(writer->checkpoint());
        for (const auto &f : first)
            QVERIFY2(!QFile::exists(tmp.filePath(f)), qPrintable(f + " is still there"));
        auto rc = reader->connect();
        QCOMPARE(scalar(*rc, "SELECT count(*) FROM t WHERE n = -1"), int64_t(0));
        QCOMPARE(scalar(*rc, "SELECT count(*) FROM t"), int64_t(40000));
        QCOMPARE(scalar(*wc, "SELECT count(*) FROM t WHERE n = -1"), int64_t(40000));
    }

    // A database of format 1 (the whole-file checkpoint, written by commit 57f42b0): a
    // read-only open reads it as it is; a writable open converts it once to format 2 and
    // keeps every row, index, constraint, tracked deletion and the log's later changes.
    void formatOneConvertsOnWritableOpen()
    {
        QTemporaryDir tmp;
        QCOMPARE(QProcess::execute("tar",
                                   {"-xzf", STRATA_SOURCE_DIR "/tests/data/format1-database.tar.gz",
                                    "-C", tmp.path()}),
                 0);
        auto readHeader = [&] {
            QFile f(tmp.filePath("checkpoint.db"));
            return f.open(QIODevice::ReadOnly) ? f.read(15) : QByteArray();
        };
        QCOMPARE(readHeader(), QByteArray("STRATA-CKPT-v1\n"));
        auto check = [](Connection &c) {
            QCOMPARE(scalar(c, "SELECT count(*) FROM people"), int64_t(3));
            auto r = c.execute("SELECT name, email, score, team, photo FROM people WHERE id = 1");
            QVERIFY(r && r->rows.size() == 1);
            QCOMPARE(r->rows[0][0].s, std::string("Ada"));
            QCOMPARE(r->rows[0][2].d, 9.5);
            QCOMPARE(r->rows[0][3].s, std::string("core"));
            QCOMPARE(r->rows[0][4].s, std::string("\x00\xFF\x10", 3));
            QCOMPARE(scalar(c, "SELECT count(*) FROM people WHERE name = 'after checkpoint'"),
                     int64_t(1));
            QCOMPARE(scalar(c, "SELECT count(*) FROM numbers"), int64_t(4990));
            QCOMPARE(scalar(c, "SELECT sq FROM numbers WHERE n = 7"), int64_t(-1));
            QCOMPARE(scalar(c, "SELECT sq FROM numbers WHERE n = 4000"), int64_t(16000000));
            auto deleted = c.deletedKeys("people", 0);
            QVERIFY(deleted);
            QCOMPARE(deleted->size(), size_t(1));
            QCOMPARE((*deleted)[0][0].i, int64_t(3));
        };
        OpenOptions ro;
        ro.readOnly = true;
        {
            auto db = openOrDie(tmp.path(), ro);
            check(*db->connect());
        }
        QCOMPARE(readHeader(), QByteArray("STRATA-CKPT-v1\n")); // untouched by a reader
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            check(*c);
            QVERIFY(
                !c->execute("INSERT INTO people (id, name, email) VALUES (9, 'x', 'ada@x.org')"));
            QVERIFY(!c->execute("INSERT INTO numbers VALUES (1, 0)"));
        }
        QCOMPARE(readHeader(), QByteArray("STRATA-CKPT-v2\n"));
        QVERIFY(!dataFiles(tmp.path()).isEmpty());
        auto db = openOrDie(tmp.path());
        QCOMPARE(db->storageStats().tablesInMemory, size_t(0));
        auto c = db->connect();
        check(*c);
        auto info = c->table("people");
        QVERIFY(info);
        QCOMPARE(info->indexes.size(), size_t(1));
        QCOMPARE(info->indexes[0].name, std::string("people_score"));
    }

    // A format-2 database written before indexes had runs (by commit 29428be) opens as it
    // is: its indexes are filled from the blocks when first used (once), a read-only open
    // changes nothing, and the first checkpoint after that writes their runs, so the next
    // open fills none.
    void formatTwoWithoutIndexRunsGetsThemAtItsNextCheckpoint()
    {
        QTemporaryDir tmp;
        QCOMPARE(QProcess::execute("tar",
                                   {"-xzf", STRATA_SOURCE_DIR "/tests/data/format2-database.tar.gz",
                                    "-C", tmp.path()}),
                 0);
        auto check = [](Connection &c) {
            QCOMPARE(scalar(c, "SELECT count(*) FROM people"), int64_t(3));
            QCOMPARE(scalar(c, "SELECT count(*) FROM people WHERE score > 0"), int64_t(2));
            QCOMPARE(scalar(c, "SELECT count(*) FROM people WHERE id = 4"), int64_t(1));
            QCOMPARE(scalar(c, "SELECT count(*) FROM numbers"), int64_t(29999));
            QCOMPARE(scalar(c, "SELECT sq FROM numbers WHERE n = 7"), int64_t(-1));
            QCOMPARE(scalar(c, "SELECT sq FROM numbers WHERE n = 29999"), int64_t(29999) * 29999);
            QCOMPARE(scalar(c, "SELECT count(*) FROM numbers WHERE n BETWEEN 100 AND 199"),
                     int64_t(100));
        };
        QByteArray manifest;
        auto readManifest = [&] {
            QFile f(tmp.filePath("checkpoint.db"));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        manifest = readManifest();
        OpenOptions ro;
        ro.readOnly = true;
        {
            auto db = openOrDie(tmp.path(), ro);
            check(*db->connect());
            QVERIFY(db->storageStats().indexFills > 0);
        }
        QCOMPARE(readManifest(), manifest); // untouched by a reader
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            check(*c);
            QVERIFY(!c->execute("INSERT INTO people VALUES (9, 'x', 'ada@x.org', 0)"));
            QVERIFY(!c->execute("INSERT INTO numbers VALUES (1, 0, 'dup')"));
            QVERIFY(db->checkpoint());
        }
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        check(*c);
        QVERIFY(!c->execute("INSERT INTO people VALUES (9, 'x', 'ada@x.org', 0)"));
        QVERIFY(!c->execute("INSERT INTO numbers VALUES (1, 0, 'dup')"));
        QCOMPARE(db->storageStats().indexFills, uint64_t(0));
    }

    // A transaction that makes a table bigger than its spill size writes it to data files as
    // it goes: the transaction still reads every row, its primary key still refuses
    // duplicates of spilled rows, and after the commit the rows are in blocks, not memory.
    void bigTransactionSpillsAndCommitsWhole()
    {
        QTemporaryDir tmp;
        OpenOptions options;
        options.spillBytes = 256 << 10;
        constexpr int64_t kRows = 60000;
        int64_t sumN = 0;
        for (int64_t i = 0; i < kRows; ++i)
            sumN += i * 7 % 1000;
        {
            auto db = openOrDie(tmp.path(), options);
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE small (id INTEGER PRIMARY KEY, v TEXT)"));
            beginBigImport(*c, kRows, 5000);
            QVERIFY(c->execute("INSERT INTO small VALUES (1, 'with the import')"));
            QVERIFY2(dataFiles(tmp.path()).size() >= 5,
                     qPrintable(dataFiles(tmp.path()).join(",")));
            QCOMPARE(scalar(*c, "SELECT count(*) FROM big"), kRows);
            QCOMPARE(scalar(*c, "SELECT sum(n) FROM big"), sumN);
            QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE s LIKE 'row 1234 %'"), int64_t(1));
            auto dup = c->execute("INSERT INTO big VALUES (17, 0, 'again')"); // spilled long ago
            QVERIFY(!dup);
            QVERIFY2(dup.status().message().find("duplicate key") != std::string::npos,
                     dup.status().toString().c_str());
            QVERIFY(c->commit());
            QCOMPARE(scalar(*c, "SELECT count(*) FROM big"), kRows);
            QCOMPARE(scalar(*c, "SELECT sum(n) FROM big"), sumN);
            QCOMPARE(db->storageStats().tablesInMemory, size_t(1)); // small only
            // An index lookup loads the table from its blocks, key index included.
            QCOMPARE(scalar(*c, "SELECT n FROM big WHERE id = 59999"), int64_t(59999 * 7 % 1000));
            QVERIFY(!c->execute("INSERT INTO big VALUES (17, 0, 'again')"));
        }
        auto db = openOrDie(tmp.path(), options);
        auto c = db->connect();
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big"), kRows);
        QCOMPARE(scalar(*c, "SELECT sum(n) FROM big"), sumN);
        QCOMPARE(scalar(*c, "SELECT count(*) FROM small"), int64_t(1));
        QCOMPARE(scalar(*c, "SELECT n FROM big WHERE id = 12345"), int64_t(12345 * 7 % 1000));
        // Incremental exports see the import's rows as committed at its timestamp.
        QVERIFY(c->execute("UPDATE big SET n = n + 1 WHERE id = 3"));
        QCOMPARE(scalar(*c, "SELECT sum(n) FROM big"), sumN + 1);
    }

    // Rolled back (or never committed), a spilled transaction leaves no table and no file.
    void spilledTransactionRolledBackLeavesNothing()
    {
        QTemporaryDir tmp;
        OpenOptions options;
        options.spillBytes = 128 << 10;
        makeTable(tmp.path(), "keep", 100);
        const QStringList before = dataFiles(tmp.path());
        {
            auto db = openOrDie(tmp.path(), options);
            auto c = db->connect();
            beginBigImport(*c, 20000, 2000);
            QVERIFY(dataFiles(tmp.path()).size() > before.size());
            QVERIFY(c->rollback());
            QCOMPARE(dataFiles(tmp.path()), before);
            QVERIFY(!c->execute("SELECT count(*) FROM big"));
            QVERIFY(db->checkpoint());
        }
        auto db = openOrDie(tmp.path(), options);
        auto c = db->connect();
        QCOMPARE(scalar(*c, "SELECT count(*) FROM keep"), int64_t(100));
        QVERIFY(!c->execute("SELECT count(*) FROM big"));
    }

    // A spilled table that its transaction then updates and deletes from is read back into
    // memory first; the commit holds exactly the changed rows.
    void spilledTableChangedInPlaceComesBack()
    {
        QTemporaryDir tmp;
        OpenOptions options;
        options.spillBytes = 128 << 10;
        int64_t expect = 0;
        for (int64_t i = 0; i < 20000; ++i)
            if (i % 3 != 0)
                expect += i % 2 == 0 ? i * 7 % 1000 + 1 : i * 7 % 1000;
        {
            auto db = openOrDie(tmp.path(), options);
            auto c = db->connect();
            beginBigImport(*c, 20000, 2000);
            QVERIFY(c->execute("UPDATE big SET n = n + 1 WHERE id % 2 = 0"));
            QVERIFY(c->execute("DELETE FROM big WHERE id % 3 = 0"));
            fillTable(*c, "big", 20000, 10); // and more after that
            QVERIFY(c->execute("DELETE FROM big WHERE id >= 20000"));
            QCOMPARE(scalar(*c, "SELECT sum(n) FROM big"), expect);
            QVERIFY(c->commit());
            // The versions those changes ended went with the heap's memory at the commit;
            // the collector must not look for them (it did, now and then, from the
            // background thread: a crash).
            db->collectGarbage();
            QCOMPARE(scalar(*c, "SELECT sum(n) FROM big"), expect);
        }
        auto db = openOrDie(tmp.path(), options);
        auto c = db->connect();
        QCOMPARE(scalar(*c, "SELECT sum(n) FROM big"), expect);
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big"), int64_t(20000 - 6667));
        QVERIFY(QDir(tmp.path()).entryList({"data-*.blk"}, QDir::Files).size() >= 1);
    }

    // A write reads in only the blocks of the rows it changes: by the primary key (whose
    // keys are read from the blocks, not their rows) or by a scan (which reads the blocks
    // from their files and keeps only those with a row it changes). A snapshot from before
    // sees the old rows in both kinds of blocks; the checkpoint writes only the changed
    // blocks again; the log replays a change into just its block.
    void writesReadInOnlyTheBlocksTheyChange()
    {
        QTemporaryDir tmp;
        constexpr int64_t kRows = 120000;
        makeTable(tmp.path(), "big", kRows);
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute("CREATE TABLE plain (id INTEGER, n INTEGER, s TEXT)"));
            fillTable(*c, "plain", 0, kRows);
            QVERIFY(db->checkpoint());
        }
        auto sumN = [](int64_t rows) {
            int64_t sum = 0;
            for (int64_t i = 0; i < rows; ++i)
                sum += i * 7 % 1000;
            return sum;
        };
        const QStringList before = dataFiles(tmp.path());
        const qint64 sizeBefore = totalSize(tmp.path(), before);
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            auto reader = db->connect();
            QVERIFY(reader->begin());
            QCOMPARE(scalar(*reader, "SELECT count(*) FROM big"), kRows);
            // 30000 * 7 % 1000 = 0, 90000 * 7 % 1000 = 0
            QVERIFY(c->execute("UPDATE big SET n = 5000 WHERE id = 30000"));
            QCOMPARE(db->storageStats().blocksInMemory, uint64_t(1));
            QVERIFY(c->execute("DELETE FROM big WHERE id = 90000"));
            QCOMPARE(db->storageStats().blocksInMemory, uint64_t(2));
            QVERIFY(c->execute("UPDATE plain SET n = n + 1000 WHERE id = 70000 OR id = 70001"));
            QCOMPARE(db->storageStats().blocksInMemory, uint64_t(3));
            QCOMPARE(db->storageStats().tablesInMemory, size_t(2));
            // Mixed: rows from files and from memory, each once, as of each snapshot.
            QCOMPARE(scalar(*c, "SELECT count(*) FROM big"), kRows - 1);
            QCOMPARE(scalar(*c, "SELECT sum(n) FROM big"), sumN(kRows) + 5000);
            QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE id >= 0"), kRows - 1);
            QCOMPARE(scalar(*c, "SELECT sum(n) FROM plain"), sumN(kRows) + 2000);
            QCOMPARE(scalar(*c, "SELECT n FROM big WHERE id = 30000"), int64_t(5000));
            QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE id = 90000"), int64_t(0));
            QCOMPARE(scalar(*reader, "SELECT count(*) FROM big"), kRows);
            QCOMPARE(scalar(*reader, "SELECT sum(n) FROM big"), sumN(kRows));
            QCOMPARE(scalar(*reader, "SELECT n FROM big WHERE id = 30000"), int64_t(0));
            QCOMPARE(scalar(*reader, "SELECT count(*) FROM big WHERE id = 90000"), int64_t(1));
            QCOMPARE(scalar(*reader, "SELECT sum(n) FROM plain"), sumN(kRows));
            auto tables = reader->tables();
            QVERIFY(tables);
            for (const auto &t : *tables)
                QCOMPARE(t.rowCount, uint64_t(kRows));
            QVERIFY(reader->commit());
            // The key still knows every row, in memory or not.
            QVERIFY(!c->execute("INSERT INTO big VALUES (100, 0, 'dup')"));
            QVERIFY(!c->execute("UPDATE big SET id = 5 WHERE id = 30000"));
            QVERIFY(c->execute("INSERT INTO big VALUES (90000, 1, 'back')"));
            QVERIFY(db->checkpoint());
        }
        QStringList added = dataFiles(tmp.path());
        for (const auto &f : before)
            added.removeAll(f);
        QVERIFY2(
            totalSize(tmp.path(), added) * 4 < sizeBefore, // 3 of some 20 blocks, and one row
            qPrintable(
                QString("wrote %1 of %2 bytes").arg(totalSize(tmp.path(), added)).arg(sizeBefore)));
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QCOMPARE(scalar(*c, "SELECT sum(n) FROM big"), sumN(kRows) + 5000 + 1);
            QCOMPARE(scalar(*c, "SELECT count(*) FROM big"), kRows);
            QCOMPARE(scalar(*c, "SELECT sum(n) FROM plain"), sumN(kRows) + 2000);
            // Changes left in the log: the next open replays each into its block alone.
            QVERIFY(c->execute("UPDATE plain SET n = n - 1000 WHERE id = 70000 OR id = 70001"));
            QVERIFY(c->execute("DELETE FROM big WHERE id = 110000"));
        }
        auto db = openOrDie(tmp.path());
        QVERIFY(db->storageStats().blocksInMemory <= 2);
        auto c = db->connect();
        QCOMPARE(scalar(*c, "SELECT sum(n) FROM plain"), sumN(kRows));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big"), kRows - 1);
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE id = 110000"), int64_t(0));
    }

    // Indexes are written by the checkpoint as sorted runs: an open builds nothing, a lookup
    // by key or by a range reads a few index blocks and the blocks of the rows it finds, a
    // duplicate is refused through the runs, and rows added since are found too.
    void indexesNeedNoBuildAtOpen()
    {
        QTemporaryDir tmp;
        constexpr int64_t kRows = 200000; // some twenty row blocks
        makeTable(tmp.path(), "big", kRows, "CREATE INDEX big_n ON big (n)");
        const qint64 dataBytes = totalSize(tmp.path(), dataFiles(tmp.path()));
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        QCOMPARE(db->storageStats().blockBytesRead, uint64_t(0));
        // What a lookup reads, as a part of the data files: an index block or two, and the
        // row blocks of the rows it finds.
        const std::vector<std::pair<std::string, int64_t>> lookups = {
            {"SELECT n FROM big WHERE id = 40001", 40001 * 7 % 1000},
            {"SELECT count(*) FROM big WHERE id BETWEEN 1000 AND 1999", 1000},
            {"SELECT count(*) FROM big WHERE id > 199990", 9},
            {"SELECT count(*) FROM big WHERE id < 10.5", 11},
        };
        for (const auto &[sql, want] : lookups) {
            const uint64_t before = db->storageStats().blockBytesRead;
            QCOMPARE(scalar(*c, sql), want);
            const double part
                = double(db->storageStats().blockBytesRead - before) / double(dataBytes);
            QVERIFY2(part < 0.1, qPrintable(QString::fromStdString(sql) + ": read "
                                            + QString::number(part) + " of the data"));
        }
        // i * 7 % 1000 == 7 for i = 1, 1001, 2001, ...: rows in every block.
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE n = 7"), kRows / 1000);
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE n >= 998 AND n < 999"), kRows / 1000);
        QCOMPARE(db->storageStats().tablesInMemory, size_t(0));
        // A duplicate is found in the runs; only the clashing row's block is read in.
        QVERIFY(!c->execute("INSERT INTO big VALUES (40001, 0, 'dup')"));
        QCOMPARE(db->storageStats().blocksInMemory, uint64_t(1));
        // Rows since the checkpoint are in the hash: found by key and in ranges.
        QVERIFY(c->execute("INSERT INTO big VALUES (270000, 5000, 'new')"));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE id = 270000"), int64_t(1));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE id > 199990"), int64_t(10));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE n > 999"), int64_t(1));
        QVERIFY(!c->execute("INSERT INTO big VALUES (270000, 0, 'dup')"));
    }

    // An index made on a table in its blocks gets its runs from a checkpoint soon after (or
    // at close): the next open does not fill it again from every block.
    void aNewIndexIsCheckpointedBeforeTheNextOpen()
    {
        QTemporaryDir tmp;
        makeTable(tmp.path(), "big", 50000);
        {
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            QVERIFY(c->execute("CREATE INDEX big_n ON big (n)"));
            QCOMPARE(db->storageStats().indexFills, uint64_t(1));
            QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE n = 7"), int64_t(50));
            QVERIFY(db->close());
        }
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE n = 7"), int64_t(50));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE n BETWEEN 7 AND 8"), int64_t(100));
        QCOMPARE(db->storageStats().indexFills, uint64_t(0));
    }

    // A row in an index's runs and in its hash (inserted, changed while an older snapshot
    // still saw it, then checkpointed) is one row to a lookup: an update by its key changes
    // it once (it used to see it twice and fail with a conflict with itself).
    void aRowInTheRunsAndTheHashIsFoundOnce()
    {
        QTemporaryDir tmp;
        makeTable(tmp.path(), "t", 100);
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        auto old = db->connect();
        QVERIFY(c->execute("INSERT INTO t VALUES (1000, 0, 'new')"));
        QVERIFY(old->begin());
        QCOMPARE(scalar(*old, "SELECT count(*) FROM t"), int64_t(101));
        QVERIFY(c->execute("UPDATE t SET n = 1 WHERE id = 1000"));
        QVERIFY(db->checkpoint());
        auto updated = c->execute("UPDATE t SET n = 2 WHERE id = 1000");
        QVERIFY2(updated, updated.status().toString().c_str());
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t WHERE id = 1000"), int64_t(1));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t WHERE id >= 1000"), int64_t(1));
        QCOMPARE(scalar(*old, "SELECT n FROM t WHERE id = 1000"), int64_t(0));
        QVERIFY(old->commit());
    }

    // Rows a checkpoint wrote, or read in and left unchanged, go back to their files when
    // every snapshot sees them and no transaction that read them is open: memory holds what
    // changed since. Readers meanwhile, and after, read the same rows.
    void unchangedBlocksGoBackToTheirFiles()
    {
        QTemporaryDir tmp;
        constexpr int64_t kRows = 100000;
        auto sumOf = [](int64_t from, int64_t to) {
            int64_t s = 0;
            for (int64_t i = from; i < to; ++i)
                s += i * 7 % 1000;
            return s;
        };
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        QVERIFY(c->execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT)"));
        fillTable(*c, "t", 0, kRows);
        QVERIFY(db->checkpoint()); // written from memory, then released
        QCOMPARE(db->storageStats().blocksResident, uint64_t(0));
        QCOMPARE(scalar(*c, "SELECT sum(n) FROM t"), sumOf(0, kRows));
        // An open transaction that read the table keeps its blocks: it may hold versions.
        auto reader = db->connect();
        QVERIFY(reader->begin());
        QVERIFY(c->execute("UPDATE t SET n = n + 1 WHERE id < 10 OR id >= 99990"));
        QCOMPARE(scalar(*reader, "SELECT sum(n) FROM t"), sumOf(0, kRows));
        QVERIFY(db->checkpoint());
        QVERIFY(db->storageStats().blocksResident > 0);
        auto cursor = reader->query("SELECT n FROM t");
        QVERIFY(cursor);
        RowBatch batch;
        QVERIFY((*cursor)->next(batch, 1000));
        QVERIFY(reader->commit());
        cursor->reset();
        db->collectGarbage(); // the old versions go, then the blocks
        db->collectGarbage();
        QCOMPARE(db->storageStats().blocksResident, uint64_t(0));
        QCOMPARE(scalar(*c, "SELECT sum(n) FROM t"), sumOf(0, kRows) + 20);
        QCOMPARE(scalar(*c, "SELECT n FROM t WHERE id = 99995"), int64_t(99995 * 7 % 1000 + 1));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t WHERE id BETWEEN 5 AND 14"), int64_t(10));
        // A write reads its block in again; once the checkpoint wrote the change and the
        // collector freed the deleted row's version, it goes.
        QVERIFY(c->execute("DELETE FROM t WHERE id = 50000"));
        QVERIFY(db->storageStats().blocksResident > 0);
        QVERIFY(db->checkpoint());
        db->collectGarbage();
        QCOMPARE(db->storageStats().blocksResident, uint64_t(0));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM t"), kRows - 1);
        c.reset();
        reader.reset();
        QVERIFY(db->close());
        db = openOrDie(tmp.path());
        c = db->connect();
        QCOMPARE(scalar(*c, "SELECT sum(n) FROM t"), sumOf(0, kRows) + 20 - 50000 * 7 % 1000);
    }

    // A merge (upsert by primary key) into a table opened from its blocks replaces the rows
    // whose keys it finds there, reading in only their blocks, and adds the others.
    void mergeIntoATableInItsBlocksReplacesRows()
    {
        QTemporaryDir tmp;
        constexpr int64_t kRows = 100000;
        makeTable(tmp.path(), "big", kRows);
        auto db = openOrDie(tmp.path());
        auto c = db->connect();
        std::vector<Row> rows;
        for (const int64_t id : {int64_t(10), int64_t(99999), int64_t(100000)})
            rows.push_back({Value::integer(id), Value::integer(-1), Value::text("merged")});
        auto merged = c->upsertRows("big", {"id", "n", "s"}, rows);
        QVERIFY2(merged, merged.status().toString().c_str());
        QVERIFY(db->storageStats().blocksInMemory <= 2);
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big"), kRows + 1);
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE n = -1"), int64_t(3));
        QCOMPARE(scalar(*c, "SELECT count(*) FROM big WHERE s = 'merged'"), int64_t(3));
    }

    // Random updates, deletes and inserts across the blocks of a table, with checkpoints and
    // reopens between them, against a map of what the table must hold.
    void randomChangesSurviveCheckpointsAndReopens()
    {
        const QByteArray seedsEnv = qgetenv("STORAGE_SEEDS");
        std::vector<unsigned> seeds;
        for (const auto &s : (seedsEnv.isEmpty() ? QByteArray("1,2,3") : seedsEnv).split(','))
            seeds.push_back(s.toUInt());
        for (const unsigned seed : seeds) {
            QTemporaryDir tmp;
            std::mt19937_64 rng(seed);
            std::map<int64_t, int64_t> model; // id -> n
            QStringList log;
            auto db = openOrDie(tmp.path());
            auto c = db->connect();
            // Even seeds: a table without a key, which takes inserts without loading.
            const bool keyed = seed % 2 == 1;
            log << (keyed ? "keyed" : "no key");
            QVERIFY(c->execute(std::string("CREATE TABLE t (id INTEGER")
                               + (keyed ? " PRIMARY KEY" : "") + ", n INTEGER, s TEXT)"));
            // An index on n everywhere: its runs and hash are checked by the lookups below.
            QVERIFY(c->execute("CREATE INDEX t_n ON t (n)"));
            fillTable(*c, "t", 0, 50000);
            for (int64_t i = 0; i < 50000; ++i)
                model[i] = i * 7 % 1000;
            int64_t nextId = 50000;
            for (int step = 0; step < 30; ++step) {
                const int action = static_cast<int>(rng() % 7);
                const int64_t lo = static_cast<int64_t>(rng() % static_cast<uint64_t>(nextId));
                const int64_t hi = lo + static_cast<int64_t>(rng() % 300);
                std::string sql;
                if (action == 0) {
                    sql = "UPDATE t SET n = n + 1 WHERE id BETWEEN " + std::to_string(lo) + " AND "
                          + std::to_string(hi);
                    for (auto it = model.lower_bound(lo); it != model.end() && it->first <= hi;
                         ++it)
                        ++it->second;
                } else if (action == 1) {
                    sql = "DELETE FROM t WHERE id BETWEEN " + std::to_string(lo) + " AND "
                          + std::to_string(hi);
                    model.erase(model.lower_bound(lo), model.upper_bound(hi));
                } else if (action == 2) {
                    const int64_t n = 1 + static_cast<int64_t>(rng() % 2000);
                    log << QString("insert %1 rows from %2").arg(n).arg(nextId);
                    fillTable(*c, "t", nextId, n);
                    for (int64_t i = nextId; i < nextId + n; ++i)
                        model[i] = i * 7 % 1000;
                    nextId += n;
                } else if (action == 3) {
                    log << "checkpoint";
                    QVERIFY(db->checkpoint());
                } else if (action == 4) {
                    // Rows of a transaction still open while a checkpoint runs, followed by
                    // committed ones (so that they may land in a full block).
                    const int64_t n = 1 + static_cast<int64_t>(rng() % 500);
                    const int64_t after = static_cast<int64_t>(rng() % 20000);
                    const bool commit = rng() % 2 == 0;
                    log << QString("other: begin; insert %1 rows from %2; insert %3 rows from %4; "
                                   "checkpoint; other: %5")
                               .arg(n)
                               .arg(nextId)
                               .arg(after)
                               .arg(nextId + n)
                               .arg(commit ? "commit" : "rollback");
                    auto other = db->connect();
                    QVERIFY(other->begin());
                    fillTable(*other, "t", nextId, n);
                    if (after > 0)
                        fillTable(*c, "t", nextId + n, after);
                    QVERIFY(db->checkpoint());
                    QVERIFY(commit ? other->commit() : other->rollback());
                    for (int64_t i = commit ? nextId : nextId + n; i < nextId + n + after; ++i)
                        model[i] = i * 7 % 1000;
                    nextId += n + after;
                } else {
                    log << "reopen";
                    c.reset();
                    QVERIFY(db->close());
                    db = openOrDie(tmp.path());
                    c = db->connect();
                }
                if (!sql.empty()) {
                    log << QString::fromStdString(sql);
                    QVERIFY2(c->execute(sql), qPrintable(log.join('\n')));
                }
                QVERIFY2(
                    scalar(*c, "SELECT count(*) FROM t") == int64_t(model.size()),
                    qPrintable(
                        QString("seed %1: count differs after\n%2").arg(seed).arg(log.join('\n'))));
                // Lookups by key and by range (through the indexes' runs and hashes, or a
                // scan where a range is too wide) against the model.
                const int64_t probe = static_cast<int64_t>(rng() % static_cast<uint64_t>(nextId));
                const int64_t width = static_cast<int64_t>(rng() % 3000);
                const int64_t value = static_cast<int64_t>(rng() % 1001);
                int64_t inRange = 0, sumInRange = 0, ofValue = 0, below = 0;
                for (auto it = model.lower_bound(probe);
                     it != model.end() && it->first <= probe + width; ++it) {
                    ++inRange;
                    sumInRange += it->second;
                }
                for (const auto &[id, n] : model) {
                    ofValue += n == value;
                    below += n < value && n >= value - 3;
                }
                const std::vector<std::pair<std::string, int64_t>> checks = {
                    {"SELECT count(*) FROM t WHERE id BETWEEN " + std::to_string(probe) + " AND "
                         + std::to_string(probe + width),
                     inRange},
                    {"SELECT sum(n) FROM t WHERE id >= " + std::to_string(probe)
                         + " AND id <= " + std::to_string(probe + width),
                     inRange ? sumInRange : 0},
                    {"SELECT count(*) FROM t WHERE n = " + std::to_string(value), ofValue},
                    {"SELECT count(*) FROM t WHERE n < " + std::to_string(value) + " AND n > "
                         + std::to_string(value - 4),
                     below},
                    {"SELECT count(*) FROM t WHERE id = " + std::to_string(probe),
                     int64_t(model.count(probe))},
                };
                for (const auto &[query, want] : checks)
                    QVERIFY2(scalar(*c, query) == want,
                             qPrintable(QString("seed %1: %2 gives %3, want %4 after\n%5")
                                            .arg(seed)
                                            .arg(QString::fromStdString(query))
                                            .arg(scalar(*c, query))
                                            .arg(want)
                                            .arg(log.join('\n'))));
            }
            c.reset();
            QVERIFY(db->close());
            db = openOrDie(tmp.path());
            c = db->connect();
            auto r = c->execute("SELECT id, n FROM t ORDER BY id");
            QVERIFY(r);
            std::vector<std::pair<int64_t, int64_t>> got;
            for (const auto &row : r->rows)
                got.emplace_back(row[0].i, row[1].i);
            const std::vector<std::pair<int64_t, int64_t>> want(model.begin(), model.end());
            if (got != want) {
                size_t k = 0;
                while (k < got.size() && k < want.size() && got[k] == want[k])
                    ++k;
                QFAIL(qPrintable(QString("seed %1: %2 rows, want %3; first difference at row "
                                         "%4\nrepro (STORAGE_SEEDS=%1):\n%5")
                                     .arg(seed)
                                     .arg(got.size())
                                     .arg(want.size())
                                     .arg(k)
                                     .arg(log.join('\n'))));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
