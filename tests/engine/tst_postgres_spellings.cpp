// PostgreSQL's spellings that SQLite has no oracle for (EXTRACT, date_part, date_trunc,
// INTERVAL arithmetic, IS [NOT] DISTINCT FROM, RIGHT and FULL joins, string_agg with ORDER BY,
// NULLS FIRST/LAST, ON CONFLICT, RETURNING),
// checked against a real PostgreSQL server this test starts: each query runs in both, and the
// answers must be the same values.

#include "engine/api/database.h"
#include "engine/common/timestamp.h"
#include "tests/support/postgres_server.h"

#include <QtTest>
#include <cmath>

using namespace strata;

namespace {

//! A Strata value as PostgreSQL's psql -A prints it (timestamps with a space and no zone).
QString asPostgresPrints(const engine::Value &v)
{
    if (v.isNull())
        return QString();
    if (v.type == engine::LogicalType::Timestamp) {
        QString t = QString::fromStdString(engine::formatTimestamp(v.i));
        return t.replace('T', ' ').remove('Z');
    }
    if (v.type == engine::LogicalType::Boolean)
        return v.i ? "t" : "f";
    return QString::fromStdString(v.toString());
}

bool sameAnswer(const QString &strata, const QString &postgres)
{
    if (strata == postgres)
        return true;
    bool a = false, b = false;
    const double x = strata.toDouble(&a), y = postgres.toDouble(&b);
    return a && b && std::fabs(x - y) <= 1e-9 * std::max(1.0, std::fabs(y));
}

} // namespace

class TestPostgresSpellings : public QObject {
    Q_OBJECT
private slots:
    void sameAnswersAsPostgres()
    {
        test::PostgresServer pg;
        QVERIFY2(pg.isRunning(), qPrintable(pg.error()));
        const char *setup
            = "CREATE TABLE a (id INTEGER, x TEXT); CREATE TABLE b (id INTEGER, y TEXT);"
              "INSERT INTO a VALUES (1, 'a1'), (2, 'a2'), (NULL, 'an');"
              "INSERT INTO b VALUES (2, 'b2'), (3, 'b3'), (NULL, 'bn');"
              "CREATE TABLE k (id INTEGER PRIMARY KEY, n INTEGER);"
              "INSERT INTO k VALUES (1, 10), (2, 20);";
        QVERIFY2(pg.psql({"-c", setup}), qPrintable(pg.output()));
        auto db = engine::Database::openInMemory();
        auto conn = db->connect();
        QVERIFY(conn->executeScript(setup));
        // Each query's rows, in an order both give.
        const QStringList queries{
            "SELECT EXTRACT(YEAR FROM DATE '2024-02-29'), EXTRACT(MONTH FROM DATE '2024-02-29'), "
            "EXTRACT(DAY FROM TIMESTAMP '2024-02-29 23:59:58')",
            "SELECT EXTRACT(DOW FROM DATE '2024-03-03'), EXTRACT(ISODOW FROM DATE '2024-03-03'), "
            "EXTRACT(DOY FROM DATE '2024-12-31'), EXTRACT(QUARTER FROM DATE '2024-08-01')",
            "SELECT EXTRACT(WEEK FROM DATE '2021-01-03'), EXTRACT(ISOYEAR FROM DATE '2021-01-03'), "
            "EXTRACT(WEEK FROM DATE '2024-12-30')",
            "SELECT EXTRACT(HOUR FROM TIMESTAMP '2024-01-01 13:14:15'), EXTRACT(MINUTE FROM "
            "TIMESTAMP '2024-01-01 13:14:15'), date_part('second', TIMESTAMP '2024-01-01 "
            "13:14:15.25')",
            "SELECT date_part('epoch', TIMESTAMP '2024-01-01 00:00:01.5'), EXTRACT(CENTURY FROM "
            "DATE '2000-06-01'), EXTRACT(DECADE FROM DATE '2024-06-01')",
            "SELECT date_trunc('month', TIMESTAMP '2024-02-29 10:11:12'), date_trunc('week', "
            "TIMESTAMP '2024-02-29 10:11:12'), date_trunc('quarter', TIMESTAMP '2024-05-20 "
            "01:00:00'), date_trunc('hour', TIMESTAMP '2024-05-20 01:59:59')",
            "SELECT date_trunc('year', TIMESTAMP '2024-05-20 01:00:00'), date_trunc('century', "
            "TIMESTAMP '2001-05-20 01:00:00'), date_trunc('decade', TIMESTAMP '2019-05-20 "
            "01:00:00')",
            "SELECT DATE '2024-01-31' + INTERVAL '1 month', TIMESTAMP '2024-03-31 10:00:00' - "
            "INTERVAL '1 month', TIMESTAMP '2024-03-01 00:00:00' - INTERVAL '1 day 2 hours'",
            "SELECT TIMESTAMP '2024-01-01 23:45:00' + INTERVAL '30 minutes', DATE '2024-02-29' + "
            "INTERVAL '1 year', TIMESTAMP '2024-01-01 00:00:00' + INTERVAL '1 week 3 days "
            "04:05:06'",
            "SELECT TIMESTAMP '2024-01-01 00:00:00' + INTERVAL '-2 hours', TIMESTAMP '2024-01-01 "
            "00:00:00' + INTERVAL '1 year -1 months', TIMESTAMP '2024-05-31 00:00:00' + INTERVAL "
            "'1 month 1 day'",
            "SELECT age(TIMESTAMP '2024-03-01 00:00:00', TIMESTAMP '2024-01-15 00:00:00'), "
            "age(TIMESTAMP '2001-04-10 00:00:00', TIMESTAMP '1957-06-13 00:00:00'), "
            "age(TIMESTAMP '2024-01-15 10:00:00', TIMESTAMP '2024-03-01 12:30:45.5')",
            "SELECT age(TIMESTAMP '2024-03-31 00:00:00', TIMESTAMP '2024-02-29 23:00:00'), "
            "age(TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-01 00:00:00'), "
            "age(DATE '2023-02-28', DATE '2020-02-29')",
            "SELECT 1 IS DISTINCT FROM NULL, NULL IS DISTINCT FROM NULL, 2 IS NOT DISTINCT FROM 2, "
            "NULL IS NOT DISTINCT FROM 1",
            "SELECT a.x, b.y FROM a RIGHT JOIN b ON a.id = b.id ORDER BY b.y",
            // (coalesce: PostgreSQL sorts NULL last, SQLite and Strata first)
            "SELECT a.x, b.y FROM a FULL OUTER JOIN b ON a.id = b.id ORDER BY coalesce(a.x, ''), "
            "coalesce(b.y, '')",
            "SELECT id, x, y FROM a FULL JOIN b USING (id) ORDER BY coalesce(x, ''), coalesce(y, "
            "'')",
            "SELECT string_agg(x, '-' ORDER BY x DESC), string_agg(x, ',' ORDER BY id NULLS "
            "FIRST) FROM a",
            "SELECT x FROM a ORDER BY id DESC NULLS LAST",
            "INSERT INTO k VALUES (2, 5), (3, 30) ON CONFLICT (id) DO UPDATE SET n = k.n + "
            "excluded.n RETURNING id, n",
            "SELECT id, n FROM k ORDER BY id",
            "DELETE FROM k WHERE n > 20 RETURNING id",
        };
        for (const QString &q : queries) {
            QVERIFY2(pg.psql({"-A", "-t", "-F", "|", "-c", q}), qPrintable(q + "\n" + pg.output()));
            QStringList expected = pg.output().split('\n', Qt::SkipEmptyParts);
            // psql prints "INSERT 0 2" after RETURNING rows
            expected.removeIf([](const QString &l) {
                return l.startsWith("INSERT ") || l.startsWith("DELETE ");
            });
            auto got = conn->execute(q.toStdString());
            QVERIFY2(got, qPrintable(q + "\n" + QString::fromStdString(got.status().message())));
            QCOMPARE(qsizetype(got->rows.size()), expected.size());
            for (size_t r = 0; r < got->rows.size(); ++r) {
                const QStringList cells = expected[qsizetype(r)].split('|');
                QCOMPARE(qsizetype(got->rows[r].size()), cells.size());
                for (size_t c = 0; c < got->rows[r].size(); ++c) {
                    const QString mine = asPostgresPrints(got->rows[r][c]);
                    QVERIFY2(sameAnswer(mine, cells[qsizetype(c)]),
                             qPrintable(q + "\nrow " + QString::number(r) + " column "
                                        + QString::number(c) + ": Strata " + mine + ", PostgreSQL "
                                        + cells[qsizetype(c)]));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestPostgresSpellings)
#include "tst_postgres_spellings.moc"
