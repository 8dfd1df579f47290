#pragma once

#include "engine/api/database.h"

#include <charconv>
#include <string>
#include <string_view>

namespace strata::transfer::text {

//! Appending typed values as text, shared by the text formats (CSV, JSON, SQL). Numbers use
//! std::to_chars: the shortest form that reads back to the same bits, without printf's cost.

inline void appendInt(std::string &out, int64_t v)
{
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<size_t>(res.ptr - buf));
}

inline void appendDouble(std::string &out, double v)
{
    char buf[40];
    out.append(buf, engine::formatDoubleTo(buf, v));
}

inline void appendDate(std::string &out, int64_t days)
{
    char buf[32];
    out.append(buf, engine::formatDateTo(buf, days));
}

inline void appendTimestamp(std::string &out, int64_t micros)
{
    char buf[48];
    out.append(buf, engine::formatTimestampTo(buf, micros));
}

void appendBase64(std::string &out, std::string_view bytes);
void appendHex(std::string &out, std::string_view bytes);

} // namespace strata::transfer::text
