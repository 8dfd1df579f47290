#pragma once

#include "engine/types/value.h"

#include <memory>
#include <string>
#include <vector>

namespace strata::engine {
class Transaction;
}

namespace strata::engine::exec {

class Plan;
struct ExecContext;

enum class BKind {
    Const,
    Param,
    Column,      //!< index into the current row
    OuterColumn, //!< index into an enclosing query's row (correlated subquery)
    Negate,
    Not,
    Arith, //!< op: + - * / %
    Concat,
    Compare, //!< op: = <> < <= > >=
    And,
    Or,
    Function,
    AggregateRef, //!< index of an aggregate's result in the post-aggregation row
    WindowRef,    //!< a window function's result: its call's number until the planner places it
    Case,
    Cast,
    Between,
    InList,
    InSubquery,
    Exists,
    ScalarSubquery,
    IsNull,
    Like,
};

//! A bound expression: names resolved to row positions, types known.
struct BExpr {
    BKind kind = BKind::Const;
    LogicalType type = LogicalType::Null;
    Value value;
    int index = 0;    //!< column / param / aggregate index
    int depth = 0;    //!< OuterColumn: how many queries out
    char op = 0;      //!< Arith '+','-','*','/','%'; Compare: '=', '!', '<', 'l', '>', 'g'
    std::string name; //!< function name
    bool negated = false;
    bool hasOperand = false;
    bool hasElse = false;
    uint32_t pos = 0;
    std::vector<std::unique_ptr<BExpr>> args;
    std::shared_ptr<Plan> subplan;
    bool correlated = false; //!< the subquery reads outer columns: re-run per row

    // Cached results of an uncorrelated subquery, filled on first use per execution.
    mutable bool cached = false;
    mutable uint64_t cacheGeneration = 0;
    mutable Value cachedValue;
    mutable std::vector<Value> cachedList;
    mutable bool cachedListHasNull = false;
};
using BExprPtr = std::unique_ptr<BExpr>;

//! Evaluates against the current row. Throws EngineError on errors (overflow, bad cast).
Value eval(const BExpr &e, const Row &row, ExecContext &ctx);
//! WHERE/ON/HAVING truth: only TRUE passes (NULL and FALSE do not).
bool evalPredicate(const BExpr &e, const Row &row, ExecContext &ctx);

//! Result type of a scalar function call, and whether the name is known.
bool scalarFunctionType(const std::string &name, const std::vector<LogicalType> &args,
                        LogicalType &result);
bool isAggregateFunction(const std::string &name, size_t argCount);

//! SQL comparison of two non-NULL values, converting text to the other side's type where
//! SQL does (dates, timestamps, numbers).
int compareForPredicate(const Value &a, const Value &b);
//! LIKE with % and _ wildcards, case-sensitive as in standard SQL.
bool likeMatch(std::string_view text, std::string_view pattern, int escape);

} // namespace strata::engine::exec
