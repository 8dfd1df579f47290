#pragma once

#include "engine/api/database.h"
#include "engine/transfer/export_spec.h"
#include "engine/transfer/verify.h"

#include <string>
#include <vector>

namespace strata::transfer {

//! The manifest.json of an export: tool, snapshot, spec, and per file its format, table, rows,
//! bytes and SHA-256.
std::string manifestJson(const ExportSpec &spec, const ExportResult &result, int64_t createdMicros);

//! Packs `files` (each read from its path, named in the archive by `names`) and a manifest
//! into "<dir>/export_<stamp>.zip" (written under a temporary name, never replacing a file).
//! Returns the archive's path.
engine::Result<std::string> writeArchive(const std::string &dir, const std::string &stamp,
                                         const std::vector<FileResult> &files,
                                         const std::vector<std::string> &names,
                                         const std::string &manifest);

//! "<stem>_latest.<ext>" symbolic links and retention for the files an export just wrote.
void applyLinksAndRetention(const ExportSpec &spec, ExportResult &result);

} // namespace strata::transfer
