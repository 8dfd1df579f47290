#pragma once

#include "engine/catalog/catalog.h"
#include "engine/common/status.h"
#include "engine/storage/version.h"

#include <algorithm>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace strata::engine {

class DatabaseCore;

enum class OpKind : uint8_t {
    Insert = 1,
    Update = 2,
    Delete = 3,
    CreateTable = 4,
    DropTable = 5,
    AlterTable = 6,
    CreateIndex = 7,
    DropIndex = 8,
    CreateView = 9,
    DropView = 10,
};

//! One change a transaction made, kept for commit (stamp + log) and rollback (undo).
struct TxnOp {
    OpKind kind;
    TableEntry *entry;    //!< DML: the entry written through; DDL: the new one
    TableEntry *oldEntry; //!< DropTable/AlterTable: the entry it ends
    uint64_t slot = 0;
    Version *newVersion = nullptr;
    Version *oldVersion = nullptr;
    IndexEntry *index = nullptr;
    ViewEntry *view = nullptr; //!< CreateView: the new entry; DropView: the one it ends
};

//! A snapshot-isolated transaction. Used by one thread at a time. DML and DDL methods throw
//! EngineError; after a Conflict the transaction is doomed and can only roll back.
class Transaction {
public:
    Transaction(DatabaseCore &core, uint64_t id, uint64_t snapshotTs);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    uint64_t id() const { return m_id; }
    const ReadView &view() const { return m_view; }
    uint64_t snapshotTs() const { return m_view.snapshotTs; }
    bool isActive() const { return m_active; }
    //! This transaction has changed the schema (plans made before may not hold for it).
    bool changedSchema() const { return m_holdsSchema; }
    bool hasWrites() const { return !m_ops.empty(); }
    //! Set when a statement failed with a conflict; commit then fails with it.
    const Status &doomed() const { return m_doomed; }
    void doom(Status why) { m_doomed = std::move(why); }

    Catalog &catalog();
    std::shared_ptr<TableEntry> table(std::string_view name) const;
    std::shared_ptr<TableEntry> requireTable(std::string_view name) const;

    //! Validates, coerces and inserts a full row (defaults already applied); returns its slot.
    uint64_t insert(const std::shared_ptr<TableEntry> &table, Row row);
    //! insert() for many rows at once (converted in place). All or none: on an error the
    //! batch is undone and the message names the row (1-based within the batch).
    void insertBatch(const std::shared_ptr<TableEntry> &table, std::span<const Row> rows,
                     size_t firstRowNumber = 1);
    //! Replaces the version `current` (seen by this transaction) in `slot` with `row`.
    void update(const std::shared_ptr<TableEntry> &table, uint64_t slot, const Version *current,
                Row row);
    void remove(const std::shared_ptr<TableEntry> &table, uint64_t slot, const Version *current);

    void createTable(TableSchema schema);
    void dropTable(const std::shared_ptr<TableEntry> &table);
    //! Replaces a table's schema (rename, add column); the heap is shared.
    void alterTable(const std::shared_ptr<TableEntry> &table, TableSchema schema);
    void createIndex(IndexDef def);
    void dropIndex(const std::shared_ptr<IndexEntry> &index);
    //! Whether this transaction dropped the index (its keys no longer bind its writes).
    bool droppedIndex(const TableIndex *index) const
    {
        return std::find(m_droppedIndexes.begin(), m_droppedIndexes.end(), index)
               != m_droppedIndexes.end();
    }
    void createView(ViewDef def);
    void dropView(const std::shared_ptr<ViewEntry> &view);

    //! Between statements (no savepoint held): when this transaction has inserted more than
    //! DatabaseOptions::spillBytes since it last did, the rows of the tables it made go to
    //! data files (see TableHeap::spill), and it will commit by a checkpoint.
    void spillIfLarge();
    bool spilled() const { return m_spilled; }

    //! Keeps `heap` from releasing resident blocks until this transaction ends: its scans and
    //! writes hold versions across the collector's lock (TableHeap::releaseUnchangedBlocks).
    void pinHeap(const std::shared_ptr<TableHeap> &heap);
    //! Lets every pinned heap go (the transaction ended).
    void unpinHeaps();

    //! Where a sort too big for its memory writes its runs: the database folder (empty in
    //! memory; a read-only folder may refuse, and then the system's temporary folder is
    //! used), and how much it holds first.
    const std::string &temporaryDirectory() const;
    uint64_t sortMemoryBytes() const;

    //! Marks the start of a statement; rollbackTo() undoes everything after the mark.
    size_t savepoint() const { return m_ops.size(); }
    void rollbackTo(size_t mark);

    //! Converts values to the column types and checks NOT NULL and lengths.
    static void prepareRow(const TableSchema &schema, Row &row);
    //! Checks NOT NULL and lengths of a row whose values already have the column types;
    //! false when some value needs converting first (then use prepareRow on a copy).
    static bool rowFits(const TableSchema &schema, const Row &row);

private:
    friend class DatabaseCore;
    void requireWritable();
    void claimSchema();
    struct PendingKey {
        const Version *version;
        uint64_t slot;
        const Version *previous; //!< an update's old version (its keys need no check)
    };
    //! Checks unique keys of new versions and adds index entries for them.
    void checkUnique(const TableEntry &table, const std::vector<PendingKey> &pending,
                     size_t firstRowNumber = 1);
    void undo(TxnOp &op);

    //! Keeps entries named by m_ops alive; an op holds a plain pointer (48 bytes, no refcount).
    template<typename T>
    T *pin(const std::shared_ptr<T> &p)
    {
        if (p && (m_pins.empty() || m_pins.back().get() != p.get()))
            m_pins.push_back(p);
        return p.get();
    }

    DatabaseCore &m_core;
    uint64_t m_id;
    ReadView m_view;
    bool m_active = true;
    bool m_holdsSchema = false;
    //! Indexes this transaction dropped: their uniqueness no longer binds its own writes.
    std::vector<const TableIndex *> m_droppedIndexes;
    Status m_doomed;
    std::vector<TxnOp> m_ops;
    std::vector<std::shared_ptr<void>> m_pins;
    std::string m_scratch;
    std::vector<std::shared_ptr<TableHeap>> m_pinnedHeaps;
    uint64_t m_bytesSinceSpill = 0;
    bool m_spilled = false;
    bool m_reachedCommitPoint = false;
    std::vector<std::shared_ptr<TableHeap>> m_spillHeaps; //!< heaps that spilled
    std::vector<uint32_t> m_spillFiles;                   //!< the data files they went to
};

} // namespace strata::engine
