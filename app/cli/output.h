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

//! A JSON string literal with full escaping.
std::string jsonString(std::string_view s);
//! A value as JSON: numbers stay numbers (integers beyond 2^53 and non-finite doubles as
//! strings), blobs base64, dates and timestamps ISO strings.
std::string jsonValue(const engine::Value &v);
std::string base64(std::string_view bytes);

} // namespace strata::app
