#include "engine/exec/operators.h"

#include "engine/common/status.h"
#include "engine/mvcc/transaction.h"
#include "engine/storage/index_run.h"

#include <algorithm>
#include <cmath>
#include <shared_mutex>

// The table scan: visible versions of a table's slots, decoded column by column, filtered,
// by candidate keys from an index or in slot order, a row or a batch at a time.
namespace strata::engine::exec {

// ---- TableScan ------------------------------------------------------------------------------

TableScan::TableScan(std::shared_ptr<TableEntry> table, std::vector<bool> needed, BExprPtr filter)
    : m_table(std::move(table))
    , m_needed(std::move(needed))
    , m_filter(std::move(filter))
{
}

void TableScan::setCandidateKeys(std::vector<BExprPtr> keyExprs, std::shared_ptr<TableIndex> index)
{
    m_keyExprs = std::move(keyExprs);
    m_index = std::move(index);
}

std::string TableScan::describe() const
{
    auto indexName = [](const TableIndex &index) {
        return index.name() == "PRIMARY"               ? std::string("the primary key")
               : index.name().rfind("UNIQUE_", 0) == 0 ? std::string("a UNIQUE constraint's index")
                                                       : "index " + index.name();
    };
    const std::string &table = m_table->schema->name;
    std::string out;
    if (m_index)
        out = "SEARCH " + table + " using " + indexName(*m_index) + " ("
              + std::to_string(m_keyExprs.size())
              + (m_keyExprs.size() == 1 ? " column" : " columns") + " equal)";
    else if (m_range.index)
        out = "SEARCH " + table + " using " + indexName(*m_range.index)
              + " (a range of its first column, when the range is a small part of the table)";
    else
        out = "SCAN " + table;
    if (m_filter)
        out += ", keeping the rows a condition allows";
    if (m_changedSince)
        out += ", changed rows only";
    return out;
}

void TableScan::open(ExecContext &ctx)
{
    m_ctx = &ctx;
    m_useIndex = false;
    m_rangeCandidates = false;
    m_buffer.clear();
    m_bufferPos = 0;
    m_baseBlock = 0;
    m_next = m_rangeEnd = 0;
    m_tailTaken = false;
    m_lastBlockRead = false;
    if (ctx.changedSince)
        m_changedSince = ctx.changedSince;
    // The base blocks as they are now, their files held open: each is read from its file, or
    // from the slots once resident; then the slots added past them.
    TableHeap &heap = *m_table->heap;
    if (ctx.txn)
        ctx.txn->pinHeap(m_table->heap); // it holds versions between reads
    m_baseRows = heap.baseReader();
    m_tailStart = m_baseRows ? m_baseRows->ref(m_baseRows->blockCount() - 1).endSlot : 0;
    m_end = std::max(m_tailStart, heap.slotCount());
    if (m_index) {
        const TableSchema &schema = *m_table->schema;
        std::vector<Value> key;
        Row empty;
        for (size_t k = 0; k < m_keyExprs.size(); ++k) {
            Value v = eval(*m_keyExprs[k], empty, ctx);
            const auto type = schema.columns[m_index->columns()[k]].type;
            if (!v.isNull() && v.type != type) {
                // A key that cannot take the column's type matches no row.
                try {
                    v = castValue(v, type);
                } catch (const EngineError &) {
                    v = Value::null();
                }
            }
            key.push_back(std::move(v));
        }
        m_indexKey = encodeKeyValues(key);
        m_candidates = m_indexKey.empty() ? std::vector<uint64_t>{} : m_index->find(m_indexKey);
        // A row may be in the runs and in the hash (changed since the checkpoint): once.
        std::sort(m_candidates.begin(), m_candidates.end());
        m_candidates.erase(std::unique(m_candidates.begin(), m_candidates.end()),
                           m_candidates.end());
        m_candidatePos = 0;
        m_useIndex = true;
    } else if (m_range.index) {
        m_useIndex = openRange(ctx);
    }
}

namespace {

//! A bound of a range lookup on a column of `type`, encoded as a key: the value as that
//! type, widened where a conversion is not exact (the scan's filter decides the rest), or
//! nothing when no key can bound it (that side stays open).
std::optional<std::string> rangeBound(const Value &v, LogicalType type, bool lower, bool &inclusive)
{
    if (v.isNull())
        return std::nullopt;
    if (v.type == type)
        return encodeKeyValues({v});
    if (type == LogicalType::Integer && v.type == LogicalType::Double) {
        const double r = lower ? std::floor(v.d) : std::ceil(v.d);
        if (!(r > -9.2e18 && r < 9.2e18))
            return std::nullopt;
        inclusive = true;
        return encodeKeyValues({Value::integer(static_cast<int64_t>(r))});
    }
    if (type == LogicalType::Double && v.type == LogicalType::Integer && v.i <= (1LL << 53)
        && v.i >= -(1LL << 53))
        return encodeKeyValues({Value::real(static_cast<double>(v.i))});
    return std::nullopt;
}

} // namespace

bool TableScan::openRange(ExecContext &ctx)
{
    const TableIndex &index = *m_range.index;
    if (!index.hasRuns())
        return false; // without runs the index knows no order: read every row
    const LogicalType type = m_table->schema->columns[index.columns().front()].type;
    KeyRange range;
    Row empty;
    if (m_range.low) {
        bool inclusive = m_range.lowInclusive;
        if (auto key = rangeBound(eval(*m_range.low, empty, ctx), type, true, inclusive)) {
            range.hasLow = true;
            range.lowInclusive = inclusive;
            range.low = std::move(*key);
        }
    }
    if (m_range.high) {
        bool inclusive = m_range.highInclusive;
        if (auto key = rangeBound(eval(*m_range.high, empty, ctx), type, false, inclusive)) {
            range.hasHigh = true;
            range.highInclusive = inclusive;
            range.high = std::move(*key);
        }
    }
    if (!range.hasLow && !range.hasHigh)
        return false;
    // Past a quarter of the table, reading every block in order costs less.
    const size_t limit = std::max<uint64_t>(1024, m_table->heap->slotCount() / 4);
    std::vector<uint64_t> candidates;
    if (!index.findRange(range, limit, candidates))
        return false;
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    m_candidates = std::move(candidates);
    m_candidatePos = 0;
    m_rangeCandidates = true;
    return true;
}

void TableScan::decode(rowcodec::RowView view, Row &out) const
{
    const TableSchema &schema = *m_table->schema;
    const size_t n = schema.columns.size();
    if (out.size() != n) {
        // Columns nobody reads stay NULL; they are set once, not per row.
        out.assign(n, Value());
    }
    for (size_t c = 0; c < n; ++c) {
        if (!m_needed[c])
            continue;
        Value &dst = out[c];
        if (c >= view.columnCount()) {
            const ColumnDef &col = schema.columns[c];
            dst = col.hasDefault && !col.defaultIsNow ? col.defaultValue : Value();
            continue;
        }
        if (view.isNull(static_cast<uint32_t>(c))) {
            dst.type = LogicalType::Null;
            continue;
        }
        const auto type = schema.columns[c].type;
        dst.type = type;
        switch (type) {
        case LogicalType::Double:
            dst.d = view.getDouble(static_cast<uint32_t>(c));
            break;
        case LogicalType::Text:
        case LogicalType::Blob:
            dst.s.assign(view.getBytes(static_cast<uint32_t>(c)));
            break;
        default:
            dst.i = view.getInt(static_cast<uint32_t>(c));
            break;
        }
    }
}

bool TableScan::fillBuffer()
{
    m_buffer.clear();
    m_bufferPos = 0;
    m_blockRows.clear();
    const ReadView &view = m_ctx->txn->view();
    TableHeap &heap = *m_table->heap;
    constexpr size_t kChunk = 256;
    auto take = [&](uint64_t slot) {
        if (const Version *v = view.visible(heap.head(slot)))
            m_buffer.push_back({slot, v, v->view(), v->begin.load(std::memory_order_acquire)});
    };
    if (m_useIndex) {
        while (m_buffer.empty()) {
            if (m_candidatePos >= m_candidates.size())
                return false;
            const size_t end = std::min(m_candidates.size(), m_candidatePos + kChunk);
            for (; m_candidatePos < end; ++m_candidatePos) {
                const uint64_t slot = m_candidates[m_candidatePos];
                {
                    // Resident: read under the collector's lock, which a release needs.
                    std::shared_lock gc(heap.gcLock());
                    if (heap.isResident(slot)) {
                        take(slot);
                        continue;
                    }
                }
                takeFromBlocks(slot, slot + 1);
            }
        }
        return true;
    }
    for (;;) {
        if (m_next < m_rangeEnd) {
            checkCancel(m_ctx);
            std::shared_lock gc(heap.gcLock());
            if (!heap.isResident(m_next)) {
                // Released since the scan looked (its rows are what everyone sees, in the
                // block that holds them now).
                gc.unlock();
                m_next = takeFromBlocks(m_next, m_rangeEnd);
            } else {
                const uint64_t end = std::min<uint64_t>(m_rangeEnd, m_next + kChunk);
                for (; m_next < end; ++m_next)
                    take(m_next);
            }
            if (!m_buffer.empty())
                return true;
            continue;
        }
        checkCancel(m_ctx);
        const Stretch next = nextStretch();
        if (next == Stretch::End)
            return false;
        if (next == Stretch::Memory)
            continue;
        // A block not resident, unchanged since the checkpoint: every snapshot since the open
        // sees its rows.
        for (const BaseRow &r : m_baseRows->read(m_baseBlock++))
            m_buffer.push_back(
                {r.slot, nullptr,
                 rowcodec::RowView(r.bytes.data(), static_cast<uint32_t>(r.bytes.size())),
                 r.begin});
        if (!m_buffer.empty())
            return true;
    }
}

uint64_t TableScan::takeFromBlocks(uint64_t from, uint64_t to)
{
    // The base block holding `from` now (a block read last time is read once).
    if (!(from >= m_lastBlock.firstSlot && from < m_lastBlock.endSlot && m_lastBlockRead)) {
        std::shared_ptr<const BlockStore> store;
        std::shared_ptr<File> file;
        m_lastBlockRead = false;
        if (!m_table->heap->currentBlock(from, m_lastBlock, store, file))
            return to; // past the blocks: no row there any more
        readRowBlock(*store, m_lastBlock, m_table->heap->tableId(), m_lastBuffers, m_lastRows,
                     file);
        m_lastBlockRead = true;
    }
    const uint64_t stop = std::min(to, m_lastBlock.endSlot);
    auto row = std::lower_bound(m_lastRows.begin(), m_lastRows.end(), from,
                                [](const BaseRow &r, uint64_t s) { return r.slot < s; });
    for (; row != m_lastRows.end() && row->slot < stop; ++row) {
        // Copied: the buffer may hold rows of several blocks (index candidates).
        const std::string &bytes = m_blockRows.emplace_back(row->bytes);
        m_buffer.push_back({row->slot, nullptr,
                            rowcodec::RowView(bytes.data(), static_cast<uint32_t>(bytes.size())),
                            row->begin});
    }
    return stop;
}

TableScan::Stretch TableScan::nextStretch()
{
    if (m_baseRows && m_baseBlock < m_baseRows->blockCount()) {
        const BlockRef &ref = m_baseRows->ref(m_baseBlock);
        if (!m_table->heap->isResident(ref.firstSlot))
            return Stretch::Block;
        ++m_baseBlock;
        m_next = ref.firstSlot;
        m_rangeEnd = ref.endSlot;
        return Stretch::Memory;
    }
    if (m_tailTaken)
        return Stretch::End;
    m_tailTaken = true;
    m_next = m_tailStart;
    m_rangeEnd = m_end;
    return Stretch::Memory;
}

uint64_t TableScan::skip(uint64_t n)
{
    if (m_filter || m_useIndex) // which rows count needs their values
        return Operator::skip(n);
    uint64_t passed = 0;
    auto skipBuffered = [&] {
        for (; passed < n && m_bufferPos < m_buffer.size(); ++m_bufferPos)
            passed += changedEnough(m_buffer[m_bufferPos]);
    };
    skipBuffered();
    const ReadView &view = m_ctx->txn->view();
    TableHeap &heap = *m_table->heap;
    while (passed < n) {
        if (m_next < m_rangeEnd) {
            // Straight over the slots: a visibility check each, no buffer, no decoding.
            checkCancel(m_ctx);
            std::shared_lock gc(heap.gcLock());
            if (!heap.isResident(m_next)) { // released since the scan looked
                gc.unlock();
                m_buffer.clear();
                m_bufferPos = 0;
                m_blockRows.clear();
                m_next = takeFromBlocks(m_next, m_rangeEnd);
                skipBuffered();
                continue;
            }
            const uint64_t end = std::min<uint64_t>(m_rangeEnd, m_next + 65536);
            for (; m_next < end && passed < n; ++m_next)
                if (const Version *v = view.visible(heap.head(m_next)))
                    passed += !m_changedSince
                              || changedEnough(
                                  {m_next, v, {}, v->begin.load(std::memory_order_acquire)});
            continue;
        }
        const Stretch next = nextStretch();
        if (next == Stretch::End)
            break;
        if (next == Stretch::Memory)
            continue;
        // Whole blocks not resident by their row counts, unread; the block where the skip
        // ends is read.
        if (const BlockRef &ref = m_baseRows->ref(m_baseBlock);
            !m_changedSince && passed + ref.rows <= n) {
            passed += ref.rows;
            ++m_baseBlock;
            continue;
        }
        if (!fillBuffer())
            break;
        skipBuffered();
    }
    return passed;
}

std::optional<uint64_t> TableScan::countAll(ExecContext &ctx)
{
    if (m_filter || m_index || m_range.index || m_changedSince || ctx.changedSince
        || std::find(m_needed.begin(), m_needed.end(), true) != m_needed.end())
        return std::nullopt;
    return m_table->heap->countVisible(ctx.txn->view(), [&] { checkCancel(&ctx); });
}

bool TableScan::next(Row &out)
{
    for (;;) {
        if (m_bufferPos >= m_buffer.size() && !fillBuffer())
            return false;
        // A version stays valid after the lock is released: it is visible to our snapshot,
        // so the collector keeps it. A block's rows stay until the next block is read.
        const Candidate &c = m_buffer[m_bufferPos++];
        if (!changedEnough(c))
            continue;
        if (m_useIndex && !m_rangeCandidates
            && encodeKey(c.row, m_index->columns(), *m_table->schema) != m_indexKey)
            continue; // a stale index entry, or another key with the same hash
        decode(c.row, out);
        if (m_filter && !evalPredicate(*m_filter, out, *m_ctx))
            continue;
        m_lastSlot = c.slot;
        m_lastVersion = c.version;
        if (!c.version && !m_mayReadBlocks) {
            // A writer needs the row's version: its block becomes resident (under the
            // collector's lock, so that it is not released before we look). The version our
            // snapshot sees there holds the bytes just read (kept by the collector for us).
            TableHeap &heap = *m_table->heap;
            std::shared_lock gc(heap.gcLock());
            heap.ensureResident(c.slot);
            m_lastVersion = m_ctx->txn->view().visible(heap.head(c.slot));
            if (!m_lastVersion)
                continue;
        }
        return true;
    }
}

bool TableScan::nextBatch(RowBatch &batch, size_t maxRows, const std::vector<uint32_t> &columns)
{
    const TableSchema &schema = *m_table->schema;
    for (auto &c : batch.columns)
        c.reserve(maxRows);
    while (batch.rowCount() < maxRows) {
        if (m_bufferPos >= m_buffer.size() && !fillBuffer())
            return false;
        const Candidate &cand = m_buffer[m_bufferPos++];
        if (!changedEnough(cand))
            continue;
        if (m_useIndex && !m_rangeCandidates
            && encodeKey(cand.row, m_index->columns(), schema) != m_indexKey)
            continue;
        if (m_filter) {
            decode(cand.row, m_filterRow);
            if (!evalPredicate(*m_filter, m_filterRow, *m_ctx))
                continue;
        }
        const auto view = cand.row;
        for (size_t i = 0; i < columns.size(); ++i) {
            const uint32_t c = columns[i];
            ColumnVector &out = batch.columns[i];
            if (c >= view.columnCount()) { // added by ALTER TABLE after this row was written
                const ColumnDef &col = schema.columns[c];
                out.append(col.hasDefault && !col.defaultIsNow ? col.defaultValue : Value());
                continue;
            }
            if (view.isNull(c)) {
                out.appendNull();
                continue;
            }
            switch (schema.columns[c].type) {
            case LogicalType::Double:
                out.appendDouble(view.getDouble(c));
                break;
            case LogicalType::Text:
            case LogicalType::Blob:
                out.appendBytes(view.getBytes(c));
                break;
            default:
                out.appendInt(view.getInt(c));
                break;
            }
        }
        batch.commitRow();
    }
    return true;
}

} // namespace strata::engine::exec
