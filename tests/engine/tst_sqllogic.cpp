// Runs every tests/sql/*.test file (sqllogictest style) against a fresh database.
#include "tests/support/sqllogic_runner.h"

#include <QDir>
#include <QtTest>

class TestSqlLogic : public QObject {
    Q_OBJECT
private slots:
    void file_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(STRATA_SOURCE_DIR "/tests/sql"));
        const auto files = dir.entryList({"*.test"}, QDir::Files, QDir::Name);
        QVERIFY2(files.size() >= 10, "the SQL test files are missing");
        for (const auto &f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void file()
    {
        QFETCH(QString, path);
        int records = 0;
        const auto failures = strata::test::runSqlLogicFile(path.toStdString(), records);
        QString report;
        for (const auto &f : failures)
            report += QStringLiteral("\n%1:%2: %3")
                          .arg(path)
                          .arg(f.line)
                          .arg(QString::fromStdString(f.message));
        QVERIFY2(failures.empty(), qPrintable(report));
        QVERIFY2(records > 5, "a test file with almost no records");
    }
};

QTEST_GUILESS_MAIN(TestSqlLogic)
#include "tst_sqllogic.moc"
