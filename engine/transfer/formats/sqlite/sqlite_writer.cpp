#include "engine/transfer/formats/sqlite/sqlite_writer.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <cmath>

namespace strata::transfer {

using engine::EngineError;
using engine::LogicalType;
using engine::StatusCode;

namespace {

//! A SQLite database file written through Qt Sql's QSQLITE driver, in one transaction with a
//! prepared INSERT per table, straight into the export's temporary file.
class SqliteWriter : public Writer {
public:
    SqliteWriter(OutputFile &out, const ExportContext &)
        : m_out(out)
    {
        static QAtomicInteger<quint64> counter;
        m_connection = QStringLiteral("strata-export-%1").arg(++counter);
        out.adoptExternalContent();
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(QString::fromStdString(out.temporaryPath()));
        if (!db.open())
            fail("cannot open", db.lastError());
        // The file only gets its final name once complete and synced, so SQLite's own journal
        // would only slow the writing down.
        exec("PRAGMA journal_mode = OFF");
        exec("PRAGMA synchronous = OFF");
        exec("PRAGMA page_size = 8192");
        if (!db.transaction())
            fail("cannot begin", db.lastError());
    }
    ~SqliteWriter() override
    {
        m_insert.reset();
        {
            auto db = QSqlDatabase::database(m_connection, false);
            if (db.isOpen()) {
                db.rollback();
                db.close();
            }
        }
        QSqlDatabase::removeDatabase(m_connection);
    }

    void beginTable(const TableMeta &table) override
    {
        m_types.clear();
        const std::string name
            = table.name == "query" && !table.query.empty() ? "query_result" : table.name;
        std::string sql = "CREATE TABLE " + engine::quoteIdentifier(name) + " (";
        std::string insert = "INSERT INTO " + engine::quoteIdentifier(name) + " VALUES (";
        for (size_t i = 0; i < table.columns.size(); ++i) {
            const auto &c = table.columns[i];
            const LogicalType type = c.type;
            m_types.push_back(type);
            sql += (i ? ", " : "") + engine::quoteIdentifier(c.name) + " " + sqliteType(type);
            if (c.info.notNull)
                sql += " NOT NULL";
            // Text goes in as its UTF-8 bytes: through QString and SQLite's UTF-16 binding a
            // leading U+FEFF would be taken for a byte-order mark and dropped.
            insert += i ? ", " : "";
            insert += type == LogicalType::Text ? "CAST(? AS TEXT)" : "?";
        }
        if (!table.primaryKey.empty()) {
            sql += ", PRIMARY KEY (";
            for (size_t i = 0; i < table.primaryKey.size(); ++i)
                sql += (i ? ", " : "") + engine::quoteIdentifier(table.primaryKey[i]);
            sql += ")";
        }
        exec(sql + ")");
        m_insert = std::make_unique<QSqlQuery>(QSqlDatabase::database(m_connection));
        if (!m_insert->prepare(QString::fromStdString(insert + ")")))
            fail("cannot prepare the INSERT for " + name, m_insert->lastError());
    }

    void writeBatch(const engine::RowBatch &batch) override
    {
        for (size_t r = 0; r < batch.rowCount(); ++r) {
            for (size_t c = 0; c < batch.columnCount(); ++c)
                m_insert->bindValue(static_cast<int>(c), value(batch.columns[c], r, m_types[c]));
            if (!m_insert->exec())
                fail("cannot insert a row", m_insert->lastError());
        }
    }

    void endTable() override { m_insert.reset(); }

    void finish() override
    {
        auto db = QSqlDatabase::database(m_connection);
        if (!db.commit())
            fail("cannot commit", db.lastError());
        db.close();
    }

private:
    static const char *sqliteType(LogicalType type)
    {
        // BOOLEAN, DATE and TIMESTAMP are names SQLite stores with NUMERIC affinity (1/0 and
        // ISO 8601 text stay as written) and that readers (Strata, DBeaver, pandas) take for
        // what they are, so a round trip keeps the types.
        switch (type) {
        case LogicalType::Boolean:
            return "BOOLEAN";
        case LogicalType::Integer:
            return "INTEGER";
        case LogicalType::Double:
            return "REAL";
        case LogicalType::Blob:
            return "BLOB";
        case LogicalType::Date:
            return "DATE";
        case LogicalType::Timestamp:
            return "TIMESTAMP";
        default:
            return "TEXT";
        }
    }

    static QVariant value(const engine::ColumnVector &col, size_t r, LogicalType type)
    {
        if (col.isNull(r))
            return QVariant();
        switch (type) {
        case LogicalType::Boolean:
        case LogicalType::Integer:
            return QVariant(static_cast<qlonglong>(col.intAt(r)));
        case LogicalType::Double: {
            const double d = col.doubleAt(r);
            return std::isnan(d) ? QVariant() : QVariant(d); // SQLite has no NaN; it would be NULL
        }
        case LogicalType::Blob: {
            const auto b = col.bytesAt(r);
            return QByteArray(b.data(), static_cast<qsizetype>(b.size()));
        }
        case LogicalType::Date:
            return QString::fromStdString(engine::formatDate(col.intAt(r)));
        case LogicalType::Timestamp:
            return QString::fromStdString(engine::formatTimestamp(col.intAt(r)));
        default: {
            const auto s = col.bytesAt(r);
            return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
        }
        }
    }

    void exec(const std::string &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_connection));
        if (!q.exec(QString::fromStdString(sql)))
            fail("cannot run " + sql, q.lastError());
    }

    [[noreturn]] void fail(const std::string &what, const QSqlError &error)
    {
        throw EngineError(StatusCode::Io, "SQLite file " + m_out.temporaryPath() + ": " + what
                                              + ": " + error.text().toStdString());
    }

    OutputFile &m_out;
    QString m_connection;
    std::unique_ptr<QSqlQuery> m_insert;
    std::vector<LogicalType> m_types;
};

} // namespace

std::unique_ptr<Writer> createSqliteWriter(OutputFile &out, const ExportContext &context,
                                           const std::map<std::string, std::string> &)
{
    return std::make_unique<SqliteWriter>(out, context);
}

} // namespace strata::transfer
