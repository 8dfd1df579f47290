#pragma once

#include "engine/transfer/progress.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::transfer {

//! What an import does to the tables it writes.
enum class ImportMode {
    Create,  //!< a new table; an existing one with the name is an error
    Append,  //!< add the rows to the table, creating it when missing
    Replace, //!< the table becomes exactly what the file holds (a full restore: the database)
    Merge,   //!< upsert by primary key: rows with a known key replace the row, others are added
};

//! What happens to a row that cannot be imported.
enum class ErrorPolicy {
    Abort, //!< the first bad row stops the import; nothing is written
    Skip,  //!< bad rows go to a rejects file; the rest is imported
};

//! How source columns find table columns when importing into an existing table.
enum class ColumnMatch {
    ByName,     //!< header names (case-insensitive); never silently by position
    ByPosition, //!< the file's n-th column into the table's n-th
};

//! CSV reading options. Unset ones are sniffed from the start of the file.
struct CsvReadOptions {
    std::optional<char> delimiter;
    char quote = '"';
    //! A character that makes the next one literal, inside quotes and out (MySQL writes
    //! \" and \\ with '\\'); 0: none, RFC 4180 ("" inside quotes only).
    char escape = 0;
    std::optional<bool> header;
    std::string encoding; //!< "", "utf-8", "utf-16", "latin-1" ("" = sniff)
    //! Empty unquoted fields become NULL (else an empty string). A quoted empty field ("") is
    //! always an empty string.
    bool emptyIsNull = true;
    std::vector<std::string> nullMarkers; //!< texts read as NULL ("NULL", "\\N")
    //! Undo the excel preset's formula guard ("'=1+1" reads as "=1+1"); unset: when the file
    //! starts with a UTF-8 BOM, as the excel preset writes.
    std::optional<bool> undoFormulaGuard;
    //! A field longer than this is an error (hostile files), not a memory spike.
    int64_t maxFieldBytes = int64_t(256) << 20;
};

//! A whole import or restore, as the CLI parses it, the GUI builds it, and tests construct it.
struct ImportSpec {
    std::vector<std::string> files;
    std::string format; //!< registry id; empty: from the extension and the content
    std::string table;  //!< target table of a single-table source (default: from file name)
    ImportMode mode = ImportMode::Create;
    ErrorPolicy onError = ErrorPolicy::Abort;
    //! Restore only these tables of a multi-table source (empty: all of them).
    std::vector<std::string> tables;
    ColumnMatch match = ColumnMatch::ByName;
    //! Explicit source column -> table column pairs (overrides matching for those named).
    std::map<std::string, std::string> columnMap;
    //! Column types chosen by the user before the import (column -> type name), overriding
    //! inference for a new table.
    std::map<std::string, std::string> columnTypes;
    CsvReadOptions csv;
    //! Where rejected rows go (ErrorPolicy::Skip); empty: "<file>_rejects_<time>.csv" beside
    //! the first input file.
    std::string rejectsPath;
    //! Plan only: do all the work, report what would change, and roll it back.
    bool dryRun = false;
    //! A restore: only a backup's layout is read (anything else is refused before a change),
    //! and what it replaces is kept first (see preRestoreBackupDir).
    bool restore = false;
    //! A restore in Replace mode without a table list also drops the tables the backup does
    //! not hold (the database becomes exactly the backup; audit_log stays). Never implied.
    bool dropMissing = false;
    //! Where a restore writes the pre-restore backup of the database it is about to change
    //! (a full JSON backup, named like any); empty: "pre-restore" in the database's folder.
    std::string preRestoreBackupDir;
    //! > 0: readers that can read only the start of a file read at most this many bytes of it
    //! (an import preview); the cut is not an error.
    int64_t prefixBytes = 0;
    //! Zip archives: the most bytes any entry may expand to, and the largest expansion ratio.
    int64_t maxEntryBytes = int64_t(16) << 30;
    int64_t maxCompressionRatio = 200;
};

//! What an import does to a table.
enum class ImportAction { Create, Append, Replace, Merge, Drop };

//! "create", "append", "replace", "merge", "drop": as the CLI's JSON prints it.
inline const char *actionName(ImportAction action)
{
    switch (action) {
    case ImportAction::Create:
        return "create";
    case ImportAction::Append:
        return "append";
    case ImportAction::Replace:
        return "replace";
    case ImportAction::Merge:
        return "merge";
    case ImportAction::Drop:
        return "drop";
    }
    return "create";
}

//! What the import did (or, for a dry run, would do) to one table.
struct TableOutcome {
    std::string table;
    std::string source; //!< file (and zip entry) it came from
    ImportAction action = ImportAction::Create;
    int64_t rowsBefore = -1; //!< -1: the table did not exist
    int64_t rowsAfter = 0;
    int64_t rowsRead = 0;
    int64_t rowsSkipped = 0;
    //! Column names and types as imported ("id INTEGER"), and differences from the live
    //! table's schema ("age: INTEGER in the file, TEXT in the database").
    std::vector<std::string> columns;
    std::vector<std::string> schemaDifferences;
};

struct ImportResult {
    std::vector<TableOutcome> tables;
    int64_t rowsImported = 0;
    int64_t rowsSkipped = 0;
    std::string rejectsPath; //!< set when rows were skipped
    //! A restore: the backup of the database as it was before, written first (empty when the
    //! database held no table, and for dry runs).
    std::string preRestoreBackup;
    std::vector<std::string> warnings;
    //! A restore: the backup's views it made (replacing any of the same name), and the views
    //! it dropped because the backup has none of that name (a full restore in Replace mode).
    std::vector<std::string> viewsRestored, viewsDropped;
    uint64_t commitTs = 0; //!< 0 for a dry run
    double seconds = 0;
    bool dryRun = false;
};

} // namespace strata::transfer
