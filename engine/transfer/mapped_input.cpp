#include "engine/transfer/mapped_input.h"

#include "engine/api/database.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::transfer {

using engine::EngineError;
using engine::StatusCode;

MappedInput::MappedInput(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw EngineError(StatusCode::Io, std::string("cannot open (") + std::strerror(errno) + ")",
                          engine::Location{.file = path});
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        const std::string why = S_ISDIR(st.st_mode) ? "it is a folder" : "not a regular file";
        ::close(fd);
        throw EngineError(StatusCode::Io, "cannot read (" + why + ")",
                          engine::Location{.file = path});
    }
    static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    const auto size = static_cast<size_t>(st.st_size);
    if (size == 0) {
        ::close(fd);
        m_bytes = std::string_view("", 0);
        return;
    }
    // Reserve one page more than the file, zero-filled, then map the file over its start: the
    // byte after the file is 0 whether or not the file ends on a page boundary.
    m_mappedSize = (size + page) / page * page;
    m_mapping = ::mmap(nullptr, m_mappedSize, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    void *mapped = m_mapping == MAP_FAILED
                       ? MAP_FAILED
                       : ::mmap(m_mapping, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0);
    const int mapError = errno;
    ::close(fd);
    if (mapped == MAP_FAILED) {
        if (m_mapping != MAP_FAILED)
            ::munmap(m_mapping, m_mappedSize);
        m_mapping = nullptr;
        throw EngineError(StatusCode::Io,
                          std::string("cannot read (") + std::strerror(mapError) + ")",
                          engine::Location{.file = path});
    }
    ::madvise(m_mapping, size, MADV_SEQUENTIAL);
    m_bytes = std::string_view(static_cast<const char *>(m_mapping), size);
}

MappedInput::~MappedInput()
{
    if (m_mapping)
        ::munmap(m_mapping, m_mappedSize);
}

void MappedInput::release(const char *upTo)
{
    static const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
    if (!m_mapping || upTo <= m_bytes.data() || upTo > m_bytes.data() + m_bytes.size())
        return;
    const auto start = reinterpret_cast<uintptr_t>(m_mapping);
    const uintptr_t end = reinterpret_cast<uintptr_t>(upTo) / page * page;
    if (end > start)
        ::madvise(m_mapping, end - start, MADV_DONTNEED);
}

std::string_view MappedInput::text() const
{
    std::string_view t = m_bytes;
    if (t.substr(0, 3) == "\xEF\xBB\xBF")
        t.remove_prefix(3);
    return t;
}

engine::Location locationOf(const engine::Location &origin, std::string_view text, size_t offset)
{
    int64_t line = 1;
    size_t lineStart = 0;
    for (size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    return origin.at(line, static_cast<int64_t>(offset - lineStart + 1));
}

} // namespace strata::transfer
