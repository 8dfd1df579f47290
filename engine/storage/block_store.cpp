#include "engine/storage/block_store.h"

#include "engine/common/bytes.h"
#include "engine/common/status.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace strata::engine {

std::string BlockStore::fileName(uint32_t number)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "data-%06u.blk", number);
    return buf;
}

std::set<uint32_t> BlockStore::listFiles(const std::string &dir)
{
    std::set<uint32_t> out;
    for (const auto &name : listDirectory(dir)) {
        unsigned number = 0;
        char tail[8] = {};
        if (name.size() == 15 && std::sscanf(name.c_str(), "data-%6u.%3s", &number, tail) == 2
            && std::strcmp(tail, "blk") == 0 && fileName(number) == name)
            out.insert(number);
    }
    return out;
}

void BlockStore::open(const std::set<uint32_t> &numbers)
{
    for (uint32_t n : numbers) {
        {
            std::lock_guard lock(m_mutex);
            if (m_files.count(n))
                continue;
        }
        std::shared_ptr<File> file;
        try {
            file = std::make_shared<File>(pathOf(n), File::Mode::Read);
        } catch (const EngineError &e) {
            if (e.code() != StatusCode::NotFound)
                throw;
            throwError(StatusCode::Corrupt, "data file " + pathOf(n)
                                                + " is missing (the checkpoint's rows are in "
                                                  "it; restore a backup, or move the folder "
                                                  "aside)");
        }
        std::lock_guard lock(m_mutex);
        m_files.emplace(n, std::move(file));
    }
}

void BlockStore::keepOnly(const std::set<uint32_t> &keep)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_files, [&](const auto &f) { return !keep.count(f.first); });
}

std::string_view BlockStore::read(const BlockRef &ref, std::string &out) const
{
    std::shared_ptr<File> file;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_files.find(ref.file);
        if (it != m_files.end())
            file = it->second;
    }
    const std::string where = pathOf(ref.file) + ": block at byte " + std::to_string(ref.offset);
    if (!file)
        throwError(StatusCode::Corrupt, where + " is in a data file that is not open");
    out.resize(size_t(ref.length) + 8);
    size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::pread(file->fd(), out.data() + done, out.size() - done,
                                  static_cast<off_t>(ref.offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            throwError(StatusCode::Io, "cannot read " + where + ": " + systemError());
        if (n == 0)
            throwError(StatusCode::Corrupt, where + " is cut short (the file ends)");
        done += static_cast<size_t>(n);
    }
    m_bytesRead.fetch_add(out.size(), std::memory_order_relaxed);
    uint32_t len, crc;
    std::memcpy(&len, out.data(), 4);
    std::memcpy(&crc, out.data() + 4, 4);
    if (len != ref.length || crc != ref.crc)
        throwError(StatusCode::Corrupt, where + " is not the block the checkpoint names");
    const std::string_view block(out.data() + 8, ref.length);
    if (crc32c(block.data(), block.size()) != crc)
        throwError(StatusCode::Corrupt, where + " fails its checksum");
    return block;
}

} // namespace strata::engine
