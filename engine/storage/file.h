#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine {

//! A POSIX file descriptor with error-checked helpers. All failures throw EngineError(Io)
//! naming the path and the system's reason.
class File {
public:
    enum class Mode { Read, Append, Create, ReadWrite };
    File() = default;
    File(const std::string &path, Mode mode);
    ~File();
    File(File &&other) noexcept;
    File &operator=(File &&other) noexcept;
    File(const File &) = delete;
    File &operator=(const File &) = delete;

    bool isOpen() const { return m_fd >= 0; }
    int fd() const { return m_fd; }
    const std::string &path() const { return m_path; }
    void writeAll(const void *data, size_t size);
    void writeAll(std::string_view data) { writeAll(data.data(), data.size()); }
    //! Writes at an offset without moving the file position.
    void writeAt(uint64_t offset, const void *data, size_t size);
    //! Makes the file at least `size` bytes long with allocated (zero) blocks.
    void preallocate(uint64_t size);
    //! Flushes data (not necessarily metadata) to the device.
    void dataSync();
    void truncate(uint64_t size);
    uint64_t size() const;
    //! Reads the whole file.
    std::string readAll() const;
    void close();

private:
    int m_fd = -1;
    std::string m_path;
};

//! A read-only memory mapping of a whole file (no copy, no zero-filling).
class MappedFile {
public:
    explicit MappedFile(const std::string &path);
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;
    std::string_view data() const { return {m_data, m_size}; }

private:
    const char *m_data = nullptr;
    size_t m_size = 0;
};

//! fsync on a directory, so that a create or rename inside it is durable.
void syncDirectory(const std::string &dir);
//! Names of the entries of a directory (no "." or "..").
std::vector<std::string> listDirectory(const std::string &dir);
bool pathExists(const std::string &path);
//! Creates the directory and its parents; throws Io on failure.
void makeDirectories(const std::string &dir);
void renameFile(const std::string &from, const std::string &to);
void removeFile(const std::string &path);
//! "strerror(errno)" text for the current errno.
std::string systemError();

} // namespace strata::engine
