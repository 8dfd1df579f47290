#pragma once

#include <cstdint>
#include <string>

namespace strata::transfer {

//! "YYYYMMDD_HHMMSS" for a time in µs UTC, in local time or UTC.
std::string nameTimestamp(int64_t micros, bool utc);

//! A table name made safe as part of a file name: no path separators, no "..", no control
//! characters, no reserved device names (CON, NUL, COM1, ...), at most 100 bytes of UTF-8.
//! The original name stays inside the file.
std::string safeFileStem(const std::string &name);

} // namespace strata::transfer
