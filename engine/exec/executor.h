#pragma once

#include "engine/exec/operators.h"
#include "engine/sql/ast.h"

#include <memory>
#include <string_view>
#include <vector>

namespace strata::engine {
class Transaction;
}

namespace strata::engine::exec {

//! Runs one INSERT, UPDATE, DELETE or DDL statement in `txn`; returns rows affected.
//! On error the statement's own changes are undone and the error rethrown.
//! `planCache`, when given, keeps the statement's plan for the next run of the same parsed
//! statement (reused while the schema and the table stay as they were).
int64_t executeWrite(Transaction &txn, const sql::Statement &stmt, std::string_view sqlText,
                     ExecContext &ctx, std::shared_ptr<void> *planCache = nullptr);

//! Plans a SELECT for a cursor.
std::shared_ptr<Plan> planQuery(Transaction &txn, const sql::SelectStmt &select,
                                std::string_view sqlText);

} // namespace strata::engine::exec
