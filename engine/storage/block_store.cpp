#include "engine/storage/block_store.h"

#include "engine/common/bytes.h"
#include "engine/common/status.h"

#include <algorithm>
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

std::shared_ptr<File> BlockStore::pin(uint32_t number) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_files.find(number);
    return it == m_files.end() ? nullptr : it->second;
}

std::string_view BlockStore::read(const BlockRef &ref, BlockBuffers &buffers) const
{
    return read(ref, buffers, pin(ref.file));
}

std::string_view BlockStore::read(const BlockRef &ref, BlockBuffers &buffers,
                                  const std::shared_ptr<File> &file) const
{
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
    if (block.empty() || static_cast<BlockKind>(block[0]) != BlockKind::Compressed)
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
    out[0] = static_cast<char>(BlockKind::Compressed);
    const auto rawSize = static_cast<uint32_t>(raw.size());
    std::memcpy(out.data() + 1, &rawSize, 4);
    out.resize(n + 5);
    return out;
}

} // namespace

uint64_t parseRowBlock(std::string_view block, const BlockRef *ref, const std::string &where,
                       std::vector<BaseRow> &rows)
{
    rows.clear();
    ByteReader r(block, "checkpoint block");
    if (static_cast<BlockKind>(r.get<uint8_t>()) != BlockKind::Rows)
        throwError(StatusCode::Corrupt, where + " is not a row block");
    const auto tableId = r.get<uint64_t>();
    const auto count = r.get<uint32_t>();
    if (ref && count != ref->rows)
        throwError(StatusCode::Corrupt,
                   where + " holds another row count than the checkpoint names");
    rows.reserve(count);
    for (uint32_t k = 0; k < count; ++k) {
        BaseRow row;
        row.slot = r.get<uint64_t>();
        row.begin = r.get<uint64_t>();
        if (row.begin == 0 && ref)
            row.begin = ref->beginTs;
        row.bytes = r.getString();
        if (row.bytes.size() < 2 || row.bytes.size() > (1u << 30) || row.slot > (1ULL << 40)
            || (ref && (row.slot < ref->firstSlot || row.slot >= ref->endSlot)))
            throwError(StatusCode::Corrupt,
                       where + ": row " + std::to_string(k + 1) + " is malformed");
        rows.push_back(row);
    }
    return tableId;
}

BaseRowReader::BaseRowReader(std::shared_ptr<const BlockStore> store, std::vector<BlockRef> refs,
                             uint64_t tableId)
    : m_store(std::move(store))
    , m_refs(std::move(refs))
    , m_tableId(tableId)
{
    for (const auto &ref : m_refs)
        if (!m_files.count(ref.file))
            m_files.emplace(ref.file, m_store->pin(ref.file));
}

const std::vector<BaseRow> &readRowBlock(const BlockStore &store, const BlockRef &ref,
                                         uint64_t tableId, BlockBuffers &buffers,
                                         std::vector<BaseRow> &rows,
                                         const std::shared_ptr<File> &file)
{
    const std::string where
        = store.pathOf(ref.file) + ": block at byte " + std::to_string(ref.offset);
    const std::string_view block = file ? store.read(ref, buffers, file) : store.read(ref, buffers);
    if (parseRowBlock(block, &ref, where, rows) != tableId)
        throwError(StatusCode::Corrupt, where + " holds rows of another table");
    return rows;
}

const std::vector<BaseRow> &BaseRowReader::read(size_t i)
{
    const BlockRef &ref = m_refs[i];
    m_lastRead = SIZE_MAX;
    readRowBlock(*m_store, ref, m_tableId, m_buffers, m_rows, m_files[ref.file]);
    m_lastRead = i;
    return m_rows;
}

const BaseRow *BaseRowReader::find(uint64_t slot)
{
    auto it = std::upper_bound(m_refs.begin(), m_refs.end(), slot,
                               [](uint64_t s, const BlockRef &ref) { return s < ref.endSlot; });
    if (it == m_refs.end() || slot < it->firstSlot)
        return nullptr;
    const size_t i = static_cast<size_t>(it - m_refs.begin());
    if (i != m_lastRead)
        read(i);
    auto row = std::lower_bound(m_rows.begin(), m_rows.end(), slot,
                                [](const BaseRow &r, uint64_t s) { return r.slot < s; });
    return row != m_rows.end() && row->slot == slot ? &*row : nullptr;
}

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
