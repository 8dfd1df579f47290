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

//! The rows a RETURNING clause gives back.
struct ReturnedRows {
    std::vector<std::string> names;
    std::vector<LogicalType> types;
    std::vector<Row> rows;
};

//! Runs one INSERT, UPDATE, DELETE or DDL statement in `txn`; returns rows affected.
//! On error the statement's own changes are undone and the error rethrown.
//! `planCache`, when given, keeps the statement's plan for the next run of the same parsed
//! statement (reused while the schema and the table stay as they were). `returned` gets
//! what a RETURNING clause gives (required when the statement has one).
int64_t executeWrite(Transaction &txn, const sql::Statement &stmt, std::string_view sqlText,
                     ExecContext &ctx, std::shared_ptr<void> *planCache = nullptr,
                     ReturnedRows *returned = nullptr);

//! EXPLAIN's rows for a plan: (id, parent, detail), a row per step, each step's inputs
//! after it with it as their parent (as SQLite's EXPLAIN QUERY PLAN lays them out).
std::vector<Row> explainPlan(const Plan &plan);

//! Plans a SELECT for a cursor.
std::shared_ptr<Plan> planQuery(Transaction &txn, const sql::SelectStmt &select,
                                std::string_view sqlText);

} // namespace strata::engine::exec
