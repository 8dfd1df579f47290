#pragma once

#include "engine/transfer/progress.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::transfer {

//! What an export reads.
enum class ExportScope {
    Full,   //!< every table (a backup)
    Tables, //!< the named tables, each with an optional column subset and filter
    Query,  //!< one query's result
};

//! One table of a Tables export (or a filter/subset on a Full one).
struct TableSelection {
    std::string table;
    std::vector<std::string> columns; //!< empty: all columns
    std::string where;                //!< SQL condition; empty: all rows
};

//! A format to write, by registry id ("csv", "json"), with its options ("preset" -> "excel").
struct FormatRequest {
    std::string id;
    std::map<std::string, std::string> options;
};

enum class SanitizeMode {
    None,
    Drop, //!< sensitive columns are left out
    Mask, //!< sensitive columns are written as "***" (text) or NULL (other types)
};

//! A whole export job, as the GUI builds it, the CLI parses it, and tests construct it.
struct ExportSpec {
    ExportScope scope = ExportScope::Full;
    std::vector<TableSelection> tables; //!< Tables scope; for Full, per-table subsets/filters
    std::string query;                  //!< Query scope
    std::vector<FormatRequest> formats;
    std::string outputDir;
    bool utcNames = false; //!< timestamps in file names in UTC rather than local time
    //! The time used for file names (µs UTC); unset: now. Lets tests pin names.
    std::optional<int64_t> nameTime;
    SanitizeMode sanitize = SanitizeMode::None;
    //! Columns treated as sensitive besides those flagged SENSITIVE ("table.column" or
    //! "column" for every table).
    std::vector<std::string> sensitiveColumns;
    int64_t maxRows = 0;  //!< per export; 0 = no limit
    int64_t maxBytes = 0; //!< per export, all files together; 0 = no limit
    //! Incremental: only rows inserted or updated after a commit timestamp, plus the keys of
    //! rows deleted after it. `since` applies to every table; a `profile` keeps a watermark
    //! per table in ".strata-incremental.json" in the output folder, and each run continues
    //! from the previous one's snapshot (a table not seen before is exported whole).
    std::optional<uint64_t> since;
    std::string profile;
    //! Put the files and a manifest.json into export_<time>.zip (the loose files go).
    bool zip = false;
    //! Point "<stem>_latest.<ext>" at the newest file of each stem.
    bool latestLinks = true;
    //! Retention: keep the newest N files of each stem in the folder and move older ones into
    //! archive/ (0 = keep all); then delete archived files older than the days, or beyond the
    //! count, given (0 = never).
    int keepNewest = 0;
    int archiveMaxAgeDays = 0;
    int archiveMaxFiles = 0;
};

//! One file an export wrote.
struct FileResult {
    std::string format;
    std::string table; //!< empty for a file holding several tables or a query
    std::string path;
    int64_t rows = 0;
    int64_t bytes = 0;
    std::string sha256; //!< lower-case hex
    double seconds = 0;
    std::vector<std::string> notes; //!< what its writer said about it (Writer::notes)
};

//! What an export did: the files, and the snapshot they all come from.
struct ExportResult {
    std::vector<FileResult> files;
    uint64_t snapshotTs = 0; //!< commit timestamp (µs UTC) of the snapshot read
    int64_t rows = 0;        //!< rows read from the database (each written to every format)
    double seconds = 0;
    std::vector<std::string> archived; //!< files retention moved into archive/
    std::vector<std::string> deleted;  //!< archived files retention removed
    std::vector<std::string> warnings; //!< things done partly (a _latest name held by a file)
};

} // namespace strata::transfer
