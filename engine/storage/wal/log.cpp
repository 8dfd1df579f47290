#include "engine/storage/wal/log.h"

#include "engine/common/bytes.h"
#include "engine/common/status.h"

#include <algorithm>
#include <cstdio>

namespace strata::engine {

namespace {

constexpr uint32_t kRecordMagic = 0x4C525453; // "STRL"
constexpr char kFileMagic[16]
    = {'S', 'T', 'R', 'A', 'T', 'A', '-', 'W', 'A', 'L', '-', 'v', '1', '\n', 0, 0};
constexpr size_t kHeaderSize = 12; // magic, length, crc
constexpr size_t kTrailerSize = 8; // commit timestamp

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

LogWriter::LogWriter(std::string dir, uint64_t seq, SyncMode mode)
    : m_dir(std::move(dir))
    , m_seq(seq)
    , m_mode(mode)
{
    openFile();
}

void LogWriter::openFile()
{
    const std::string path = m_dir + "/" + logFileName(m_seq);
    const bool fresh = !pathExists(path);
    m_file = File(path, File::Mode::Append);
    if (fresh || m_file.size() == 0) {
        m_file.writeAll(kFileMagic, sizeof kFileMagic);
        m_file.dataSync();
        syncDirectory(m_dir);
    }
    m_bytes = 0;
}

void LogWriter::append(std::string_view payload, uint64_t commitTs)
{
    std::string record;
    record.reserve(kHeaderSize + payload.size() + kTrailerSize);
    ByteWriter w(record);
    uint32_t crc = crc32c(payload.data(), payload.size());
    crc = crc32c(&commitTs, sizeof commitTs, crc);
    w.put<uint32_t>(kRecordMagic);
    w.put<uint32_t>(static_cast<uint32_t>(payload.size()));
    w.put<uint32_t>(crc);
    record.append(payload);
    w.put<uint64_t>(commitTs);
    STRATA_ASSERT(payload.size() < 0xFFFFFFF0u, "log record too large");
    m_file.writeAll(record);
    m_bytes += record.size();
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
    m_file.close();
    m_seq = seq;
    m_unsynced = false;
    openFile();
}

LogTail readLogFile(const std::string &path,
                    const std::function<void(uint64_t, std::string_view)> &apply)
{
    File file(path, File::Mode::Read);
    const std::string data = file.readAll();
    LogTail tail;
    if (data.size() < sizeof kFileMagic) {
        tail.torn = !data.empty();
        tail.reason = "the file header is incomplete";
        return tail;
    }
    if (data.compare(0, sizeof kFileMagic, kFileMagic, sizeof kFileMagic) != 0)
        throwError(StatusCode::Corrupt, path + " is not a Strata log file (bad header)");
    size_t pos = sizeof kFileMagic;
    tail.validBytes = pos;
    while (pos < data.size()) {
        auto bad = [&](const std::string &why, size_t recordEnd) {
            // Torn only when the bad record reaches the end of the file.
            if (recordEnd >= data.size()) {
                tail.torn = true;
                tail.reason = why + " at byte " + std::to_string(pos);
                return;
            }
            throwError(StatusCode::Corrupt, path + ": log record at byte " + std::to_string(pos)
                                                + " " + why + ", and more records follow");
        };
        if (data.size() - pos < kHeaderSize) {
            bad("is cut short", data.size());
            return tail;
        }
        uint32_t magic, len, crc;
        std::memcpy(&magic, data.data() + pos, 4);
        std::memcpy(&len, data.data() + pos + 4, 4);
        std::memcpy(&crc, data.data() + pos + 8, 4);
        if (magic != kRecordMagic) {
            // Garbage where a record should start: scan for another record header to decide
            // between a torn tail (none) and corruption (one follows).
            const std::string needle(reinterpret_cast<const char *>(&kRecordMagic), 4);
            const size_t again = data.find(needle, pos + 1);
            bad("has no record marker", again == std::string::npos ? data.size() : again);
            return tail;
        }
        const size_t end = pos + kHeaderSize + static_cast<size_t>(len) + kTrailerSize;
        if (end > data.size()) {
            // A damaged length can also claim too much: whole records after it mean corruption.
            const std::string needle(reinterpret_cast<const char *>(&kRecordMagic), 4);
            const size_t again = data.find(needle, pos + kHeaderSize);
            bad("is cut short", again == std::string::npos ? data.size() : again);
            return tail;
        }
        std::string_view payload(data.data() + pos + kHeaderSize, len);
        uint64_t ts;
        std::memcpy(&ts, data.data() + pos + kHeaderSize + len, 8);
        uint32_t actual = crc32c(payload.data(), payload.size());
        actual = crc32c(&ts, sizeof ts, actual);
        if (actual != crc) {
            bad("fails its checksum", end);
            return tail;
        }
        apply(ts, payload);
        ++tail.records;
        pos = end;
        tail.validBytes = pos;
    }
    return tail;
}

} // namespace strata::engine
