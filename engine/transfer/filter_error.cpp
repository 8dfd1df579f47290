#include "engine/transfer/filter_error.h"

#include <regex>

namespace strata::transfer {

namespace {

bool isContinuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

//! The byte offset of (line, column) in `text`, both 1-based, columns in code points; npos
//! when the text has no such place. The end of a line (or of the text) is a place.
size_t byteOf(std::string_view text, long line, long column)
{
    size_t at = 0;
    for (long l = 1; l < line; ++l) {
        at = text.find('\n', at);
        if (at == std::string_view::npos)
            return std::string_view::npos;
        ++at;
    }
    for (long c = 1; c < column; ++c) {
        if (at >= text.size() || text[at] == '\n')
            return std::string_view::npos;
        ++at;
        while (at < text.size() && isContinuation(text[at]))
            ++at;
    }
    return at;
}

int codePoints(std::string_view text)
{
    int n = 0;
    for (char c : text)
        n += isContinuation(c) ? 0 : 1;
    return n;
}

} // namespace

FilterError locateFilterError(std::string_view sql, size_t whereStart, std::string_view where,
                              const std::string &message)
{
    FilterError out{message, -1, 0};
    static const std::regex kPlace("at line (\\d+), column (\\d+)");
    std::smatch place;
    if (!std::regex_search(message, place, kPlace))
        return out;
    const size_t at = byteOf(sql, std::stol(place[1].str()), std::stol(place[2].str()));
    if (at == std::string_view::npos || at < whereStart || at > whereStart + where.size())
        return out; // the error is in Strata's part of the statement
    out.byte = at - whereStart;
    out.character = codePoints(where.substr(0, out.byte));
    out.message = place.prefix().str() + "at character " + std::to_string(out.character + 1)
                  + " of the filter" + place.suffix().str();
    return out;
}

} // namespace strata::transfer
