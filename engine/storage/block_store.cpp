#include "engine/storage/block_store.h"

#include "engine/common/bytes.h"
#include "engine/common/status.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>
#include <zstd.h>

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

std::string_view BlockStore::read(const BlockRef &ref, BlockBuffers &buffers) const
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
    std::string &out = buffers.framed;
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
    if (block.empty() || static_cast<uint8_t>(block[0]) != kCompressedBlock)
        return block;
    uint32_t rawSize = 0;
    if (block.size() < 5)
        throwError(StatusCode::Corrupt, where + ": compressed block without its size");
    std::memcpy(&rawSize, block.data() + 1, 4);
    buffers.plain.resize(rawSize);
    const size_t got
        = ZSTD_decompress(buffers.plain.data(), rawSize, block.data() + 5, block.size() - 5);
    if (ZSTD_isError(got) || got != rawSize)
        throwError(StatusCode::Corrupt,
                   where + " does not decompress ("
                       + (ZSTD_isError(got)
                              ? std::string(ZSTD_getErrorName(got))
                              : std::to_string(got) + " bytes, not " + std::to_string(rawSize))
                       + ")");
    return buffers.plain;
}

namespace {

// zstd's fastest levels: a 1 MiB block of rows compresses at several hundred MB/s and
// decompresses at about 1 GB/s per core, to a size near level 1's (measured on the
// benchmark table: 331 MB of blocks to 134 MB; level 1 gives 132 MB at 1.4x the time).
constexpr int kCompressionLevel = -1;

std::string compressedPayload(const std::string &raw)
{
    std::string out(5 + ZSTD_compressBound(raw.size()), '\0');
    const size_t n
        = ZSTD_compress(out.data() + 5, out.size() - 5, raw.data(), raw.size(), kCompressionLevel);
    if (ZSTD_isError(n) || n + 5 >= raw.size())
        return raw; // kept as it is: compression would not make it smaller
    out[0] = static_cast<char>(kCompressedBlock);
    const auto rawSize = static_cast<uint32_t>(raw.size());
    std::memcpy(out.data() + 1, &rawSize, 4);
    out.resize(n + 5);
    return out;
}

} // namespace

DataFileWriter::~DataFileWriter()
{
    // A checkpoint that failed: let the helpers finish before their inputs go.
    for (auto &p : m_pending)
        if (p.payload.valid())
            p.payload.wait();
}

void DataFileWriter::write(std::string block, std::function<void(const BlockRef &)> placed)
{
    constexpr size_t kInFlight = 2; // blocks being compressed while this thread builds one
    m_pending.push_back({std::async(std::launch::async,
                                    [raw = std::move(block)] { return compressedPayload(raw); }),
                         std::move(placed)});
    while (m_pending.size() > kInFlight)
        writeFront();
}

void DataFileWriter::writeFront()
{
    Pending p = std::move(m_pending.front());
    m_pending.pop_front();
    const std::string payload = p.payload.get();
    if (!m_file.isOpen())
        m_file = File(m_store.pathOf(m_number), File::Mode::Create);
    BlockRef ref;
    ref.file = m_number;
    ref.offset = m_size;
    ref.length = static_cast<uint32_t>(payload.size());
    ref.crc = crc32c(payload.data(), payload.size());
    char frame[8];
    std::memcpy(frame, &ref.length, 4);
    std::memcpy(frame + 4, &ref.crc, 4);
    m_file.writeAll(frame, sizeof frame);
    m_file.writeAll(payload);
    m_size += 8 + payload.size();
    p.placed(ref);
}

void DataFileWriter::finish()
{
    while (!m_pending.empty())
        writeFront();
    if (m_file.isOpen()) {
        m_file.dataSync();
        m_file.close();
    }
}

} // namespace strata::engine
