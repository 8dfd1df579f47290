#pragma once

#include "engine/transfer/format.h"

namespace strata::transfer {

std::unique_ptr<Writer> createJsonWriter(OutputFile &out, const ExportContext &context,
                                         const std::map<std::string, std::string> &options);

//! Appends `s` as a JSON string literal (quotes included) with full escaping.
void appendJsonString(std::string &out, std::string_view s);
//! Appends row `r` of a column as a JSON value: numbers stay numbers (integers beyond 2^53,
//! NaN and infinities as strings), dates and timestamps ISO strings, blobs base64, NULL null.
void appendJsonValue(std::string &out, const engine::ColumnVector &column, size_t r,
                     engine::LogicalType type);
//! The same for one Value.
void appendJsonValue(std::string &out, const engine::Value &value);

} // namespace strata::transfer
