#include "engine/transfer/batch_inserter.h"

#include <algorithm>
#include <iterator>

namespace strata::transfer {

engine::EngineError rowError(const engine::Location &file, const RowOrigin &origin,
                             const std::string &column, size_t columnNumber, const std::string &why)
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

BatchInserter::BatchInserter(engine::Connection &connection, const ImportSpec &spec,
                             const engine::Location &origin, const std::string &file,
                             RejectsFile &rejects, ImportResult &result, ProgressSink *progress,
                             int64_t &rowsSoFar)
    : m_conn(connection)
    , m_spec(spec)
    , m_origin(origin)
    , m_file(file)
    , m_rejects(rejects)
    , m_result(result)
    , m_progress(progress)
    , m_rowsSoFar(rowsSoFar)
{
}

void BatchInserter::begin(const TablePlan &plan)
{
    m_thread.drain();
    m_plan = &plan;
    m_read = 0;
}

void BatchInserter::row(std::span<const Cell> cells, std::span<const size_t> readerColumns,
                        const RowOrigin &origin)
{
    // The cells' text is copied into the batch as read; which thread converts it (numbers,
    // times, UTF-8 checks) is decided when the batch is full (flush()).
    Batch &b = m_batches[m_filling];
    const auto &sourceToTarget = m_plan->sourceToTarget;
    for (size_t k = 0; k < cells.size(); ++k) {
        const size_t i = readerColumns[k];
        if (sourceToTarget[i] < 0)
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
    ++m_read;
    if (b.count >= kBatch)
        flush();
}

void BatchInserter::rejectRow(const RowOrigin &origin, int column, const std::string &reason)
{
    if (m_spec.onError == ErrorPolicy::Abort) {
        // Rows before this one are converted first: an error among them comes first.
        flush();
        m_thread.drain();
        reject(origin, m_plan->columnName(column), static_cast<size_t>(std::max(column, 0)),
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

BatchInserter::Counts BatchInserter::finish()
{
    flush();
    m_thread.drain(); // every row in; rethrows an insert's error
    Counts counts;
    counts.skipped = m_skipped.exchange(0);
    counts.read = m_read - m_conversionRejects.exchange(0); // rows read are rows that fit
    counts.inserted = m_inserted.exchange(0);
    m_read = 0;
    return counts;
}

void BatchInserter::reject(const RowOrigin &origin, const std::string &column, size_t columnNumber,
                           const std::string &why)
{
    // Under abort, the error (from either thread); under skip, called on the inserter's
    // thread only, in file order.
    if (m_spec.onError == ErrorPolicy::Abort)
        throw rowError(m_origin, origin, column, columnNumber, why);
    std::lock_guard lock(m_rejectMutex);
    m_rejects.add(m_file, origin, column, why);
    ++m_result.rowsSkipped;
    ++m_skipped;
}

void BatchInserter::insert(std::span<const engine::Row> rows)
{
    auto inserted = m_spec.mode == ImportMode::Merge
                        ? m_conn.upsertRows(m_plan->name, m_plan->targetNames, rows)
                        : m_conn.insertRows(m_plan->name, m_plan->targetNames, rows);
    if (!inserted)
        throw engine::EngineError(inserted.status());
}

//! Hands the filled batch to the inserter thread and goes on filling the next one: the
//! engine inserts while the reader parses and converts (both cores).
void BatchInserter::flush()
{
    Batch &b = m_batches[m_filling];
    if (b.count == 0 && b.rejects.empty())
        return;
    // Converting takes a third of the work. The reader does it when the inserter is behind
    // (a batch still waits: the reader would wait anyway), the inserter otherwise: the
    // faster side takes more of it, whichever that is for a format.
    m_rowsSoFar += static_cast<int64_t>(b.count);
    if (m_thread.backlogged())
        convertBatch(b, m_readerWhy);
    m_thread.post([this, &b] { insertBatch(b); });
    m_filling = (m_filling + 1) % kBatches;
    if (m_thread.failed())
        m_thread.drain(); // rethrows the insert's error here
    if (m_progress) {
        if (m_progress->isCanceled())
            throw engine::EngineError(engine::StatusCode::Canceled, "the import was canceled");
        m_progress->advance(m_rowsSoFar, m_plan->name);
    }
}

//! Converts a batch's cells into rows (on whichever thread has time: see flush()). A row
//! with a value that does not fit its column is left out, and its reject joins the
//! batch's others in file order, for the inserter to report.
void BatchInserter::convertBatch(Batch &b, std::string &why)
{
    const TablePlan &plan = *m_plan;
    if (b.rows.size() < b.count)
        b.rows.resize(b.count);
    std::vector<PendingReject> failed;
    size_t kept = 0, cell = 0;
    for (size_t r = 0; r < b.count; ++r) {
        engine::Row &row = b.rows[kept];
        row.resize(plan.targetNames.size());
        for (auto &v : row)
            v.type = engine::LogicalType::Null;
        bool fits = true;
        for (; cell < b.rowEnds[r]; ++cell) {
            const RawCell &raw = b.cells[cell];
            if (!fits)
                continue;
            const Cell value = Cell::of(raw.kind, {b.text.data() + raw.offset, raw.length});
            const size_t i = raw.column;
            if (convertCellInto(value, plan.types[i],
                                row[static_cast<size_t>(plan.sourceToTarget[i])], why))
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
            std::make_move_iterator(b.rejects.begin()), std::make_move_iterator(b.rejects.end()),
            std::make_move_iterator(failed.begin()), std::make_move_iterator(failed.end()),
            std::back_inserter(all),
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
void BatchInserter::insertBatch(Batch &b)
{
    if (!b.converted)
        convertBatch(b, m_convertWhy);
    for (const PendingReject &p : b.rejects) {
        RowOrigin origin;
        origin.line = p.origin.line;
        origin.index = p.origin.index;
        origin.jsonArray = p.jsonArray;
        origin.original = p.origin.original;
        reject(origin, m_plan->columnName(p.column), static_cast<size_t>(std::max(p.column, 0)),
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
        m_inserted += static_cast<int64_t>(inserted);
    }
    b.count = 0;
}

} // namespace strata::transfer
