#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace strata::transfer {

// The watermarks of incremental export profiles, in the output folder's
// ".strata-incremental.json": per profile, per table, the snapshot of the last export.

//! Table -> commit timestamp of the profile's last export (empty for a new profile). Throws
//! EngineError(Corrupt) for a state file that is not JSON.
std::map<std::string, uint64_t> loadWatermarks(const std::string &dir, const std::string &profile);
//! Records the snapshot as each table's new watermark; the file is replaced atomically.
//! Throws EngineError(Io).
void saveWatermarks(const std::string &dir, const std::string &profile,
                    const std::vector<std::string> &tables, uint64_t snapshotTs);

} // namespace strata::transfer
