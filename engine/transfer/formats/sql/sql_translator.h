#pragma once

#include "engine/transfer/import_source.h"

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

namespace strata::transfer {

//! Splits a SQL script into statements and translates each into Strata's SQL: Strata's own
//! exports in every dialect, `sqlite3 .dump` output and `pg_dump --inserts` plain output. What
//! those dialects write and Strata has no use for (SET, PRAGMA, ownership, sequences, the
//! dump's own BEGIN/COMMIT) comes back with empty `sql` and a note; what Strata does
//! differently is translated (PostgreSQL casts and types, schema-qualified names,
//! AUTOINCREMENT, primary keys added by ALTER TABLE); views, triggers and functions are noted
//! and left out. Pure text work: nothing here touches a database.
//! Throws EngineError for an unterminated string, identifier or comment, at its line of
//! `origin`.
std::vector<ScriptStatement> translateSqlScript(std::string_view script,
                                                const engine::Location &origin);

//! translateSqlScript() one statement at a time. With `literalRows`, INSERTs of literal values
//! come as ScriptRows, several statements' rows at once (the fast path of a dump). `consumed`
//! is told now and then where the script starts that is still to be read (the bytes before it
//! are not needed again unless a ScriptRows must be run statement by statement).
//! `script` and `origin` must outlive the source.
std::unique_ptr<ScriptSource> openSqlScript(std::string_view script, const engine::Location &origin,
                                            bool literalRows,
                                            std::function<void(const char *)> consumed = {});

} // namespace strata::transfer
