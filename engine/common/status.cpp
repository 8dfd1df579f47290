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

bool Location::empty() const
{
    return file.empty() && entry.empty() && line == 0 && jsonPath.empty() && statement == 0
           && row == 0;
}

std::string Location::toString() const
{
    std::string out = file;
    if (!entry.empty())
        out += (out.empty() ? "" : ":") + entry;
    if (line > 0) {
        if (out.empty()) {
            out = "line " + std::to_string(line);
            if (column > 0)
                out += ", column " + std::to_string(column);
        } else {
            out += ":" + std::to_string(line);
            if (column > 0)
                out += ":" + std::to_string(column);
        }
    }
    const auto part = [&out](const std::string &text) { out += (out.empty() ? "" : ": ") + text; };
    if (!jsonPath.empty())
        part(jsonPath);
    if (statement > 0)
        part("statement " + std::to_string(statement));
    if (row > 0)
        part("row " + std::to_string(row));
    return out;
}

Location Location::at(int64_t atLine, int64_t atColumn) const
{
    Location l = *this;
    l.line = atLine;
    l.column = atColumn;
    return l;
}

std::string Location::describe(const std::string &text) const
{
    return empty() ? text : toString() + ": " + text;
}

std::string Status::toString() const
{
    if (isOk())
        return "ok";
    return std::string(statusCodeName(m_code)) + ": " + message();
}

void throwError(StatusCode code, const std::string &message)
{
    throw EngineError(code, message);
}

} // namespace strata::engine
