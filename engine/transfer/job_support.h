#pragma once
// What the transfer jobs share (internal to engine/transfer): an engine Result or Status
// turned into the job's EngineError, and small text helpers.

#include "engine/common/ascii.h"
#include "engine/common/status.h"

#include <string>
#include <vector>

namespace strata::transfer {

template<typename T>
T check(engine::Result<T> result)
{
    if (!result)
        throw engine::EngineError(result.status());
    return std::move(result).value();
}

inline void check(const engine::Status &status)
{
    if (!status)
        throw engine::EngineError(status);
}

using engine::asciiLower;

inline std::string joined(const std::vector<std::string> &items, const char *separator = ", ")
{
    std::string out;
    for (const auto &i : items)
        out += (out.empty() ? "" : separator) + i;
    return out;
}

} // namespace strata::transfer
