#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace strata::engine {

//! What kind of failure a Status reports; maps onto CLI exit codes and UI messages.
enum class StatusCode {
    Ok,
    Syntax,     //!< the SQL text is malformed
    NotFound,   //!< a named table, column, index or file does not exist
    Constraint, //!< NOT NULL, UNIQUE, PRIMARY KEY, length or type rule broken
    Conflict,   //!< a concurrent transaction wrote the same row or schema
    Io,         //!< the operating system refused a read or write
    Corrupt,    //!< a checkpoint or log failed its checksum or structure check
    Locked,     //!< another process holds the database for writing
    ReadOnly,   //!< a write was attempted on a read-only database
    Canceled,   //!< the caller asked to stop
    Invalid,    //!< a well-formed request that cannot be carried out (bad value, misuse)
    Internal,   //!< a bug in Strata
};

//! Short English name of a code ("syntax error", "conflict", ...).
const char *statusCodeName(StatusCode code);

//! The outcome of an operation: Ok, or a code with an English message.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(StatusCode code, std::string message)
        : m_code(code)
        , m_message(std::move(message))
    {
    }

    static Status ok() { return {}; }

    bool isOk() const { return m_code == StatusCode::Ok; }
    explicit operator bool() const { return isOk(); }
    StatusCode code() const { return m_code; }
    const std::string &message() const { return m_message; }
    //! "conflict: row 12 of users was changed by another transaction"
    std::string toString() const;

private:
    StatusCode m_code = StatusCode::Ok;
    std::string m_message;
};

//! A value or the Status that explains why there is none.
template<typename T>
class [[nodiscard]] Result {
public:
    Result(T value)
        : m_data(std::move(value))
    {
    }
    Result(Status status)
        : m_data(std::move(status))
    {
    }

    bool isOk() const { return m_data.index() == 0; }
    explicit operator bool() const { return isOk(); }
    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    Status status() const { return isOk() ? Status() : std::get<1>(m_data); }

private:
    std::variant<T, Status> m_data;
};

//! Thrown inside the engine (parser, executor, storage); converted to Status at the API.
class EngineError : public std::runtime_error {
public:
    EngineError(StatusCode code, const std::string &message)
        : std::runtime_error(message)
        , m_code(code)
    {
    }
    StatusCode code() const { return m_code; }
    Status toStatus() const { return {m_code, what()}; }

private:
    StatusCode m_code;
};

[[noreturn]] void throwError(StatusCode code, const std::string &message);

//! Guards against programmer errors only; never fires on user input.
#define STRATA_ASSERT(cond, why)                                                                   \
    do {                                                                                           \
        if (!(cond))                                                                               \
            ::strata::engine::throwError(::strata::engine::StatusCode::Internal,                   \
                                         std::string("assertion failed: ") + (why));               \
    } while (0)

} // namespace strata::engine
