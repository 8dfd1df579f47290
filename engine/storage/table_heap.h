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

//! Encodes the values of `columns` of a row as an index key; empty when any is NULL
//! (NULLs never collide in a UNIQUE key and never match an equality lookup).
std::string encodeKey(const rowcodec::RowView &row, const std::vector<uint32_t> &columns,
                      const TableSchema &schema);
std::string encodeKeyValues(const std::vector<Value> &values);

//! A hash index from key to the row slots whose versions hold it: an open-addressing table
//! of (hash of key, slot) pairs. Entries may be stale, and different keys may share a hash:
//! every reader rechecks the version's real key.
class HashIndex {
public:
    HashIndex(std::string name, std::vector<uint32_t> columns, bool unique)
        : m_name(std::move(name))
        , m_columns(std::move(columns))
        , m_unique(unique)
    {
    }
    const std::string &name() const { return m_name; }
    const std::vector<uint32_t> &columns() const { return m_columns; }
    bool unique() const { return m_unique; }

    static uint64_t hashOf(const std::string &key);

    void add(const std::string &key, uint64_t slot);
    void remove(const std::string &key, uint64_t slot);
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
    //! Forgets every entry (a heap whose rows went back to its blocks).
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
    mutable std::shared_mutex m_mutex; //!< guards m_entries, m_used
    std::vector<Entry> m_entries;
    size_t m_used = 0; //!< live and removed entries (removed ones still lengthen probes)
};

//! A record that a row with this identity (primary key, or all columns) was deleted.
struct DeletionRecord {
    uint64_t commitTs;
    std::string keyRow; //!< encoded row holding the identity columns, in identity order
};

//! Where one checkpointed block of a table's rows lies: framed at `offset` in data file
//! `file`, holding the table's rows of slots [firstSlot, endSlot).
class BlockStore;
class BaseRowReader;

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
//! A heap opened from a checkpoint starts *unloaded*: its rows stay in the checkpoint's blocks
//! until the first call that reaches them (slotCount, the index calls; appendSlots and
//! ensureSlot when the heap cannot append) reads them in. slot() does not load: callers got
//! their slot numbers from one of those.
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
    uint64_t slotCount() const
    {
        ensureLoaded();
        return m_slotCount.load(std::memory_order_acquire);
    }
    //! The slots reserved so far, without loading: past baseEnd() they hold the rows added
    //! since (a spilling heap's tail); an unloaded heap's base slots are not counted.
    uint64_t storedSlotCount() const { return m_slotCount.load(std::memory_order_acquire); }

    // Base storage: the blocks of the last checkpoint that hold this table's rows.
    //! Hands an empty heap its checkpointed blocks; `load` reads them into the heap when the
    //! rows are first needed (it may use every call of the heap; it runs once, unless it
    //! throws, and then the next caller tries again).
    void setBase(std::vector<BlockRef> blocks, std::shared_ptr<const BlockStore> store,
                 std::function<void(TableHeap &)> load);
    //! A reader of the base blocks while the heap is unloaded (so nothing changed since the
    //! checkpoint: the blocks are the table at any snapshot taken since the open), else null.
    //! Taken under the load lock, so no load, write and checkpoint can slip in between.
    std::unique_ptr<BaseRowReader> baseReader() const;
    void ensureLoaded() const
    {
        if (!m_loaded.load(std::memory_order_acquire))
            loadSlow();
    }
    bool loaded() const { return m_loaded.load(std::memory_order_acquire); }
    //! Every block the last checkpoint names for this table (with an appending heap's
    //! copies of rows it also holds in memory).
    std::vector<BlockRef> baseBlocks() const;
    //! The blocks whose rows are not in memory: those ending at or before residentFrom()
    //! (all of them unless the heap appends).
    std::vector<BlockRef> unloadedBlocks() const;
    //! After a checkpoint: the blocks that now hold the rows.
    void replaceBase(std::vector<BlockRef> blocks);
    //! Rows in the unloaded blocks (the table's row count while it is unloaded and nothing
    //! was appended).
    uint64_t baseRowCount() const;
    //! The slot after the last base block's (0 without blocks).
    uint64_t baseEnd() const;
    //! While unloaded: the first slot whose rows are in memory (the end of the unloaded
    //! blocks); slots before it are read from the blocks.
    uint64_t residentFrom() const { return m_residentFrom.load(std::memory_order_acquire); }

    // Appending: a table opened from a checkpoint takes inserts without being read in. Its
    // unloaded blocks stay as they are, new rows go to slots from residentFrom() on, and a
    // checkpoint writes those as new blocks (copies: the rows stay in memory too). Anything
    // else that needs the rows (an update, a delete, an index) loads them as before.
    bool appending() const { return m_appending.load(std::memory_order_acquire); }

    // Spilling: a table made by a big transaction keeps only its newest rows in memory.
    // The older ones go to data files as blocks whose rows have begin 0 (resolved through
    // BlockRef::beginTs). While spilling, inserts append to the tail without loading, the
    // indexes stay complete (uniqueness checks read a spilled row from its block), and any
    // other use of the rows loads them back (through `load`).
    bool spilling() const { return m_spilling.load(std::memory_order_acquire); }
    //! Moves slots [baseEnd(), end) into `blocks` (which cover exactly them): their versions
    //! are freed. Only for a heap nobody else can see, between its owner's statements.
    void spill(std::vector<BlockRef> blocks, uint64_t end, std::shared_ptr<const BlockStore> store,
               std::function<void(TableHeap &)> load);
    //! Sets beginTs `ts` on the base blocks whose beginTs is `marker` (the spiller's commit).
    void resolveSpilledBase(uint64_t marker, uint64_t ts);
    //! After the commit of a spilling heap: its rows are all in `blocks`; every version and
    //! index entry in memory goes, and the heap is as if just opened from the checkpoint.
    void resetToBase(std::vector<BlockRef> blocks, std::shared_ptr<const BlockStore> store,
                     std::function<void(TableHeap &)> load);
    //! Gives slots [0, end) real storage again (the loader of a spilled heap).
    void materializeSlots(uint64_t end);
    //! The bytes of a spilled row that is in no slot (false when no block holds `slot`).
    bool spilledRow(uint64_t slot, std::string &bytes) const;

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

    //! Head of the version chain of a slot (< slotCount()).
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
    //! Grows the table so that slot `s` exists (used by recovery).
    void ensureSlot(uint64_t s);

    //! Held shared by everyone who dereferences versions; exclusive by the collector.
    std::shared_mutex &gcLock() { return m_gcLock; }

    // Indexes (the primary key is named "PRIMARY").
    std::shared_ptr<HashIndex> addIndex(const std::string &name, std::vector<uint32_t> columns,
                                        bool unique);
    //! The indexes the schema's keys need: "PRIMARY", then "UNIQUE_1", "UNIQUE_2", ...
    void addKeyIndexes(const TableSchema &schema);
    //! Drops this very index (a name may be dropped and made again in one transaction).
    void dropIndex(const HashIndex *index);
    std::shared_ptr<HashIndex> findIndex(const std::string &name) const;
    std::vector<std::shared_ptr<HashIndex>> indexes() const;
    //! The indexes without loading the rows: for the loader, whose helper threads must not
    //! wait on the load they are part of.
    std::vector<std::shared_ptr<HashIndex>> indexesAsDeclared() const;
    //! The indexes for adding and removing a writer's entries: complete without loading
    //! while the heap spills (whose index entries stay when its rows go) or appends, else
    //! indexes().
    std::vector<std::shared_ptr<HashIndex>> indexesForWrite() const;
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

    void loadSlow() const;
    //! Turns an unloaded heap into an appending one (false when it cannot append without
    //! loading: it has indexes, or it is loading now).
    bool startAppending();
    //! Makes slots [0, end) exist, those of whole chunks before `end` as the empty chunk.
    void reserveUnloaded(uint64_t end);
    std::vector<BlockRef> unloadedBlocksLocked() const; //!< under m_baseMutex
    static Chunk *emptyChunk();
    void freeSlotStorage();

    uint64_t m_tableId;
    std::atomic<uint64_t> m_slotCount{0};
    mutable std::atomic<bool> m_loaded{true};
    mutable std::atomic<bool> m_spilling{false};
    mutable std::atomic<bool> m_appending{false};
    std::atomic<uint64_t> m_residentFrom{0};
    mutable bool m_loading = false;           //!< guarded by m_loadMutex
    mutable std::recursive_mutex m_loadMutex; //!< the loader may call back into the heap
    mutable std::function<void(TableHeap &)> m_loader;
    mutable std::mutex m_baseMutex; //!< guards m_base
    std::vector<BlockRef> m_base;
    std::shared_ptr<const BlockStore> m_store; //!< set with the base, before any reader

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
    std::vector<std::shared_ptr<HashIndex>> m_indexes;
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
