#pragma once
// A WHERE filter the user typed runs inside SQL Strata builds around it; an error in it is
// said in terms of what the user typed.

#include <string>
#include <string_view>

namespace strata::transfer {

struct FilterError {
    //! The message with "at line L, column C" (in the whole statement) replaced by "at
    //! character N of the filter"; unchanged when the place is not in the filter.
    std::string message;
    //! Where in the filter: code points from its start (-1: not in it, or no place given).
    int character = -1;
    //! The same place in bytes of the filter's UTF-8 (for cutting the text there).
    size_t byte = 0;
};

//! `message` is an engine error for `sql`, which holds the filter `where` starting at byte
//! `whereStart`. The engine counts lines from 1 and columns in code points from 1.
FilterError locateFilterError(std::string_view sql, size_t whereStart, std::string_view where,
                              const std::string &message);

} // namespace strata::transfer
