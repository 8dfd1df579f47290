#include "engine/transfer/formats/json/json_writer.h"

#include "engine/transfer/formats/text_out.h"

#include <cmath>

namespace strata::transfer {

using engine::EngineError;
using engine::LogicalType;
using engine::StatusCode;

// Written by hand rather than with RapidJSON's Writer: values arrive as typed column batches,
// doubles must be the shortest form that reads back bit-equal (std::to_chars guarantees it;
// Grisu2 does not always give the shortest), NaN/Infinity and integers beyond 2^53 must be
// strings, and the output goes straight into the file's 1 MiB buffer. The escaping is small.
void appendJsonString(std::string &out, std::string_view s)
{
    out += '"';
    size_t start = 0;
    for (size_t i = text::jsonPlainPrefix(s); i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(s.substr(start, i - start));
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default: {
            static const char *kHex = "0123456789abcdef";
            const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
            out.append(esc, 6);
        }
        }
        start = i + 1;
    }
    out.append(s.substr(start));
    out += '"';
}

namespace {

//! One value as JSON, for a cell of a batch or a single Value alike (the CLI's results).
template<typename Cell>
void appendJsonCell(std::string &b, const Cell &cell, engine::LogicalType type)
{
    if (cell.isNull()) {
        b += "null";
        return;
    }
    switch (type) {
    case LogicalType::Boolean:
        b += cell.integer() ? "true" : "false";
        return;
    case LogicalType::Integer: {
        const int64_t v = cell.integer();
        if (v > (int64_t(1) << 53) || v < -(int64_t(1) << 53)) { // beyond exact doubles
            b += '"';
            text::appendInt(b, v);
            b += '"';
        } else {
            text::appendInt(b, v);
        }
        return;
    }
    case LogicalType::Double: {
        const double d = cell.real();
        if (!std::isfinite(d)) {
            b += '"';
            text::appendDouble(b, d); // "NaN", "Infinity", "-Infinity"
            b += '"';
        } else {
            text::appendDouble(b, d);
        }
        return;
    }
    case LogicalType::Date:
        b += '"';
        text::appendDate(b, cell.integer());
        b += '"';
        return;
    case LogicalType::Timestamp:
        b += '"';
        text::appendTimestamp(b, cell.integer());
        b += '"';
        return;
    case LogicalType::Blob:
        b += '"';
        text::appendBase64(b, cell.bytes());
        b += '"';
        return;
    default:
        appendJsonString(b, cell.bytes());
        return;
    }
}

struct BatchCell {
    const engine::ColumnVector &col;
    size_t r;
    bool isNull() const { return col.isNull(r); }
    int64_t integer() const { return col.intAt(r); }
    double real() const { return col.doubleAt(r); }
    std::string_view bytes() const { return col.bytesAt(r); }
};

struct ValueCell {
    const engine::Value &v;
    bool isNull() const { return v.isNull(); }
    int64_t integer() const { return v.i; }
    double real() const { return v.d; }
    std::string_view bytes() const { return v.s; }
};

} // namespace

void appendJsonValue(std::string &b, const engine::ColumnVector &col, size_t r,
                     engine::LogicalType type)
{
    appendJsonCell(b, BatchCell{col, r}, type);
}

void appendJsonValue(std::string &b, const engine::Value &v)
{
    appendJsonCell(b, ValueCell{v}, v.type);
}

namespace {

enum class Layout { Backup, Table, Query };

std::string isoNoZone(int64_t micros)
{
    // The seed layout's "2024-01-15T10:30:00" (UTC, no fraction, no zone letter).
    std::string s = engine::formatTimestamp(micros - micros % 1000000);
    if (!s.empty() && s.back() == 'Z')
        s.pop_back();
    return s;
}

class JsonWriter : public Writer {
public:
    JsonWriter(OutputFile &out, const ExportContext &context, Layout layout, bool lines,
               bool pretty)
        : m_out(out)
        , m_context(context)
        , m_layout(layout)
        , m_lines(lines)
        , m_pretty(pretty)
    {
    }

    void beginTable(const TableMeta &table) override
    {
        m_meta = table;
        m_keys.clear();
        m_types.clear();
        for (const auto &c : table.columns) {
            std::string key;
            appendJsonString(key, c.name);
            key += ':';
            m_keys.push_back(std::move(key));
            m_types.push_back(c.type);
        }
        m_firstRow = true;
        if (m_lines)
            return;
        std::string &b = m_out.buffer();
        if (m_layout == Layout::Backup) {
            if (!m_started) {
                b += "{\"export_metadata\":";
                appendMetadata(b, true);
                b += ",\"tables\":{";
                m_started = true;
            } else {
                b += ',';
            }
            nl(b);
            appendJsonString(b, table.name);
            b += ":{\"schema\":";
            appendSchema(b);
            b += ",\"data\":[";
        } else if (m_layout == Layout::Table) {
            b += "{\"metadata\":";
            appendMetadata(b, false);
            b += ",\"table\":{\"name\":";
            appendJsonString(b, table.name);
            b += ",\"schema\":";
            appendSchema(b);
            b += ",\"data\":[";
        } else {
            b += "{\"metadata\":";
            appendMetadata(b, false);
            b += ",\"query\":";
            appendJsonString(b, table.query);
            b += ",\"columns\":";
            appendColumnDefs(b);
            b += ",\"data\":[";
        }
    }

    void writeBatch(const engine::RowBatch &batch) override
    {
        std::string &b = m_out.buffer();
        const size_t columns = batch.columnCount();
        for (size_t r = 0; r < batch.rowCount(); ++r) {
            if (!m_lines) {
                if (!m_firstRow)
                    b += ',';
                nl(b);
            }
            m_firstRow = false;
            b += '{';
            for (size_t c = 0; c < columns; ++c) {
                if (c)
                    b += ',';
                b += m_keys[c];
                appendJsonValue(b, batch.columns[c], r, m_types[c]);
            }
            b += '}';
            if (m_lines)
                b += '\n';
            m_out.flushIfFull();
        }
    }

    void writeDeletedKeys(const std::vector<std::string> &columns,
                          const std::vector<engine::Row> &keys) override
    {
        m_deleted = "[";
        for (size_t k = 0; k < keys.size(); ++k) {
            m_deleted += k ? ",{" : "{";
            for (size_t c = 0; c < columns.size(); ++c) {
                if (c)
                    m_deleted += ',';
                appendJsonString(m_deleted, columns[c]);
                m_deleted += ':';
                engine::ColumnVector one;
                one.type = keys[k][c].type;
                one.append(keys[k][c]);
                appendJsonValue(m_deleted, one, 0, one.type);
            }
            m_deleted += '}';
        }
        m_deleted += ']';
    }

    void endTable() override
    {
        if (m_lines)
            return;
        std::string &b = m_out.buffer();
        nl(b);
        b += ']';
        if (!m_deleted.empty()) {
            b += ",\"deleted\":";
            b += m_deleted;
            m_deleted.clear();
        }
        b += m_layout == Layout::Table ? "}}" : "}";
        if (m_layout != Layout::Backup)
            b += '\n';
    }

    void finish() override
    {
        if (m_lines || m_layout != Layout::Backup)
            return;
        std::string &b = m_out.buffer();
        if (!m_started)
            b += "{\"export_metadata\":", appendMetadata(b, true), b += ",\"tables\":{";
        nl(b);
        b += '}';
        if (!m_context.views.empty()) {
            // After the tables: a restore makes the views once what they read is there.
            b += ",\"views\":[";
            for (size_t i = 0; i < m_context.views.size(); ++i) {
                const ViewMeta &v = m_context.views[i];
                b += i ? "," : "";
                nl(b);
                b += "{\"name\":";
                appendJsonString(b, v.name);
                b += ",\"sql\":";
                appendJsonString(b, v.sql);
                if (!v.columns.empty()) {
                    b += ",\"columns\":[";
                    for (size_t c = 0; c < v.columns.size(); ++c) {
                        b += c ? "," : "";
                        appendJsonString(b, v.columns[c]);
                    }
                    b += ']';
                }
                b += '}';
            }
            nl(b);
            b += ']';
        }
        b += "}\n";
    }

private:
    void nl(std::string &b)
    {
        if (m_pretty)
            b += '\n';
    }

    void appendMetadata(std::string &b, bool backup)
    {
        const ExportContext &x = m_context;
        b += "{\"version\":\"1.0\",\"export_timestamp\":";
        appendJsonString(b, isoNoZone(x.exportTime));
        b += ",\"database_name\":";
        appendJsonString(b, x.databaseName);
        if (backup) {
            b += ",\"record_count\":";
            text::appendInt(b, x.totalRows);
            b += ",\"total_tables\":";
            text::appendInt(b, x.totalTables);
        } else {
            b += ",\"record_count\":";
            text::appendInt(b, m_meta.expectedRows);
        }
        b += ",\"mvcc_engine_version\":\"1.0.0\",\"exported_by\":\"Strata " STRATA_VERSION "\"";
        b += ",\"snapshot_commit_ts\":";
        appendJsonString(b, engine::formatTimestamp(static_cast<int64_t>(x.snapshotTs)));
        b += ",\"full_backup\":";
        b += x.isFullBackup ? "true" : "false";
        if (x.incremental) {
            b += ",\"incremental\":{\"profile\":";
            if (x.profile.empty())
                b += "null";
            else
                appendJsonString(b, x.profile);
            b += ",\"changes_since\":{";
            bool first = true;
            for (const auto &[table, ts] : x.sinceByTable) {
                if (!first)
                    b += ',';
                first = false;
                appendJsonString(b, table);
                b += ':';
                if (ts == 0)
                    b += "null";
                else
                    appendJsonString(b, engine::formatTimestamp(static_cast<int64_t>(ts)));
            }
            b += "}}";
        }
        // Every filter, subset and redaction is stamped here, so a partial export is never
        // mistaken for a full one.
        if (!x.sanitization.empty()) {
            b += ",\"sanitization\":{\"mode\":";
            appendJsonString(b, x.sanitization);
            b += ",\"columns\":[";
            for (size_t i = 0; i < x.sanitizedColumns.size(); ++i) {
                if (i)
                    b += ',';
                appendJsonString(b, x.sanitizedColumns[i]);
            }
            b += "]}";
        }
        if (!x.filters.empty()) {
            b += ",\"filters\":{";
            bool first = true;
            for (const auto &[table, where] : x.filters) {
                if (!first)
                    b += ',';
                first = false;
                appendJsonString(b, table);
                b += ':';
                appendJsonString(b, where);
            }
            b += '}';
        }
        if (!x.columnSubsets.empty()) {
            b += ",\"column_subsets\":{";
            bool first = true;
            for (const auto &[table, cols] : x.columnSubsets) {
                if (!first)
                    b += ',';
                first = false;
                appendJsonString(b, table);
                b += ":[";
                for (size_t i = 0; i < cols.size(); ++i) {
                    if (i)
                        b += ',';
                    appendJsonString(b, cols[i]);
                }
                b += ']';
            }
            b += '}';
        }
        b += '}';
    }

    void appendColumnDefs(std::string &b)
    {
        b += '[';
        for (size_t i = 0; i < m_meta.columns.size(); ++i) {
            const auto &c = m_meta.columns[i];
            if (i)
                b += ',';
            b += "{\"name\":";
            appendJsonString(b, c.name);
            b += ",\"type\":";
            appendJsonString(b, engine::typeName(c.type));
            if (!c.info.declaredType.empty()) {
                b += ",\"declared_type\":";
                appendJsonString(b, c.info.declaredType);
            }
            b += ",\"nullable\":";
            b += c.info.notNull ? "false" : "true";
            if (c.info.primaryKey)
                b += ",\"primary_key\":true";
            if (c.info.unique)
                b += ",\"unique\":true";
            if (c.info.sensitive)
                b += ",\"sensitive\":true";
            if (c.masked)
                b += ",\"masked\":true";
            if (c.info.hasDefault) {
                b += ",\"default\":";
                appendJsonString(b, c.info.defaultSql);
            }
            b += '}';
        }
        b += ']';
    }

    void appendSchema(std::string &b)
    {
        b += "{\"columns\":[";
        for (size_t i = 0; i < m_meta.columns.size(); ++i) {
            if (i)
                b += ',';
            appendJsonString(b, m_meta.columns[i].name);
        }
        b += "],\"created_at\":";
        appendJsonString(b, isoNoZone(m_meta.createdAt));
        if (!m_meta.primaryKey.empty()) {
            b += ",\"primary_key\":[";
            for (size_t i = 0; i < m_meta.primaryKey.size(); ++i) {
                if (i)
                    b += ',';
                appendJsonString(b, m_meta.primaryKey[i]);
            }
            b += ']';
        }
        if (!m_meta.filter.empty()) {
            b += ",\"filter\":";
            appendJsonString(b, m_meta.filter);
        }
        b += ",\"column_defs\":";
        appendColumnDefs(b);
        b += '}';
    }

    OutputFile &m_out;
    const ExportContext &m_context;
    Layout m_layout;
    bool m_lines;
    bool m_pretty;
    TableMeta m_meta;
    std::vector<std::string> m_keys;
    std::vector<LogicalType> m_types;
    bool m_firstRow = true;
    bool m_started = false;
    std::string m_deleted; //!< the "deleted" array of an incremental table, written at its end
};

} // namespace

std::unique_ptr<Writer> createJsonWriter(OutputFile &out, const ExportContext &context,
                                         const std::map<std::string, std::string> &options)
{
    // Options come checked against the schema (FormatRegistry::validate).
    auto flag = [&](const char *key, bool fallback) {
        auto it = options.find(key);
        return it == options.end() ? fallback : it->second == "true";
    };
    const ExportScope scope = context.spec ? context.spec->scope : ExportScope::Full;
    const Layout layout = scope == ExportScope::Query  ? Layout::Query
                          : scope == ExportScope::Full ? Layout::Backup
                                                       : Layout::Table;
    return std::make_unique<JsonWriter>(out, context, layout, flag("lines", false),
                                        flag("pretty", true));
}

} // namespace strata::transfer
