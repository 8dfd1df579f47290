#pragma once
// The import job's loading stage (internal to engine/transfer): the table each source table
// becomes (created, mapped onto an existing one, its differences reported) and the batches
// of rows converted and inserted on a second thread, inside the import's transaction.

#include "engine/api/database.h"
#include "engine/transfer/import_inference.h"
#include "engine/transfer/import_source.h"
#include "engine/transfer/import_spec.h"
#include "engine/transfer/job_support.h"
#include "engine/transfer/progress.h"
#include "engine/transfer/rejects_file.h"
#include "engine/transfer/writer_thread.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace strata::transfer {

//! Thrown when a table to create arrived without declared types and no first pass was made
//! (a JSON file whose start promised column_defs): the import starts over with first passes.
struct NeedsFirstPass {};

//! "data.csv:12: column 3 ('age')" or "backup.json:7: $.tables.users.data[41].age".
//! The error for a row that cannot be loaded: the file at the row's line and JSON path; a
//! CSV field's number and a table row's place (SQLite) lead the detail.
inline engine::EngineError rowError(const engine::Location &file, const RowOrigin &origin,
                                    const std::string &column, size_t columnNumber,
                                    const std::string &why)
{
    engine::Location where = file.at(origin.line);
    std::string detail;
    if (origin.index >= 0 && origin.jsonArray.substr(0, 1) == "$") {
        where.jsonPath = origin.position() + (column.empty() ? "" : "." + column);
    } else if (origin.index >= 0) {
        detail = origin.position() + (column.empty() ? "" : ", column " + quoteForMessage(column))
                 + ": ";
    } else if (!column.empty()) {
        detail = "column " + std::to_string(columnNumber) + " (" + quoteForMessage(column) + "): ";
    }
    return engine::EngineError(engine::StatusCode::Invalid, detail + why, std::move(where));
}

inline std::string columnSql(const SourceColumn &c, engine::LogicalType type)
{
    std::string sql = engine::quoteIdentifier(c.name) + " ";
    // A declared type of the same kind keeps its length limit (VARCHAR(40)).
    engine::LogicalType declared;
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
    LoadSink(engine::Connection &conn, const ImportSpec &spec, const engine::Location &origin,
             const std::map<std::string, InferredTable> *inferred, RejectsFile &rejects,
             ImportResult &result, ProgressSink *progress, int64_t &rowsSoFar)
        : m_conn(conn)
        , m_spec(spec)
        , m_origin(origin)
        , m_file(origin.toString())
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
            if (m_spec.restore && asciiLower(source.name) == "audit_log")
                m_result.warnings.push_back(
                    m_file
                    + ": the backup's audit_log was not restored (the database keeps "
                      "its own audit trail; name it in --tables to restore it)");
            return false;
        }
        seen.insert(asciiLower(source.name));
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
            engine::LogicalType t;
            if (chosen != m_spec.columnTypes.end()) {
                if (!engine::typeFromName(chosen->second, t))
                    throw engine::EngineError(engine::StatusCode::Invalid,
                                              "column " + c.name + ": unknown type '"
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
        if (!exists && existing.status().code() != engine::StatusCode::NotFound)
            throw engine::EngineError(existing.status().code(), existing.status().message());
        m_outcome.rowsBefore = exists ? static_cast<int64_t>(existing.value().rowCount) : -1;
        bool create = !exists;
        switch (m_spec.mode) {
        case ImportMode::Create:
            if (exists)
                throw engine::EngineError(
                    engine::StatusCode::Invalid,
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
                check(m_conn.execute("DROP TABLE " + engine::quoteIdentifier(source.name)));
                create = true;
            } else if (exists) {
                check(m_conn.execute("DELETE FROM " + engine::quoteIdentifier(source.name)));
            }
            break;
        }
        if (create && !typed && !m_table.columns.empty()) {
            if (!m_inferred)
                throw NeedsFirstPass();
            for (auto &c : m_table.columns)
                if (!c.type)
                    c.type = engine::LogicalType::Text; // no value anywhere to go by
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
        std::string sql = "CREATE TABLE " + engine::quoteIdentifier(m_table.name) + " (";
        std::vector<std::string> pk;
        for (size_t i = 0; i < m_table.columns.size(); ++i) {
            const auto &c = m_table.columns[i];
            sql += (i ? ", " : "") + columnSql(c, *c.type);
            if (c.primaryKey)
                pk.push_back(engine::quoteIdentifier(c.name));
        }
        if (!pk.empty())
            sql += ", PRIMARY KEY (" + joined(pk) + ")";
        sql += ")";
        auto created = m_conn.execute(sql);
        if (!created)
            throw engine::EngineError(created.status().code(), m_file + ": cannot create table "
                                                                   + quoteForMessage(m_table.name)
                                                                   + ": "
                                                                   + created.status().message());
    }

    //! Finds each source column's table column; reports every problem at once, before any
    //! row is written.
    void mapColumns(const engine::TableInfo &info, bool existing)
    {
        m_sourceToTarget.assign(m_table.columns.size(), -1);
        m_types.assign(m_table.columns.size(), engine::LogicalType::Text);
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
                    if (asciiLower(info.columns[t].name) == asciiLower(wanted))
                        return static_cast<int>(t);
                return -1;
            };
            if (mapped != m_spec.columnMap.end()) {
                if (mapped->second.empty())
                    continue; // mapped to nothing: left out on purpose
                target = findByName(mapped->second);
                if (target < 0)
                    throw engine::EngineError(engine::StatusCode::Invalid,
                                              "the column map sends " + quoteForMessage(name)
                                                  + " to " + quoteForMessage(mapped->second)
                                                  + ", which table " + quoteForMessage(info.name)
                                                  + " does not have");
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
            throw engine::EngineError(engine::StatusCode::Invalid, m_file + ": " + problems);
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
            while (t < info.columns.size()
                   && asciiLower(info.columns[t].name) != asciiLower(c.name))
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
        throw engine::EngineError(engine::StatusCode::Invalid,
                                  m_file + ": key " + quoteForMessage(name)
                                      + " is not a column of the table the file describes");
    }

    //! Under abort, the error (from either thread); under skip, called on the inserter's
    //! thread only, in file order, and counted for endTable() to add to the outcome.
    void reject(const RowOrigin &origin, const std::string &column, size_t columnNumber,
                const std::string &why)
    {
        if (m_spec.onError == ErrorPolicy::Abort)
            throw rowError(m_origin, origin, column, columnNumber, why);
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
            throw engine::EngineError(inserted.status());
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
                throw engine::EngineError(engine::StatusCode::Canceled, "the import was canceled");
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
                v.type = engine::LogicalType::Null;
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
        } catch (const engine::EngineError &e) {
            if (e.code() == engine::StatusCode::Canceled || e.code() == engine::StatusCode::Io)
                throw;
            // Find the row(s) at fault, one at a time, and say where they came from.
            for (size_t r = 0; r < b.count; ++r) {
                try {
                    insert(rows.subspan(r, 1));
                } catch (const engine::EngineError &single) {
                    if (single.code() == engine::StatusCode::Canceled)
                        throw;
                    RowOrigin origin;
                    origin.line = b.origins[r].line;
                    origin.index = b.origins[r].index;
                    origin.jsonArray = b.jsonArray;
                    origin.original = b.origins[r].original;
                    // The row is named by its origin, not by its place in a one-row batch.
                    engine::Location where = single.location();
                    where.row = 0;
                    reject(origin, "", 0, where.describe(single.detail()));
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
    const engine::Location &m_origin;
    const std::string m_file; //!< how warnings and the rejects file name the source
    const std::map<std::string, InferredTable> *m_inferred;
    RejectsFile &m_rejects;
    ImportResult &m_result;
    ProgressSink *m_progress;
    int64_t &m_rowsSoFar;

    SourceTable m_table;
    TableOutcome m_outcome;
    std::vector<int> m_sourceToTarget;        //!< per source column: index into m_targetNames
    std::vector<engine::LogicalType> m_types; //!< per source column
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

} // namespace strata::transfer
