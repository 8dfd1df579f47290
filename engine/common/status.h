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

//! Where a failure is, in the terms of what the user gave: a file (and the archive entry the
//! bytes came from), a line and column, a JSON path, a statement of a script, a row of a batch.
//! Kept as fields until a message is shown, and formatted once, by toString():
//! "data.zip:orders.csv:12:5", "backup.json:3:9: $.tables[0].rows[2]", "statement 4", "row 3".
struct Location {
    std::string file;
    std::string entry;
    int64_t line = 0;   //!< 1-based; 0 = not known
    int64_t column = 0; //!< 1-based; 0 = not known
    std::string jsonPath;
    int64_t statement = 0; //!< 1-based statement of a script
    int64_t row = 0;       //!< 1-based row of a batch

    bool empty() const;
    std::string toString() const;
    //! This place, at a line (and column) of it.
    Location at(int64_t atLine, int64_t atColumn = 0) const;
    //! "<where>: <text>", or the text alone when nothing is known of the place.
    std::string describe(const std::string &text) const;
};

//! The outcome of an operation: Ok, or a code with an English message and where it happened.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(StatusCode code, std::string message)
        : m_code(code)
        , m_detail(std::move(message))
    {
    }
    Status(StatusCode code, std::string detail, Location location)
        : m_code(code)
        , m_detail(std::move(detail))
        , m_location(std::move(location))
    {
    }

    static Status ok() { return {}; }

    bool isOk() const { return m_code == StatusCode::Ok; }
    explicit operator bool() const { return isOk(); }
    StatusCode code() const { return m_code; }
    //! What to show: the place, then what went wrong ("a.csv:3:7: unterminated quote").
    std::string message() const { return m_location.describe(m_detail); }
    //! What went wrong, without the place.
    const std::string &detail() const { return m_detail; }
    const Location &location() const { return m_location; }
    //! "conflict: row 12 of users was changed by another transaction"
    std::string toString() const;

private:
    StatusCode m_code = StatusCode::Ok;
    std::string m_detail;
    Location m_location;
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
//! what() is the formatted message (place and detail), for logs and plain catch sites.
class EngineError : public std::runtime_error {
public:
    EngineError(StatusCode code, const std::string &message)
        : std::runtime_error(message)
        , m_code(code)
        , m_detail(message)
    {
    }
    EngineError(StatusCode code, const std::string &detail, Location location)
        : std::runtime_error(location.describe(detail))
        , m_code(code)
        , m_detail(detail)
        , m_location(std::move(location))
    {
    }
    explicit EngineError(const Status &status)
        : EngineError(status.code(), status.detail(), status.location())
    {
    }
    StatusCode code() const { return m_code; }
    const std::string &detail() const { return m_detail; }
    const Location &location() const { return m_location; }
    Status toStatus() const { return {m_code, m_detail, m_location}; }

private:
    StatusCode m_code;
    std::string m_detail;
    Location m_location;
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
