#pragma once

#include <string>
#include <vector>

namespace strata::test {

//! One failed record of a .test file.
struct SqlLogicFailure {
    int line;
    std::string message;
};

//! Runs a sqllogictest-style file against a fresh in-memory database.
//!
//!   statement ok [@N]            the SQL (to a blank line) must succeed, on connection N
//!   statement error TEXT [@N]    it must fail with a message containing TEXT
//!   query [rowsort] [@N]         the SQL, a line "----", then expected rows, one per line,
//!                                values separated by " | " (NULL, true/false, numbers as SQL
//!                                writes them); rowsort compares rows sorted
//!   # comment
//!
//! Connections start at 1; each keeps its own transaction state.
std::vector<SqlLogicFailure> runSqlLogicFile(const std::string &path, int &records);

} // namespace strata::test
