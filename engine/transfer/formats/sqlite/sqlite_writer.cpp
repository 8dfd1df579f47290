#include "engine/transfer/formats/sqlite/sqlite_writer.h"

#include "engine/transfer/formats/sqlite/sqlite_file_builder.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace strata::transfer {

using engine::EngineError;
using engine::LogicalType;
using engine::StatusCode;

namespace {

//! A SQLite database file, straight into the export's temporary file: written directly in
//! SQLite's file format (sqlite_file_builder.h) up to the first table with a primary key, and
//! from there through Qt Sql's QSQLITE driver, in one transaction with a prepared INSERT per
//! table (SQLite then builds the key's index).
class SqliteWriter : public Writer {
public:
    SqliteWriter(OutputFile &out, const ExportContext &)
        : m_out(out)
    {
        out.adoptExternalContent();
        m_fd = ::open(out.temporaryPath().c_str(), O_WRONLY | O_CLOEXEC);
        if (m_fd < 0)
            throw EngineError(StatusCode::Io, "SQLite file " + out.temporaryPath()
                                                  + ": cannot open (" + std::strerror(errno) + ")");
        m_file = std::make_unique<sqlitefile::FileBuilder>(m_fd, out.temporaryPath());
    }

    //! The tables so far are complete in the file; SQLite goes on with the rest.
    void continueWithSqlite()
    {
        if (m_file) {
            m_file->finish();
            m_file.reset();
            ::close(m_fd);
            m_fd = -1;
        }
        static QAtomicInteger<quint64> counter;
        m_connection = QStringLiteral("strata-export-%1").arg(++counter);
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(QString::fromStdString(m_out.temporaryPath()));
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
        if (m_fd >= 0)
            ::close(m_fd);
        if (m_connection.isEmpty())
            return;
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
        if (m_file && !table.primaryKey.empty())
            continueWithSqlite();
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
        if (m_file) {
            m_file->beginTable(name, sql + ")");
            return;
        }
        exec(sql + ")");
        m_insert = std::make_unique<QSqlQuery>(QSqlDatabase::database(m_connection));
        if (!m_insert->prepare(QString::fromStdString(insert + ")")))
            fail("cannot prepare the INSERT for " + name, m_insert->lastError());
    }

    void writeBatch(const engine::RowBatch &batch) override
    {
        if (m_file) {
            for (size_t r = 0; r < batch.rowCount(); ++r) {
                m_record.clear();
                for (size_t c = 0; c < batch.columnCount(); ++c)
                    addValue(batch.columns[c], r, m_types[c]);
                m_file->addRow(m_record.finish());
            }
            return;
        }
        for (size_t r = 0; r < batch.rowCount(); ++r) {
            for (size_t c = 0; c < batch.columnCount(); ++c)
                m_insert->bindValue(static_cast<int>(c), value(batch.columns[c], r, m_types[c]));
            if (!m_insert->exec())
                fail("cannot insert a row", m_insert->lastError());
        }
    }

    void endTable() override
    {
        if (m_file)
            m_file->endTable();
        m_insert.reset();
    }

    void finish() override
    {
        if (m_file) {
            m_file->finish();
            return;
        }
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

    //! What value() binds, as SQLite would store it.
    void addValue(const engine::ColumnVector &col, size_t r, LogicalType type)
    {
        if (col.isNull(r)) {
            m_record.addNull();
            return;
        }
        switch (type) {
        case LogicalType::Boolean:
        case LogicalType::Integer:
            m_record.addInteger(col.intAt(r));
            return;
        case LogicalType::Double: {
            const double d = col.doubleAt(r);
            if (std::isnan(d))
                m_record.addNull(); // SQLite has no NaN
            else
                m_record.addReal(d);
            return;
        }
        case LogicalType::Blob:
            m_record.addBlob(col.bytesAt(r));
            return;
        case LogicalType::Date:
            m_record.addText({m_scratch, engine::formatDateTo(m_scratch, col.intAt(r))});
            return;
        case LogicalType::Timestamp:
            m_record.addText({m_scratch, engine::formatTimestampTo(m_scratch, col.intAt(r))});
            return;
        default:
            m_record.addText(col.bytesAt(r));
            return;
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
    int m_fd = -1;
    std::unique_ptr<sqlitefile::FileBuilder> m_file; //!< until a table needs SQLite itself
    sqlitefile::RecordBuilder m_record;
    char m_scratch[48];
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
