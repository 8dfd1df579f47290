#pragma once

#include "engine/api/database.h"
#include "engine/transfer/export_spec.h"

#include <string>
#include <string_view>
#include <vector>

namespace strata::transfer {

//! The table the audit trail lives in: Strata's own, kept out of the user's table list.
inline constexpr std::string_view kAuditTable = "audit_log";

//! One line of the audit trail: who moved which data where, and how it ended.
struct AuditEntry {
    int64_t at = 0;        //!< µs UTC, when the job started
    std::string user;      //!< the operating-system user
    std::string operation; //!< "export", "import", "restore"
    std::string summary;   //!< the spec in a line: scope, tables, formats, filters, redaction
    std::vector<std::string> files;
    int64_t rows = 0;
    double seconds = 0;
    std::string outcome; //!< "ok", "canceled", or "error: <message>"
};

//! The current operating-system user's name.
std::string currentUser();
//! "full; formats json,csv; sanitize mask; where users: age > 30"
std::string summarizeSpec(const ExportSpec &spec);

//! Records an entry in the spdlog logger named "audit" (when the application set one up) and
//! in the database's audit_log table (created when missing). Recording never fails the job
//! it describes: problems come back as warnings.
std::vector<std::string> recordAudit(engine::Database &database, const AuditEntry &entry);

//! The newest `limit` entries of the audit trail, newest first (none when it has no table).
engine::Result<std::vector<AuditEntry>> readAudit(engine::Database &database, size_t limit);

} // namespace strata::transfer
