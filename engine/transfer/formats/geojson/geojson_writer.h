#pragma once

#include "engine/transfer/format.h"

namespace strata::transfer {

FormatInfo geojsonFormatInfo();
std::unique_ptr<Writer> createGeojsonWriter(OutputFile &out, const ExportContext &context,
                                            const std::map<std::string, std::string> &options);

} // namespace strata::transfer
