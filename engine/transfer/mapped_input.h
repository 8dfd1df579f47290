#pragma once

#include "engine/common/status.h"

#include <exception>
#include <string>
#include <string_view>

namespace strata::transfer {

//! A file mapped read-only for a reader, so a file larger than memory streams through the
//! page cache. Throws engine::EngineError(Io) naming the path when it cannot be read.
//! A NUL byte always follows the last byte (bytes().data()[bytes().size()] == 0), so a parser
//! that scans to a terminator (RapidJSON's SIMD string scan) can read the mapping directly.
class MappedInput {
public:
    explicit MappedInput(const std::string &path);
    ~MappedInput();
    MappedInput(const MappedInput &) = delete;
    MappedInput &operator=(const MappedInput &) = delete;

    //! Every byte (empty for an empty file).
    std::string_view bytes() const { return m_bytes; }
    //! The bytes after a UTF-8 byte-order mark, if there is one.
    std::string_view text() const;
    //! The pages before `upTo` leave this process's memory (they stay readable: a later read
    //! brings them back from the file), so that reading a file from start to end does not hold
    //! all of it.
    void release(const char *upTo);

private:
    std::string_view m_bytes;
    void *m_mapping = nullptr;
    size_t m_mappedSize = 0;
};

//! `origin` at the line and column (1-based) of a byte offset in `text`.
engine::Location locationOf(const engine::Location &origin, std::string_view text, size_t offset);

//! For SAX handlers: RapidJSON calls them through code that must not be unwound by an
//! exception, so an error is kept here, the callback returns false to stop the parse, and
//! the reader rethrows it afterwards.
class DeferredError {
public:
    //! Runs `f`, keeping what it throws; does nothing once an error is kept.
    template<typename F>
    void guard(F &&f)
    {
        if (m_error)
            return;
        try {
            f();
        } catch (...) {
            m_error = std::current_exception();
        }
    }
    //! Keeps `e` unless an earlier error is kept; returns false (stop the parse).
    bool fail(std::exception_ptr e)
    {
        if (!m_error)
            m_error = std::move(e);
        return false;
    }
    bool failed() const { return m_error != nullptr; }
    void rethrow() const
    {
        if (m_error)
            std::rethrow_exception(m_error);
    }

private:
    std::exception_ptr m_error;
};

} // namespace strata::transfer
