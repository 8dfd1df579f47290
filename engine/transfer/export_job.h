#pragma once

#include "engine/api/database.h"
#include "engine/transfer/export_spec.h"

namespace strata::transfer {

//! Runs an export: every table and format read from ONE snapshot, each batch fanned out to
//! every writer, files written under temporary names and renamed into place only when the
//! whole export succeeded. On an error or cancel nothing is left under a final name.
//! Every run, successful or not, is recorded in the audit trail (recordAudit).
engine::Result<ExportResult> runExport(engine::Database &database, const ExportSpec &spec,
                                       ProgressSink *progress = nullptr);

//! The names of the files runExport would write for `spec` now (before any "_2" a taken name
//! gets; with zip, the archive's name last), computed by the same code without reading or
//! writing anything: what an export dialog previews. Errors are the ones runExport would give.
engine::Result<std::vector<std::string>> planExport(engine::Database &database,
                                                    const ExportSpec &spec);

//! engine::quoteIdentifier, where the transfer code and its callers have always found it.
using engine::quoteIdentifier;

} // namespace strata::transfer
