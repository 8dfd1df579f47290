#pragma once

#include "engine/transfer/format.h"

namespace strata::transfer {

std::unique_ptr<Writer> createSqliteWriter(OutputFile &out, const ExportContext &context,
                                           const std::map<std::string, std::string> &options);

} // namespace strata::transfer
