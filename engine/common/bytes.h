#pragma once

#include "engine/common/status.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace strata::engine {

//! Appends little-endian fixed-width integers and length-prefixed strings to a buffer.
class ByteWriter {
public:
    explicit ByteWriter(std::string &out)
        : m_out(out)
    {
    }
    template<typename T>
    void put(T v)
    {
        char buf[sizeof(T)];
        std::memcpy(buf, &v, sizeof(T));
        m_out.append(buf, sizeof(T));
    }
    void putString(std::string_view s)
    {
        put<uint32_t>(static_cast<uint32_t>(s.size()));
        m_out.append(s.data(), s.size());
    }
    std::string &buffer() { return m_out; }

private:
    std::string &m_out;
};

//! Reads what ByteWriter wrote; every read is bounds-checked and throws Corrupt past the end.
class ByteReader {
public:
    ByteReader(std::string_view data, const char *what)
        : m_data(data)
        , m_what(what)
    {
    }
    template<typename T>
    T get()
    {
        need(sizeof(T));
        T v;
        std::memcpy(&v, m_data.data() + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return v;
    }
    std::string_view getString()
    {
        const auto n = get<uint32_t>();
        return getBytes(n);
    }
    std::string_view getBytes(size_t n)
    {
        need(n);
        std::string_view s = m_data.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    bool atEnd() const { return m_pos == m_data.size(); }

private:
    void need(size_t n)
    {
        if (m_data.size() - m_pos < n)
            throwError(StatusCode::Corrupt, std::string(m_what) + ": record ends early at byte "
                                                + std::to_string(m_pos));
    }
    std::string_view m_data;
    const char *m_what;
    size_t m_pos = 0;
};

//! CRC-32C (Castagnoli), used to checksum log records and checkpoint blocks.
uint32_t crc32c(const void *data, size_t size, uint32_t crc = 0);
//! The table-driven CRC-32C that crc32c() falls back to without SSE4.2 (tests compare them).
uint32_t crc32cPortable(const void *data, size_t size, uint32_t crc = 0);

} // namespace strata::engine
