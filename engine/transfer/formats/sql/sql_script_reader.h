#pragma once

#include "engine/transfer/import_source.h"

#include <memory>

namespace strata::transfer {

//! Runs a SQL script inside the import's transaction: Strata's own exports in every dialect,
//! `sqlite3 .dump` output and `pg_dump --inserts` plain output. What those dialects write and
//! Strata has no use for (SET, PRAGMA, ownership, sequences, the dump's own BEGIN/COMMIT) is
//! skipped and counted; what Strata does differently is translated (PostgreSQL casts and types,
//! schema-qualified names, AUTOINCREMENT, primary keys added by ALTER TABLE); views, triggers
//! and functions are reported and left out. A statement that fails names its line.
std::unique_ptr<Reader> createSqlScriptReader(const std::string &path, const ImportSpec &spec);

//! One statement of a script after translation: empty `sql` when it is skipped, with `note`
//! saying why (for tests and the dry run).
struct TranslatedStatement {
    int64_t line = 0;
    std::string original;
    std::string sql;
    std::string note;
    std::string table;         //!< what a CREATE TABLE or INSERT INTO names (else empty)
    bool createsTable = false; //!< a CREATE TABLE
};

//! Splits a script into statements and translates each (exposed for tests and fuzzing).
//! Throws EngineError for an unterminated string, identifier or comment, naming its line.
std::vector<TranslatedStatement> translateSqlScript(std::string_view script,
                                                    const std::string &path);

} // namespace strata::transfer
