#pragma once

#include "engine/storage/block_store.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

// Index runs: what an index holds for the rows of the last checkpoint, written by that
// checkpoint as immutable sorted runs of (key, slot) entries in data file blocks (the LSM
// shape: new runs for new rows, small runs merged into bigger ones, nothing rewritten in
// place). An index then needs no build when the database opens, and its keys are ordered:
// a range of keys is a stretch of each run.
namespace strata::engine {

//! One entry of an index: a key (encodeKey) and the slot of a row that held it.
struct KeySlot {
    std::string key;
    uint64_t slot;
    bool operator<(const KeySlot &o) const
    {
        const int c = key.compare(o.key);
        return c < 0 || (c == 0 && slot < o.slot);
    }
    bool operator==(const KeySlot &o) const { return slot == o.slot && key == o.key; }
};

//! Where one block of a run is, with its first and last keys (kept in memory to find it).
struct RunBlock {
    BlockRef ref; //!< ref.rows is the block's entry count
    std::string firstKey;
    std::string lastKey;
};

//! A run: blocks of entries sorted by key, then slot. It holds its data files open, so a
//! checkpoint that replaces it does not take them from a lookup still reading it.
class IndexRun {
public:
    explicit IndexRun(std::vector<RunBlock> blocks)
        : m_blocks(std::move(blocks))
    {
        for (const auto &b : m_blocks)
            m_entries += b.ref.rows;
    }
    const std::vector<RunBlock> &blocks() const { return m_blocks; }
    uint64_t entries() const { return m_entries; }
    //! Opens the run's files through `store` (once they are open there).
    void pinFiles(const BlockStore &store);
    const std::shared_ptr<File> &file(uint32_t number) const;

private:
    friend class RunBuilder;
    std::vector<RunBlock> m_blocks;
    uint64_t m_entries = 0;
    std::map<uint32_t, std::shared_ptr<File>> m_files;
};

//! An index's runs, oldest first.
using IndexRuns = std::vector<std::shared_ptr<const IndexRun>>;

//! A range of keys; a bound is compared with as many bytes of a key as it has, so a bound
//! holding the first columns of a composite key takes every key starting with them.
struct KeyRange {
    bool hasLow = false, lowInclusive = true;
    bool hasHigh = false, highInclusive = true;
    std::string low, high;
    bool aboveLow(std::string_view key) const;
    bool belowHigh(std::string_view key) const;
};

//! A decoded index block: its entries view its own bytes.
struct IndexBlock {
    std::string bytes;
    std::vector<std::pair<std::string_view, uint64_t>> entries;
    size_t lowerBound(std::string_view key) const;
};

//! Reads the blocks of runs, keeping the most recently used ones (up to a memory budget):
//! lookups of nearby keys, and each row of a batch checked against a unique key, read a
//! block once.
class IndexBlockCache {
public:
    explicit IndexBlockCache(size_t budgetBytes = 32u << 20)
        : m_budget(budgetBytes)
    {
    }
    std::shared_ptr<const IndexBlock> get(const BlockStore &store, const IndexRun &run,
                                          size_t block, uint64_t tableId);

private:
    struct Item {
        std::shared_ptr<const IndexBlock> block;
        uint64_t lastUse;
    };
    std::mutex m_mutex;
    std::map<std::pair<uint32_t, uint64_t>, Item> m_items;
    size_t m_bytes = 0;
    size_t m_budget;
    uint64_t m_clock = 0;
};

//! Reads and checks one block of a run (no cache). Throws Corrupt naming the file.
std::shared_ptr<const IndexBlock> readIndexBlock(const BlockStore &store, const IndexRun &run,
                                                 size_t block, uint64_t tableId);

//! Calls `visit` with the slot of every entry of `runs` holding `key`.
void forEachRunSlot(const BlockStore &store, IndexBlockCache &cache, const IndexRuns &runs,
                    uint64_t tableId, std::string_view key,
                    const std::function<void(uint64_t)> &visit);
//! Appends the slots of the entries of `runs` in `range` to `out`; false (stopping) once more
//! than `limit` were found.
bool collectRunRange(const BlockStore &store, IndexBlockCache &cache, const IndexRuns &runs,
                     uint64_t tableId, const KeyRange &range, size_t limit,
                     std::vector<uint64_t> &out);

//! Builds a run from entries given in order, as blocks of about 64 KiB queued on a data file
//! writer; the run's references are complete once the writer placed them (data.finish()).
class RunBuilder {
public:
    RunBuilder(DataFileWriter &data, uint64_t tableId);
    void add(std::string_view key, uint64_t slot);
    //! The run (its blocks' references filled in by the writer, at the latest in its
    //! finish()); null when nothing was added.
    std::shared_ptr<IndexRun> finish();

private:
    void flush();
    DataFileWriter &m_data;
    uint64_t m_tableId;
    std::shared_ptr<IndexRun> m_run;
    std::string m_block;
    uint32_t m_count = 0;
    std::string m_firstKey, m_lastKey;
    std::string m_previousKey;
    uint64_t m_previousSlot = 0;
    bool m_any = false;
};

//! Merges `runs` and the sorted entries `fresh` into one run in `out` (entries equal in key
//! and slot kept once), reading each run's blocks in order.
void mergeRuns(const BlockStore &store, const IndexRuns &runs, uint64_t tableId,
               const std::vector<KeySlot> &fresh, RunBuilder &out);

} // namespace strata::engine
