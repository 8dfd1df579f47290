#pragma once

#include "engine/catalog/catalog.h"
#include "engine/mvcc/transaction.h"
#include "engine/storage/block_store.h"
#include "engine/storage/file.h"
#include "engine/storage/index_run.h"
#include "engine/storage/wal/log.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace strata::engine {

struct DatabaseOptions {
    SyncMode sync = SyncMode::Full;
    bool readOnly = false;
    //! How long deletion records are kept for incremental exports.
    int64_t deletionRetentionMicros = 30LL * 24 * 3600 * 1000000;
    //! Log size after which a background checkpoint starts.
    uint64_t checkpointLogBytes = 64ULL << 20;
    //! Rows a transaction inserts into tables it made, past which they go to data files
    //! before it commits (0: never), so that an import bigger than memory fits.
    uint64_t spillBytes = 128ULL << 20;
    //! Memory a sort holds before it writes sorted runs to a temporary file.
    uint64_t sortMemoryBytes = 256ULL << 20;
    //! Run garbage collection, log flushing and checkpoints on a background thread.
    bool background = true;
    //! Shown to another process that finds the database locked.
    std::string programName = "strata";
};

//! The engine's shared state: catalog, transactions, log, recovery, checkpoints and garbage
//! collection. The public face is api/Database.
class DatabaseCore {
public:
    //! An in-memory database (no folder, nothing durable).
    DatabaseCore();
    //! Opens or creates the database folder `dir`; throws EngineError.
    DatabaseCore(const std::string &dir, const DatabaseOptions &options);
    ~DatabaseCore();

    //! Whether `dir` holds a database (a checkpoint or a log file).
    static bool holdsDatabase(const std::string &dir);
    //! What a writer's checkpoint changes in a database folder: the checkpoint file's identity
    //! and the log files present (equal strings: no checkpoint happened in between).
    static std::string folderGeneration(const std::string &dir);

    bool inMemory() const { return m_dir.empty(); }
    bool readOnly() const { return m_options.readOnly; }
    bool closed() const { return m_closed.load(std::memory_order_acquire); }
    //! Ends writing: stops the background thread, checkpoints a long log, syncs it and
    //! releases the folder's lock; afterwards transactions can still read but not write.
    //! Throws EngineError when the checkpoint or sync fails. Called again, does nothing.
    void close();
    const std::string &directory() const { return m_dir; }
    const DatabaseOptions &options() const { return m_options; }
    Catalog &catalog() { return m_catalog; }
    const std::vector<std::string> &openWarnings() const { return m_warnings; }

    std::unique_ptr<Transaction> begin();
    //! Commits; on failure the transaction is rolled back and the status says why.
    Status commit(Transaction &txn) noexcept;
    void rollback(Transaction &txn) noexcept;

    //! A read snapshot registered so garbage collection keeps what it sees.
    uint64_t acquireSnapshot();
    void releaseSnapshot(uint64_t ts);
    uint64_t lastCommitTs() const { return m_lastCommitTs.load(std::memory_order_acquire); }

    //! Writes a checkpoint now (no-op in memory and read-only).
    void checkpoint();
    //! Frees versions, entries and deletion records nobody can see any more, and releases
    //! resident blocks whose rows are what their files hold (TableHeap::releaseUnchangedBlocks).
    size_t collectGarbage();
    //! Committed tables, tables with blocks read into memory, such blocks, indexes filled
    //! from blocks, blocks resident now, data-file bytes read.
    void storageCounts(size_t &tables, size_t &inMemory, uint64_t &blocksInMemory,
                       uint64_t &indexFills, uint64_t &blocksResident, uint64_t &bytesRead) const;
    void noteGarbage(size_t n) { m_garbage.fetch_add(n, std::memory_order_relaxed); }
    //! Writes the rows of the tables `txn` made (and wrote only by inserts) to a new data
    //! file each and frees them from memory (Transaction::spillIfLarge).
    void spill(Transaction &txn);
    uint64_t nextTxnId() { return m_nextTxnId.fetch_add(1); }

private:
    uint64_t oldestActiveSnapshot();
    void lockDirectory();
    void recover();
    //! Reads the manifest (format 2: tables stay unloaded) or a whole format-1 checkpoint;
    //! returns the format's number.
    int loadCheckpoint(const std::string &path, uint64_t &walSeq);
    //! Where a heap finds its newest schema (for the keys of rows read from its blocks).
    TableHeap::SchemaSource schemaSource(const TableHeap &heap,
                                         std::shared_ptr<TableSchema> schemaAtOpen);
    //! Change marks a checkpoint takes with its snapshot, per heap.
    using ChangeMarks = std::vector<std::pair<std::shared_ptr<TableHeap>, std::vector<uint64_t>>>;
    ChangeMarks takeChangeMarks();
    void applyRecord(uint64_t ts, std::string_view payload);
    void writeCheckpoint();
    //! Releases every heap's unchanged resident blocks (the caller holds m_checkpointMutex).
    void releaseUnchangedBlocks();
    //! Writes the checkpoint of everything committed at `snapshot`, to be followed by the log
    //! file `walSeq`, and removes older logs.
    //! Only blocks of loaded tables that hold a slot marked in `marks` (or past the table's
    //! blocks) are written; on failure the marks go back to their heaps.
    void writeCheckpointFile(uint64_t snapshot, uint64_t walSeq, ChangeMarks marks);
    //! Bytes of row versions a transaction wrote (what its log record would hold, about).
    static uint64_t rowBytes(const Transaction &txn);
    //! Commits a big transaction by writing a checkpoint instead of a log record (the caller
    //! holds m_commitMutex and m_checkpointMutex).
    void commitByCheckpoint(Transaction &txn, uint64_t ts);
    //! Streams a transaction's redo operations into the current log record.
    void writeOps(const Transaction &txn);
    void stamp(Transaction &txn, uint64_t ts);
    void backgroundLoop();
    uint64_t nextCommitTs();

    std::string m_dir;
    DatabaseOptions m_options;
    Catalog m_catalog;
    std::vector<std::string> m_warnings;
    int m_lockFd = -1;
    std::atomic<bool> m_closed{false};

    std::atomic<uint64_t> m_nextTxnId{1};
    std::atomic<uint64_t> m_lastCommitTs{0};
    std::mutex m_snapshotMutex; //!< guards m_activeSnapshots
    std::map<uint64_t, int> m_activeSnapshots;

    std::mutex m_commitMutex; //!< serialises commit order, the log and checkpoint rotation
    std::unique_ptr<LogWriter> m_log;
    std::mutex m_checkpointMutex; //!< one checkpoint at a time
    std::shared_ptr<BlockStore> m_blocks;
    //! Recently read blocks of index runs, shared by every index of the database.
    std::shared_ptr<IndexBlockCache> m_indexCache = std::make_shared<IndexBlockCache>();
    std::atomic<uint32_t> m_nextDataFile{1};
    std::mutex m_spillMutex;         //!< guards m_spillFiles
    std::set<uint32_t> m_spillFiles; //!< data files of transactions yet to commit
    //! Drops a finished transaction's spill files from m_spillFiles (deleting them when
    //! it rolled back).
    void releaseSpillFiles(Transaction &txn, bool remove) noexcept;
    //! After stamping: the commit timestamp for the spilled blocks, and the versions whose
    //! ops the spill dropped.
    void stampSpilled(Transaction &txn, uint64_t ts);

    std::atomic<size_t> m_garbage{0};
    //! A CREATE INDEX committed since the last checkpoint began (the next one writes its runs).
    std::atomic<bool> m_indexMadeSinceCheckpoint{false};
    std::mutex m_bgMutex; //!< guards m_stop, with m_bgWake
    std::condition_variable m_bgWake;
    bool m_stop = false;
    std::thread m_background;
};

} // namespace strata::engine
