#pragma once
// Internal to engine/transfer: what an export decides before it reads a row. The run
// (export_job.cpp) executes a plan; planExport hands its file names to the export dialog.

#include "engine/transfer/export_spec.h"
#include "engine/transfer/format.h"

#include <cstddef>
#include <string>
#include <vector>

namespace strata::transfer {

//! One table (or the query) to read, with the SQL that reads it.
struct ExportSource {
    TableMeta meta;
    std::string sql;
    std::string where;                 //!< the table's filter ("" for none)
    uint64_t since = 0;                //!< incremental: rows changed after this commit timestamp
    std::vector<std::string> identity; //!< incremental: columns that identify a deleted row
};

//! A file the export writes: its format, the name stem before the run's timestamp, the
//! extension its options give, and the table it holds ("" for all tables or a query).
struct PlannedFile {
    const FormatRequest *format = nullptr;
    std::string stem;
    std::string extension;
    std::string table;
    bool holdsEveryTable = false; //!< a MultiTable format's one file
    bool deletedKeys = false;     //!< an incremental run's keys of deleted rows

    std::string name(const std::string &stamp) const
    {
        return stem + "_" + stamp + "." + extension;
    }
};

//! A source and the files its rows go to.
struct PlannedSource {
    ExportSource source;
    std::vector<size_t> files; //!< into ExportPlan::files, one per format that writes it
    //! Per entry of `files`: the file of deleted keys (a format that cannot hold them inline),
    //! or kNone.
    std::vector<size_t> deletedKeyFiles;
    static constexpr size_t kNone = static_cast<size_t>(-1);
};

struct ExportPlan {
    ExportContext context;
    std::vector<PlannedFile> files; //!< in the order the run opens them
    std::vector<PlannedSource> sources;
    std::vector<std::string> warnings; //!< a format that skips a table, and why
    std::string stamp;                 //!< the timestamp every file name carries

    //! What the run will write, in order: every file, then the archive for a zip run.
    std::vector<std::string> fileNames() const;
};

//! Plans `spec` in the open transaction of `connection` (the export's one snapshot): checks
//! every format's options, lists what to read and the files to write. Reads the catalog, a
//! query's columns and the watermarks, never a row. Throws EngineError.
ExportPlan makeExportPlan(engine::Database &database, engine::Connection &connection,
                          const ExportSpec &spec);

//! Counts the rows each source will read where the catalog cannot say (a filter, an
//! incremental run), for progress and the writers' metadata.
void countExpectedRows(engine::Connection &connection, ExportPlan &plan);

} // namespace strata::transfer
