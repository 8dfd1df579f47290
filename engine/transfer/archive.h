#pragma once

#include "engine/api/database.h"
#include "engine/transfer/export_spec.h"

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

//! What verify found: the problems (empty when the file holds), and what was checked.
struct VerifyReport {
    std::vector<std::string> problems;
    int filesChecked = 0;
    int64_t rowsChecked = 0;
};

//! Checks a Strata zip against its manifest (every entry present, SHA-256 and row counts
//! equal), or a JSON export's structure and record count, or a CSV's shape.
VerifyReport verifyFile(const std::string &path);

//! "<stem>_latest.<ext>" symbolic links and retention for the files an export just wrote.
void applyLinksAndRetention(const ExportSpec &spec, ExportResult &result);

} // namespace strata::transfer
