#pragma once

#include "engine/common/status.h"

#include "engine/transfer/sha256.h"
#include "engine/transfer/writer_thread.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace strata::transfer {

//! Creates "<dir>/.<name>.partial-XXXXXX" (the X's replaced) with the permissions a new file
//! gets under the process's umask; returns its descriptor and sets `path`, or -1.
int createTemporary(const std::string &dir, const std::string &name, std::string &path);
//! Deletes the hidden temporaries in `dir` that no live process holds (left by a killed
//! export); returns their paths.
std::vector<std::string> removeStaleTemporaries(const std::string &dir);

//! Renames a finished temporary file to "<dir>/<stem>.<ext>", or "<stem>_2.<ext>", ... when
//! that name is taken: an existing file is never replaced. Syncs the folder. Returns the path.
engine::Result<std::string> publishFile(const std::string &tempPath, const std::string &dir,
                                        const std::string &stem, const std::string &extension);

//! Bytes written so far by every file of one export, checked against its byte limit.
struct ByteBudget {
    int64_t limit = 0;             //!< 0 = none
    std::atomic<int64_t> used = 0; //!< every writer thread of the export adds to it
};

//! A file written under a temporary name in its final folder and renamed into place only when
//! complete: a failure or cancel leaves nothing under a final name, and no existing file is
//! ever replaced (the name gets a "_2", "_3", ... suffix instead). Buffered; counts bytes and
//! computes SHA-256 as it goes. Once a file outgrows its first buffer, hashing and writing run
//! on a thread of their own, so the format's thread only formats (a third of a CSV export's
//! time was SHA-256 and write() on the formatting thread).
class OutputFile {
public:
    //! Opens a temporary file in `dir` for a file to be named `stem` + `extension`.
    static engine::Result<std::unique_ptr<OutputFile>> create(const std::string &dir,
                                                              const std::string &stem,
                                                              const std::string &extension,
                                                              ByteBudget *budget);
    ~OutputFile(); //!< removes the temporary file unless committed

    //! Appends bytes (buffered). Throws engine::EngineError(Io) on failure or over budget.
    void write(std::string_view bytes);
    //! A buffer to append to directly; call flushIfFull() now and then.
    std::string &buffer() { return m_buffer; }
    void flushIfFull()
    {
        if (m_buffer.size() >= kFlushAt)
            flush();
    }
    //! For a writer that writes the temporary file itself (SQLite): commit() then measures and
    //! hashes what is on disk instead of what went through write().
    void adoptExternalContent() { m_external = true; }
    //! Flushes, syncs and renames into place; returns the final path.
    engine::Result<std::string> commit();
    //! Flushes and syncs, and stays a temporary (removed with this object): for a file that
    //! goes into an archive. Returns the name it would have had ("<stem>.<ext>").
    engine::Result<std::string> finishAsTemporary();

    int64_t bytesWritten() const { return m_written + static_cast<int64_t>(m_buffer.size()); }
    std::string sha256Hex() const { return m_sha256; }
    const std::string &temporaryPath() const { return m_tempPath; }
    //! The name it is meant to have, "<stem>.<ext>" (a taken name gets a suffix at commit()).
    std::string intendedName() const { return m_stem + "." + m_extension; }

private:
    static constexpr size_t kFlushAt = 1 << 20;
    //! Writeback is started every this many bytes, so the final fdatasync has little left.
    static constexpr int64_t kWritebackEvery = 16 << 20;
    OutputFile() = default;
    void flush();
    void checkBudget(size_t bytes);
    //! Hashes and writes one buffer (on the I/O thread once there is one).
    void hashAndWrite(const std::string &bytes);
    //! Waits for the I/O thread's queue; rethrows its error.
    void drainIo();

    int m_fd = -1;
    std::string m_dir, m_stem, m_extension, m_tempPath, m_sha256;
    std::string m_buffer;
    int64_t m_written = 0;
    ByteBudget *m_budget = nullptr;
    std::unique_ptr<Sha256> m_hash;
    //! Touched by the I/O thread only.
    int64_t m_onDisk = 0, m_writebackStarted = 0, m_writebackWaited = 0;
    std::unique_ptr<WriterThread> m_io;
    std::mutex m_spareMutex;
    std::vector<std::string> m_spare; //!< buffers the I/O thread is done with, for reuse
    bool m_committed = false;
    bool m_external = false;
};

} // namespace strata::transfer
