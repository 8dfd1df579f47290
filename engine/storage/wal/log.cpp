#include "engine/storage/wal/log.h"

#include "engine/common/bytes.h"
#include "engine/common/status.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <unistd.h>

namespace strata::engine {

namespace {

constexpr uint32_t kRecordMagic = 0x4C525453; // "STRL"
constexpr char kFileMagic[16]
    = {'S', 'T', 'R', 'A', 'T', 'A', '-', 'W', 'A', 'L', '-', 'v', '1', '\n', 0, 0};
constexpr size_t kHeaderSize = 12; // magic, length, crc
constexpr size_t kTrailerSize = 8; // commit timestamp
constexpr uint64_t kAllocationStep = 4ULL << 20;

} // namespace

std::string logFileName(uint64_t seq)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "wal-%06llu.log", static_cast<unsigned long long>(seq));
    return buf;
}

std::vector<uint64_t> listLogFiles(const std::string &dir)
{
    std::vector<uint64_t> out;
    for (const auto &name : listDirectory(dir)) {
        unsigned long long seq;
        char tail[8];
        if (name.size() == 14 && std::sscanf(name.c_str(), "wal-%6llu.%3s", &seq, tail) == 2
            && std::string(tail) == "log")
            out.push_back(seq);
    }
    std::sort(out.begin(), out.end());
    return out;
}

LogWriter::LogWriter(std::string dir, uint64_t seq, SyncMode mode, uint64_t offset)
    : m_dir(std::move(dir))
    , m_seq(seq)
    , m_mode(mode)
{
    openFile();
    if (offset > m_offset)
        m_offset = offset;
    ensureZeroTail();
}

void LogWriter::ensureZeroTail()
{
    // Zeros always follow the last record: a log that ends without them was cut, and the
    // reader says so instead of taking the cut for the end.
    if (m_allocated > m_offset)
        return;
    m_allocated = m_offset + kAllocationStep;
    m_file.preallocate(m_allocated);
    m_file.dataSync();
}

namespace {

//! A new log file `seq` with its header and zeros after it, made under a temporary name and
//! renamed into place only when whole: a log file is never seen half made (a full disk
//! while rotating left an empty log between others, and the database would not open).
File createLogFile(const std::string &dir, uint64_t seq)
{
    const std::string path = dir + "/" + logFileName(seq);
    const std::string temp = path + ".new";
    try {
        File file(temp, File::Mode::Create);
        file.writeAt(0, kFileMagic, sizeof kFileMagic);
        file.preallocate(sizeof kFileMagic + kAllocationStep);
        file.dataSync();
        renameFile(temp, path);
        syncDirectory(dir);
        return file;
    } catch (...) {
        ::unlink(temp.c_str());
        throw;
    }
}

} // namespace

void LogWriter::openFile()
{
    const std::string path = m_dir + "/" + logFileName(m_seq);
    ::unlink((path + ".new").c_str()); // a creation that did not finish
    if (!pathExists(path)) {
        m_file = createLogFile(m_dir, m_seq);
    } else {
        m_file = File(path, File::Mode::ReadWrite);
        if (m_file.size() == 0) { // made empty by an older version: take it over
            m_file.writeAt(0, kFileMagic, sizeof kFileMagic);
            m_file.dataSync();
        }
    }
    m_allocated = m_file.size();
    m_offset = sizeof kFileMagic;
    m_bytes = 0;
}

void LogWriter::beginRecord()
{
    m_recordPayload = 0;
    m_recordCrc = 0;
    m_piece.clear();
    m_pieceOffset = m_offset + kHeaderSize;
}

void LogWriter::flushPiece()
{
    if (m_piece.empty())
        return;
    // Records go into preallocated space, so fdatasync flushes data rather than a size change.
    const uint64_t needed = m_pieceOffset + m_piece.size() + kTrailerSize;
    if (needed >= m_allocated) { // at least one zero byte stays after the last record
        const uint64_t step = std::clamp<uint64_t>(m_allocated, kAllocationStep, 64ULL << 20);
        m_allocated = needed + step;
        m_file.preallocate(m_allocated);
    }
    m_file.writeAt(m_pieceOffset, m_piece.data(), m_piece.size());
    m_pieceOffset += m_piece.size();
    m_piece.clear();
}

void LogWriter::write(std::string_view piece)
{
    m_recordCrc = crc32c(piece.data(), piece.size(), m_recordCrc);
    m_recordPayload += piece.size();
    m_piece.append(piece);
    if (m_piece.size() >= (1u << 20))
        flushPiece();
}

void LogWriter::endRecord(uint64_t commitTs)
{
    if (m_recordPayload >= 0xFFFFFFF0u)
        throwError(StatusCode::Invalid, "a transaction's log record is larger than 4 GiB; "
                                        "commit in smaller transactions");
    m_recordCrc = crc32c(&commitTs, sizeof commitTs, m_recordCrc);
    m_piece.append(reinterpret_cast<const char *>(&commitTs), sizeof commitTs);
    flushPiece();
    char header[kHeaderSize];
    const uint32_t magic = kRecordMagic, len = static_cast<uint32_t>(m_recordPayload);
    std::memcpy(header, &magic, 4);
    std::memcpy(header + 4, &len, 4);
    std::memcpy(header + 8, &m_recordCrc, 4);
    m_file.writeAt(m_offset, header, kHeaderSize);
    const uint64_t size = kHeaderSize + m_recordPayload + kTrailerSize;
    m_offset += size;
    m_bytes += size;
    if (m_piece.capacity() > (4u << 20))
        std::string().swap(m_piece); // a huge record does not pin its buffer
    if (m_mode == SyncMode::Full)
        m_file.dataSync();
    else
        m_unsynced = true;
}

void LogWriter::sync()
{
    if (m_unsynced) {
        m_file.dataSync();
        m_unsynced = false;
    }
}

void LogWriter::rotate(uint64_t seq)
{
    m_file.dataSync();
    // Made before the old log is let go: when it cannot be (a full disk), the writer stays on
    // the old log, whole, and the caller's error says why.
    File next = createLogFile(m_dir, seq);
    m_file.close();
    m_file = std::move(next);
    m_seq = seq;
    m_unsynced = false;
    m_allocated = m_file.size();
    m_offset = sizeof kFileMagic;
    m_bytes = 0;
}

namespace {

//! True when a whole record with a matching checksum starts at `pos`.
bool wholeRecordAt(std::string_view data, size_t pos)
{
    if (data.size() - pos < kHeaderSize + kTrailerSize)
        return false;
    uint32_t magic, len, crc;
    std::memcpy(&magic, data.data() + pos, 4);
    std::memcpy(&len, data.data() + pos + 4, 4);
    std::memcpy(&crc, data.data() + pos + 8, 4);
    if (magic != kRecordMagic || data.size() - pos - kHeaderSize - kTrailerSize < len)
        return false;
    uint32_t actual = crc32c(data.data() + pos + kHeaderSize, len);
    actual = crc32c(data.data() + pos + kHeaderSize + len, kTrailerSize, actual);
    return actual == crc;
}

bool allZero(std::string_view data, size_t pos)
{
    // A log is mostly preallocated zeros (4 MiB): compared a page at a time.
    static const char zeros[4096] = {};
    while (pos < data.size()) {
        const size_t n = std::min(data.size() - pos, sizeof zeros);
        if (std::memcmp(data.data() + pos, zeros, n) != 0)
            return false;
        pos += n;
    }
    return true;
}

} // namespace

LogTail readLogFile(const std::string &path,
                    const std::function<void(uint64_t, std::string_view)> &apply, bool mapped)
{
    std::optional<MappedFile> mapping;
    std::string copy;
    if (mapped)
        mapping.emplace(path);
    else
        copy = File(path, File::Mode::Read).readAll();
    const std::string_view data = mapped ? mapping->data() : std::string_view(copy);
    LogTail tail;
    if (data.size() < sizeof kFileMagic) {
        tail.torn = true;
        tail.reason = data.empty() ? "the file is empty" : "the file header is incomplete";
        return tail;
    }
    if (data.compare(0, sizeof kFileMagic, kFileMagic, sizeof kFileMagic) != 0)
        throwError(StatusCode::Corrupt, path + " is not a Strata log file (bad header)");
    size_t pos = sizeof kFileMagic;
    tail.validBytes = pos;
    const std::string needle(reinterpret_cast<const char *>(&kRecordMagic), 4);
    while (pos < data.size()) {
        if (allZero(data, pos)) { // preallocated space: the log ends here
            tail.zeroTail = true;
            return tail;
        }
        if (!wholeRecordAt(data, pos)) {
            // Torn when no whole record follows (a crash while appending); corrupt otherwise.
            for (size_t at = data.find(needle, pos + 1); at != std::string::npos;
                 at = data.find(needle, at + 1)) {
                if (wholeRecordAt(data, at))
                    throwError(StatusCode::Corrupt,
                               path + ": log record at byte " + std::to_string(pos)
                                   + " is damaged, and whole records follow it at byte "
                                   + std::to_string(at));
            }
            tail.torn = true;
            tail.reason = "damaged or incomplete record at byte " + std::to_string(pos);
            return tail;
        }
        uint32_t len;
        std::memcpy(&len, data.data() + pos + 4, 4);
        std::string_view payload(data.data() + pos + kHeaderSize, len);
        uint64_t ts;
        std::memcpy(&ts, data.data() + pos + kHeaderSize + len, 8);
        apply(ts, payload);
        ++tail.records;
        pos += kHeaderSize + len + kTrailerSize;
        tail.validBytes = pos;
    }
    // The writer keeps zeros after the last record: without them the file was cut here, and
    // whatever followed is gone.
    tail.torn = true;
    tail.reason = "the file ends at byte " + std::to_string(pos)
                  + " without the zeros that follow its last record: it was cut there";
    return tail;
}

} // namespace strata::engine
