#pragma once

#include "engine/api/database.h"
#include "engine/transfer/import_spec.h"

#include <atomic>
#include <optional>

namespace strata::transfer {

//! Runs an import or restore in ONE transaction: every file, every table. Any error, a
//! cancel, or a crash leaves the database as it was. With ErrorPolicy::Skip, rows that cannot
//! be imported go to a rejects file and are counted; everything else is imported. A dry run
//! does all the work, reports what would change, and rolls back. Every run is recorded in the
//! audit trail.
engine::Result<ImportResult> runImport(engine::Database &database, const ImportSpec &spec,
                                       ProgressSink *progress = nullptr);

//! One table as a preview shows it.
struct PreviewTable {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::string> types; //!< declared by the file, else inferred from the sample
    //! The first rows as text; nullopt for NULL.
    std::vector<std::vector<std::optional<std::string>>> rows;
};

//! What a file looks like to the import: cheap (reads at most `maxBytes`), for options
//! dialogs that preview on every change.
struct ImportPreview {
    std::string format;                          //!< registry id
    std::map<std::string, std::string> detected; //!< "delimiter" -> ",", "encoding" -> "utf-8"
    std::vector<PreviewTable> tables;
    std::vector<std::string> warnings;
};

engine::Result<ImportPreview> previewImport(const std::string &path, const ImportSpec &spec,
                                            size_t maxRows = 20, int64_t maxBytes = 256 << 10);

//! A table a file holds, as a whole read of it counts.
struct SurveyedTable {
    std::string name;
    int64_t rows = 0;
};

//! Every table a file holds, with its rows counted: unlike previewImport it reads the whole
//! file (a backup's later tables lie past any prefix), so it belongs on a worker. Stops with
//! Canceled once `canceled` is set.
engine::Result<std::vector<SurveyedTable>>
surveyImport(const std::string &path, const ImportSpec &spec,
             const std::atomic<bool> *canceled = nullptr);

//! A column's type as the whole file has it, and what made it wider than its first values.
struct InferredColumn {
    std::string name;
    std::string type;         //!< "INTEGER"
    std::string widenedFrom;  //!< the type before `widenedBy` ("" when it never widened)
    std::string widenedAt;    //!< "line 7413", "$.data[7411]"
    std::string widenedBy;    //!< the value, quoted for a message: 'n/a'
    std::string widenedValue; //!< the same value as the file has it: n/a
};

struct InferredTypes {
    std::string table;
    int64_t rows = 0;
    std::vector<InferredColumn> columns;
};

//! The column types the import would infer for each table of a file without declared types
//! (CSV, JSON rows): the import's own first pass over the whole file, so on a worker. Stops
//! with Canceled once `canceled` is set. A file that declares its types gives no tables.
engine::Result<std::vector<InferredTypes>>
inferImportTypes(const std::string &path, const ImportSpec &spec,
                 const std::atomic<bool> *canceled = nullptr);

//! The format id for a file: `requested` when set (it must be one Strata reads), else from the
//! first bytes and the extension (FormatRegistry::detect).
engine::Result<std::string> detectImportFormat(const std::string &path,
                                               const std::string &requested = {});

} // namespace strata::transfer
