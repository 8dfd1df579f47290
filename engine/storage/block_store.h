#pragma once

#include "engine/storage/file.h"
#include "engine/storage/table_heap.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace strata::engine {

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
    //! Reads a framed block into `buffer` and checks its length and checksum; returns the
    //! block without its frame. Throws Corrupt naming the file and the offset.
    std::string_view read(const BlockRef &ref, std::string &buffer) const;
    std::string pathOf(uint32_t number) const { return m_dir + "/" + fileName(number); }
    //! Block bytes read since the database opened (tests and benchmarks see the laziness).
    uint64_t bytesRead() const { return m_bytesRead.load(std::memory_order_relaxed); }

private:
    std::string m_dir;
    mutable std::mutex m_mutex; //!< guards m_files
    std::map<uint32_t, std::shared_ptr<File>> m_files;
    mutable std::atomic<uint64_t> m_bytesRead{0};
};

} // namespace strata::engine
