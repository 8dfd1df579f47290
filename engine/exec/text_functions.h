#pragma once
// Internal to engine/exec: string functions people reach for (printf/format, lpad/rpad,
// split_part, regular expressions) and SQLite's JSON functions (text_functions.cpp), called
// by functions.cpp.

#include "engine/types/value.h"

#include <string>
#include <vector>

namespace strata::engine::exec {

struct BExpr;
struct ExecContext;

//! The result type of one of these functions; false for other names. Throws for a wrong
//! number of arguments.
bool textFunctionType(const std::string &upperName, size_t argCount, LogicalType &result);
//! A value as JSON (text as a string, numbers and booleans as themselves, NULL as null).
std::string jsonOf(const Value &v);
//! json_each(doc [, path]): a row per member of the object or element of the array there (one
//! row for a single value; none for NULL or a path that leads nowhere), with the columns
//! jsonEachColumns() names.
std::vector<Row> jsonEachRows(const Value &doc, const Value &path);
const std::vector<std::pair<std::string, LogicalType>> &jsonEachColumns();
//! Calls one of them on its evaluated arguments (NULLs included: each says what NULL gives);
//! `known` false when `e` names none of them.
Value callTextFunction(const BExpr &e, std::vector<Value> &args, ExecContext &ctx, bool &known);

} // namespace strata::engine::exec
