// The round-trip property test: seeded random tables of every type, full of the values that
// break writers and readers (NULL and '', CR/LF, quotes, formula-looking text, ±0, ±Inf, NaN,
// extreme numbers and dates), exported in every format and preset and read back. Every cell
// must come back bit for bit, or as the format's documented limit says (the table "What each
// format keeps" in docs/architecture.md; limitOf() below is that table). A failure names the
// seed, the format, the cell, and prints the one-cell table that reproduces it.
//
// ROUND_TRIP_SEEDS=1-200 runs more seeds by hand (the test command runs a short pass).
#include "engine/api/database.h"
#include "engine/common/timestamp.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "engine/transfer/import_job.h"
#include "tests/support/transfer_helpers.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace strata;
using engine::LogicalType;
using engine::Value;
using namespace strata::test;

namespace {

constexpr int64_t kFirstDay = -719528; // 0000-01-01
constexpr int64_t kLastDay = 2932896;  // 9999-12-31
constexpr int64_t kMicrosPerDay = 86400000000LL;

struct Column {
    std::string name;
    LogicalType type;
};

struct RandomTable {
    std::vector<Column> columns; //!< columns[0] is "id INTEGER PRIMARY KEY"
    std::vector<engine::Row> rows;
};

const std::vector<std::string> &hostileTexts()
{
    static const std::vector<std::string> texts = {
        "",
        " ",
        "  padded  ",
        "NULL",
        "null",
        "\\N",
        "N/A",
        "a,b",
        "a;b",
        "a\tb",
        "\"",
        "\"quoted\"",
        "'",
        "''",
        "'=x",
        "'abc",
        "'+1",
        "=1+1",
        "=HYPERLINK(\"http://x\")",
        "+1",
        "-1",
        "-",
        "@SUM(A1)",
        "\tlead tab",
        "\rlead cr",
        "a\rb",
        "a\r\nb",
        "a\nb",
        "\n",
        "\r",
        "\r\n",
        "trailing cr\r",
        "Zoë Müller 李伟 🚀",
        "𝔘𝔫𝔦",
        "\xEF\xBB\xBF"
        "bom inside",
        "\x01\x02\x1f controls",
        "\x7f",
        "_x000D_",
        "_x0041_",
        "_x005F_x000D_",
        "</v>&amp;<c>",
        "\\",
        "\\\"",
        "\\n",
        "a\\,b",
        "1e5",
        "0x10",
        "007",
        "true",
        "FALSE",
        "2024-01-31",
        "2024-01-31T10:00:00",
        "-- comment",
        "/* c */",
        "');DROP TABLE t;--",
        "$$",
        "E'\\x'",
        "\u2028line sep",
        "\uFFFD",
        "\xF4\x8F\xBF\xBF",
        std::string(3000, 'x'),
        "NaN",
        "Infinity",
        "-0",
        "{\"a\":1}",
        "[1,2]",
        "<tag>",
        "  ",
        "a\"\"b",
    };
    return texts;
}

//! Seeded generator of hostile random tables.
class TableGenerator {
public:
    explicit TableGenerator(uint64_t seed)
        : m_rng(seed)
    {
    }

    RandomTable table(int rowCount)
    {
        RandomTable t;
        t.columns.push_back({"id", LogicalType::Integer});
        static const LogicalType kTypes[]
            = {LogicalType::Integer, LogicalType::Double, LogicalType::Text,     LogicalType::Blob,
               LogicalType::Boolean, LogicalType::Date,   LogicalType::Timestamp};
        static const char *kNames[] = {"n",        "Select", "ünï", "two words", "semi;colon",
                                       "quote\"d", "Order",  "x-y", "日付",      "_"};
        std::vector<LogicalType> types(std::begin(kTypes), std::end(kTypes)); // each once
        for (int extra = pick(0, 4); extra > 0; --extra)
            types.push_back(kTypes[pick(0, 6)]);
        std::shuffle(types.begin(), types.end(), m_rng);
        for (size_t i = 0; i < types.size(); ++i)
            t.columns.push_back(
                {std::string(kNames[pick(0, 9)]) + "_" + std::to_string(i), types[i]});
        for (int r = 0; r < rowCount; ++r) {
            engine::Row row;
            row.push_back(Value::integer(r + 1));
            for (size_t c = 1; c < t.columns.size(); ++c)
                row.push_back(pick(0, 7) == 0 ? Value::null() : value(t.columns[c].type));
            t.rows.push_back(std::move(row));
        }
        return t;
    }

private:
    int64_t pick(int64_t lo, int64_t hi)
    {
        return std::uniform_int_distribution<int64_t>(lo, hi)(m_rng);
    }
    bool often() { return pick(0, 1) == 0; }

    Value value(LogicalType type)
    {
        switch (type) {
        case LogicalType::Integer: {
            static const int64_t kInts[] = {0,
                                            -1,
                                            1,
                                            INT64_MIN,
                                            INT64_MAX,
                                            INT64_MIN + 1,
                                            9007199254740993LL,
                                            -9007199254740993LL,
                                            (int64_t(1) << 53),
                                            4294967296LL};
            if (often())
                return Value::integer(kInts[pick(0, 9)]);
            return Value::integer(static_cast<int64_t>(m_rng()) >> pick(0, 62));
        }
        case LogicalType::Double: {
            const double inf = std::numeric_limits<double>::infinity();
            static const double kDoubles[] = {0.0,
                                              -0.0,
                                              inf,
                                              -inf,
                                              std::numeric_limits<double>::quiet_NaN(),
                                              5e-324,
                                              -5e-324,
                                              2.2250738585072014e-308,
                                              1e-310,
                                              std::numeric_limits<double>::max(),
                                              -std::numeric_limits<double>::max(),
                                              0.1,
                                              1.0 / 3,
                                              9007199254740993.0,
                                              123456789.125,
                                              1e21,
                                              1e-7};
            if (often())
                return Value::real(kDoubles[pick(0, 16)]);
            double d;
            do {
                const uint64_t bits = m_rng();
                std::memcpy(&d, &bits, sizeof d);
            } while (!std::isfinite(d)); // NaN payloads are not values anyone exports
            return Value::real(d);
        }
        case LogicalType::Text: {
            const auto &pool = hostileTexts();
            if (often())
                return Value::text(pool[pick(0, int64_t(pool.size()) - 1)]);
            std::string s;
            for (int n = int(pick(1, 4)); n > 0; --n) {
                if (often())
                    s += pool[pick(0, int64_t(pool.size()) - 1)];
                else
                    appendCodePoint(s);
            }
            return Value::text(s);
        }
        case LogicalType::Blob: {
            std::string b;
            if (pick(0, 5) == 0)
                return Value::blob(pick(0, 1) ? std::string("\0", 1) : std::string());
            for (int n = int(pick(0, 40)); n > 0; --n)
                b += static_cast<char>(pick(0, 255));
            return Value::blob(b);
        }
        case LogicalType::Boolean:
            return Value::boolean(often());
        case LogicalType::Date: {
            static const int64_t kDays[] = {0, -1, kFirstDay, kLastDay, 19782, -25567, 2932532};
            if (often())
                return Value::date(kDays[pick(0, 6)]);
            return Value::date(pick(kFirstDay, kLastDay));
        }
        case LogicalType::Timestamp: {
            static const int64_t kMicros[] = {0,
                                              1,
                                              -1,
                                              -500000,
                                              1705314600123456,
                                              kFirstDay * kMicrosPerDay,
                                              (kLastDay + 1) * kMicrosPerDay - 1,
                                              951782400000000}; // 2000-02-29
            if (often())
                return Value::timestamp(kMicros[pick(0, 7)]);
            if (often()) // the years spreadsheets and databases mostly hold
                return Value::timestamp(pick(-2208988800000000LL, 4102444800000000LL));
            return Value::timestamp(
                pick(kFirstDay * kMicrosPerDay, (kLastDay + 1) * kMicrosPerDay - 1));
        }
        default:
            return Value::null();
        }
    }

    //! Any Unicode scalar value but NUL, as UTF-8.
    void appendCodePoint(std::string &s)
    {
        uint32_t cp;
        switch (pick(0, 3)) {
        case 0:
            cp = uint32_t(pick(1, 0x7f));
            break;
        case 1:
            cp = uint32_t(pick(0x80, 0x7ff));
            break;
        case 2:
            do
                cp = uint32_t(pick(0x800, 0xffff));
            while (cp >= 0xd800 && cp <= 0xdfff);
            break;
        default:
            cp = uint32_t(pick(0x10000, 0x10ffff));
        }
        if (cp < 0x80) {
            s += char(cp);
        } else if (cp < 0x800) {
            s += char(0xc0 | (cp >> 6));
            s += char(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            s += char(0xe0 | (cp >> 12));
            s += char(0x80 | ((cp >> 6) & 0x3f));
            s += char(0x80 | (cp & 0x3f));
        } else {
            s += char(0xf0 | (cp >> 18));
            s += char(0x80 | ((cp >> 12) & 0x3f));
            s += char(0x80 | ((cp >> 6) & 0x3f));
            s += char(0x80 | (cp & 0x3f));
        }
    }

    std::mt19937_64 m_rng;
};

std::string createStatement(const RandomTable &t)
{
    std::string sql = "CREATE TABLE t (";
    for (size_t c = 0; c < t.columns.size(); ++c) {
        if (c)
            sql += ", ";
        sql += transfer::quoteIdentifier(t.columns[c].name) + " "
               + engine::typeName(t.columns[c].type);
        if (c == 0)
            sql += " PRIMARY KEY";
    }
    return sql + ")";
}

std::shared_ptr<engine::Database> databaseOf(const RandomTable &t)
{
    auto db = engine::Database::openInMemory();
    auto c = db->connect();
    if (!c->execute(createStatement(t)))
        qFatal("cannot create %s", createStatement(t).c_str());
    if (!c->insertRows("t", {}, t.rows))
        qFatal("cannot insert the generated rows");
    return db;
}

//! One way out and back in.
struct Trip {
    std::string name;
    transfer::FormatRequest format;
    bool intoSameSchema; //!< the file carries no types: the table is created first
    bool restore = false;
    bool throughSqlite3 = false; //!< the script goes through the sqlite3 shell first
};

std::vector<Trip> trips()
{
    return {
        {"csv rfc4180", {"csv", {{"preset", "rfc4180"}}}, true},
        {"csv excel", {"csv", {{"preset", "excel"}}}, true},
        {"csv postgres", {"csv", {{"preset", "postgres"}}}, true},
        {"csv tsv", {"csv", {{"preset", "tsv"}}}, true},
        {"json backup", {"json", {}}, false, true},
        {"json lines", {"json", {{"lines", "true"}}}, true},
        {"sql sqlite", {"sql", {{"dialect", "sqlite"}}}, false},
        {"sql postgres", {"sql", {{"dialect", "postgres"}}}, false},
        {"sql generic", {"sql", {{"dialect", "generic"}}}, false},
        {"sqlite file", {"sqlite", {}}, false},
        {"sql sqlite through sqlite3", {"sql", {{"dialect", "sqlite"}}}, false, false, true},
    };
}

//! What a value becomes on a trip: the table "What each format keeps" in docs/architecture.md.
Value limitOf(const Trip &trip, LogicalType type, const Value &v)
{
    // Files SQLite itself wrote: it has no NaN (it stores NULL) and keeps no -0.0.
    const bool madeBySqlite = trip.throughSqlite3 || trip.name == "sqlite file";
    if (v.isNull() || type != LogicalType::Double)
        return v;
    if (std::isnan(v.d))
        return madeBySqlite ? Value::null() : Value::real(std::numeric_limits<double>::quiet_NaN());
    if (v.d == 0 && madeBySqlite)
        return Value::real(0.0);
    return v;
}

//! The sqlite3 shell (3.40) reads some decimal literals one unit in the last place off, however
//! many digits they have (about 1 in 300 random doubles): SQLite's limit, not the script's.
bool withinSqliteShellRounding(const Trip &trip, const Value &want, const Value &have)
{
    return trip.throughSqlite3 && want.type == LogicalType::Double
           && have.type == LogicalType::Double && std::isfinite(want.d)
           && (have.d == std::nextafter(want.d, -INFINITY)
               || have.d == std::nextafter(want.d, INFINITY));
}

std::string describe(const Value &v)
{
    if (v.type == LogicalType::Text || v.type == LogicalType::Blob) {
        std::string out = v.type == LogicalType::Text ? "text '" : "blob x'";
        static const char *kHex = "0123456789abcdef";
        for (unsigned char ch : v.s.substr(0, 200)) {
            if (v.type == LogicalType::Text && ch >= 0x20 && ch != 0x7f && ch != '\\') {
                out += char(ch);
            } else {
                out += "\\x";
                out += kHex[ch >> 4];
                out += kHex[ch & 15];
            }
        }
        return out + (v.s.size() > 200 ? "…'" : "'");
    }
    return v.toSqlLiteral();
}

QString sqlite3Binary()
{
    return QStringLiteral("sqlite3");
}

//! Exports table t of `db` on `trip` and reads it back into a new database; the error (with
//! where it happened) when a step fails.
engine::Result<std::shared_ptr<engine::Database>> travel(engine::Database &db, const RandomTable &t,
                                                         const Trip &trip, const QTemporaryDir &tmp)
{
    transfer::ExportSpec ex;
    ex.scope = trip.restore ? transfer::ExportScope::Full : transfer::ExportScope::Tables;
    if (!trip.restore)
        ex.tables.push_back({"t", {}, {}});
    ex.formats.push_back(trip.format);
    ex.outputDir = QDir(tmp.path()).filePath(QString::fromStdString(trip.name)).toStdString();
    ex.latestLinks = false;
    auto exported = transfer::runExport(db, ex);
    if (!exported)
        return exported.status();
    std::string file = exported->files[0].path;
    if (trip.throughSqlite3) {
        const std::string dbFile = file + ".db";
        QProcess p;
        p.setStandardInputFile(QString::fromStdString(file));
        p.start(sqlite3Binary(), {"-bail", QString::fromStdString(dbFile)});
        p.waitForFinished(-1);
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            return engine::Status(engine::StatusCode::Invalid,
                                  "sqlite3 refused the script: "
                                      + p.readAllStandardError().toStdString());
        file = dbFile;
    }
    auto copy = engine::Database::openInMemory();
    if (trip.intoSameSchema) {
        auto c = copy->connect();
        if (!c->execute(createStatement(t)))
            qFatal("schema");
    }
    auto spec = importOf(file);
    spec.restore = trip.restore;
    spec.mode = trip.intoSameSchema ? transfer::ImportMode::Append
                : trip.restore      ? transfer::ImportMode::Replace
                                    : transfer::ImportMode::Create;
    spec.table = "t";
    auto imported = transfer::runImport(*copy, spec);
    if (!imported)
        return imported.status();
    return copy;
}

//! The first cell that did not survive, described with a one-cell repro; empty when all did.
std::string firstDifference(engine::Database &copy, const RandomTable &t, const Trip &trip)
{
    auto c = copy.connect();
    auto info = c->table("t");
    if (!info)
        return "table t is missing after the trip";
    if (info->columns.size() != t.columns.size())
        return "the table came back with " + std::to_string(info->columns.size()) + " columns, not "
               + std::to_string(t.columns.size());
    for (size_t i = 0; i < t.columns.size(); ++i) {
        if (info->columns[i].name != t.columns[i].name)
            return "column " + std::to_string(i) + " came back named '" + info->columns[i].name
                   + "', not '" + t.columns[i].name + "'";
        if (info->columns[i].type != t.columns[i].type)
            return "column " + t.columns[i].name + " came back as "
                   + engine::typeName(info->columns[i].type) + ", not "
                   + engine::typeName(t.columns[i].type);
    }
    const auto got = query(*c, "SELECT * FROM t ORDER BY 1");
    if (got.rows.size() != t.rows.size())
        return std::to_string(got.rows.size()) + " rows came back, not "
               + std::to_string(t.rows.size());
    for (size_t r = 0; r < t.rows.size(); ++r)
        for (size_t col = 0; col < t.columns.size(); ++col) {
            const Value want = limitOf(trip, t.columns[col].type, t.rows[r][col]);
            const Value &have = got.rows[r][col];
            if (!identical(want, have) && !withinSqliteShellRounding(trip, want, have))
                return "row id " + std::to_string(r + 1) + ", column " + t.columns[col].name + " ("
                       + engine::typeName(t.columns[col].type) + "): " + describe(want)
                       + " came back as " + describe(have);
        }
    return {};
}

//! The smallest table that still fails: one row, then one column beside the key.
RandomTable shrink(const RandomTable &t, const Trip &trip, const QTemporaryDir &tmp)
{
    auto fails = [&](const RandomTable &candidate) {
        auto db = databaseOf(candidate);
        auto copy = travel(*db, candidate, trip, tmp);
        return !copy || !firstDifference(**copy, candidate, trip).empty();
    };
    RandomTable best = t;
    for (size_t r = 0; r < t.rows.size(); ++r) {
        RandomTable one = t;
        one.rows = {t.rows[r]};
        one.rows[0][0] = Value::integer(1);
        if (fails(one)) {
            best = one;
            break;
        }
    }
    for (size_t col = 1; col < best.columns.size(); ++col) {
        RandomTable one;
        one.columns = {best.columns[0], best.columns[col]};
        for (const auto &row : best.rows)
            one.rows.push_back({row[0], row[col]});
        if (fails(one))
            return one;
    }
    return best;
}

std::string reproOf(const RandomTable &t)
{
    std::string out = createStatement(t) + ";\n";
    for (const auto &row : t.rows) {
        out += "-- row:";
        for (const auto &v : row)
            out += " " + describe(v);
        out += "\n";
    }
    return out;
}

std::vector<uint64_t> seeds()
{
    const QByteArray env = qgetenv("ROUND_TRIP_SEEDS");
    if (env.isEmpty())
        return {1, 2, 3, 4, 5, 6};
    const auto parts = env.split('-');
    std::vector<uint64_t> out;
    for (uint64_t s = parts[0].toULongLong(); s <= parts.back().toULongLong(); ++s)
        out.push_back(s);
    return out;
}

//! Text as openpyxl 3.0 shows it: it does not decode Excel's _xHHHH_ escapes, so the control
//! characters XML cannot hold, and text that reads like an escape, stay escaped (Excel and
//! LibreOffice decode them; xlsxTextComesBackInLibreOffice checks that).
std::string asOpenpyxlShows(const std::string &s)
{
    static const QRegularExpression escape(QStringLiteral("_x[0-9A-Fa-f]{4}_"));
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '_' && escape.match(QString::fromStdString(s.substr(i, 7))).hasMatch()
            && s.size() - i >= 7) {
            out += "_x005F_";
        } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            char buf[8];
            std::snprintf(buf, sizeof buf, "_x%04X_", c);
            out += buf;
        } else {
            out += char(c);
        }
    }
    return out;
}

std::string base64Of(const std::string &bytes)
{
    return QByteArray(bytes.data(), qsizetype(bytes.size())).toBase64().toStdString();
}

//! Excel's calendar: serial 61 (1900-03-01) to 2958465 (9999-12-31).
bool inExcelCalendar(int64_t micros)
{
    const double serial = 25569.0 + double(micros) / double(kMicrosPerDay);
    return serial >= 61 && serial < 2958466;
}

//! How a cell of `type` holding `v` must read in openpyxl (the XLSX column of the table "What
//! each format keeps"); empty when it does.
std::string xlsxCellProblem(LogicalType type, const Value &v, const QJsonArray &cell)
{
    const QString kind = cell[0].toString();
    const QJsonValue got = cell[1];
    auto expect = [&](bool ok, const std::string &what) {
        return ok ? std::string()
                  : describe(v) + " should read as " + what + ", read as "
                        + QJsonDocument(cell).toJson(QJsonDocument::Compact).toStdString();
    };
    auto isText = [&](const std::string &text) {
        return kind == "str" && got.toString().toStdString() == text;
    };
    if (v.isNull())
        return expect(kind == "empty", "an empty cell");
    switch (type) {
    case LogicalType::Integer:
        if (v.i > (int64_t(1) << 53) || v.i < -(int64_t(1) << 53)) // beyond a double: text
            return expect(isText(std::to_string(v.i)), "its digits as text");
        return expect(kind == "int" && got.toInteger() == v.i, "that number");
    case LogicalType::Double:
        if (!std::isfinite(v.d))
            return expect(isText(std::isnan(v.d) ? "NaN"
                                 : v.d > 0       ? "Infinity"
                                                 : "-Infinity"),
                          "text");
        return expect(
            (kind == "float"
             && identical(Value::real(std::strtod(got.toString().toUtf8().constData(), nullptr)),
                          v))
                || (kind == "int" && double(got.toInteger()) == v.d && v.d != 0),
            "that number, bit for bit");
    case LogicalType::Boolean:
        return expect(kind == "bool" && got.toBool() == v.asBool(), "a boolean");
    case LogicalType::Blob:
        return expect(isText(base64Of(v.s)), "base64 text");
    case LogicalType::Date:
        if (!inExcelCalendar(v.i * kMicrosPerDay))
            return expect(isText(engine::formatDate(v.i)), "ISO text (outside Excel's calendar)");
        // openpyxl 3.0 gives a datetime at midnight for any date-formatted cell.
        return expect(
            ((kind == "date" && got.toString().toStdString() == engine::formatDate(v.i))
             || (kind == "datetime"
                 && got.toString().toStdString() == engine::formatDate(v.i) + "T00:00:00.000000"))
                && cell[2].toInteger() == v.i * kMicrosPerDay,
            "that date");
    case LogicalType::Timestamp: {
        if (!inExcelCalendar(v.i))
            return expect(isText(engine::formatTimestamp(v.i)),
                          "ISO text (outside Excel's calendar)");
        // The serial is the double nearest the instant: every microsecond until 2079, then
        // half a unit in the last place of the serial (40 µs in the year 9999).
        const double serial = 25569.0 + double(v.i) / double(kMicrosPerDay);
        const double halfUlp
            = (std::nextafter(serial, INFINITY) - serial) / 2 * double(kMicrosPerDay);
        const double off = std::fabs(double(cell[2].toInteger() - v.i));
        return expect(kind == "datetime" && off <= (halfUlp < 0.5 ? 0 : std::floor(halfUlp + 0.5)),
                      "that instant (to the µs; openpyxl itself shows ms)");
    }
    default:
        return expect(isText(asOpenpyxlShows(v.s)), "that text");
    }
}

} // namespace

class TestRoundTrip : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { transfer::registerBuiltinFormats(); }

    void everyCellComesBack_data()
    {
        QTest::addColumn<int>("trip");
        const auto all = trips();
        for (size_t i = 0; i < all.size(); ++i)
            QTest::newRow(all[i].name.c_str()) << int(i);
    }

    void everyCellComesBack()
    {
        QFETCH(int, trip);
        const Trip how = trips()[size_t(trip)];
        if (how.throughSqlite3 && QStandardPaths::findExecutable(sqlite3Binary()).isEmpty())
            QFAIL("sqlite3 is not installed (installer/setup-deps.sh installs it)");
        QTemporaryDir tmp;
        for (uint64_t seed : seeds()) {
            TableGenerator gen(seed * 7919 + uint64_t(trip));
            const RandomTable t = gen.table(60);
            auto db = databaseOf(t);
            auto copy = travel(*db, t, how, tmp);
            std::string problem = copy ? firstDifference(**copy, t, how)
                                       : "the trip failed: " + copy.status().toString();
            if (problem.empty())
                continue;
            const RandomTable small = shrink(t, how, tmp);
            auto smallDb = databaseOf(small);
            auto smallCopy = travel(*smallDb, small, how, tmp);
            const std::string smallProblem
                = smallCopy ? firstDifference(**smallCopy, small, how)
                            : "the trip failed: " + smallCopy.status().toString();
            QFAIL(("seed " + std::to_string(seed) + ", " + how.name + ": " + problem
                   + "\nsmallest failing table (" + smallProblem + "):\n" + reproOf(small))
                      .c_str());
        }
    }

    void xlsxReadsBackInOpenpyxl()
    {
        QTemporaryDir tmp;
        for (uint64_t seed : seeds()) {
            TableGenerator gen(seed * 7919 + 1000);
            const RandomTable t = gen.table(60);
            auto db = databaseOf(t);
            transfer::ExportSpec ex;
            ex.scope = transfer::ExportScope::Tables;
            ex.tables.push_back({"t", {}, {}});
            ex.formats.push_back({"xlsx", {}});
            ex.outputDir = tmp.filePath(QString::number(seed)).toStdString();
            ex.latestLinks = false;
            auto exported = transfer::runExport(*db, ex);
            QVERIFY2(exported, exported ? "" : exported.status().toString().c_str());
            QProcess py;
            py.start("/usr/bin/python3",
                     {QStringLiteral(STRATA_SOURCE_DIR "/tests/transfer/read_xlsx_cells.py"),
                      QString::fromStdString(exported->files[0].path)});
            QVERIFY(py.waitForFinished(-1));
            QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
            const QJsonArray rows = QJsonDocument::fromJson(py.readAllStandardOutput()).array();
            QCOMPARE(rows.size(), qsizetype(t.rows.size() + 1));
            for (size_t c = 0; c < t.columns.size(); ++c)
                QCOMPARE(rows[0].toArray()[qsizetype(c)].toArray()[1].toString().toStdString(),
                         t.columns[c].name);
            for (size_t r = 0; r < t.rows.size(); ++r) {
                const QJsonArray cells = rows[qsizetype(r + 1)].toArray();
                for (size_t c = 0; c < t.columns.size(); ++c) {
                    const std::string problem = xlsxCellProblem(t.columns[c].type, t.rows[r][c],
                                                                cells[qsizetype(c)].toArray());
                    QVERIFY2(problem.empty(),
                             ("seed " + std::to_string(seed) + ", row id " + std::to_string(r + 1)
                              + ", column " + t.columns[c].name + ": " + problem)
                                 .c_str());
                }
            }
        }
    }

    void xlsxTextComesBackInLibreOffice()
    {
        // Text is what a spreadsheet must not change: LibreOffice opens the workbook and saves
        // it as CSV, which comes back into the same table.
        RandomTable t;
        t.columns
            = {{"id", LogicalType::Integer}, {"a", LogicalType::Text}, {"b", LogicalType::Text}};
        TableGenerator gen(4242);
        const RandomTable random = gen.table(400);
        for (const auto &text : hostileTexts())
            t.rows.push_back({Value::integer(int64_t(t.rows.size() + 1)), Value::text(text),
                              Value::text("x" + text + "y")});
        for (const auto &row : random.rows)
            for (size_t c = 1; c < random.columns.size(); ++c)
                if (random.columns[c].type == LogicalType::Text && !row[c].isNull())
                    t.rows.push_back({Value::integer(int64_t(t.rows.size() + 1)), row[c],
                                      Value::text("<" + row[c].s + ">")});
        auto db = databaseOf(t);
        QTemporaryDir tmp;
        transfer::ExportSpec ex;
        ex.scope = transfer::ExportScope::Tables;
        ex.tables.push_back({"t", {}, {}});
        ex.formats.push_back({"xlsx", {}});
        ex.outputDir = tmp.path().toStdString();
        ex.latestLinks = false;
        auto exported = transfer::runExport(*db, ex);
        QVERIFY2(exported, exported ? "" : exported.status().toString().c_str());
        QProcess soffice;
        soffice.start("soffice",
                      {"-env:UserInstallation=file://" + tmp.filePath("profile"), "--headless",
                       "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                       tmp.filePath("csv"), QString::fromStdString(exported->files[0].path)});
        QVERIFY(soffice.waitForFinished(-1));
        QVERIFY2(soffice.exitCode() == 0, soffice.readAllStandardError().constData());
        const QStringList csv = QDir(tmp.filePath("csv")).entryList({"*.csv"});
        QCOMPARE(csv.size(), qsizetype(1));
        auto copy = engine::Database::openInMemory();
        auto c = copy->connect();
        QVERIFY(c->execute(createStatement(t)));
        auto spec = importOf(QDir(tmp.filePath("csv")).filePath(csv[0]).toStdString());
        spec.mode = transfer::ImportMode::Append;
        spec.table = "t";
        spec.csv.delimiter = ',';
        spec.csv.header = true;
        spec.csv.encoding = "utf-8";
        spec.csv.nullMarkers.clear();
        auto imported = transfer::runImport(*copy, spec);
        QVERIFY2(imported, imported ? "" : imported.status().toString().c_str());
        const auto got = query(*c, "SELECT * FROM t ORDER BY 1").rows;
        QCOMPARE(got.size(), t.rows.size());
        for (size_t r = 0; r < t.rows.size(); ++r)
            for (size_t col = 1; col < 3; ++col) {
                // LibreOffice's limits: a cell holds no difference between empty text and
                // no value, and in text with a line break (LF) a CR LF pair, and any other CR,
                // becomes a line break, LF.
                Value want = t.rows[r][col];
                if (want.s.empty())
                    want = Value::null();
                if (want.s.find('\n') != std::string::npos) {
                    for (size_t at; (at = want.s.find("\r\n")) != std::string::npos;)
                        want.s.erase(at, 1);
                    std::replace(want.s.begin(), want.s.end(), '\r', '\n');
                }
                QVERIFY2(identical(want, got[r][col]),
                         ("row " + std::to_string(r + 1) + ": " + describe(want)
                          + " came back from LibreOffice as " + describe(got[r][col]))
                             .c_str());
            }
    }
};

QTEST_GUILESS_MAIN(TestRoundTrip)
#include "tst_round_trip.moc"
