#include "engine/mvcc/transaction.h"

#include "engine/mvcc/database_core.h"

#include <algorithm>

namespace strata::engine {

Transaction::Transaction(DatabaseCore &core, uint64_t id, uint64_t snapshotTs)
    : m_core(core)
    , m_id(id)
{
    m_view.snapshotTs = snapshotTs;
    m_view.txnMarker = kTxnFlag | id;
}

Transaction::~Transaction()
{
    if (m_active)
        m_core.rollback(*this);
    unpinHeaps();
}

void Transaction::pinHeap(const std::shared_ptr<TableHeap> &heap)
{
    if (std::find(m_pinnedHeaps.begin(), m_pinnedHeaps.end(), heap) != m_pinnedHeaps.end())
        return;
    heap->pin();
    m_pinnedHeaps.push_back(heap);
}

void Transaction::unpinHeaps()
{
    for (const auto &heap : m_pinnedHeaps)
        heap->unpin();
    m_pinnedHeaps.clear();
}

Catalog &Transaction::catalog()
{
    return m_core.catalog();
}

const std::string &Transaction::temporaryDirectory() const
{
    return m_core.directory();
}

uint64_t Transaction::sortMemoryBytes() const
{
    return m_core.options().sortMemoryBytes;
}

std::shared_ptr<TableEntry> Transaction::table(std::string_view name) const
{
    return m_core.catalog().findTable(name, m_view);
}

std::shared_ptr<TableEntry> Transaction::requireTable(std::string_view name) const
{
    auto t = table(name);
    if (!t)
        throwError(StatusCode::NotFound, "no such table: " + std::string(name));
    return t;
}

void Transaction::requireWritable()
{
    if (m_core.readOnly())
        throwError(StatusCode::ReadOnly, "the database is open read-only");
    if (m_core.closed())
        throwError(StatusCode::ReadOnly, "the database is closed");
    if (!m_doomed.isOk())
        throwError(m_doomed.code(), m_doomed.message() + " (roll back and retry)");
}

void Transaction::prepareRow(const TableSchema &schema, Row &row)
{
    STRATA_ASSERT(row.size() == schema.columns.size(), "row width differs from the table");
    for (size_t c = 0; c < row.size(); ++c) {
        const ColumnDef &col = schema.columns[c];
        Value &v = row[c];
        if (v.isNull()) {
            if (col.notNull || col.primaryKey)
                throwError(StatusCode::Constraint,
                           "NOT NULL constraint failed: " + schema.name + "." + col.name);
            continue;
        }
        if (v.type != col.type)
            v = coerceToColumn(v, col.type, schema.name + "." + col.name);
        if (col.type == LogicalType::Text)
            requireStorableText(v.s, schema.name + "." + col.name);
        if (col.maxLength && col.type == LogicalType::Text && utf8Length(v.s) > col.maxLength)
            throwError(StatusCode::Constraint,
                       "value too long for " + schema.name + "." + col.name + " " + col.declaredType
                           + ": " + std::to_string(utf8Length(v.s)) + " characters");
    }
}

bool Transaction::rowFits(const TableSchema &schema, const Row &row)
{
    STRATA_ASSERT(row.size() == schema.columns.size(), "row width differs from the table");
    for (size_t c = 0; c < row.size(); ++c) {
        const ColumnDef &col = schema.columns[c];
        const Value &v = row[c];
        if (v.isNull()) {
            if (col.notNull || col.primaryKey)
                return false; // prepareRow reports it
            continue;
        }
        if (v.type != col.type || (col.maxLength && utf8Length(v.s) > col.maxLength))
            return false;
        if (col.type == LogicalType::Text && !isStorableText(v.s))
            return false; // prepareRow reports it
    }
    return true;
}

namespace {

std::string describeKey(rowcodec::RowView row, const std::vector<uint32_t> &cols,
                        const TableSchema &schema)
{
    std::string names, values;
    for (size_t i = 0; i < cols.size(); ++i) {
        if (i) {
            names += ", ";
            values += ", ";
        }
        names += schema.columns[cols[i]].name;
        values += columnValue(row, cols[i], schema).toString();
    }
    return "(" + names + ")=(" + values + ")";
}

} // namespace

void Transaction::checkUnique(const TableEntry &table, const std::vector<PendingKey> &pending,
                              size_t firstRowNumber)
{
    const TableSchema &schema = *table.schema;
    auto duplicate
        = [&](const PendingKey &item, const std::shared_ptr<TableIndex> &index, size_t p) {
              throwError(
                  StatusCode::Constraint,
                  "duplicate key " + describeKey(item.version->view(), index->columns(), schema)
                      + " violates "
                      + (index->name() == "PRIMARY"               ? std::string("PRIMARY KEY")
                         : index->name().rfind("UNIQUE_", 0) == 0 ? std::string("UNIQUE constraint")
                                                                  : "unique index " + index->name())
                      + " of " + schema.name
                      + (pending.size() > 1 || firstRowNumber > 1
                             ? " (row " + std::to_string(firstRowNumber + p) + ")"
                             : std::string()));
          };
    std::vector<std::string> keys(pending.size());
    std::vector<uint64_t> hashes(pending.size());
    std::vector<uint8_t> nulls(pending.size()); //!< a NULL in the key: never a duplicate
    TableHeap &heap = *table.heap;
    for (const auto &index : heap.indexesAsDeclared()) { // complete: see ensureIndexed()
        for (size_t p = 0; p < pending.size(); ++p) {
            bool hasNull = false;
            keys[p] = encodeKey(pending[p].version->view(), index->columns(), schema, &hasNull);
            nulls[p] = hasNull;
            hashes[p] = TableIndex::hashOf(keys[p]);
        }
        const bool droppedByMe
            = std::find(m_droppedIndexes.begin(), m_droppedIndexes.end(), index.get())
              != m_droppedIndexes.end();
        auto lock = index->lockForWrite(); // check-then-add is atomic per index
        index->reserveUnlocked(pending.size());
        constexpr size_t kAhead = 8; // buckets requested ahead of the one being checked
        for (size_t p = 0; p < pending.size(); ++p) {
            if (p + kAhead < pending.size())
                index->prefetch(hashes[p + kAhead]);
            const PendingKey &item = pending[p];
            const std::string &key = keys[p];
            if (item.previous && encodeKey(item.previous->view(), index->columns(), schema) == key)
                continue; // key unchanged: it was already checked and indexed
            const uint64_t hash = hashes[p];
            if (index->unique() && !droppedByMe && !nulls[p]) {
                auto check = [&](uint64_t other) {
                    if (other == item.slot)
                        return;
                    // The row's block becomes resident: its version decides (a writer may
                    // be changing it).
                    heap.ensureResident(other);
                    const Version *head = heap.head(other);
                    for (const Version *v = head; v; v = v->older) {
                        const uint64_t b = v->begin.load(std::memory_order_acquire);
                        const bool mine = b == m_view.txnMarker;
                        const bool sameKey = encodeKey(v->view(), index->columns(), schema) == key;
                        if (!mine && !isCommittedTs(b)) {
                            if (sameKey)
                                throwError(StatusCode::Conflict,
                                           "another transaction is writing a row with key "
                                               + describeKey(item.version->view(), index->columns(),
                                                             schema)
                                               + " in " + schema.name);
                            continue;
                        }
                        if (sameKey) {
                            const uint64_t e = v->end.load(std::memory_order_acquire);
                            if (e == kInfinity)
                                duplicate(item, index, p);
                            if (e != m_view.txnMarker && !isCommittedTs(e))
                                throwError(StatusCode::Conflict,
                                           "another transaction is changing the row with key "
                                               + describeKey(item.version->view(), index->columns(),
                                                             schema)
                                               + " in " + schema.name);
                        }
                        return; // only the newest committed (or own) version is live
                    }
                };
                // Rows written since the last checkpoint are in the hash, the others in the
                // runs.
                index->forEachCandidateUnlocked(hash, check);
                index->forEachRunSlot(key, check);
            }
            index->addUnlocked(hash, item.slot);
        }
    }
}

uint64_t Transaction::insert(const std::shared_ptr<TableEntry> &table, Row row)
{
    std::vector<Row> rows;
    rows.push_back(std::move(row));
    insertBatch(table, rows);
    return m_ops.back().slot;
}

void Transaction::insertBatch(const std::shared_ptr<TableEntry> &table, std::span<const Row> rows,
                              size_t firstRowNumber)
{
    requireWritable();
    if (rows.empty())
        return;
    TableHeap &heap = *table->heap;
    pinHeap(table->heap);
    heap.ensureIndexed(); // uniqueness is checked against every row (before the heap lock)
    const size_t mark = m_ops.size();
    std::vector<PendingKey> pending;
    pending.reserve(rows.size());
    std::exception_ptr error;
    {
        std::shared_lock gc(heap.gcLock());
        try {
            TableEntry *pinned = pin(table);
            const uint64_t first = heap.appendSlots(rows.size());
            Row converted;
            for (size_t r = 0; r < rows.size(); ++r) {
                // Rows already of the column types are encoded as they are, without a copy.
                const Row *row = &rows[r];
                if (!rowFits(*table->schema, *row)) {
                    converted = *row;
                    try {
                        prepareRow(*table->schema, converted);
                    } catch (const EngineError &e) {
                        if (rows.size() == 1 && firstRowNumber == 1)
                            throw;
                        throwError(e.code(), std::string(e.what()) + " (row "
                                                 + std::to_string(firstRowNumber + r) + ")");
                    }
                    row = &converted;
                }
                m_scratch.clear();
                rowcodec::encode(*row, m_scratch);
                m_bytesSinceSpill += m_scratch.size();
                Version *v
                    = Version::create(m_scratch.data(), static_cast<uint32_t>(m_scratch.size()),
                                      m_view.txnMarker, nullptr);
                heap.slot(first + r).store(v, std::memory_order_release);
                m_ops.push_back({OpKind::Insert, pinned, nullptr, first + r, v, nullptr, nullptr});
                pending.push_back({v, first + r, nullptr});
            }
            checkUnique(*table, pending, firstRowNumber);
        } catch (...) {
            error = std::current_exception();
        }
    }
    if (error) {
        rollbackTo(mark); // takes the heap lock itself, so after ours is released
        std::rethrow_exception(error);
    }
}

void Transaction::update(const std::shared_ptr<TableEntry> &table, uint64_t slot,
                         const Version *current, Row row)
{
    requireWritable();
    prepareRow(*table->schema, row);
    m_scratch.clear();
    rowcodec::encode(row, m_scratch);
    TableHeap &heap = *table->heap;
    pinHeap(table->heap);
    heap.ensureIndexed();
    std::shared_lock gc(heap.gcLock());
    auto *cur = const_cast<Version *>(current);
    auto conflict = [&] {
        throwError(StatusCode::Conflict, "write conflict on " + table->schema->name
                                             + ": the row was changed by a concurrent "
                                               "transaction; roll back and retry");
    };
    if (heap.slot(slot).load(std::memory_order_acquire) != cur)
        conflict();
    uint64_t expected = kInfinity;
    if (!cur->end.compare_exchange_strong(expected, m_view.txnMarker))
        conflict();
    Version *v = Version::create(m_scratch.data(), static_cast<uint32_t>(m_scratch.size()),
                                 m_view.txnMarker, cur);
    heap.slot(slot).store(v, std::memory_order_release);
    m_ops.push_back({OpKind::Update, pin(table), nullptr, slot, v, cur, nullptr});
    try {
        checkUnique(*table, {{v, slot, cur}});
    } catch (...) {
        undo(m_ops.back());
        m_ops.pop_back();
        throw;
    }
}

void Transaction::remove(const std::shared_ptr<TableEntry> &table, uint64_t slot,
                         const Version *current)
{
    requireWritable();
    TableHeap &heap = *table->heap;
    std::shared_lock gc(heap.gcLock());
    auto *cur = const_cast<Version *>(current);
    uint64_t expected = kInfinity;
    if (heap.slot(slot).load(std::memory_order_acquire) != cur
        || !cur->end.compare_exchange_strong(expected, m_view.txnMarker))
        throwError(StatusCode::Conflict, "write conflict on " + table->schema->name
                                             + ": the row was changed by a concurrent "
                                               "transaction; roll back and retry");
    m_ops.push_back({OpKind::Delete, pin(table), nullptr, slot, nullptr, cur, nullptr});
}

void Transaction::spillIfLarge()
{
    if (m_bytesSinceSpill >= m_core.options().spillBytes && m_core.options().spillBytes
        && !m_core.inMemory() && m_doomed.isOk()) {
        m_bytesSinceSpill = 0;
        m_core.spill(*this);
    }
}

void Transaction::claimSchema()
{
    requireWritable();
    if (m_holdsSchema)
        return;
    if (!m_core.catalog().claimSchema(m_view.txnMarker))
        throwError(StatusCode::Conflict, "another transaction is changing the schema");
    if (m_core.catalog().lastSchemaCommitTs() > m_view.snapshotTs) {
        m_core.catalog().releaseSchema(m_view.txnMarker);
        throwError(StatusCode::Conflict,
                   "the schema changed after this transaction started (roll back and retry)");
    }
    m_holdsSchema = true;
}

void Transaction::createTable(TableSchema schema)
{
    claimSchema();
    if (m_core.catalog().findLatest(schema.name))
        throwError(StatusCode::Invalid, "table " + schema.name + " already exists");
    if (m_core.catalog().findLatestView(schema.name))
        throwError(StatusCode::Invalid, "table or view " + schema.name + " already exists");
    schema.id = m_core.catalog().allocateTableId();
    auto entry = std::make_shared<TableEntry>();
    entry->heap = std::make_shared<TableHeap>(schema.id);
    entry->heap->addKeyIndexes(schema);
    entry->schema = std::make_shared<TableSchema>(std::move(schema));
    entry->begin.store(m_view.txnMarker);
    m_core.catalog().addTable(entry);
    m_ops.push_back({OpKind::CreateTable, pin(entry), nullptr, 0, nullptr, nullptr, nullptr});
}

void Transaction::dropTable(const std::shared_ptr<TableEntry> &table)
{
    claimSchema();
    uint64_t expected = kInfinity;
    if (!table->end.compare_exchange_strong(expected, m_view.txnMarker))
        throwError(StatusCode::Conflict,
                   "table " + table->schema->name + " was changed by a concurrent transaction");
    m_ops.push_back({OpKind::DropTable, nullptr, pin(table), 0, nullptr, nullptr, nullptr});
    for (const auto &index : m_core.catalog().indexesOf(table->schema->id, m_view))
        dropIndex(index);
}

void Transaction::alterTable(const std::shared_ptr<TableEntry> &table, TableSchema schema)
{
    claimSchema();
    uint64_t expected = kInfinity;
    if (!table->end.compare_exchange_strong(expected, m_view.txnMarker))
        throwError(StatusCode::Conflict,
                   "table " + table->schema->name + " was changed by a concurrent transaction");
    auto entry = std::make_shared<TableEntry>();
    entry->heap = table->heap;
    entry->schema = std::make_shared<TableSchema>(std::move(schema));
    entry->begin.store(m_view.txnMarker);
    m_core.catalog().addTable(entry);
    m_ops.push_back({OpKind::AlterTable, pin(entry), pin(table), 0, nullptr, nullptr, nullptr});
}

void Transaction::createIndex(IndexDef def)
{
    claimSchema();
    if (m_core.catalog().findLatestIndex(def.name))
        throwError(StatusCode::Invalid, "index " + def.name + " already exists");
    auto table = m_core.catalog().findTableById(def.tableId, m_view);
    STRATA_ASSERT(table, "index on a missing table");
    auto entry = std::make_shared<IndexEntry>();
    entry->def = def;
    entry->begin.store(m_view.txnMarker);
    TableHeap &heap = *table->heap;
    auto index = heap.addIndex(def.name, def.columns, def.unique);
    entry->heapIndex = index;
    m_core.catalog().addIndex(entry);
    m_ops.push_back({OpKind::CreateIndex, pin(table), nullptr, 0, nullptr, nullptr, pin(entry)});
    heap.fillIndexes({index}, *table->schema);
    if (!def.unique)
        return;
    std::unordered_map<std::string, uint64_t> seen;
    heap.forEachVisibleRow(m_view, [&](uint64_t slot, rowcodec::RowView row) {
        bool hasNull = false;
        std::string key = encodeKey(row, def.columns, *table->schema, &hasNull);
        if (!hasNull && !seen.emplace(std::move(key), slot).second)
            throwError(StatusCode::Constraint, "cannot create unique index " + def.name
                                                   + ": duplicate key "
                                                   + describeKey(row, def.columns, *table->schema)
                                                   + " in " + table->schema->name);
    });
}

void Transaction::dropIndex(const std::shared_ptr<IndexEntry> &index)
{
    claimSchema();
    uint64_t expected = kInfinity;
    if (!index->end.compare_exchange_strong(expected, m_view.txnMarker))
        throwError(StatusCode::Conflict,
                   "index " + index->def.name + " was changed by a concurrent transaction");
    auto table = m_core.catalog().findTableById(index->def.tableId, m_view);
    m_ops.push_back({OpKind::DropIndex, pin(table), nullptr, 0, nullptr, nullptr, pin(index)});
    m_droppedIndexes.push_back(index->heapIndex.get());
}

void Transaction::createView(ViewDef def)
{
    claimSchema();
    if (m_core.catalog().findLatest(def.name) || m_core.catalog().findLatestView(def.name))
        throwError(StatusCode::Invalid, "table or view " + def.name + " already exists");
    auto entry = std::make_shared<ViewEntry>();
    entry->def = std::move(def);
    entry->begin.store(m_view.txnMarker);
    m_core.catalog().addView(entry);
    TxnOp op{OpKind::CreateView, nullptr, nullptr, 0, nullptr, nullptr, nullptr};
    op.view = pin(entry);
    m_ops.push_back(op);
}

void Transaction::dropView(const std::shared_ptr<ViewEntry> &view)
{
    claimSchema();
    uint64_t expected = kInfinity;
    if (!view->end.compare_exchange_strong(expected, m_view.txnMarker))
        throwError(StatusCode::Conflict,
                   "view " + view->def.name + " was changed by a concurrent transaction");
    TxnOp op{OpKind::DropView, nullptr, nullptr, 0, nullptr, nullptr, nullptr};
    op.view = pin(view);
    m_ops.push_back(op);
}

void Transaction::rollbackTo(size_t mark)
{
    while (m_ops.size() > mark) {
        TxnOp &op = m_ops.back();
        if (op.kind <= OpKind::Delete) {
            std::shared_lock gc(op.entry->heap->gcLock());
            undo(op);
        } else {
            undo(op);
        }
        m_ops.pop_back();
    }
}

void Transaction::undo(TxnOp &op)
{
    switch (op.kind) {
    case OpKind::Insert:
    case OpKind::Update: {
        TableHeap &heap = *op.entry->heap;
        heap.slot(op.slot).store(op.oldVersion, std::memory_order_release);
        if (op.oldVersion)
            op.oldVersion->end.store(kInfinity, std::memory_order_release);
        heap.unindexVersion(op.newVersion, op.oldVersion, op.slot, *op.entry->schema);
        heap.retire(op.newVersion);
        m_core.noteGarbage(1);
        break;
    }
    case OpKind::Delete:
        op.oldVersion->end.store(kInfinity, std::memory_order_release);
        break;
    case OpKind::CreateTable:
        m_core.catalog().removeTable(op.entry);
        break;
    case OpKind::DropTable:
        op.oldEntry->end.store(kInfinity);
        break;
    case OpKind::AlterTable:
        m_core.catalog().removeTable(op.entry);
        op.oldEntry->end.store(kInfinity);
        break;
    case OpKind::CreateIndex:
        op.entry->heap->dropIndex(op.index->heapIndex.get());
        m_core.catalog().removeIndex(op.index);
        break;
    case OpKind::DropIndex:
        op.index->end.store(kInfinity);
        std::erase(m_droppedIndexes, op.index->heapIndex.get());
        break;
    case OpKind::CreateView:
        m_core.catalog().removeView(op.view);
        break;
    case OpKind::DropView:
        op.view->end.store(kInfinity);
        break;
    }
}

} // namespace strata::engine
