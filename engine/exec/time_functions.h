#pragma once
// Internal to engine/exec: SQLite's and PostgreSQL's date and time functions
// (time_functions.cpp), called by functions.cpp.

#include "engine/types/value.h"

#include <string>
#include <vector>

namespace strata::engine::exec {

struct ExecContext;

//! The result type of date(), time(), datetime(), julianday(), unixepoch(), strftime(),
//! date_part() (EXTRACT), date_trunc() and the interval additions; false for other names.
//! Throws for a wrong number of arguments.
bool timeFunctionType(const std::string &upperName, size_t argCount, LogicalType &result);
//! Whether date_part() of this field is a whole number (all but seconds, milliseconds and
//! epoch): then its type is INTEGER.
bool isWholeDatePart(const std::string &field);
//! Calls one of them; `known` false when `upperName` is none of them. `resultType` is the
//! type the binder gave the call.
Value callTimeFunction(const std::string &upperName, std::vector<Value> &args,
                       LogicalType resultType, ExecContext &ctx, bool &known);

} // namespace strata::engine::exec
