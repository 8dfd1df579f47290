#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace strata::transfer {

class VerifyStream;

//! FormatInfo::countRecords of JSON: a backup's, table's or query's rows (its structure and
//! record_count checked), or the objects of JSON lines (`lines` option, or a .jsonl/.ndjson
//! name).
int64_t countJsonRecords(VerifyStream &in, const std::string &name,
                         const std::map<std::string, std::string> &options,
                         std::vector<std::string> &problems);

} // namespace strata::transfer
