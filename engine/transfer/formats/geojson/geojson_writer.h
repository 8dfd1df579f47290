#pragma once

#include "engine/transfer/format.h"

namespace strata::transfer {

//! Why the table cannot be written as GeoJSON with these options (no geometry), or "".
std::string geojsonRejects(const TableMeta &table,
                           const std::map<std::string, std::string> &options);
std::unique_ptr<Writer> createGeojsonWriter(OutputFile &out, const ExportContext &context,
                                            const std::map<std::string, std::string> &options);

} // namespace strata::transfer
