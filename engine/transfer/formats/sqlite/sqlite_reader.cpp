#include "engine/transfer/formats/sqlite/sqlite_reader.h"

#include "engine/common/ascii.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace strata::transfer {

using engine::asciiUpper;
using engine::EngineError;
using engine::LogicalType;
using engine::StatusCode;

std::optional<LogicalType> typeForSqliteDeclared(const std::string &declared)
{
    const std::string t = asciiUpper(declared);
    if (t.empty())
        return std::nullopt;
    // Names Strata and other tools use for types SQLite has no storage class of its own for.
    if (t.rfind("BOOL", 0) == 0)
        return LogicalType::Boolean;
    if (t == "DATE")
        return LogicalType::Date;
    if (t.find("TIMESTAMP") != std::string::npos || t == "DATETIME")
        return LogicalType::Timestamp;
    // SQLite's affinity rules, in its order (https://sqlite.org/datatype3.html, 3.1).
    if (t.find("INT") != std::string::npos)
        return LogicalType::Integer;
    if (t.find("CHAR") != std::string::npos || t.find("CLOB") != std::string::npos
        || t.find("TEXT") != std::string::npos)
        return LogicalType::Text;
    if (t.find("BLOB") != std::string::npos)
        return LogicalType::Blob;
    if (t.find("REAL") != std::string::npos || t.find("FLOA") != std::string::npos
        || t.find("DOUB") != std::string::npos)
        return LogicalType::Double;
    return LogicalType::Double; // NUMERIC affinity: DECIMAL(10,2), NUMERIC
}

namespace {

class SqliteReader : public Reader {
public:
    explicit SqliteReader(const ReadSource &source)
        : m_path(source.path)
        , m_origin(source.origin)
    {
        static QAtomicInteger<quint64> counter;
        m_connection = QStringLiteral("strata-import-%1").arg(++counter);
        if (!QFileInfo::exists(QString::fromStdString(m_path)))
            throw EngineError(StatusCode::Io, "no such file", m_origin);
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(QString::fromStdString(m_path));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open())
            fail("cannot open", db.lastError());
        // SQLite opens anything lazily: make it read the header now.
        query("SELECT count(*) FROM sqlite_master");
    }

    ~SqliteReader() override
    {
        {
            auto db = QSqlDatabase::database(m_connection, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }

    bool describesTypes() const override { return m_untypedTables == 0; }

    void prepare()
    {
        auto tables = query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                            "LIKE 'sqlite_%' ORDER BY rowid");
        while (tables.next())
            m_tables.push_back(tables.value(0).toString());
        for (const QString &table : m_tables) {
            auto info = query("PRAGMA table_info(" + quote(table) + ")");
            while (info.next())
                if (!typeForSqliteDeclared(info.value(2).toString().toStdString())) {
                    ++m_untypedTables;
                    break;
                }
        }
    }

    void read(ImportSink &sink) override
    {
        for (const QString &name : m_tables) {
            SourceTable table;
            table.name = name.toStdString();
            std::vector<std::pair<int, std::string>> pk; // (position in key, column)
            auto info = query("PRAGMA table_info(" + quote(name) + ")");
            while (info.next()) {
                SourceColumn c = SourceColumn::named(info.value(1).toString().toStdString());
                c.declaredType = info.value(2).toString().toStdString();
                c.type = typeForSqliteDeclared(c.declaredType);
                c.notNull = info.value(3).toInt() != 0;
                if (info.value(5).toInt() > 0) {
                    c.primaryKey = true;
                    pk.emplace_back(info.value(5).toInt(), c.name);
                }
                table.columns.push_back(std::move(c));
            }
            if (!sink.beginTable(table))
                continue;
            auto rows = query("SELECT * FROM " + quote(name));
            std::vector<Cell> cells(table.columns.size());
            std::vector<QByteArray> texts(table.columns.size());
            RowOrigin origin;
            origin.jsonArray = table.name;
            int64_t index = 0;
            while (rows.next()) {
                for (size_t c = 0; c < cells.size(); ++c) {
                    const QVariant v = rows.value(static_cast<int>(c));
                    if (v.isNull()) {
                        cells[c] = Cell::null();
                        continue;
                    }
                    switch (v.typeId()) {
                    case QMetaType::LongLong:
                    case QMetaType::Int:
                        texts[c] = QByteArray::number(v.toLongLong());
                        cells[c] = Cell::of(Cell::Kind::Number, view(texts[c]));
                        break;
                    case QMetaType::Double: {
                        char buf[40];
                        texts[c] = QByteArray(
                            buf, static_cast<qsizetype>(engine::formatDoubleTo(buf, v.toDouble())));
                        cells[c] = Cell::of(Cell::Kind::Number, view(texts[c]));
                        break;
                    }
                    case QMetaType::QByteArray:
                        texts[c] = v.toByteArray();
                        cells[c] = Cell::of(Cell::Kind::Bytes, view(texts[c]));
                        break;
                    default:
                        texts[c] = v.toString().toUtf8();
                        cells[c] = Cell::of(Cell::Kind::Text, view(texts[c]));
                        break;
                    }
                }
                origin.index = index++;
                sink.row(cells, origin);
            }
            if (rows.lastError().isValid())
                fail("cannot read table " + table.name, rows.lastError());
            sink.endTable();
        }
    }

private:
    static std::string_view view(const QByteArray &b)
    {
        return {b.constData(), static_cast<size_t>(b.size())};
    }

    static QString quote(const QString &name)
    {
        QString q = name;
        return "\"" + q.replace("\"", "\"\"") + "\"";
    }

    QSqlQuery query(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_connection));
        q.setForwardOnly(true);
        if (!q.exec(sql))
            fail("cannot read (" + sql.toStdString() + ")", q.lastError());
        return q;
    }

    [[noreturn]] void fail(const std::string &what, const QSqlError &error) const
    {
        throw EngineError(StatusCode::Invalid,
                          what + ": " + error.text().toStdString()
                              + " (expected a SQLite 3 database file)",
                          m_origin);
    }

    std::string m_path;
    engine::Location m_origin;
    QString m_connection;
    std::vector<QString> m_tables;
    int m_untypedTables = 0;
};

} // namespace

std::unique_ptr<Reader> createSqliteReader(const ReadSource &source, const ImportSpec &)
{
    auto reader = std::make_unique<SqliteReader>(source);
    reader->prepare();
    return reader;
}

} // namespace strata::transfer
