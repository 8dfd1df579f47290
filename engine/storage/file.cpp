#include "engine/storage/file.h"

#include "engine/common/status.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine {

std::string systemError()
{
    return std::strerror(errno);
}

File::File(const std::string &path, Mode mode)
    : m_path(path)
{
    int flags = O_CLOEXEC;
    switch (mode) {
    case Mode::Read:
        flags |= O_RDONLY;
        break;
    case Mode::Append:
        flags |= O_WRONLY | O_CREAT | O_APPEND;
        break;
    case Mode::Create:
        flags |= O_WRONLY | O_CREAT | O_TRUNC;
        break;
    case Mode::ReadWrite:
        flags |= O_RDWR | O_CREAT;
        break;
    }
    m_fd = ::open(path.c_str(), flags, 0644);
    if (m_fd < 0)
        throwError(errno == ENOENT ? StatusCode::NotFound : StatusCode::Io,
                   "cannot open " + path + ": " + systemError());
}

File::~File()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

File::File(File &&other) noexcept
    : m_fd(other.m_fd)
    , m_path(std::move(other.m_path))
{
    other.m_fd = -1;
}

File &File::operator=(File &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = other.m_fd;
        m_path = std::move(other.m_path);
        other.m_fd = -1;
    }
    return *this;
}

void File::writeAll(const void *data, size_t size)
{
    auto p = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::write(m_fd, p, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwError(StatusCode::Io, "cannot write " + m_path + ": " + systemError());
        }
        p += n;
        size -= static_cast<size_t>(n);
    }
}

void File::writeAt(uint64_t offset, const void *data, size_t size)
{
    auto p = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::pwrite(m_fd, p, size, static_cast<off_t>(offset));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwError(StatusCode::Io, "cannot write " + m_path + ": " + systemError());
        }
        p += n;
        offset += static_cast<uint64_t>(n);
        size -= static_cast<size_t>(n);
    }
}

void File::preallocate(uint64_t size)
{
    const uint64_t current = this->size();
    if (current >= size)
        return;
    if (::fallocate(m_fd, 0, static_cast<off_t>(current), static_cast<off_t>(size - current)) == 0)
        return;
    if (errno != EOPNOTSUPP && errno != ENOSYS)
        throwError(StatusCode::Io, "cannot extend " + m_path + ": " + systemError());
    static const char zeros[65536] = {};
    for (uint64_t at = current; at < size;) {
        const size_t n = static_cast<size_t>(std::min<uint64_t>(sizeof zeros, size - at));
        writeAt(at, zeros, n);
        at += n;
    }
}

void File::dataSync()
{
    if (::fdatasync(m_fd) != 0)
        throwError(StatusCode::Io, "cannot sync " + m_path + ": " + systemError());
}

void File::truncate(uint64_t size)
{
    if (::ftruncate(m_fd, static_cast<off_t>(size)) != 0)
        throwError(StatusCode::Io, "cannot truncate " + m_path + ": " + systemError());
}

uint64_t File::size() const
{
    struct stat st {};
    if (::fstat(m_fd, &st) != 0)
        throwError(StatusCode::Io, "cannot stat " + m_path + ": " + systemError());
    return static_cast<uint64_t>(st.st_size);
}

std::string File::readAll() const
{
    std::string out;
    out.resize(size());
    size_t done = 0;
    while (done < out.size()) {
        const ssize_t n
            = ::pread(m_fd, out.data() + done, out.size() - done, static_cast<off_t>(done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throwError(StatusCode::Io, "cannot read " + m_path + ": " + systemError());
        }
        if (n == 0)
            break;
        done += static_cast<size_t>(n);
    }
    out.resize(done);
    return out;
}

void File::close()
{
    if (m_fd >= 0 && ::close(m_fd) != 0) {
        m_fd = -1;
        throwError(StatusCode::Io, "cannot close " + m_path + ": " + systemError());
    }
    m_fd = -1;
}

MappedFile::MappedFile(const std::string &path)
{
    File file(path, File::Mode::Read);
    m_size = file.size();
    if (m_size == 0)
        return;
    void *p = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, file.fd(), 0);
    if (p == MAP_FAILED)
        throwError(StatusCode::Io, "cannot map " + path + ": " + systemError());
    ::madvise(p, m_size, MADV_WILLNEED); // (advice values are not flags: one call each)
    ::madvise(p, m_size, MADV_SEQUENTIAL);
    m_data = static_cast<const char *>(p);
}

MappedFile::~MappedFile()
{
    if (m_data)
        ::munmap(const_cast<char *>(m_data), m_size);
}

void syncDirectory(const std::string &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throwError(StatusCode::Io, "cannot open directory " + dir + ": " + systemError());
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0)
        throwError(StatusCode::Io, "cannot sync directory " + dir + ": " + systemError());
}

std::vector<std::string> listDirectory(const std::string &dir)
{
    std::vector<std::string> out;
    DIR *d = ::opendir(dir.c_str());
    if (!d)
        throwError(StatusCode::Io, "cannot list " + dir + ": " + systemError());
    while (dirent *e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name != "." && name != "..")
            out.push_back(name);
    }
    ::closedir(d);
    return out;
}

bool pathExists(const std::string &path)
{
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

void makeDirectories(const std::string &dir)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        throwError(StatusCode::Io, "cannot create directory " + dir + ": " + ec.message());
}

void renameFile(const std::string &from, const std::string &to)
{
    if (::rename(from.c_str(), to.c_str()) != 0)
        throwError(StatusCode::Io, "cannot rename " + from + " to " + to + ": " + systemError());
}

void removeFile(const std::string &path)
{
    if (::unlink(path.c_str()) != 0 && errno != ENOENT)
        throwError(StatusCode::Io, "cannot remove " + path + ": " + systemError());
}

} // namespace strata::engine
