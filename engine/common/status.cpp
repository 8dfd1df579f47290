#include "engine/common/status.h"

namespace strata::engine {

const char *statusCodeName(StatusCode code)
{
    switch (code) {
    case StatusCode::Ok:
        return "ok";
    case StatusCode::Syntax:
        return "syntax error";
    case StatusCode::NotFound:
        return "not found";
    case StatusCode::Constraint:
        return "constraint violation";
    case StatusCode::Conflict:
        return "conflict";
    case StatusCode::Io:
        return "i/o error";
    case StatusCode::Corrupt:
        return "corrupt database";
    case StatusCode::Locked:
        return "database locked";
    case StatusCode::ReadOnly:
        return "read-only database";
    case StatusCode::Canceled:
        return "canceled";
    case StatusCode::Invalid:
        return "invalid";
    case StatusCode::Internal:
        return "internal error";
    }
    return "unknown";
}

std::string Status::toString() const
{
    if (isOk())
        return "ok";
    return std::string(statusCodeName(m_code)) + ": " + m_message;
}

void throwError(StatusCode code, const std::string &message)
{
    throw EngineError(code, message);
}

} // namespace strata::engine
