// Values, timestamps, number formatting, row encoding and checksums.
#include "engine/common/bytes.h"
#include "engine/common/timestamp.h"
#include "engine/types/row_codec.h"
#include "engine/types/value.h"

#include <QtTest>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace strata::engine;

class TestValues : public QObject {
    Q_OBJECT
private slots:
    void dates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qlonglong>("days");
        QTest::newRow("epoch") << "1970-01-01" << 0LL;
        QTest::newRow("before epoch") << "1969-12-31" << -1LL;
        QTest::newRow("leap day") << "2024-02-29" << 19782LL;
        QTest::newRow("y2k") << "2000-01-01" << 10957LL;
        QTest::newRow("far past") << "0001-01-01" << -719162LL;
        QTest::newRow("far future") << "9999-12-31" << 2932896LL;
    }
    void dates()
    {
        QFETCH(QString, text);
        QFETCH(qlonglong, days);
        auto parsed = parseDate(text.toStdString());
        QVERIFY(parsed);
        QCOMPARE(*parsed, days);
        QCOMPARE(QString::fromStdString(formatDate(days)), text);
    }
    void invalidDates()
    {
        for (const char *bad : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-01-01",
                                "2024-1-01", "2024/01/01", ""})
            QVERIFY2(!parseDate(bad), bad);
    }
    void timestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qlonglong>("micros");
        QTest::addColumn<QString>("formatted");
        QTest::newRow("utc") << "2024-01-15T10:30:00Z" << 1705314600000000LL
                             << "2024-01-15T10:30:00Z";
        QTest::newRow("fraction") << "2024-01-15T10:30:00.000001Z" << 1705314600000001LL
                                  << "2024-01-15T10:30:00.000001Z";
        QTest::newRow("offset") << "2024-01-15T12:30:00+02:00" << 1705314600000000LL
                                << "2024-01-15T10:30:00Z";
        QTest::newRow("negative offset")
            << "2024-01-15T05:30:00-05:00" << 1705314600000000LL << "2024-01-15T10:30:00Z";
        QTest::newRow("space, no zone")
            << "2024-01-15 10:30" << 1705314600000000LL << "2024-01-15T10:30:00Z";
        QTest::newRow("before epoch")
            << "1969-12-31T23:59:59.5Z" << -500000LL << "1969-12-31T23:59:59.500000Z";
        QTest::newRow("nanoseconds cut") << "2024-01-15T10:30:00.123456789Z" << 1705314600123456LL
                                         << "2024-01-15T10:30:00.123456Z";
    }
    void timestamps()
    {
        QFETCH(QString, text);
        QFETCH(qlonglong, micros);
        QFETCH(QString, formatted);
        auto parsed = parseTimestamp(text.toStdString());
        QVERIFY(parsed);
        QCOMPARE(*parsed, micros);
        QCOMPARE(QString::fromStdString(formatTimestamp(micros)), formatted);
    }
    void doublesRoundTripBitExact()
    {
        std::mt19937_64 rng(42);
        std::vector<double> values = {0.0,
                                      -0.0,
                                      0.1,
                                      1.0 / 3,
                                      1e-308,
                                      5e-324,
                                      1.7976931348623157e308,
                                      -2.5,
                                      123456789.125,
                                      std::numeric_limits<double>::infinity(),
                                      -std::numeric_limits<double>::infinity()};
        for (int i = 0; i < 20000; ++i) {
            uint64_t bits = rng();
            double d;
            std::memcpy(&d, &bits, 8);
            if (!std::isnan(d))
                values.push_back(d);
        }
        for (double d : values) {
            const std::string text = formatDouble(d);
            Value back = castValue(Value::text(text), LogicalType::Double);
            QVERIFY2(std::memcmp(&back.d, &d, 8) == 0, text.c_str());
        }
        QCOMPARE(QString::fromStdString(formatDouble(2.0)), QStringLiteral("2.0"));
        QCOMPARE(QString::fromStdString(formatDouble(std::nan(""))), QStringLiteral("NaN"));
    }
    void compareAndHashAgree()
    {
        QCOMPARE(compareValues(Value::integer(1), Value::real(1.0)), 0);
        QCOMPARE(hashValue(Value::integer(1)), hashValue(Value::real(1.0)));
        QVERIFY(compareValues(Value::null(), Value::integer(-5)) < 0);
        QVERIFY(compareValues(Value::integer(2), Value::real(2.5)) < 0);
        QVERIFY(compareValues(Value::integer(9007199254740993LL), Value::real(9007199254740992.0))
                > 0);
        QVERIFY(compareValues(Value::text("a"), Value::text("b")) < 0);
    }
    void rowCodecRoundTrip()
    {
        const Row row = {Value::null(),
                         Value::boolean(true),
                         Value::integer(INT64_MIN),
                         Value::real(-0.0),
                         Value::text(""),
                         Value::text("héllo\0x"),
                         Value::blob(std::string("\0\1\2", 3)),
                         Value::date(-3),
                         Value::timestamp(5)};
        std::string bytes;
        rowcodec::encode(row, bytes);
        rowcodec::RowView view(bytes.data(), static_cast<uint32_t>(bytes.size()));
        QCOMPARE(view.columnCount(), uint32_t(row.size()));
        for (uint32_t c = 0; c < row.size(); ++c) {
            const Value v
                = view.get(c, row[c].type == LogicalType::Null ? LogicalType::Text : row[c].type);
            QVERIFY2(sameValue(v, row[c]) || (row[c].isNull() && v.isNull()),
                     qPrintable(QString::number(c)));
        }
        QVERIFY(view.isNull(100)); // columns added later read as NULL
    }
    void crc32cKnownValue()
    {
        // The standard check value of CRC-32C.
        QCOMPARE(crc32c("123456789", 9), 0xE3069283u);
        QCOMPARE(crc32cPortable("123456789", 9), 0xE3069283u);
        const std::string text(1000, 'x');
        QCOMPARE(crc32c(text.data() + 10, 990, crc32c(text.data(), 10)), crc32c(text.data(), 1000));
        // The hardware path (when present) and the table path agree on every length.
        std::mt19937 rng(3);
        std::string bytes(4099, '\0');
        for (auto &b : bytes)
            b = static_cast<char>(rng());
        for (size_t n : {0, 1, 7, 8, 9, 63, 64, 65, 1000, 4099})
            QCOMPARE(crc32c(bytes.data(), n, 0x1234u), crc32cPortable(bytes.data(), n, 0x1234u));
    }
};

QTEST_GUILESS_MAIN(TestValues)
#include "tst_values.moc"
