#include "engine/transfer/output_file.h"

#include <QByteArray>
#include <QFile>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::transfer {

using engine::EngineError;
using engine::StatusCode;

namespace {

std::string errnoText()
{
    return std::strerror(errno);
}

} // namespace

int createTemporary(const std::string &dir, const std::string &name, std::string &path)
{
    path = dir + "/." + name + ".partial-XXXXXX";
    const int fd = ::mkostemp(path.data(), O_CLOEXEC);
    if (fd < 0)
        return -1;
    // Held while the file is this process's: removeStaleTemporaries() takes only unlocked
    // ones, whose writer died (the kernel drops the lock with the process).
    ::flock(fd, LOCK_EX | LOCK_NB);
    // mkostemp creates 0600; an exported file gets the permissions any new file would.
    static const mode_t umaskBits = [] {
        const mode_t m = ::umask(022);
        ::umask(m);
        return m;
    }();
    ::fchmod(fd, 0666 & ~umaskBits);
    return fd;
}

std::vector<std::string> removeStaleTemporaries(const std::string &dir)
{
    std::vector<std::string> removed;
    DIR *d = ::opendir(dir.c_str());
    if (!d)
        return removed;
    while (const dirent *e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name.size() < 2 || name[0] != '.' || name.find(".partial-") == std::string::npos)
            continue;
        const std::string path = dir + "/" + name;
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0)
            continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::unlink(path.c_str()) == 0)
            removed.push_back(path);
        ::close(fd);
    }
    ::closedir(d);
    return removed;
}

engine::Result<std::unique_ptr<OutputFile>> OutputFile::create(const std::string &dir,
                                                               const std::string &stem,
                                                               const std::string &extension,
                                                               ByteBudget *budget)
{
    std::unique_ptr<OutputFile> file(new OutputFile());
    file->m_dir = dir;
    file->m_stem = stem;
    file->m_extension = extension;
    file->m_budget = budget;
    // A hidden name in the final folder: the rename stays on one file system.
    file->m_fd = createTemporary(dir, stem + "." + extension, file->m_tempPath);
    if (file->m_fd < 0)
        return engine::Status(StatusCode::Io,
                              "cannot create a file in " + dir + ": " + errnoText());
    file->m_buffer.reserve(kFlushAt + (64 << 10));
    file->m_hash = std::make_unique<Sha256>();
    return file;
}

OutputFile::~OutputFile()
{
    m_io.reset(); // stops writing before the descriptor goes
    if (!m_committed && !m_tempPath.empty())
        ::unlink(m_tempPath.c_str()); // before its lock goes with the descriptor
    if (m_fd >= 0)
        ::close(m_fd);
}

void OutputFile::write(std::string_view bytes)
{
    m_buffer.append(bytes);
    flushIfFull();
}

void OutputFile::checkBudget(size_t bytes)
{
    const auto n = static_cast<int64_t>(bytes);
    if (m_budget && m_budget->used.fetch_add(n) + n > m_budget->limit && m_budget->limit > 0)
        throw EngineError(StatusCode::Invalid, "the export reached its size limit of "
                                                   + std::to_string(m_budget->limit) + " bytes");
}

void OutputFile::hashAndWrite(const std::string &bytes)
{
    m_hash->add(bytes);
    const char *p = bytes.data();
    size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(m_fd, p, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw EngineError(StatusCode::Io, "cannot write " + m_stem + "." + m_extension + " in "
                                                  + m_dir + ": " + errnoText());
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    m_onDisk += static_cast<int64_t>(bytes.size());
    if (m_onDisk - m_writebackStarted >= kWritebackEvery) {
        // Starts writeback of this stretch and waits for the one before it (errors surface at
        // the fdatasync in commit()): at most two stretches are ever unwritten, so that sync
        // finds little left, instead of a disk's worth of backlog at the end of the export.
        ::sync_file_range(m_fd, m_writebackStarted, m_onDisk - m_writebackStarted,
                          SYNC_FILE_RANGE_WRITE);
        if (m_writebackStarted > m_writebackWaited)
            ::sync_file_range(m_fd, m_writebackWaited, m_writebackStarted - m_writebackWaited,
                              SYNC_FILE_RANGE_WAIT_BEFORE);
        m_writebackWaited = m_writebackStarted;
        m_writebackStarted = m_onDisk;
    }
}

void OutputFile::flush()
{
    if (m_buffer.empty())
        return;
    if (m_io && m_io->failed())
        drainIo();
    checkBudget(m_buffer.size());
    m_written += static_cast<int64_t>(m_buffer.size());
    if (!m_io && m_written <= static_cast<int64_t>(kFlushAt)) {
        hashAndWrite(m_buffer); // a small file never starts a thread
        m_buffer.clear();
        return;
    }
    if (!m_io)
        m_io = std::make_unique<WriterThread>(2);
    std::string next;
    {
        std::lock_guard lock(m_spareMutex);
        if (!m_spare.empty()) {
            next = std::move(m_spare.back());
            m_spare.pop_back();
        }
    }
    next.clear();
    next.reserve(kFlushAt + (64 << 10));
    auto full = std::make_shared<std::string>(std::move(m_buffer));
    m_buffer = std::move(next);
    m_io->post([this, full] {
        hashAndWrite(*full);
        std::lock_guard lock(m_spareMutex);
        m_spare.push_back(std::move(*full));
    });
}

void OutputFile::drainIo()
{
    if (m_io)
        m_io->drain();
}

engine::Result<std::string> OutputFile::commit()
{
    auto finished = finishAsTemporary();
    if (!finished)
        return finished.status();
    auto path = publishFile(m_tempPath, m_dir, m_stem, m_extension);
    m_committed = path.isOk();
    if (m_committed) { // renamed while still locked: a cleaner never sees it unowned
        ::close(m_fd);
        m_fd = -1;
    }
    return path;
}

engine::Result<std::string> OutputFile::finishAsTemporary()
{
    try {
        flush();
        drainIo();
    } catch (const EngineError &e) {
        return e.toStatus();
    }
    if (m_external) {
        QFile written(QString::fromStdString(m_tempPath));
        if (!written.open(QIODevice::ReadOnly))
            return engine::Status(StatusCode::Io, "cannot read back " + m_tempPath);
        m_written = written.size();
        try {
            checkBudget(static_cast<size_t>(m_written));
        } catch (const EngineError &e) {
            return e.toStatus();
        }
    }
    if (::fdatasync(m_fd) != 0)
        return engine::Status(StatusCode::Io, "cannot write " + m_tempPath + ": " + errnoText());
    m_sha256 = m_external ? Sha256::ofFile(m_tempPath) : m_hash->hex();
    return intendedName();
}

engine::Result<std::string> publishFile(const std::string &tempPath, const std::string &dir,
                                        const std::string &stem, const std::string &extension)
{
    // Never replace a file: a name already taken (by an earlier export in the same second, or
    // any file at all) moves this one to "_2", "_3", ...
    for (int n = 1; n < 10000; ++n) {
        std::string path = dir + "/" + stem;
        if (n > 1) // appended piecewise: GCC 12 warns falsely on "_" + std::to_string(n)
            path.append("_").append(std::to_string(n));
        path.append(".").append(extension);
        if (::renameat2(AT_FDCWD, tempPath.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE)
            == 0) {
            const int dirFd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
            if (dirFd >= 0) {
                ::fsync(dirFd);
                ::close(dirFd);
            }
            return path;
        }
        if (errno != EEXIST)
            return engine::Status(StatusCode::Io,
                                  "cannot rename " + tempPath + " to " + path + ": " + errnoText());
    }
    return engine::Status(StatusCode::Io, "no free file name for " + stem + " in " + dir);
}

} // namespace strata::transfer
