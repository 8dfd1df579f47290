#pragma once
// What `strata verify` reads a written file through (internal to engine/transfer): a stream
// over a file or zip entry that hashes and counts every byte it passes, so one pass checks a
// file's digest, its size and (by its format's countRecords) its content.

#include "engine/transfer/sha256.h"

#include <QByteArray>
#include <QIODevice>
#include <string_view>

namespace strata::transfer {

//! A RapidJSON input stream (Peek/Take/Tell) that can also be read in chunks (next()).
class VerifyStream {
public:
    using Ch = char;
    VerifyStream(QIODevice &device, Sha256 &sha)
        : m_device(device)
        , m_sha(sha)
        , m_buffer(kChunk, Qt::Uninitialized)
    {
    }
    Ch Peek()
    {
        if (m_pos == m_end && !refill())
            return '\0';
        return *m_pos;
    }
    Ch Take()
    {
        if (m_pos == m_end && !refill())
            return '\0';
        ++m_consumed;
        return *m_pos++;
    }
    size_t Tell() const { return m_consumed; }
    // Output members RapidJSON's interface names; only in-situ parsing calls them.
    Ch *PutBegin() { return nullptr; }
    void Put(Ch) {}
    void Flush() {}
    size_t PutEnd(Ch *) { return 0; }

    //! The unread rest of the current chunk, then the next chunks; empty at the end.
    std::string_view next()
    {
        if (m_pos == m_end && !refill())
            return {};
        std::string_view chunk(m_pos, static_cast<size_t>(m_end - m_pos));
        m_consumed += chunk.size();
        m_pos = m_end;
        return chunk;
    }
    //! Reads whatever is left, so that the digest and size cover the whole file.
    void drain()
    {
        while (!next().empty()) {
        }
    }
    int64_t bytes() const { return m_bytes; }
    bool failed() const { return m_failed; }

private:
    static constexpr qint64 kChunk = 1 << 20;

    bool refill()
    {
        if (m_failed)
            return false;
        const qint64 n = m_device.read(m_buffer.data(), m_buffer.size());
        if (n < 0)
            m_failed = true;
        if (n <= 0)
            return false;
        m_sha.add({m_buffer.constData(), static_cast<size_t>(n)});
        m_bytes += n;
        m_pos = m_buffer.constData();
        m_end = m_pos + n;
        return true;
    }

    QIODevice &m_device;
    Sha256 &m_sha;
    QByteArray m_buffer;
    const char *m_pos = nullptr;
    const char *m_end = nullptr;
    size_t m_consumed = 0;
    int64_t m_bytes = 0;
    bool m_failed = false;
};

} // namespace strata::transfer
