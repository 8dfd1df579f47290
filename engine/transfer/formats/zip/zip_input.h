#pragma once

#include "engine/transfer/import_spec.h"

#include <string>
#include <vector>

namespace strata::transfer {

//! A zip entry unpacked for import.
struct ZipEntry {
    std::string name; //!< inside the archive ("users_export_20240115_103000.csv")
    std::string path; //!< where it was unpacked
};

//! Unpacks the entries of a zip archive that Strata can import into `dir`. Before anything is
//! unpacked: every entry name must be a safe relative path (no "..", no absolute path), and
//! no entry may expand beyond ImportSpec::maxEntryBytes or by more than
//! maxCompressionRatio (zip bombs); an archive with a manifest.json (Strata's own) must match
//! it (SHA-256 and row counts). Entries of other formats are skipped with a warning. Throws
//! EngineError naming the archive and the entry.
std::vector<ZipEntry> unpackZip(const std::string &archive, const ImportSpec &spec,
                                const std::string &dir, std::vector<std::string> &warnings);

} // namespace strata::transfer
