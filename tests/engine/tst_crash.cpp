// Crash safety with real processes: a writer is killed with SIGKILL at random moments, many
// times; after each kill the database reopens with every acknowledged commit and nothing
// half-done.
#include "engine/api/database.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

using namespace strata::engine;

class TestCrash : public QObject {
    Q_OBJECT
private slots:
    void killedWriterLosesNothingAcknowledged() { killWriter(false, 200); }

    // The same with transactions that each make a table big enough to go to data files
    // before they commit: a kill between spills, or during the commit's checkpoint, leaves
    // each table whole or absent, and every acknowledged one whole.
    void killedBulkWriterLosesNothingAcknowledged() { killWriter(true, 30); }

private:
    void killWriter(bool bulk, int defaultKills)
    {
        const int kills = qEnvironmentVariableIntValue("STRATA_CRASH_KILLS") > 0
                              ? qEnvironmentVariableIntValue("STRATA_CRASH_KILLS")
                              : defaultKills;
        QTemporaryDir tmp;
        const QString writer = QStringLiteral(STRATA_CRASH_WRITER);
        QRandomGenerator rng(20261122);
        int64_t acknowledged = 0;
        int withTornTail = 0;
        for (int round = 0; round < kills; ++round) {
            QProcess child;
            child.setProgram(writer);
            child.setArguments(bulk ? QStringList{tmp.path(), "bulk"} : QStringList{tmp.path()});
            child.start();
            QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
            // Wait for a random number of acknowledgements, then kill without warning.
            const int64_t target = acknowledged + 1 + rng.bounded(bulk ? 4 : 40);
            QByteArray pending;
            while (acknowledged < target) {
                if (!child.waitForReadyRead(-1))
                    QFAIL(qPrintable("the writer stopped: " + child.readAllStandardError()));
                pending += child.readAllStandardOutput();
                int nl;
                while ((nl = pending.indexOf('\n')) >= 0) {
                    acknowledged = std::max<int64_t>(acknowledged, pending.left(nl).toLongLong());
                    pending.remove(0, nl + 1);
                }
            }
            ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
            child.waitForFinished();
            // Anything printed before death was acknowledged too.
            pending += child.readAllStandardOutput();
            for (const auto &line : pending.split('\n'))
                if (!line.isEmpty())
                    acknowledged = std::max<int64_t>(acknowledged, line.toLongLong());

            auto db = Database::open(tmp.path().toStdString());
            QVERIFY2(db, db ? "" : db.status().toString().c_str());
            withTornTail += !(*db)->warnings().empty();
            auto c = (*db)->connect();
            auto r = c->execute("SELECT (SELECT n FROM counter WHERE k = 1), count(*), min(id), "
                                "max(id) FROM events");
            QVERIFY(r);
            const Row &row = r->rows[0];
            const int64_t counter = row[0].i, count = row[1].i, maxId = row[3].i;
            // Every acknowledged commit is there; at most the one in flight is extra.
            QVERIFY2(count >= acknowledged && count <= acknowledged + 1,
                     qPrintable(QStringLiteral("round %1: %2 rows, %3 acknowledged")
                                    .arg(round)
                                    .arg(count)
                                    .arg(acknowledged)));
            // Nothing half-done: both writes of each transaction, or neither.
            QCOMPARE(counter, count);
            QCOMPARE(row[2].i, int64_t(1));
            QCOMPARE(maxId, count);
            auto journal = c->execute("SELECT count(*), sum(n), max(n) FROM journal");
            QVERIFY(journal);
            constexpr int64_t kJournalRows = 20; // as crash_writer writes them
            QCOMPARE(journal->rows[0][0].i, kJournalRows * count);
            QCOMPARE(journal->rows[0][1].i, kJournalRows * count * (count + 1) / 2);
            QCOMPARE(journal->rows[0][2].i, count);
            if (bulk) {
                // bulk_1..bulk_count, each whole; no other.
                auto tables = c->tables();
                QVERIFY(tables);
                int64_t bulkTables = 0;
                for (const auto &t : *tables) {
                    if (t.name.rfind("bulk_", 0) != 0)
                        continue;
                    ++bulkTables;
                    const int64_t k = std::stoll(t.name.substr(5));
                    QVERIFY2(k >= 1 && k <= count, t.name.c_str());
                    auto rows = c->execute("SELECT count(*), sum(id), min(payload) FROM " + t.name);
                    QVERIFY(rows);
                    QCOMPARE(rows->rows[0][0].i, int64_t(3000));
                    QCOMPARE(rows->rows[0][1].i, int64_t(3000 * 2999 / 2));
                    QVERIFY(rows->rows[0][2].s.rfind("0x", 0) == 0);
                }
                QCOMPARE(bulkTables, count);
            }
            acknowledged = count;
        }
        qInfo("%d kills, %lld commits survived, %d reopenings found a torn tail", kills,
              static_cast<long long>(acknowledged), withTornTail);
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
