#pragma once

#include "engine/storage/file.h"
#include "engine/storage/table_heap.h"

#include <atomic>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace strata::engine {

//! The first byte of every block of a manifest or a data file.
enum class BlockKind : uint8_t {
    Meta = 1,
    Table = 2,
    Index = 3,
    Rows = 4,
    Deletions = 5,
    End = 6,
    Segments = 7,
    //! A data file block whose payload is zstd-compressed: the kind, the raw size (u32), then
    //! one zstd frame holding the raw block, its kind byte included.
    Compressed = 8,
    //! A manifest block: the commit timestamp of a table's blocks whose rows were written
    //! before their transaction committed (begin 0 in the rows): table id, count, then per
    //! block its index among the table's blocks and the timestamp.
    Begins = 9,
    //! A data file block of an index run: kind, table id, count, then per entry the key
    //! (length-prefixed) and the slot, sorted by key, then slot.
    IndexEntries = 10,
    //! A manifest block: an index's runs (table id, index name, run count, then per run its
    //! block count and per block its reference, entry count, first and last keys).
    IndexRuns = 11,
    //! A manifest block: a view's definition (writeViewDef).
    View = 12
};

//! One row of a Rows block: a view into the block's buffer.
struct BaseRow {
    uint64_t slot;
    uint64_t begin;
    std::string_view bytes;
};

//! Checks and lists the rows of a raw Rows block (kind, table id, count, then per row slot,
//! begin timestamp, length-prefixed row bytes). With a reference, the count and the slots
//! must be the ones it names, and rows with begin 0 get the reference's beginTs. Throws
//! Corrupt naming `where`. Returns the table id.
uint64_t parseRowBlock(std::string_view block, const BlockRef *ref, const std::string &where,
                       std::vector<BaseRow> &rows);

//! Buffers a reader reuses from block to block.
struct BlockBuffers {
    std::string framed; //!< the block as read, with its frame
    std::string plain;  //!< a compressed block's raw bytes
};

class BlockStore;
//! Reads, checks and lists row block `ref` of table `tableId` (from `file` when given, else
//! the store's open file): `rows` view `buffers`. Throws Corrupt naming the file and offset.
const std::vector<BaseRow> &readRowBlock(const BlockStore &store, const BlockRef &ref,
                                         uint64_t tableId, BlockBuffers &buffers,
                                         std::vector<BaseRow> &rows,
                                         const std::shared_ptr<File> &file = nullptr);

//! The data files of one database folder (`data-NNNNNN.blk`), kept open: a read-only opener
//! goes on reading the files its checkpoint names after a writer's checkpoint deletes them.
class BlockStore {
public:
    explicit BlockStore(std::string dir)
        : m_dir(std::move(dir))
    {
    }
    static std::string fileName(uint32_t number);
    //! The data file numbers present in `dir`.
    static std::set<uint32_t> listFiles(const std::string &dir);
    //! Opens these files for reading (throws Corrupt, naming the file, when one is missing).
    void open(const std::set<uint32_t> &numbers);
    //! Closes every file not in `keep`.
    void keepOnly(const std::set<uint32_t> &keep);
    //! Reads a framed block, checks its length and checksum and undoes its compression;
    //! returns the raw block (in `buffers`). Throws Corrupt naming the file and the offset.
    std::string_view read(const BlockRef &ref, BlockBuffers &buffers) const;
    //! The same from a file held by the caller (a reader that must outlive a checkpoint).
    std::string_view read(const BlockRef &ref, BlockBuffers &buffers,
                          const std::shared_ptr<File> &file) const;
    //! The open file with this number (null when it is not open).
    std::shared_ptr<File> pin(uint32_t number) const;
    std::string pathOf(uint32_t number) const { return m_dir + "/" + fileName(number); }
    //! Block bytes read since the database opened (tests and benchmarks see the laziness).
    uint64_t bytesRead() const { return m_bytesRead.load(std::memory_order_relaxed); }

private:
    std::string m_dir;
    mutable std::mutex m_mutex; //!< guards m_files
    std::map<uint32_t, std::shared_ptr<File>> m_files;
    mutable std::atomic<uint64_t> m_bytesRead{0};
};

//! A table's checkpointed rows read block by block, with one block in memory: what a scan of
//! a table nobody changed since the open reads instead of loading the table. It holds the
//! data files open, so a checkpoint that replaces them does not take them from under it.
class BaseRowReader {
public:
    BaseRowReader(std::shared_ptr<const BlockStore> store, std::vector<BlockRef> refs,
                  uint64_t tableId);
    size_t blockCount() const { return m_refs.size(); }
    const BlockRef &ref(size_t i) const { return m_refs[i]; }
    //! Reads and checks block `i`; its rows stay valid until the next call.
    const std::vector<BaseRow> &read(size_t i);
    //! The row in `slot` (read with its block), or null when no block holds it.
    const BaseRow *find(uint64_t slot);

private:
    std::shared_ptr<const BlockStore> m_store;
    std::vector<BlockRef> m_refs;
    uint64_t m_tableId;
    std::map<uint32_t, std::shared_ptr<File>> m_files;
    BlockBuffers m_buffers;
    std::vector<BaseRow> m_rows;
    size_t m_lastRead = SIZE_MAX; //!< the block m_rows holds
};

//! Writes blocks into one new data file (made on the first block), each compressed on a
//! helper thread while the caller builds the next: a checkpoint's cost is its largest part
//! spread over both cores, and the file is what a block compresses to (about 40% of the
//! rows' in-memory bytes for typical text).
class DataFileWriter {
public:
    DataFileWriter(const BlockStore &store, uint32_t number)
        : m_store(store)
        , m_number(number)
    {
    }
    ~DataFileWriter();
    DataFileWriter(const DataFileWriter &) = delete;
    DataFileWriter &operator=(const DataFileWriter &) = delete;
    //! Queues a raw block; `placed` gets its reference (file, offset, length, crc) once it
    //! is written, on this thread, at the latest in finish().
    void write(std::string block, std::function<void(const BlockRef &)> placed);
    //! Writes what is queued and syncs the file. Throws what writing or compressing threw.
    void finish();
    //! Whether a block was written (the file exists).
    bool used() const { return m_file.isOpen() || m_size > 0; }

private:
    struct Pending {
        std::future<std::string> payload;
        std::function<void(const BlockRef &)> placed;
    };
    void writeFront();
    const BlockStore &m_store;
    uint32_t m_number;
    File m_file;
    uint64_t m_size = 0;
    std::deque<Pending> m_pending;
};

} // namespace strata::engine
