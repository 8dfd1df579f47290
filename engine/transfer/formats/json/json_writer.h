#pragma once

#include "engine/transfer/format.h"

namespace strata::transfer {

FormatInfo jsonFormatInfo();
std::unique_ptr<Writer> createJsonWriter(OutputFile &out, const ExportContext &context,
                                         const std::map<std::string, std::string> &options);

//! Appends `s` as a JSON string literal (quotes included) with full escaping.
void appendJsonString(std::string &out, std::string_view s);

} // namespace strata::transfer
