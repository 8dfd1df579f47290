#include "engine/transfer/import_job.h"

#include "engine/transfer/audit.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "engine/transfer/formats/csv/csv_reader.h"
#include "engine/transfer/formats/json/json_reader.h"
#include "engine/transfer/formats/zip/zip_input.h"
#include "engine/transfer/import_source.h"
#include "engine/transfer/naming.h"
#include "engine/transfer/output_file.h"
#include "engine/transfer/writer_thread.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>

namespace strata::transfer {

using engine::EngineError;
using engine::LogicalType;
using engine::StatusCode;

namespace {

using Clock = std::chrono::steady_clock;

template<typename T>
T check(engine::Result<T> result)
{
    if (!result)
        throw EngineError(result.status().code(), result.status().message());
    return std::move(result).value();
}

void check(const engine::Status &status)
{
    if (!status)
        throw EngineError(status.code(), status.message());
}

std::string lower(std::string s)
{
    for (char &c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string joined(const std::vector<std::string> &items)
{
    std::string out;
    for (const auto &i : items)
        out += (out.empty() ? "" : ", ") + i;
    return out;
}

//! "data.csv:12: column 3 ('age')" or "backup.json:7: $.tables.users.data[41].age".
std::string locate(const std::string &file, const RowOrigin &origin, const std::string &column,
                   size_t columnNumber)
{
    if (origin.index >= 0) {
        std::string out = file + (origin.line > 0 ? ":" + std::to_string(origin.line) : "") + ": "
                          + origin.position();
        if (!column.empty())
            out += origin.jsonArray.substr(0, 1) == "$" ? "." + column
                                                        : ", column " + quoteForMessage(column);
        return out;
    }
    std::string out = file + ":" + std::to_string(origin.line);
    if (!column.empty())
        out += ": column " + std::to_string(columnNumber) + " (" + quoteForMessage(column) + ")";
    return out;
}

//! Thrown when a table to create arrived without declared types and no first pass was made
//! (a JSON file whose start promised column_defs): the import starts over with first passes.
struct NeedsFirstPass {};

//! What a first pass learns about each table of a source without declared types.
struct InferredTable {
    std::vector<std::string> columns;
    std::vector<TypeGuess> guesses;
    std::vector<LogicalType> earlyTypes; //!< after the first kEarlyRows rows (what a preview sees)
    int64_t rows = 0;
    static constexpr int64_t kEarlyRows = 1000;

    LogicalType typeOf(const std::string &column) const
    {
        for (size_t i = 0; i < columns.size(); ++i)
            if (columns[i] == column)
                return guesses[i].type();
        return LogicalType::Text;
    }
};

bool wantsTable(const ImportSpec &spec, const std::string &name)
{
    for (const auto &t : spec.tables)
        if (lower(t) == lower(name))
            return true;
    // A database keeps its own audit trail: a backup's audit_log is restored only by name.
    return spec.tables.empty() && !(spec.restore && lower(name) == "audit_log");
}

class InferenceSink : public ImportSink {
public:
    InferenceSink(const ImportSpec &spec, ProgressSink *progress)
        : m_spec(spec)
        , m_progress(progress)
    {
    }

    std::map<std::string, InferredTable> tables;

    //! Adds what a sink that read a later part of the same source saw.
    void merge(const InferenceSink &later)
    {
        for (const auto &[name, t] : later.tables) {
            InferredTable &mine = tables[name];
            for (size_t i = 0; i < t.columns.size(); ++i) {
                // By name: the later part may meet its keys in another order.
                auto at = std::find(mine.columns.begin(), mine.columns.end(), t.columns[i]);
                if (at == mine.columns.end()) {
                    mine.columns.push_back(t.columns[i]);
                    mine.guesses.push_back(t.guesses[i]);
                } else {
                    mine.guesses[static_cast<size_t>(at - mine.columns.begin())].merge(
                        t.guesses[i]);
                }
            }
            mine.rows += t.rows;
        }
    }

    bool beginTable(const SourceTable &table) override
    {
        if (!wantsTable(m_spec, table.name))
            return false;
        m_current = &tables[table.name];
        *m_current = {};
        for (const auto &c : table.columns)
            addColumn(c.name);
        return true;
    }
    void addColumn(const std::string &name) override
    {
        m_current->columns.push_back(name);
        m_current->guesses.emplace_back();
    }
    void row(std::span<const Cell> cells, const RowOrigin &) override
    {
        for (size_t i = 0; i < cells.size() && i < m_current->guesses.size(); ++i)
            m_current->guesses[i].observe(cells[i]);
        if (++m_current->rows == InferredTable::kEarlyRows)
            snapshotEarly();
        if ((m_current->rows & 4095) == 0 && m_progress && m_progress->isCanceled())
            throw EngineError(StatusCode::Canceled, "the import was canceled");
    }
    void rejectRow(const RowOrigin &, int, const std::string &) override {}
    void endTable() override
    {
        if (m_current->rows < InferredTable::kEarlyRows)
            snapshotEarly();
    }

private:
    void snapshotEarly()
    {
        m_current->earlyTypes.clear();
        for (const auto &g : m_current->guesses)
            m_current->earlyTypes.push_back(g.type());
    }

    const ImportSpec &m_spec;
    ProgressSink *m_progress;
    InferredTable *m_current = nullptr;
};

//! Rows that could not be imported, as CSV: source, line, location, column, reason, original.
class RejectsFile {
public:
    RejectsFile(const ImportSpec &spec, int64_t startTime)
        : m_spec(spec)
        , m_startTime(startTime)
    {
    }

    void add(const std::string &source, const RowOrigin &origin, const std::string &column,
             const std::string &reason)
    {
        if (!m_file)
            open();
        std::string line;
        auto field = [&](std::string_view s) {
            if (!line.empty())
                line += ',';
            line += '"';
            for (char c : s) {
                if (c == '"')
                    line += '"';
                line += c;
            }
            line += '"';
        };
        field(source);
        field(origin.line > 0 ? std::to_string(origin.line) : std::string());
        field(origin.position());
        field(column);
        field(reason);
        field(origin.original);
        line += "\r\n";
        m_file->write(line);
        ++m_count;
    }

    int64_t count() const { return m_count; }
    //! Renames the file into place; returns its path ("" when nothing was rejected).
    std::string commit()
    {
        if (!m_file)
            return {};
        return check(m_file->commit());
    }

private:
    void open()
    {
        std::string dir, stem;
        if (!m_spec.rejectsPath.empty()) {
            const QFileInfo info(QString::fromStdString(m_spec.rejectsPath));
            dir = info.absolutePath().toStdString();
            stem = info.completeBaseName().toStdString();
        } else {
            const QFileInfo info(QString::fromStdString(m_spec.files.front()));
            dir = info.absolutePath().toStdString();
            stem = safeFileStem(info.completeBaseName().toStdString()) + "_rejects_"
                   + nameTimestamp(m_startTime, false);
        }
        m_file = check(OutputFile::create(dir, stem, "csv", nullptr));
        m_file->write("\"source\",\"line\",\"location\",\"column\",\"reason\",\"original\"\r\n");
    }

    const ImportSpec &m_spec;
    int64_t m_startTime;
    std::unique_ptr<OutputFile> m_file;
    int64_t m_count = 0;
};

std::string columnSql(const SourceColumn &c, LogicalType type)
{
    std::string sql = quoteIdentifier(c.name) + " ";
    // A declared type of the same kind keeps its length limit (VARCHAR(40)).
    LogicalType declared;
    const std::string base = c.declaredType.substr(0, c.declaredType.find('('));
    const bool safe = c.declaredType.find_first_of(";'\"") == std::string::npos; // no injection
    if (!c.declaredType.empty() && safe && engine::typeFromName(base, declared) && declared == type)
        sql += c.declaredType;
    else
        sql += engine::typeName(type);
    if (c.notNull)
        sql += " NOT NULL";
    if (c.unique && !c.primaryKey)
        sql += " UNIQUE";
    if (c.sensitive)
        sql += " SENSITIVE";
    if (c.defaultSql)
        sql += " DEFAULT " + *c.defaultSql;
    return sql;
}

//! Writes what a reader reads into the database, inside the import's transaction.
class LoadSink : public ImportSink {
public:
    LoadSink(engine::Connection &conn, const ImportSpec &spec, const std::string &file,
             const std::map<std::string, InferredTable> *inferred, RejectsFile &rejects,
             ImportResult &result, ProgressSink *progress, int64_t &rowsSoFar)
        : m_conn(conn)
        , m_spec(spec)
        , m_file(file)
        , m_inferred(inferred)
        , m_rejects(rejects)
        , m_result(result)
        , m_progress(progress)
        , m_rowsSoFar(rowsSoFar)
    {
    }

    //! Tables this source held (a restore drops the others).
    std::set<std::string> seen;

    bool beginTable(const SourceTable &source) override
    {
        m_inserter.drain(); // the connection is this thread's again
        if (!wantsTable(m_spec, source.name)) {
            if (m_spec.restore && lower(source.name) == "audit_log")
                m_result.warnings.push_back(
                    m_file
                    + ": the backup's audit_log was not restored (the database keeps "
                      "its own audit trail; name it in --tables to restore it)");
            return false;
        }
        seen.insert(lower(source.name));
        m_table = source;
        m_outcome = {};
        m_outcome.table = source.name;
        m_outcome.source = m_file;
        const InferredTable *inferred = nullptr;
        if (m_inferred) {
            auto it = m_inferred->find(source.name);
            if (it != m_inferred->end())
                inferred = &it->second;
        }
        // The columns the file has: declared, or (a first pass) every key seen anywhere.
        if (inferred)
            for (const auto &name : inferred->columns)
                if (std::none_of(m_table.columns.begin(), m_table.columns.end(),
                                 [&](const SourceColumn &c) { return c.name == name; }))
                    m_table.columns.push_back(SourceColumn::named(name));
        m_declaredTypes = !m_table.columns.empty()
                          && std::all_of(m_table.columns.begin(), m_table.columns.end(),
                                         [](const SourceColumn &c) { return c.type.has_value(); });
        bool typed = !m_table.columns.empty();
        for (auto &c : m_table.columns) {
            auto chosen = m_spec.columnTypes.find(c.name);
            LogicalType t;
            if (chosen != m_spec.columnTypes.end()) {
                if (!engine::typeFromName(chosen->second, t))
                    throw EngineError(StatusCode::Invalid, "column " + c.name + ": unknown type '"
                                                               + chosen->second + "'");
                c.type = t;
            } else if (!c.type && inferred) {
                c.type = inferred->typeOf(c.name);
            }
            typed = typed && c.type.has_value();
        }
        if (inferred && !inferred->earlyTypes.empty())
            for (size_t i = 0; i < inferred->columns.size() && i < inferred->earlyTypes.size(); ++i)
                if (inferred->earlyTypes[i] != inferred->guesses[i].type()
                    && !m_spec.columnTypes.count(inferred->columns[i]))
                    m_result.warnings.push_back(
                        m_file + ": column " + quoteForMessage(inferred->columns[i]) + " looked "
                        + typeLabel(inferred->earlyTypes[i]) + " in the first "
                        + std::to_string(InferredTable::kEarlyRows) + " rows and was widened to "
                        + typeLabel(inferred->guesses[i].type()) + " to hold every value");

        const auto existing = m_conn.table(source.name);
        const bool exists = existing.isOk();
        if (!exists && existing.status().code() != StatusCode::NotFound)
            throw EngineError(existing.status().code(), existing.status().message());
        m_outcome.rowsBefore = exists ? static_cast<int64_t>(existing.value().rowCount) : -1;
        bool create = !exists;
        switch (m_spec.mode) {
        case ImportMode::Create:
            if (exists)
                throw EngineError(StatusCode::Invalid,
                                  m_file + ": table " + quoteForMessage(source.name)
                                      + " already exists (choose the append, replace or merge "
                                        "mode, or another table name)");
            m_outcome.action = ImportAction::Create;
            break;
        case ImportMode::Append:
            m_outcome.action = exists ? ImportAction::Append : ImportAction::Create;
            break;
        case ImportMode::Merge:
            m_outcome.action = exists ? ImportAction::Merge : ImportAction::Create;
            break;
        case ImportMode::Replace:
            m_outcome.action = exists ? ImportAction::Replace : ImportAction::Create;
            if (exists && m_declaredTypes) {
                // The file says what the table is: it becomes exactly that.
                check(m_conn.execute("DROP TABLE " + quoteIdentifier(source.name)));
                create = true;
            } else if (exists) {
                check(m_conn.execute("DELETE FROM " + quoteIdentifier(source.name)));
            }
            break;
        }
        if (create && !typed && !m_table.columns.empty()) {
            if (!m_inferred)
                throw NeedsFirstPass();
            for (auto &c : m_table.columns)
                if (!c.type)
                    c.type = LogicalType::Text; // no value anywhere to go by
        }
        m_startsEmpty = create || m_spec.mode == ImportMode::Replace;
        if (create) {
            if (m_table.columns.empty()) {
                m_result.warnings.push_back(m_file + ": table " + quoteForMessage(source.name)
                                            + " has no columns and was not created");
                return false;
            }
            createTable();
        }
        mapColumns(create ? check(m_conn.table(source.name)) : existing.value(), exists && !create);
        m_readerColumns.clear();
        for (size_t k = 0; k < source.columns.size(); ++k)
            m_readerColumns.push_back(k);
        if (exists)
            describeDifferences(existing.value());
        for (size_t i = 0; i < m_table.columns.size(); ++i)
            if (m_sourceToTarget[i] >= 0)
                m_outcome.columns.push_back(m_table.columns[i].name + " " + typeLabel(m_types[i]));
        return true;
    }

    void addColumn(const std::string &name) override
    {
        // Only sources without a schema add columns, and the first pass saw them all.
        m_readerColumns.push_back(indexOf(name));
    }

    void row(std::span<const Cell> cells, const RowOrigin &origin) override
    {
        // The cells' text is copied into the batch as read; which thread converts it (numbers,
        // times, UTF-8 checks) is decided when the batch is full (flush()).
        Batch &b = m_batches[m_filling];
        for (size_t k = 0; k < cells.size(); ++k) {
            const size_t i = m_readerColumns[k];
            if (m_sourceToTarget[i] < 0)
                continue;
            b.cells.push_back(
                {b.text.size(), cells[k].text.size(), cells[k].kind, static_cast<uint32_t>(i)});
            b.text.append(cells[k].text);
        }
        b.rowEnds.push_back(b.cells.size());
        if (b.origins.size() <= b.count)
            b.origins.resize(b.count + 1);
        Pending &pending = b.origins[b.count];
        pending.line = origin.line;
        pending.index = origin.index;
        if (m_spec.onError == ErrorPolicy::Skip)
            pending.original.assign(origin.original);
        if (origin.jsonArray != b.jsonArray)
            b.jsonArray = std::string(origin.jsonArray);
        ++b.count;
        ++m_outcome.rowsRead;
        if (b.count >= kBatch)
            flush();
    }

    void rejectRow(const RowOrigin &origin, int column, const std::string &reason) override
    {
        if (m_spec.onError == ErrorPolicy::Abort) {
            // Rows before this one are converted first: an error among them comes first.
            flush();
            m_inserter.drain();
            reject(origin, columnName(column), static_cast<size_t>(std::max(column, 0)),
                   reason); // throws
        }
        // Kept in the batch at its place, so that rejects come in the file's order with those
        // found while converting.
        Batch &b = m_batches[m_filling];
        PendingReject pending;
        pending.before = b.count;
        pending.origin.line = origin.line;
        pending.origin.index = origin.index;
        pending.origin.original.assign(origin.original);
        pending.jsonArray.assign(origin.jsonArray);
        pending.column = column;
        pending.reason = reason;
        b.rejects.push_back(std::move(pending));
    }

    void endTable() override
    {
        flush();
        m_inserter.drain(); // every row in; rethrows an insert's error
        m_outcome.rowsSkipped += m_skipped.exchange(0);
        m_outcome.rowsRead -= m_conversionRejects.exchange(0); // rows read are rows that fit
        // Counted only where it cannot be worked out (a merge updates some rows): counting
        // visits every row of the table.
        const int64_t inserted = m_tableInserted.exchange(0);
        m_outcome.rowsAfter
            = m_spec.mode == ImportMode::Merge && m_outcome.action == ImportAction::Merge
                  ? static_cast<int64_t>(check(m_conn.table(m_table.name)).rowCount)
                  : (m_startsEmpty ? 0 : std::max<int64_t>(0, m_outcome.rowsBefore)) + inserted;
        m_result.tables.push_back(m_outcome);
    }

private:
    static constexpr size_t kBatch = 4096;

    //! Where a buffered row came from (its array path is its batch's jsonArray).
    struct Pending {
        int64_t line = 0;
        int64_t index = -1;
        std::string original; //!< kept for the rejects file (skip policy)
    };
    //! The name of the 1-based source column `column`, or "" (none, or out of range).
    std::string columnName(int column) const
    {
        return column > 0 && static_cast<size_t>(column) <= m_table.columns.size()
                   ? m_table.columns[static_cast<size_t>(column) - 1].name
                   : std::string();
    }

    //! A row the reader could not make (wrong field count...), reported in order.
    struct PendingReject {
        size_t before = 0; //!< reported before the batch's row of this index
        Pending origin;
        std::string jsonArray;
        int column = 0;
        std::string reason;
    };
    //! A cell as read: its text in the batch's `text`, and the source column it belongs to.
    struct RawCell {
        size_t offset;
        size_t length;
        Cell::Kind kind;
        uint32_t column;
    };
    //! Rows as read, then converted (by the reader or the inserter: see flush()) and inserted;
    //! reused, so their buffers stay allocated.
    struct Batch {
        std::string text;
        std::vector<RawCell> cells;
        std::vector<size_t> rowEnds; //!< per row: the end of its cells in `cells`
        std::vector<engine::Row> rows;
        std::vector<Pending> origins;
        std::vector<PendingReject> rejects;
        size_t count = 0;
        std::string jsonArray;
        bool converted = false; //!< rows made (by the reader, when the inserter was behind)
    };

    void createTable()
    {
        std::string sql = "CREATE TABLE " + quoteIdentifier(m_table.name) + " (";
        std::vector<std::string> pk;
        for (size_t i = 0; i < m_table.columns.size(); ++i) {
            const auto &c = m_table.columns[i];
            sql += (i ? ", " : "") + columnSql(c, *c.type);
            if (c.primaryKey)
                pk.push_back(quoteIdentifier(c.name));
        }
        if (!pk.empty())
            sql += ", PRIMARY KEY (" + joined(pk) + ")";
        sql += ")";
        auto created = m_conn.execute(sql);
        if (!created)
            throw EngineError(created.status().code(), m_file + ": cannot create table "
                                                           + quoteForMessage(m_table.name) + ": "
                                                           + created.status().message());
    }

    //! Finds each source column's table column; reports every problem at once, before any
    //! row is written.
    void mapColumns(const engine::TableInfo &info, bool existing)
    {
        m_sourceToTarget.assign(m_table.columns.size(), -1);
        m_types.assign(m_table.columns.size(), LogicalType::Text);
        m_targetNames.clear();
        m_readerColumns.clear();
        std::vector<std::string> unmapped;
        std::vector<bool> used(info.columns.size(), false);
        const bool byPosition
            = m_spec.match == ColumnMatch::ByPosition || (existing && !sourceHasNames());
        if (existing && byPosition && m_spec.match != ColumnMatch::ByPosition)
            m_result.warnings.push_back(m_file
                                        + ": the file has no header, so its columns go "
                                          "into the table's columns by position");
        for (size_t i = 0; i < m_table.columns.size(); ++i) {
            const std::string &name = m_table.columns[i].name;
            int target = -1;
            auto mapped = m_spec.columnMap.find(name);
            auto findByName = [&](const std::string &wanted) {
                for (size_t t = 0; t < info.columns.size(); ++t)
                    if (info.columns[t].name == wanted)
                        return static_cast<int>(t);
                for (size_t t = 0; t < info.columns.size(); ++t)
                    if (lower(info.columns[t].name) == lower(wanted))
                        return static_cast<int>(t);
                return -1;
            };
            if (mapped != m_spec.columnMap.end()) {
                if (mapped->second.empty())
                    continue; // mapped to nothing: left out on purpose
                target = findByName(mapped->second);
                if (target < 0)
                    throw EngineError(StatusCode::Invalid,
                                      "the column map sends " + quoteForMessage(name) + " to "
                                          + quoteForMessage(mapped->second) + ", which table "
                                          + quoteForMessage(info.name) + " does not have");
            } else if (byPosition) {
                target = i < info.columns.size() ? static_cast<int>(i) : -1;
            } else {
                target = findByName(name);
            }
            if (target < 0 || used[static_cast<size_t>(target)]) {
                unmapped.push_back(name);
                continue;
            }
            used[static_cast<size_t>(target)] = true;
            m_sourceToTarget[i] = static_cast<int>(m_targetNames.size());
            m_targetNames.push_back(info.columns[static_cast<size_t>(target)].name);
            m_types[i] = info.columns[static_cast<size_t>(target)].type;
        }
        std::vector<std::string> required, defaulted;
        for (size_t t = 0; t < info.columns.size(); ++t) {
            if (used[t])
                continue;
            const auto &c = info.columns[t];
            if (c.notNull && !c.hasDefault)
                required.push_back(c.name);
            else
                defaulted.push_back(c.name);
        }
        std::string problems;
        if (!unmapped.empty()) {
            std::vector<std::string> names;
            for (const auto &c : info.columns)
                names.push_back(c.name);
            problems += "the file has columns that table " + quoteForMessage(info.name)
                        + " lacks: " + joined(unmapped) + " (the table has: " + joined(names)
                        + "; map them with --map FILE_COLUMN=TABLE_COLUMN, or leave one out "
                          "with --map FILE_COLUMN=)";
        }
        if (!required.empty())
            problems += std::string(problems.empty() ? "" : "; ") + "table "
                        + quoteForMessage(info.name)
                        + " needs values the file does not have, for NOT NULL columns without a "
                          "default: "
                        + joined(required);
        if (!problems.empty())
            throw EngineError(StatusCode::Invalid, m_file + ": " + problems);
        if (!defaulted.empty() && existing)
            m_result.warnings.push_back(m_file
                                        + ": columns not in the file take their "
                                          "defaults (or NULL) in table "
                                        + info.name + ": " + joined(defaulted));
    }

    bool sourceHasNames() const
    {
        // A CSV without a header names its columns column_1, column_2, ...
        for (size_t i = 0; i < m_table.columns.size(); ++i)
            if (m_table.columns[i].name != "column_" + std::to_string(i + 1))
                return true;
        return false;
    }

    //! How the file's columns differ from the live table's (before a replace drops it).
    void describeDifferences(const engine::TableInfo &info)
    {
        std::vector<bool> matched(info.columns.size(), false);
        for (const auto &c : m_table.columns) {
            size_t t = 0;
            while (t < info.columns.size() && lower(info.columns[t].name) != lower(c.name))
                ++t;
            if (t == info.columns.size()) {
                m_outcome.schemaDifferences.push_back(
                    c.name + ": in the file, not in the database"
                    + (c.type ? " (" + typeLabel(*c.type) + ")" : std::string()));
                continue;
            }
            matched[t] = true;
            if (c.type && *c.type != info.columns[t].type)
                m_outcome.schemaDifferences.push_back(
                    c.name + ": " + typeLabel(*c.type) + " in the file, "
                    + typeLabel(info.columns[t].type) + " in the database");
        }
        for (size_t t = 0; t < info.columns.size(); ++t)
            if (!matched[t])
                m_outcome.schemaDifferences.push_back(info.columns[t].name
                                                      + ": in the database, not in the file");
    }

    size_t indexOf(const std::string &name) const
    {
        for (size_t i = 0; i < m_table.columns.size(); ++i)
            if (m_table.columns[i].name == name)
                return i;
        throw EngineError(StatusCode::Invalid,
                          m_file + ": key " + quoteForMessage(name)
                              + " is not a column of the table the file describes");
    }

    //! Under abort, the error (from either thread); under skip, called on the inserter's
    //! thread only, in file order, and counted for endTable() to add to the outcome.
    void reject(const RowOrigin &origin, const std::string &column, size_t columnNumber,
                const std::string &why)
    {
        if (m_spec.onError == ErrorPolicy::Abort)
            throw EngineError(StatusCode::Invalid,
                              locate(m_file, origin, column, columnNumber) + ": " + why);
        std::lock_guard lock(m_rejectMutex);
        m_rejects.add(m_file, origin, column, why);
        ++m_result.rowsSkipped;
        ++m_skipped;
    }

    void insert(std::span<const engine::Row> rows)
    {
        auto inserted = m_spec.mode == ImportMode::Merge
                            ? m_conn.upsertRows(m_table.name, m_targetNames, rows)
                            : m_conn.insertRows(m_table.name, m_targetNames, rows);
        if (!inserted)
            throw EngineError(inserted.status().code(), inserted.status().message());
    }

    //! Hands the filled batch to the inserter thread and goes on filling the next one: the
    //! engine inserts while the reader parses and converts (both cores).
    void flush()
    {
        Batch &b = m_batches[m_filling];
        if (b.count == 0 && b.rejects.empty())
            return;
        // Converting takes a third of the work. The reader does it when the inserter is behind
        // (a batch still waits: the reader would wait anyway), the inserter otherwise: the
        // faster side takes more of it, whichever that is for a format.
        m_rowsSoFar += static_cast<int64_t>(b.count);
        if (m_inserter.backlogged())
            convertBatch(b, m_readerWhy);
        m_inserter.post([this, &b] { insertBatch(b); });
        m_filling = (m_filling + 1) % kBatches;
        if (m_inserter.failed())
            m_inserter.drain(); // rethrows the insert's error here
        if (m_progress) {
            if (m_progress->isCanceled())
                throw EngineError(StatusCode::Canceled, "the import was canceled");
            m_progress->advance(m_rowsSoFar, m_table.name);
        }
    }

    //! Converts a batch's cells into rows (on whichever thread has time: see flush()). A row
    //! with a value that does not fit its column is left out, and its reject joins the
    //! batch's others in file order, for the inserter to report.
    void convertBatch(Batch &b, std::string &why)
    {
        if (b.rows.size() < b.count)
            b.rows.resize(b.count);
        std::vector<PendingReject> failed;
        size_t kept = 0, cell = 0;
        for (size_t r = 0; r < b.count; ++r) {
            engine::Row &row = b.rows[kept];
            row.resize(m_targetNames.size());
            for (auto &v : row)
                v.type = LogicalType::Null;
            bool fits = true;
            for (; cell < b.rowEnds[r]; ++cell) {
                const RawCell &raw = b.cells[cell];
                if (!fits)
                    continue;
                const Cell value = Cell::of(raw.kind, {b.text.data() + raw.offset, raw.length});
                const size_t i = raw.column;
                if (convertCellInto(value, m_types[i],
                                    row[static_cast<size_t>(m_sourceToTarget[i])], why))
                    continue;
                PendingReject p;
                p.before = r;
                p.origin = b.origins[r];
                p.jsonArray = b.jsonArray;
                p.column = static_cast<int>(i + 1);
                p.reason = why;
                failed.push_back(std::move(p));
                ++m_conversionRejects;
                fits = false;
            }
            if (!fits)
                continue;
            if (kept != r)
                std::swap(b.origins[kept], b.origins[r]);
            ++kept;
        }
        if (!failed.empty()) { // the reader's rejects before a row come before the row's own
            std::vector<PendingReject> all;
            std::merge(
                std::make_move_iterator(b.rejects.begin()),
                std::make_move_iterator(b.rejects.end()), std::make_move_iterator(failed.begin()),
                std::make_move_iterator(failed.end()), std::back_inserter(all),
                [](const PendingReject &x, const PendingReject &y) { return x.before < y.before; });
            b.rejects = std::move(all);
        }
        b.count = kept;
        b.text.clear();
        b.cells.clear();
        b.rowEnds.clear();
        b.converted = true;
    }

    //! On the inserter thread.
    void insertBatch(Batch &b)
    {
        if (!b.converted)
            convertBatch(b, m_convertWhy);
        for (const PendingReject &p : b.rejects) {
            RowOrigin origin;
            origin.line = p.origin.line;
            origin.index = p.origin.index;
            origin.jsonArray = p.jsonArray;
            origin.original = p.origin.original;
            reject(origin, columnName(p.column), static_cast<size_t>(std::max(p.column, 0)),
                   p.reason);
        }
        b.rejects.clear();
        b.converted = false;
        const std::span<const engine::Row> rows(b.rows.data(), b.count);
        size_t inserted = b.count;
        try {
            insert(rows);
        } catch (const EngineError &e) {
            if (e.code() == StatusCode::Canceled || e.code() == StatusCode::Io)
                throw;
            // Find the row(s) at fault, one at a time, and say where they came from.
            for (size_t r = 0; r < b.count; ++r) {
                try {
                    insert(rows.subspan(r, 1));
                } catch (const EngineError &single) {
                    if (single.code() == StatusCode::Canceled)
                        throw;
                    RowOrigin origin;
                    origin.line = b.origins[r].line;
                    origin.index = b.origins[r].index;
                    origin.jsonArray = b.jsonArray;
                    origin.original = b.origins[r].original;
                    std::string why = single.what();
                    if (why.rfind("row 1: ", 0) == 0)
                        why = why.substr(7);
                    reject(origin, "", 0, why);
                    --inserted;
                }
            }
        }
        {
            std::lock_guard lock(m_rejectMutex);
            m_result.rowsImported += static_cast<int64_t>(inserted);
            m_tableInserted += static_cast<int64_t>(inserted);
        }
        b.count = 0;
    }

    engine::Connection &m_conn;
    const ImportSpec &m_spec;
    const std::string &m_file;
    const std::map<std::string, InferredTable> *m_inferred;
    RejectsFile &m_rejects;
    ImportResult &m_result;
    ProgressSink *m_progress;
    int64_t &m_rowsSoFar;

    SourceTable m_table;
    TableOutcome m_outcome;
    std::vector<int> m_sourceToTarget; //!< per source column: index into m_targetNames
    std::vector<LogicalType> m_types;  //!< per source column
    std::vector<std::string> m_targetNames;
    std::vector<size_t> m_readerColumns; //!< the reader's k-th cell is m_table.columns[this]
    bool m_declaredTypes = false;        //!< the source itself typed every column
    // Three batches: one filling, one queued, one being inserted (the queue holds one).
    static constexpr size_t kBatches = 3;
    Batch m_batches[kBatches];
    size_t m_filling = 0;
    std::string m_convertWhy; //!< the inserter thread's
    std::string m_readerWhy;
    std::mutex m_rejectMutex;
    std::atomic<int64_t> m_skipped{0}; //!< rows of this table rejected under skip
    std::atomic<int64_t> m_conversionRejects{0};
    std::atomic<int64_t> m_tableInserted{0}; //!< rows the engine took into this table
    bool m_startsEmpty = false;              //!< created, or its rows replaced
    //! Last: joined first, before anything its tasks use goes.
    WriterThread m_inserter{1};
};

std::string extensionOf(const std::string &path)
{
    const std::string name = path.substr(path.find_last_of('/') + 1);
    const size_t dot = name.find_last_of('.');
    return dot == std::string::npos ? std::string() : lower(name.substr(dot + 1));
}

} // namespace

engine::Result<std::string> detectImportFormat(const std::string &path,
                                               const std::string &requested)
{
    auto &registry = FormatRegistry::instance();
    if (requested.empty())
        return registry.detect(path);
    const FormatInfo *info = registry.find(requested);
    if (!info || !info->canImport())
        return engine::Status(StatusCode::Invalid, "Strata cannot import format '" + requested
                                                       + "' (it reads: " + registry.importIds()
                                                       + ")");
    return requested;
}

namespace {

//! False when the file was passed over (an archive entry that is not a backup, in a restore).
bool importOne(engine::Connection &connection, const ImportSpec &spec, const std::string &file,
               const std::string &path, RejectsFile &rejects, ImportResult &result,
               ProgressSink *progress, int64_t &rowsSoFar, std::set<std::string> &seen,
               bool alwaysFirstPass);
void finishImport(engine::Database &database, engine::Connection &connection,
                  const ImportSpec &spec, ImportResult &result, RejectsFile &rejects,
                  const std::set<std::string> &seen);

//! Reads every file into the open transaction; commits (or, for a dry run, rolls back).
void importFiles(engine::Database &database, engine::Connection &connection, const ImportSpec &spec,
                 bool alwaysFirstPass, int64_t startTime, ImportResult &result,
                 ProgressSink *progress)
{
    RejectsFile rejects(spec, startTime);
    check(connection.begin());
    int64_t rowsSoFar = 0;
    std::set<std::string> seen;
    // Zip archives are checked and unpacked first; their entries import like files, named
    // "archive.zip:entry" in messages.
    struct Input {
        std::string name, path;
    };
    std::vector<Input> inputs;
    std::unique_ptr<QTemporaryDir> unpacked;
    for (const std::string &file : spec.files) {
        if (check(detectImportFormat(file, spec.format)) != "zip") {
            inputs.push_back({file, file});
            continue;
        }
        if (!unpacked)
            unpacked = std::make_unique<QTemporaryDir>();
        const std::string dir
            = (unpacked->path() + "/" + QString::number(inputs.size())).toStdString();
        QDir().mkpath(QString::fromStdString(dir));
        for (auto &entry : unpackZip(file, spec, dir, result.warnings))
            inputs.push_back({file + ":" + entry.name, entry.path});
    }
    size_t read = 0;
    for (const auto &[file, path] : inputs) {
        try {
            read += importOne(connection, spec, file, path, rejects, result, progress, rowsSoFar,
                              seen, alwaysFirstPass);
        } catch (const EngineError &e) {
            if (file == path)
                throw;
            std::string message = e.what();
            for (size_t at; (at = message.find(path)) != std::string::npos;)
                message.replace(at, path.size(), file);
            throw EngineError(e.code(), message);
        }
    }
    if (spec.restore && read == 0 && !inputs.empty())
        throw EngineError(StatusCode::Invalid,
                          spec.files.front()
                              + ": not a backup: the archive holds no JSON backup to restore");
    finishImport(database, connection, spec, result, rejects, seen);
}

//! Reads one file into the open transaction.
bool importOne(engine::Connection &connection, const ImportSpec &spec, const std::string &file,
               const std::string &path, RejectsFile &rejects, ImportResult &result,
               ProgressSink *progress, int64_t &rowsSoFar, std::set<std::string> &seen,
               bool alwaysFirstPass)
{
    auto &registry = FormatRegistry::instance();
    ImportSpec entrySpec = spec;
    if (file != path)
        entrySpec.table.clear(); // each entry of an archive into its own table
    const std::string format = check(detectImportFormat(path, file == path ? spec.format : ""));
    if (spec.restore && format != "json" && file != path) {
        result.warnings.push_back(file
                                  + ": not restored (a restore reads the archive's JSON "
                                    "backup; this entry reads as "
                                  + format + ")");
        return false;
    }
    if (spec.restore && format != "json")
        throw EngineError(StatusCode::Invalid,
                          file
                              + ": not a backup: a restore reads Strata's JSON backups (or a zip "
                                "holding one), and this file reads as "
                              + format + "; import it instead");
    auto reader = registry.createReader(format, path, entrySpec);
    if (reader->runsStatements()) {
        StatementRun run{connection, spec, result, progress,
                         [&](int64_t line, const std::string &statement, const std::string &why) {
                             RowOrigin origin;
                             origin.line = line;
                             origin.original = statement;
                             rejects.add(file, origin, "", why);
                             ++result.rowsSkipped;
                         }};
        reader->runStatements(run);
        for (const auto &t : result.tables)
            seen.insert(lower(t.table));
        return true;
    }
    std::map<std::string, InferredTable> inferred;
    const bool firstPass = alwaysFirstPass || !reader->describesTypes();
    if (firstPass) {
        if (progress)
            progress->advance(rowsSoFar, "reading " + file);
        InferenceSink inference(spec, progress), later(spec, progress);
        switch (reader->readSplit(inference, later)) {
        case Reader::Split::Halves:
            inference.merge(later); // both halves on both cores
            break;
        case Reader::Split::Whole:
            break;
        case Reader::Split::NotDone:
            reader->read(inference);
            break;
        }
        inferred = std::move(inference.tables);
    }
    LoadSink load(connection, spec, file, firstPass ? &inferred : nullptr, rejects, result,
                  progress, rowsSoFar);
    reader->read(load);
    seen.insert(load.seen.begin(), load.seen.end());
    for (auto w : reader->warnings()) {
        for (size_t at; file != path && (at = w.find(path)) != std::string::npos;)
            w.replace(at, path.size(), file);
        result.warnings.push_back(w);
    }
    return true;
}

//! Before a restore commits: a full JSON backup of the database as it is, written
//! like any export (named, checksummed, in the audit trail), so a wrong restore can be undone.
//! Returns its path, or "" for a database in memory.
std::string keepWhatARestoreReplaces(engine::Database &database, const ImportSpec &spec)
{
    if (database.directory().empty())
        return {};
    ExportSpec backup;
    backup.scope = ExportScope::Full;
    backup.formats = {{"json", {}}};
    backup.outputDir = spec.preRestoreBackupDir.empty() ? database.directory() + "/pre-restore"
                                                        : spec.preRestoreBackupDir;
    backup.latestLinks = false;
    auto written = runExport(database, backup, nullptr);
    if (!written)
        throw EngineError(written.status().code(),
                          "the restore did not start: the backup of the database as it is could "
                          "not be written to "
                              + backup.outputDir + ": " + written.status().message());
    return written->files.empty() ? std::string() : written->files.front().path;
}

//! After every file: a restore drops what the backup lacks; then commit (or roll back).
void finishImport(engine::Database &database, engine::Connection &connection,
                  const ImportSpec &spec, ImportResult &result, RejectsFile &rejects,
                  const std::set<std::string> &seen)
{
    if (spec.restore && spec.mode == ImportMode::Replace && spec.tables.empty()
        && spec.dropMissing) {
        for (const auto &info : check(connection.tables())) {
            if (seen.count(lower(info.name)) || info.name == "audit_log")
                continue;
            check(connection.execute("DROP TABLE " + quoteIdentifier(info.name)));
            TableOutcome dropped;
            dropped.table = info.name;
            dropped.action = ImportAction::Drop;
            dropped.rowsBefore = static_cast<int64_t>(info.rowCount);
            result.tables.push_back(dropped);
        }
    }
    if (spec.dryRun) {
        check(connection.rollback());
        return;
    }
    // Only now, with the whole backup read: its own snapshot still sees the database as it was.
    const bool replacesSomething
        = std::any_of(result.tables.begin(), result.tables.end(),
                      [](const TableOutcome &t) { return t.rowsBefore >= 0; });
    if (spec.restore && replacesSomething)
        result.preRestoreBackup = keepWhatARestoreReplaces(database, spec);
    check(connection.commit());
    result.commitTs = database.lastCommitTs();
    result.rejectsPath = rejects.commit();
}

std::string summarizeImport(const ImportSpec &spec)
{
    std::string summary = std::string("mode ")
                          + (spec.mode == ImportMode::Create    ? "create"
                             : spec.mode == ImportMode::Append  ? "append"
                             : spec.mode == ImportMode::Replace ? "replace"
                                                                : "merge");
    if (!spec.tables.empty())
        summary += "; tables " + joined(spec.tables);
    if (!spec.table.empty())
        summary += "; into " + spec.table;
    if (spec.onError == ErrorPolicy::Skip)
        summary += "; skip bad rows";
    if (spec.dryRun)
        summary += "; dry run";
    return summary;
}

} // namespace

engine::Result<ImportResult> runImport(engine::Database &database, const ImportSpec &spec,
                                       ProgressSink *progress)
{
    const auto started = Clock::now();
    const int64_t startTime = engine::nowMicros();
    ImportResult result;
    auto connection = database.connect();
    engine::Status status;
    try {
        if (spec.files.empty())
            throw EngineError(StatusCode::Invalid, "no file to import");
        if (database.readOnly())
            throw EngineError(StatusCode::ReadOnly,
                              "the database is open read-only; close the program holding it "
                              "and import again");
        try {
            importFiles(database, *connection, spec, false, startTime, result, progress);
        } catch (const NeedsFirstPass &) {
            (void)connection->rollback();
            result = {};
            importFiles(database, *connection, spec, true, startTime, result, progress);
        }
    } catch (const EngineError &e) {
        status = e.toStatus();
    } catch (const std::bad_alloc &) {
        status = engine::Status(StatusCode::Io, "out of memory");
    } catch (const NeedsFirstPass &) {
        status = engine::Status(StatusCode::Internal, "a table's column types stayed unknown");
    }
    if (connection->inTransaction())
        (void)connection->rollback();
    result.dryRun = spec.dryRun;
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (progress && status) { // every byte of the input was read
        int64_t bytes = 0;
        for (const auto &f : spec.files)
            bytes += QFileInfo(QString::fromStdString(f)).size();
        progress->setBytes(bytes);
    }
    if (!spec.dryRun) {
        AuditEntry audit;
        audit.at = startTime;
        audit.user = currentUser();
        audit.operation = spec.restore ? "restore" : "import";
        audit.summary = summarizeImport(spec);
        audit.files = spec.files;
        audit.seconds = result.seconds;
        audit.rows = result.rowsImported;
        audit.outcome = status                                  ? "ok"
                        : status.code() == StatusCode::Canceled ? "canceled"
                                                                : "error: " + status.message();
        for (auto &w : recordAudit(database, audit))
            result.warnings.push_back(w);
    }
    if (!status)
        return status;
    return result;
}

namespace {

//! Keeps the first rows of each table as text and guesses types from every row it sees.
class PreviewSink : public ImportSink {
public:
    explicit PreviewSink(size_t maxRows)
        : m_maxRows(maxRows)
    {
    }

    std::vector<PreviewTable> tables;

    bool beginTable(const SourceTable &table) override
    {
        tables.emplace_back();
        tables.back().name = table.name;
        m_declared.clear();
        m_guesses.clear();
        for (const auto &c : table.columns) {
            tables.back().columns.push_back(c.name);
            m_declared.push_back(c.type);
            m_guesses.emplace_back();
        }
        return true;
    }
    void addColumn(const std::string &name) override
    {
        tables.back().columns.push_back(name);
        m_declared.push_back(std::nullopt);
        m_guesses.emplace_back();
        for (auto &row : tables.back().rows)
            row.push_back(std::nullopt);
    }
    void row(std::span<const Cell> cells, const RowOrigin &) override
    {
        for (size_t i = 0; i < cells.size() && i < m_guesses.size(); ++i)
            m_guesses[i].observe(cells[i]);
        if (tables.back().rows.size() >= m_maxRows)
            return;
        std::vector<std::optional<std::string>> row;
        for (const auto &cell : cells)
            row.push_back(cell.kind == Cell::Kind::Null ? std::nullopt
                                                        : std::optional(std::string(cell.text)));
        tables.back().rows.push_back(std::move(row));
    }
    void rejectRow(const RowOrigin &, int, const std::string &) override {}
    void endTable() override
    {
        auto &t = tables.back();
        t.types.clear();
        for (size_t i = 0; i < t.columns.size(); ++i)
            t.types.push_back(typeLabel(m_declared[i] ? *m_declared[i] : m_guesses[i].type()));
    }

private:
    size_t m_maxRows;
    std::vector<std::optional<LogicalType>> m_declared;
    std::vector<TypeGuess> m_guesses;
};

} // namespace

engine::Result<ImportPreview> previewImport(const std::string &path, const ImportSpec &spec,
                                            size_t maxRows, int64_t maxBytes)
{
    try {
        ImportPreview preview;
        preview.format = check(detectImportFormat(path, spec.format));
        const std::string table = spec.table.empty() ? tableNameFromPath(path) : spec.table;
        std::unique_ptr<Reader> reader;
        if (preview.format == "csv") {
            auto csv = CsvReader::open(path, table, spec.csv, maxBytes);
            const CsvDialect &d = csv->dialect();
            preview.detected["delimiter"]
                = d.delimiter == '\t' ? "tab" : std::string(1, d.delimiter);
            preview.detected["quote"] = std::string(1, d.quote);
            preview.detected["header"] = d.header ? "yes" : "no";
            preview.detected["encoding"] = d.encoding;
            reader = std::move(csv);
        } else if (preview.format == "json") {
            const std::string ext = extensionOf(path);
            reader = JsonReader::open(path, table, ext == "jsonl" || ext == "ndjson", maxBytes);
        } else {
            reader = FormatRegistry::instance().createReader(preview.format, path, spec);
        }
        PreviewSink sink(maxRows);
        reader->read(sink);
        preview.tables = std::move(sink.tables);
        preview.warnings = reader->warnings();
        return preview;
    } catch (const EngineError &e) {
        return e.toStatus();
    }
}

} // namespace strata::transfer
