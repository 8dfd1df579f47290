#pragma once

#include "engine/api/database.h"

#include <ostream>
#include <string>

namespace strata::app {

enum class OutputFormat { Table, Csv, Json };

//! Writes one result set for people: aligned columns with a header rule.
void writeTable(std::ostream &out, const engine::QueryResult &result);
//! RFC 4180: a header row, then rows; quoted when needed; NULL as an empty field; CRLF.
void writeCsv(std::ostream &out, const engine::QueryResult &result);
//! One line: {"columns": [...], "types": [...], "rows": [[...], ...]}.
void writeJson(std::ostream &out, const engine::QueryResult &result);

} // namespace strata::app
