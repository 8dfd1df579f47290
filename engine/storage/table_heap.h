#pragma once

#include "engine/storage/version.h"
#include "engine/types/schema.h"

#include <array>
#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace strata::engine {

//! Encodes the values of `columns` of a row as an index key. Keys compare byte by byte
//! (memcmp) as their values do, column after column: each column's part is a tag (NULL sorts
//! first) and then the value: integers, dates, timestamps and booleans as big-endian with the
//! sign bit flipped, doubles by their bits made to sort (-0.0 as 0.0), text and blobs with
//! NUL escaped and a terminator. So a key of the first columns is a prefix of the whole key,
//! and keys sort for range lookups. `hasNull` says whether a column was NULL (such a key
//! never collides in a UNIQUE index and never matches an equality lookup).
std::string encodeKey(const rowcodec::RowView &row, const std::vector<uint32_t> &columns,
                      const TableSchema &schema, bool *hasNull = nullptr);
//! The key of values, each already of its column's type; empty when any is NULL (an
//! equality lookup of NULL finds nothing).
std::string encodeKeyValues(const std::vector<Value> &values);
//! Column `c` of a stored row: a row written before ALTER TABLE ADD COLUMN added `c` reads
//! the column's default (a DEFAULT of the current time: NULL, as scans read it).
Value columnValue(const rowcodec::RowView &row, uint32_t c, const TableSchema &schema);

class BlockStore;
class File;
class IndexRun;
class IndexBlockCache;
struct KeyRange;
using IndexRuns = std::vector<std::shared_ptr<const IndexRun>>;

//! An index of a table: from key to the row slots whose versions hold it. Two parts:
//! * runs (index_run.h): every row of the last checkpoint, in sorted runs in data files,
//!   written by the checkpoints (none for a table never checkpointed);
//! * a hash in memory: an open-addressing table of (hash of key, slot) pairs for the rows
//!   written since (or for every row, while there are no runs).
//! Entries of either may be stale, and different keys may share a hash: every reader
//! rechecks the version's real key.
class TableIndex {
public:
    TableIndex(std::string name, std::vector<uint32_t> columns, bool unique)
        : m_name(std::move(name))
        , m_columns(std::move(columns))
        , m_unique(unique)
    {
    }
    const std::string &name() const { return m_name; }
    const std::vector<uint32_t> &columns() const { return m_columns; }
    bool unique() const { return m_unique; }
    //! Whether every row's key is in it: in the runs (with the rows changed since in the
    //! hash), or in the hash alone. An index of a heap opened from a checkpoint without runs
    //! for it is incomplete until TableHeap::ensureIndexed fills its hash.
    bool complete() const { return m_complete.load(std::memory_order_acquire) || hasRuns(); }
    //! Says whether the hash alone holds every row's key.
    void setComplete(bool complete) { m_complete.store(complete, std::memory_order_release); }
    bool hashComplete() const { return m_complete.load(std::memory_order_acquire); }

    // Runs.
    //! Installs the runs a checkpoint wrote (they hold every row it saw).
    void setRuns(std::shared_ptr<const IndexRuns> runs, std::shared_ptr<const BlockStore> store,
                 std::shared_ptr<IndexBlockCache> cache, uint64_t tableId);
    bool hasRuns() const { return m_hasRuns.load(std::memory_order_acquire); }
    //! The runs (null without any).
    std::shared_ptr<const IndexRuns> runs() const;
    //! Calls `f` with every slot the runs hold `key` for.
    void forEachRunSlot(const std::string &key, const std::function<void(uint64_t)> &f) const;
    //! The candidate slots for keys in `range`: the runs' entries in it, and every slot of
    //! the hash (the rows changed since the runs were written). False, with `out` unfinished,
    //! when there are more than `limit`, or no runs.
    bool findRange(const KeyRange &range, size_t limit, std::vector<uint64_t> &out) const;
    //! Keeps only the hash entries whose slot `keep` says (the runs a checkpoint installed
    //! hold the others), in a table sized for them.
    void pruneHash(const std::function<bool(uint64_t)> &keep);

    static uint64_t hashOf(const std::string &key);

    void add(const std::string &key, uint64_t slot);
    void remove(const std::string &key, uint64_t slot);
    //! The candidate slots for `key`: the hash's entries of its hash, the runs' of the key.
    std::vector<uint64_t> find(const std::string &key) const;
    template<typename F>
    void forEachCandidate(const std::string &key, F &&f) const
    {
        std::shared_lock lock(m_mutex);
        forEachCandidateUnlocked(hashOf(key), f);
    }

    //! For a writer that checks and adds many keys: hold this, then use the *Unlocked calls.
    std::unique_lock<std::shared_mutex> lockForWrite() { return std::unique_lock(m_mutex); }
    void addUnlocked(uint64_t hash, uint64_t slot);
    //! Makes room for `more` entries at once (a batch insert grows the table once).
    void reserveUnlocked(size_t more);
    //! Starts loading the bucket of `hash` into the cache: a batch asks for the next keys'
    //! buckets while it checks the current one, so the random reads overlap.
    void prefetch(uint64_t hash) const
    {
        if (!m_entries.empty())
            __builtin_prefetch(&m_entries[hash & (m_entries.size() - 1)]);
    }
    //! Adds many (hash, slot) pairs at once into an empty index, sized once and filled in
    //! bucket order so the table is written sequentially (opening a database).
    void bulkLoad(std::vector<std::pair<uint64_t, uint64_t>> &pairs);
    //! Forgets every entry of the hash (a heap whose rows went back to its blocks).
    void clear();
    template<typename F>
    void forEachCandidateUnlocked(uint64_t hash, F &&f) const
    {
        if (m_entries.empty())
            return;
        const size_t mask = m_entries.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            const Entry &e = m_entries[i];
            if (e.slot == kEmpty)
                return;
            if (e.slot != kRemoved && e.hash == hash)
                f(e.slot);
        }
    }

private:
    struct Entry {
        uint64_t hash;
        uint64_t slot;
    };
    static constexpr uint64_t kEmpty = ~0ULL;
    static constexpr uint64_t kRemoved = ~0ULL - 1;
    void grow();

    std::string m_name;
    std::vector<uint32_t> m_columns;
    bool m_unique;
    std::atomic<bool> m_complete{true};
    mutable std::shared_mutex m_mutex; //!< guards m_entries, m_used
    std::vector<Entry> m_entries;
    size_t m_used = 0; //!< live and removed entries (removed ones still lengthen probes)
    //! The runs with what reads them, taken together under the lock.
    struct RunsView {
        std::shared_ptr<const IndexRuns> runs;
        std::shared_ptr<const BlockStore> store;
        std::shared_ptr<IndexBlockCache> cache;
    };
    RunsView runsView() const;
    std::atomic<bool> m_hasRuns{false};
    mutable std::mutex m_runsMutex; //!< guards the runs and what reads them
    std::shared_ptr<const IndexRuns> m_runs;
    std::shared_ptr<const BlockStore> m_store;
    std::shared_ptr<IndexBlockCache> m_cache;
    uint64_t m_tableId = 0;
};

//! A record that a row with this identity (primary key, or all columns) was deleted.
struct DeletionRecord {
    uint64_t commitTs;
    std::string keyRow; //!< encoded row holding the identity columns, in identity order
};

//! Where one checkpointed block of a table's rows lies: framed at `offset` in data file
//! `file`, holding the table's rows of slots [firstSlot, endSlot).
class BaseRowReader;
struct BaseRow;
struct BlockBuffers;

struct BlockRef {
    uint32_t file = 0;
    uint32_t length = 0; //!< bytes of the block after its 8-byte frame
    uint64_t offset = 0;
    uint32_t crc = 0;
    uint32_t rows = 0;
    uint64_t firstSlot = 0;
    uint64_t endSlot = 0;
    //! The begin timestamp of rows stored with begin 0: rows a transaction spilled before
    //! it committed (its marker until the commit, then its commit timestamp).
    uint64_t beginTs = 0;
};

//! The rows of one table: a growable array of slots, each the head of a version chain.
//! Slots never move, so a slot number identifies a row in the log and checkpoint.
//!
//! A heap opened from a checkpoint has *base blocks*: the checkpoint's row blocks, each
//! covering a slot range. A block is *resident* when its rows are versions in the slots, or
//! not: then its rows stay in its data file, unchanged since the checkpoint, and its slots read
//! as empty. Readers read a block that is not resident from its file; anything that changes a
//! row, or needs its version, makes that row's block resident first (ensureResident). Slots
//! past the blocks (rows added since) are always resident. Residency only grows, so a reader
//! that found a block resident finds it so to the end.
class TableHeap {
public:
    explicit TableHeap(uint64_t tableId)
        : m_tableId(tableId)
    {
    }
    ~TableHeap();
    TableHeap(const TableHeap &) = delete;
    TableHeap &operator=(const TableHeap &) = delete;

    uint64_t tableId() const { return m_tableId; }
    //! The slots in use: the base blocks' range and the slots added after it.
    uint64_t slotCount() const
    {
        return std::max(m_slotCount.load(std::memory_order_acquire),
                        m_baseEnd.load(std::memory_order_acquire));
    }

    //! Where a heap's newest schema comes from (index keys of rows read from blocks).
    using SchemaSource = std::function<std::shared_ptr<const TableSchema>()>;

    // Base storage: the blocks of the last checkpoint that hold this table's rows.
    //! Hands an empty heap its checkpointed blocks, none of them resident; its indexes
    //! become incomplete (ensureIndexed fills them from the blocks when first needed).
    void setBase(std::vector<BlockRef> blocks, std::shared_ptr<const BlockStore> store,
                 SchemaSource schema);
    //! A reader of every base block (holding their data files open), or null without any.
    std::unique_ptr<BaseRowReader> baseReader() const;
    //! Every block the last checkpoint names for this table.
    std::vector<BlockRef> baseBlocks() const;
    //! Each base block with whether it is resident.
    std::vector<std::pair<BlockRef, bool>> baseBlocksWithResidency() const;
    //! After a checkpoint: the blocks that now hold the rows. `fromMemory[i]` says block i was
    //! written from the slots (so it is resident); a block kept from before keeps its residency.
    void replaceBase(std::vector<BlockRef> blocks, const std::vector<bool> &fromMemory,
                     std::shared_ptr<const BlockStore> store, SchemaSource schema);
    //! The slot after the last base block's (0 without blocks).
    uint64_t baseEnd() const { return m_baseEnd.load(std::memory_order_acquire); }
    //! Whether every row is in the slots (no base block, or all of them resident).
    bool allResident() const { return m_allResident.load(std::memory_order_acquire); }
    //! Whether the row in `slot` is in the slots (false: it is in a block not yet resident).
    bool isResident(uint64_t slot) const;
    //! The base block holding `slot` now, with its data file held open; false past the blocks.
    //! A block not resident holds that row as every snapshot since the open sees it.
    bool currentBlock(uint64_t slot, BlockRef &ref, std::shared_ptr<const BlockStore> &store,
                      std::shared_ptr<File> &file) const;
    //! Makes the block holding `slot` resident (reads and decodes it), if it is not yet.
    void ensureResident(uint64_t slot);
    //! The slot ranges whose rows are in memory: resident blocks (adjacent ones joined) and
    //! the slots past the blocks.
    std::vector<std::pair<uint64_t, uint64_t>> residentRanges() const;
    //! Rows visible to `view`: the row counts of blocks not resident (unchanged since the
    //! checkpoint, so seen whole by every snapshot since the open) and the resident slots.
    //! `poll` runs every so many slots (it may throw to cancel).
    uint64_t countVisible(const ReadView &view, const std::function<void()> &poll = {}) const;
    //! Blocks read into memory since the open (tests and statistics).
    uint64_t blocksMaterialized() const { return m_materialized.load(std::memory_order_relaxed); }
    //! Base blocks resident now.
    size_t residentBlocks() const;

    // Releasing: a resident block whose rows are what its file holds, and what every
    // snapshot sees, goes back to the file (its versions are freed), under the collector's
    // lock, while no transaction has the heap pinned: one that reads or writes the heap pins
    // it until it ends (it may hold versions across the lock). A reader that reads slots
    // checks, under that lock, that their block is still resident, and else reads the block
    // that now holds them (a transaction that pinned the heap after a release).
    void pin() const;
    void unpin() const;
    //! Releases the resident blocks with no change since the last checkpoint (no mark) whose
    //! every row is one version committed at or before `oldest` (the oldest snapshot anyone
    //! holds: all of them see it) and not being changed. Skipped while the heap is pinned (a
    //! transaction may hold its versions) or while the load lock is taken; the caller keeps
    //! checkpoints out. Returns the blocks released.
    size_t releaseUnchangedBlocks(uint64_t oldest);
    //! Indexes filled from blocks not resident since the open (tests and statistics).
    uint64_t indexFills() const { return m_indexFills.load(std::memory_order_relaxed); }

    // Spilling: a table made by a big transaction keeps only its newest rows in memory.
    // The older ones go to data files as blocks whose rows have begin 0 (resolved through
    // BlockRef::beginTs). While spilling, the indexes stay complete (their entries stay when
    // the rows go), and the blocks are read like any other.
    bool spilling() const { return m_spilling.load(std::memory_order_acquire); }
    //! Moves slots [baseEnd(), end) into `blocks` (which cover exactly them): their versions
    //! are freed. Only for a heap nobody else can see, between its owner's statements.
    void spill(std::vector<BlockRef> blocks, uint64_t end, std::shared_ptr<const BlockStore> store,
               SchemaSource schema);
    //! Sets beginTs `ts` on the base blocks whose beginTs is `marker` (the spiller's commit).
    void resolveSpilledBase(uint64_t marker, uint64_t ts);
    //! After the commit of a spilling heap: its rows are all in `blocks`; every version and
    //! index entry in memory goes, and the heap is as if just opened from the checkpoint.
    void resetToBase(std::vector<BlockRef> blocks, std::shared_ptr<const BlockStore> store,
                     SchemaSource schema);

    // Change marks, in granules of kGranuleSlots slots, for the next checkpoint.
    static constexpr unsigned kGranuleBits = 12;
    //! Notes that a committed (or replayed) change reached `slot`.
    void markChanged(uint64_t slot);
    //! The marks so far, leaving none (a checkpoint takes them with its snapshot).
    std::vector<uint64_t> takeChanged();
    //! Puts marks back (a checkpoint that failed).
    void restoreChanged(const std::vector<uint64_t> &marks);
    //! Whether any granule of [first, end) is marked in `marks`.
    static bool anyMarked(const std::vector<uint64_t> &marks, uint64_t first, uint64_t end);

    //! The head of a slot's version chain, or null (also for a slot whose block is not
    //! resident, or that has no storage yet): for readers, who check isResident() first.
    const Version *head(uint64_t s) const
    {
        if (s >= m_slotCount.load(std::memory_order_acquire))
            return nullptr;
        return const_cast<TableHeap *>(this)->slot(s).load(std::memory_order_acquire);
    }
    //! Head of the version chain of a slot that has storage: one added since the open, or
    //! of a resident block.
    std::atomic<Version *> &slot(uint64_t s)
    {
        if (s < kHeadSlots)
            return m_head[s];
        return m_dir.load(std::memory_order_acquire)[s >> kDirShift]
            .load(std::memory_order_acquire)[(s >> kChunkBits) & kDirMask]
            .load(std::memory_order_acquire)
            ->slots[s & kChunkMask];
    }
    //! Reserves a new empty slot and returns its number.
    uint64_t appendSlot();
    //! Reserves `n` consecutive empty slots; returns the first.
    uint64_t appendSlots(uint64_t n);
    //! Makes slot `s` exist and hold its row (used by recovery): a slot of a base block
    //! makes that block resident; past the blocks, the heap grows.
    void ensureSlot(uint64_t s);

    //! Held shared by everyone who dereferences versions; exclusive by the collector.
    std::shared_mutex &gcLock() { return m_gcLock; }

    // Indexes (the primary key is named "PRIMARY"). An index of a heap opened from a
    // checkpoint is incomplete until its first use, which reads the keys of the blocks that
    // are not resident (their rows stay in the files).
    //! A new index, complete (its creator fills it) unless the heap has blocks not resident.
    std::shared_ptr<TableIndex> addIndex(const std::string &name, std::vector<uint32_t> columns,
                                         bool unique);
    //! The indexes the schema's keys need: "PRIMARY", then "UNIQUE_1", "UNIQUE_2", ...
    void addKeyIndexes(const TableSchema &schema);
    //! Drops this very index (a name may be dropped and made again in one transaction).
    void dropIndex(const TableIndex *index);
    //! The index of this name, complete.
    std::shared_ptr<TableIndex> findIndex(const std::string &name) const;
    //! The indexes, complete (ensureIndexed).
    std::vector<std::shared_ptr<TableIndex>> indexes() const;
    //! The indexes as they are (complete or not): for choosing one, and for writers adding
    //! entries of their versions.
    std::vector<std::shared_ptr<TableIndex>> indexesAsDeclared() const;
    //! Fills incomplete indexes with the keys of every row (fillIndexes).
    void ensureIndexed() const;
    //! After a checkpoint at `snapshot` installed runs: drops the hash entries of rows whose
    //! only version is committed at or before it (the runs hold them; older snapshots see
    //! no other version).
    void pruneIndexHashes(uint64_t snapshot);
    //! Adds the keys of every row to `indexes` and marks them complete: the blocks not
    //! resident are read (on both cores) for their keys only; every version in memory too.
    void fillIndexes(const std::vector<std::shared_ptr<TableIndex>> &indexes,
                     const TableSchema &schema) const;
    //! Calls `visit` with every row `view` sees: rows of blocks not resident as read from
    //! their files, then the resident ones.
    void forEachVisibleRow(const ReadView &view,
                           const std::function<void(uint64_t, rowcodec::RowView)> &visit) const;
    //! Adds entries for a version to every index.
    void indexVersion(const Version *v, uint64_t slot, const TableSchema &schema);
    //! Removes entries of `gone` from every index unless another version in `keep` holds
    //! the same key in the same slot.
    void unindexVersion(const Version *gone, const Version *keepChain, uint64_t slot,
                        const TableSchema &schema);

    // Change tracking.
    void recordDeletion(uint64_t commitTs, std::string keyRow);
    std::vector<DeletionRecord> deletionsAfter(uint64_t ts) const;
    std::vector<DeletionRecord> allDeletions() const;
    void pruneDeletions(uint64_t olderThanTs);

    //! Records that a version in `slot` was ended at `commitTs` (it becomes garbage later).
    void noteEnded(uint64_t slot, uint64_t commitTs);
    //! Frees versions no reader at or after `oldestTs` can see, visiting only rows noted as
    //! ended; returns how many.
    size_t collectGarbage(uint64_t oldestTs, const TableSchema &schema);
    //! The same over every row (after recovery, when nothing was noted).
    size_t collectAll(uint64_t oldestTs, const TableSchema &schema);
    //! Frees a version that was never visible to anyone (rolled back), under gcLock.
    void retire(Version *v);

private:
    static constexpr unsigned kChunkBits = 12;
    static constexpr uint64_t kChunkMask = (1u << kChunkBits) - 1;
    static constexpr unsigned kDirBits = 10;
    static constexpr uint64_t kDirMask = (1u << kDirBits) - 1;
    static constexpr unsigned kDirShift = kChunkBits + kDirBits;
    struct Chunk {
        std::array<std::atomic<Version *>, 1u << kChunkBits> slots{};
    };
    using ChunkRow = std::atomic<Chunk *>[1u << kDirBits];

    //! The directory entry (a row of chunk pointers) of chunk `chunk`, made if missing
    //! (under m_growMutex).
    std::atomic<std::atomic<Chunk *> *> &chunkEntry(uint64_t chunk);
    //! Gives slots [0, baseEnd()) storage: the empty chunk where no row is resident.
    void reserveBase();
    //! Replaces the empty chunks of slots [first, end) by real ones (under m_growMutex).
    void realChunks(uint64_t first, uint64_t end);
    //! Makes base block `index` of m_base resident (under m_loadMutex).
    void materialize(size_t index);
    //! The block of m_base holding `slot`, or SIZE_MAX (under m_baseMutex).
    size_t blockOf(uint64_t slot) const;
    void updateAllResident(); //!< under m_baseMutex
    void fillIndexesLocked(const std::vector<std::shared_ptr<TableIndex>> &indexes,
                           const TableSchema &schema) const; //!< under m_loadMutex
    static Chunk *emptyChunk();
    void freeSlotStorage();

    uint64_t m_tableId;
    std::atomic<uint64_t> m_slotCount{0}; //!< slots with storage
    std::atomic<uint64_t> m_baseEnd{0};
    std::atomic<bool> m_allResident{true};
    std::atomic<bool> m_spilling{false};
    std::atomic<uint64_t> m_materialized{0};
    mutable std::atomic<int> m_pins{0}; //!< transactions that may hold versions (pin())
    mutable std::atomic<uint64_t> m_indexFills{0};
    //! Serialises making blocks resident, filling indexes from blocks and replacing the base.
    mutable std::mutex m_loadMutex;
    mutable std::mutex m_baseMutex; //!< guards m_base, m_resident, m_store, m_schema
    std::vector<BlockRef> m_base;
    std::vector<uint8_t> m_resident; //!< per block of m_base
    std::shared_ptr<const BlockStore> m_store;
    SchemaSource m_schema;

    std::mutex m_changedMutex;       //!< guards m_changed
    std::vector<uint64_t> m_changed; //!< bitmap of changed granules
    std::mutex m_growMutex;          //!< guards chunk allocation
    // A small table's rows live in m_head; the directory and its chunks (48 KiB at least)
    // come with the first row past it, so that ten thousand tiny tables stay small.
    // (Chunk 0 leaves its first kHeadSlots slots unused.)
    static constexpr uint64_t kHeadSlots = 64;
    std::array<std::atomic<Version *>, kHeadSlots> m_head{};
    std::atomic<std::atomic<std::atomic<Chunk *> *> *> m_dir{nullptr};
    std::shared_mutex m_gcLock;
    mutable std::mutex m_indexMutex; //!< guards m_indexes (the list, not their content)
    std::vector<std::shared_ptr<TableIndex>> m_indexes;
    mutable std::mutex m_deletionMutex; //!< guards m_deletions
    std::deque<DeletionRecord> m_deletions;
    size_t trimSlot(uint64_t slot, uint64_t oldestTs, const TableSchema &schema);
    size_t freeRetired();

    std::mutex m_retiredMutex; //!< guards m_retired
    std::vector<Version *> m_retired;
    std::mutex m_endedMutex;                            //!< guards m_ended
    std::vector<std::pair<uint64_t, uint64_t>> m_ended; //!< (commit ts, slot) of ended versions
};

} // namespace strata::engine
