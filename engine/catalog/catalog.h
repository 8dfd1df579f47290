#pragma once

#include "engine/storage/table_heap.h"
#include "engine/storage/version.h"
#include "engine/types/schema.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace strata::engine {

//! One version of a table's catalog entry. ALTER TABLE ends one entry and begins another
//! that shares the same heap; DROP TABLE ends the entry.
struct TableEntry {
    std::shared_ptr<TableSchema> schema;
    std::shared_ptr<TableHeap> heap;
    std::atomic<uint64_t> begin{kInfinity};
    std::atomic<uint64_t> end{kInfinity};

    bool visibleTo(const ReadView &view) const
    {
        return view.beginVisible(begin.load(std::memory_order_acquire))
               && !view.ended(end.load(std::memory_order_acquire));
    }
    //! Not ended by anyone, committed or not.
    bool isLatest() const { return end.load(std::memory_order_acquire) == kInfinity; }
};

struct IndexEntry {
    IndexDef def;
    //! The hash index in the table's heap that this entry made.
    std::shared_ptr<TableIndex> heapIndex;
    std::atomic<uint64_t> begin{kInfinity};
    std::atomic<uint64_t> end{kInfinity};

    bool visibleTo(const ReadView &view) const
    {
        return view.beginVisible(begin.load(std::memory_order_acquire))
               && !view.ended(end.load(std::memory_order_acquire));
    }
};

struct ViewEntry {
    ViewDef def;
    std::atomic<uint64_t> begin{kInfinity};
    std::atomic<uint64_t> end{kInfinity};

    bool visibleTo(const ReadView &view) const
    {
        return view.beginVisible(begin.load(std::memory_order_acquire))
               && !view.ended(end.load(std::memory_order_acquire));
    }
};

//! All versions of all table, index and view entries. Lookups go through a ReadView.
class Catalog {
public:
    std::shared_ptr<TableEntry> findTable(std::string_view name, const ReadView &view) const;
    std::shared_ptr<TableEntry> findTableById(uint64_t id, const ReadView &view) const;
    //! The newest entry of a name, whoever wrote it (for conflict and existence checks).
    std::shared_ptr<TableEntry> findLatest(std::string_view name) const;
    std::vector<std::shared_ptr<TableEntry>> tables(const ReadView &view) const;
    std::shared_ptr<IndexEntry> findIndex(std::string_view name, const ReadView &view) const;
    std::shared_ptr<IndexEntry> findLatestIndex(std::string_view name) const;
    std::vector<std::shared_ptr<IndexEntry>> indexesOf(uint64_t tableId,
                                                       const ReadView &view) const;

    std::shared_ptr<ViewEntry> findView(std::string_view name, const ReadView &view) const;
    std::shared_ptr<ViewEntry> findLatestView(std::string_view name) const;
    //! Sorted by name.
    std::vector<std::shared_ptr<ViewEntry>> views(const ReadView &view) const;

    void addTable(std::shared_ptr<TableEntry> entry);
    void addIndex(std::shared_ptr<IndexEntry> entry);
    //! Removes entries (rolled back, or ended before `oldestTs` and seen by no one).
    void removeTable(const TableEntry *entry);
    void removeIndex(const IndexEntry *entry);
    void addView(std::shared_ptr<ViewEntry> entry);
    void removeView(const ViewEntry *entry);
    //! Drops entries that ended at or before `oldestTs`; returns the heaps no entry uses now.
    std::vector<std::shared_ptr<TableHeap>> collectGarbage(uint64_t oldestTs);
    //! Every entry (recovery and checkpoint use the committed latest ones).
    std::vector<std::shared_ptr<TableEntry>> allTables() const;
    std::vector<std::shared_ptr<IndexEntry>> allIndexes() const;
    //! One entry per heap: the newest, whose schema knows every column the heap's rows and
    //! indexes may use (ALTER TABLE only appends columns and renames).
    std::vector<std::shared_ptr<TableEntry>> newestPerHeap() const;

    uint64_t allocateTableId() { return m_nextTableId.fetch_add(1); }
    void noteTableId(uint64_t id);
    uint64_t nextTableId() const { return m_nextTableId.load(); }

    //! The transaction (marker) allowed to change the schema now, or 0.
    bool claimSchema(uint64_t txnMarker);
    void releaseSchema(uint64_t txnMarker);
    uint64_t lastSchemaCommitTs() const { return m_lastSchemaCommit.load(); }
    void noteSchemaCommit(uint64_t ts) { m_lastSchemaCommit.store(ts); }

private:
    mutable std::mutex m_mutex; //!< guards m_tables, m_indexes, m_views, m_schemaOwner
    std::vector<std::shared_ptr<TableEntry>> m_tables;
    std::vector<std::shared_ptr<IndexEntry>> m_indexes;
    std::vector<std::shared_ptr<ViewEntry>> m_views;
    uint64_t m_schemaOwner = 0;
    std::atomic<uint64_t> m_nextTableId{1};
    std::atomic<uint64_t> m_lastSchemaCommit{0};
};

} // namespace strata::engine
