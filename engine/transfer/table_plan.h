#pragma once
// What a source table becomes in the database (internal to engine/transfer): its columns'
// types settled (declared by the file, chosen by the user, or inferred), the table created,
// emptied or kept, each file column mapped onto a table column, and how the file's columns
// differ from the table's.

#include "engine/api/database.h"
#include "engine/transfer/import_inference.h"
#include "engine/transfer/import_source.h"
#include "engine/transfer/import_spec.h"

#include <string>
#include <vector>

namespace strata::transfer {

//! How the rows of one source table go into the database.
struct TablePlan {
    std::string name;
    std::vector<SourceColumn> columns;      //!< the file's, each with its type
    std::vector<int> sourceToTarget;        //!< per file column: into targetNames, -1 left out
    std::vector<engine::LogicalType> types; //!< per file column: what its cells convert to
    std::vector<std::string> targetNames;   //!< the table columns the rows are inserted into
    bool startsEmpty = false;               //!< created, or its rows replaced

    //! The name of the 1-based file column `column`, or "" (none, or out of range).
    std::string columnName(int column) const;
};

//! What the loader does with a source table.
enum class TableStep {
    Load,       //!< the table is ready for rows
    Skip,       //!< nothing to load into (a warning says why)
    NeedsTypes, //!< to be created, but the file gives no types and no first pass was made
};

//! Where a plan is made: the import's connection (in its transaction) and how messages name
//! the source.
struct TablePlanContext {
    engine::Connection &connection;
    const ImportSpec &spec;
    const std::string &file;
    std::vector<std::string> &warnings;
};

//! Settles `source`'s column types and prepares its table inside the open transaction (CREATE;
//! for a replace, DROP when the file says what the table is, else DELETE). `inferred`: what a
//! first pass saw of the table, when `firstPassMade` (a column that pass saw no value of is
//! TEXT). Fills `outcome`'s action, rows before, columns and schema differences. NeedsTypes is
//! returned before anything is changed. Throws EngineError: a column the table lacks, a type
//! the user chose that does not exist, a table that exists in create mode.
TableStep planTable(const TablePlanContext &context, const SourceTable &source,
                    const InferredTable *inferred, bool firstPassMade, TablePlan &plan,
                    TableOutcome &outcome);

} // namespace strata::transfer
