#include "engine/transfer/formats/sql/sql_writer.h"

#include "engine/transfer/formats/text_out.h"

#include <cmath>

namespace strata::transfer {

using engine::EngineError;
using engine::LogicalType;
using engine::StatusCode;

namespace {

enum class Dialect { Sqlite, Postgres, Generic };

//! A CREATE TABLE + INSERT script in one transaction. Identifiers are always double-quoted
//! with '"' doubled, strings use '' doubling: no value or name can leave its literal.
class SqlWriter : public Writer {
public:
    SqlWriter(OutputFile &out, const ExportContext &context, Dialect dialect, int rowsPerInsert)
        : m_out(out)
        , m_context(context)
        , m_dialect(dialect)
        , m_rowsPerInsert(rowsPerInsert)
    {
    }

    void beginTable(const TableMeta &table) override
    {
        std::string &b = m_out.buffer();
        start(b);
        m_table = table.name == "query" && !table.query.empty() ? std::string("query_result")
                                                                : table.name;
        m_types.clear();
        b += "\nCREATE TABLE ";
        b += engine::quoteIdentifier(m_table);
        b += " (";
        for (size_t i = 0; i < table.columns.size(); ++i) {
            const auto &c = table.columns[i];
            const LogicalType type = c.type;
            m_types.push_back(type);
            b += i ? ",\n  " : "\n  ";
            b += engine::quoteIdentifier(c.name);
            b += ' ';
            b += columnType(type, c.info.maxLength);
            if (c.info.notNull)
                b += " NOT NULL";
        }
        if (!table.primaryKey.empty()) {
            b += ",\n  PRIMARY KEY (";
            for (size_t i = 0; i < table.primaryKey.size(); ++i)
                b += (i ? ", " : "") + engine::quoteIdentifier(table.primaryKey[i]);
            b += ")";
        }
        b += "\n);\n";
        m_insertPrefix = "INSERT INTO " + engine::quoteIdentifier(m_table) + " (";
        for (size_t i = 0; i < table.columns.size(); ++i)
            m_insertPrefix += (i ? ", " : "") + engine::quoteIdentifier(table.columns[i].name);
        m_insertPrefix += ") VALUES ";
        m_inInsert = 0;
    }

    void writeBatch(const engine::RowBatch &batch) override
    {
        std::string &b = m_out.buffer();
        for (size_t r = 0; r < batch.rowCount(); ++r) {
            if (m_inInsert == 0) {
                b += m_insertPrefix;
            } else {
                b += ",\n  ";
            }
            b += '(';
            for (size_t c = 0; c < batch.columnCount(); ++c) {
                if (c)
                    b += ", ";
                appendLiteral(b, batch.columns[c], r, m_types[c]);
            }
            b += ')';
            if (++m_inInsert >= m_rowsPerInsert) {
                b += ";\n";
                m_inInsert = 0;
            }
            m_out.flushIfFull();
        }
    }

    void endTable() override
    {
        if (m_inInsert > 0)
            m_out.buffer() += ";\n";
        m_inInsert = 0;
    }

    void finish() override
    {
        std::string &b = m_out.buffer();
        start(b);
        // Views last: what they read is there by then. Their queries are in Strata's SQL,
        // which SQLite reads; another database may need them adjusted.
        for (const ViewMeta &v : m_context.views) {
            b += "\nCREATE VIEW ";
            b += engine::quoteIdentifier(v.name);
            if (!v.columns.empty()) {
                b += " (";
                for (size_t c = 0; c < v.columns.size(); ++c)
                    b += (c ? ", " : "") + engine::quoteIdentifier(v.columns[c]);
                b += ')';
            }
            b += " AS ";
            b += v.sql;
            b += ";\n";
        }
        b += "\nCOMMIT;\n";
    }

private:
    //! The script's header and BEGIN, once.
    void start(std::string &b)
    {
        if (m_started)
            return;
        b += "-- SQL Export from Strata " STRATA_VERSION "\n-- Export time: ";
        b += engine::formatTimestamp(m_context.exportTime - m_context.exportTime % 1000000);
        b += "\n-- Snapshot: ";
        b += engine::formatTimestamp(static_cast<int64_t>(m_context.snapshotTs));
        b += "\n-- Dialect: ";
        b += m_dialect == Dialect::Sqlite     ? "sqlite"
             : m_dialect == Dialect::Postgres ? "postgres"
                                              : "generic";
        b += "\n";
        if (!m_context.filters.empty() || !m_context.sanitization.empty()
            || !m_context.columnSubsets.empty())
            b += "-- Partial export: filters, column subsets or redactions apply (not a full "
                 "backup)\n";
        if (m_dialect == Dialect::Postgres)
            b += "SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\n";
        b += "BEGIN;\n";
        m_started = true;
    }

    std::string columnType(LogicalType type, uint32_t maxLength) const
    {
        // SQLite takes any type name; BOOLEAN, DATE and TIMESTAMP get NUMERIC affinity there
        // (1/0 and ISO 8601 text stay as written) and tell a reader what the values are.
        switch (type) {
        case LogicalType::Boolean:
            return "BOOLEAN";
        case LogicalType::Integer:
            return m_dialect == Dialect::Sqlite ? "INTEGER" : "BIGINT";
        case LogicalType::Double:
            return m_dialect == Dialect::Sqlite ? "REAL" : "DOUBLE PRECISION";
        case LogicalType::Blob:
            return m_dialect == Dialect::Postgres ? "BYTEA" : "BLOB";
        case LogicalType::Date:
            return "DATE";
        case LogicalType::Timestamp:
            return m_dialect == Dialect::Postgres ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP";
        default:
            if (maxLength)
                return "VARCHAR(" + std::to_string(maxLength) + ")";
            return "TEXT";
        }
    }

    void appendString(std::string &b, std::string_view s)
    {
        // The sqlite3 shell turns a raw CR before LF into LF: like its own .dump, the SQLite
        // dialect spells every CR as char(13).
        if (m_dialect == Dialect::Sqlite && s.find('\r') != std::string_view::npos) {
            size_t start = 0;
            for (size_t cr = s.find('\r'); cr != std::string_view::npos;
                 start = cr + 1, cr = s.find('\r', start)) {
                if (cr > start) {
                    appendQuoted(b, s.substr(start, cr - start));
                    b += "||";
                }
                b += "char(13)";
                if (cr + 1 < s.size())
                    b += "||";
            }
            if (start < s.size())
                appendQuoted(b, s.substr(start));
            return;
        }
        appendQuoted(b, s);
    }

    void appendQuoted(std::string &b, std::string_view s)
    {
        b += '\'';
        size_t start = 0;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\'') {
                b.append(s.substr(start, i + 1 - start));
                b += '\'';
                start = i + 1;
            }
        }
        b.append(s.substr(start));
        b += '\'';
    }

    void appendLiteral(std::string &b, const engine::ColumnVector &col, size_t r, LogicalType type)
    {
        if (col.isNull(r)) {
            b += "NULL";
            return;
        }
        switch (type) {
        case LogicalType::Boolean:
            if (m_dialect == Dialect::Sqlite)
                b += col.intAt(r) ? "1" : "0";
            else
                b += col.intAt(r) ? "TRUE" : "FALSE";
            return;
        case LogicalType::Integer:
            text::appendInt(b, col.intAt(r));
            return;
        case LogicalType::Double: {
            const double d = col.doubleAt(r);
            if (std::isfinite(d)) {
                text::appendDouble(b, d);
            } else if (m_dialect == Dialect::Postgres) {
                b += '\'';
                text::appendDouble(b, d); // 'NaN', 'Infinity', '-Infinity'
                b += "'::float8";
            } else if (std::isnan(d) && m_dialect == Dialect::Sqlite) {
                // No NaN literal in SQLite: an expression that is NaN where the reader has
                // NaN (Strata, DuckDB) and NULL in SQLite itself, which has no NaN.
                b += "(9e999-9e999)";
            } else if (std::isnan(d)) {
                b += "CAST('NaN' AS DOUBLE PRECISION)";
            } else {
                b += d > 0 ? "9e999" : "-9e999"; // read as +/- infinity
            }
            return;
        }
        case LogicalType::Blob:
            if (m_dialect == Dialect::Postgres) {
                b += "'\\x";
                text::appendHex(b, col.bytesAt(r));
                b += "'::bytea";
            } else {
                b += "X'";
                text::appendHex(b, col.bytesAt(r));
                b += '\'';
            }
            return;
        case LogicalType::Date:
            if (m_dialect != Dialect::Sqlite)
                b += "DATE ";
            b += '\'';
            text::appendDate(b, col.intAt(r));
            b += '\'';
            return;
        case LogicalType::Timestamp:
            if (m_dialect == Dialect::Postgres)
                b += "TIMESTAMPTZ ";
            else if (m_dialect == Dialect::Generic)
                b += "TIMESTAMP ";
            b += '\'';
            text::appendTimestamp(b, col.intAt(r));
            b += '\'';
            return;
        default:
            appendString(b, col.bytesAt(r));
            return;
        }
    }

    OutputFile &m_out;
    const ExportContext &m_context;
    Dialect m_dialect;
    int m_rowsPerInsert;
    bool m_started = false;
    std::string m_table, m_insertPrefix;
    std::vector<LogicalType> m_types;
    int m_inInsert = 0;
};

} // namespace

std::unique_ptr<Writer> createSqlWriter(OutputFile &out, const ExportContext &context,
                                        const std::map<std::string, std::string> &options)
{
    Dialect dialect = Dialect::Sqlite;
    // Options come checked against the schema and checkOptions (FormatRegistry::validate).
    if (auto it = options.find("dialect"); it != options.end())
        dialect = it->second == "postgres"  ? Dialect::Postgres
                  : it->second == "generic" ? Dialect::Generic
                                            : Dialect::Sqlite;
    int rows = 100;
    if (auto it = options.find("rows_per_insert"); it != options.end())
        rows = std::atoi(it->second.c_str());
    STRATA_ASSERT(rows >= 1 && rows <= 100000, "rows_per_insert was validated");
    return std::make_unique<SqlWriter>(out, context, dialect, rows);
}

} // namespace strata::transfer
