#pragma once

#include "engine/storage/file.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine {

//! When a commit's log record must be on the device before commit returns.
enum class SyncMode {
    Full,   //!< fdatasync before every commit returns
    Normal, //!< written at commit, synced by a background flusher (a crash may lose ~50 ms)
    Off,    //!< left to the operating system (tests and benchmarks only)
};

//! Log file names: "wal-000001.log". Sequence numbers grow; a checkpoint names the first
//! sequence it does not cover.
std::string logFileName(uint64_t seq);
//! Sequence numbers of the log files in `dir`, ascending.
std::vector<uint64_t> listLogFiles(const std::string &dir);

//! Appends commit records: magic, payload length, CRC-32C, payload, commit timestamp.
class LogWriter {
public:
    //! Continues log file `seq` at byte `offset` (0: right after the file header).
    LogWriter(std::string dir, uint64_t seq, SyncMode mode, uint64_t offset = 0);
    //! Appends one record in pieces, without holding the whole payload in memory:
    //! beginRecord(), any number of write()s, then endRecord() (with SyncMode::Full it returns
    //! only once the record is durable; throws Io). The header goes last, so a crash in between
    //! leaves a record whose checksum fails (a torn tail).
    void beginRecord();
    void write(std::string_view piece);
    void endRecord(uint64_t commitTs);
    void sync();
    //! Closes the current file and starts `seq` (used by checkpoints).
    void rotate(uint64_t seq);
    uint64_t seq() const { return m_seq; }
    uint64_t bytesSinceRotate() const { return m_bytes; }
    bool needsSync() const { return m_unsynced; }

private:
    void openFile();
    //! Preallocates zeros after m_offset when none follow it.
    void ensureZeroTail();
    std::string m_dir;
    uint64_t m_seq;
    SyncMode m_mode;
    File m_file;
    void flushPiece();
    uint64_t m_offset = 0;        //!< where the next record goes
    uint64_t m_recordPayload = 0; //!< payload bytes of the record being written
    uint64_t m_pieceOffset = 0;   //!< where m_piece goes in the file
    uint32_t m_recordCrc = 0;
    std::string m_piece;      //!< buffered payload, written in chunks of ~1 MiB
    uint64_t m_allocated = 0; //!< the file's preallocated length
    uint64_t m_bytes = 0;
    bool m_unsynced = false;
};

//! What reading one log file found at its end.
struct LogTail {
    uint64_t records = 0;
    bool zeroTail = false;   //!< preallocated zero bytes follow the last record (a clean end)
    uint64_t validBytes = 0; //!< the file's length up to the end of its last whole record
    bool torn = false;       //!< bytes past validBytes that form no whole record
    std::string reason;      //!< why the tail was rejected
};

//! Calls `apply(commitTs, payload)` for each whole record. A bad record with nothing but
//! bytes of itself after it is a torn tail (reported in LogTail); a bad record followed by
//! more data is corruption and throws EngineError(Corrupt) naming file and offset.
//! `mapped`: read the file through a mapping instead of a copy (for the writer, which alone
//! may truncate a log: a mapped file cut short under a reader would fault).
LogTail readLogFile(const std::string &path,
                    const std::function<void(uint64_t, std::string_view)> &apply,
                    bool mapped = false);

} // namespace strata::engine
