#pragma once

#include "engine/api/database.h"

#include <QtGlobal>
#include <string>
#include <vector>

namespace strata::test {

//! The first value of the first row of a query, as an integer; aborts the test run when the
//! query fails (a helper for assertions, not for testing errors).
inline int64_t scalar(engine::Connection &c, const std::string &sql,
                      const std::vector<engine::Value> &params = {})
{
    auto r = c.execute(sql, params);
    if (!r || r->rows.empty())
        qFatal("query failed: %s", r ? "no rows" : r.status().toString().c_str());
    return r->rows[0][0].i;
}

} // namespace strata::test
