#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace strata::transfer {

//! What verify found: the problems (empty when the file holds), and what was checked.
struct VerifyReport {
    std::vector<std::string> problems;
    int filesChecked = 0;
    int64_t rowsChecked = 0;
};

//! Checks a Strata zip against its manifest (every entry present once, SHA-256, sizes and row
//! counts equal), or a JSON export's structure and record count, or a CSV's shape. Every file
//! and entry is read as a stream, so memory stays flat in its size.
VerifyReport verifyFile(const std::string &path);

} // namespace strata::transfer
