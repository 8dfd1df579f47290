#include "engine/transfer/output_file.h"

#include <QByteArray>
#include <QFile>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
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
    // mkostemp creates 0600; an exported file gets the permissions any new file would.
    static const mode_t umaskBits = [] {
        const mode_t m = ::umask(022);
        ::umask(m);
        return m;
    }();
    ::fchmod(fd, 0666 & ~umaskBits);
    return fd;
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
    if (m_fd >= 0)
        ::close(m_fd);
    if (!m_committed && !m_tempPath.empty())
        ::unlink(m_tempPath.c_str());
}

void OutputFile::write(std::string_view bytes)
{
    m_buffer.append(bytes);
    flushIfFull();
}

void OutputFile::flush()
{
    if (m_buffer.empty())
        return;
    if (m_budget && m_budget->limit > 0
        && m_budget->used.fetch_add(static_cast<int64_t>(m_buffer.size()))
                   + static_cast<int64_t>(m_buffer.size())
               > m_budget->limit)
        throw EngineError(StatusCode::Invalid, "the export reached its size limit of "
                                                   + std::to_string(m_budget->limit) + " bytes");
    m_hash->add(m_buffer);
    const char *p = m_buffer.data();
    size_t left = m_buffer.size();
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
    m_written += static_cast<int64_t>(m_buffer.size());
    if (m_budget && m_budget->limit <= 0)
        m_budget->used += static_cast<int64_t>(m_buffer.size()); // (counted above with a limit)
    m_buffer.clear();
}

engine::Result<std::string> OutputFile::commit()
{
    try {
        flush();
    } catch (const EngineError &e) {
        return e.toStatus();
    }
    if (m_external) {
        QFile written(QString::fromStdString(m_tempPath));
        if (!written.open(QIODevice::ReadOnly))
            return engine::Status(StatusCode::Io, "cannot read back " + m_tempPath);
        m_written = written.size();
        if (m_budget) {
            if (m_budget->used.fetch_add(m_written) + m_written > m_budget->limit
                && m_budget->limit > 0)
                return engine::Status(StatusCode::Invalid, "the export reached its size limit of "
                                                               + std::to_string(m_budget->limit)
                                                               + " bytes");
        }
    }
    if (::fdatasync(m_fd) != 0 || ::close(m_fd) != 0) {
        m_fd = -1;
        return engine::Status(StatusCode::Io, "cannot write " + m_tempPath + ": " + errnoText());
    }
    m_fd = -1;
    m_sha256 = m_external ? Sha256::ofFile(m_tempPath) : m_hash->hex();
    auto path = publishFile(m_tempPath, m_dir, m_stem, m_extension);
    m_committed = path.isOk();
    return path;
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
