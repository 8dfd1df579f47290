#pragma once

#include "engine/types/value.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace strata::engine {
class Transaction;
}

namespace strata::engine::exec {

//! What a running statement needs: its transaction, parameters, the statement time, and the
//! rows of enclosing queries for correlated subqueries.
struct ExecContext {
    Transaction *txn = nullptr;
    const std::vector<Value> *params = nullptr;
    int64_t statementTime = 0;
    std::vector<const Row *> outerRows;
    //! Bumped per statement so cached uncorrelated subquery results are recomputed.
    uint64_t generation = 0;
    const std::atomic<bool> *cancel = nullptr;
    //! When set, table scans yield only rows whose current version was committed after it.
    uint64_t changedSince = 0;
};

} // namespace strata::engine::exec
