#pragma once
// Internal to engine/exec: the scalar functions (functions.cpp) and the value arithmetic they
// share with expression evaluation (expression.cpp).

#include "engine/exec/expression.h"

#include <string_view>
#include <vector>

namespace strata::engine::exec {

struct ExecContext;

//! A number for arithmetic (booleans as 0/1, numeric text parsed); throws for anything else,
//! naming `what`.
Value toNumber(const Value &v, const char *what);
//! a op b for + - * / %, with SQL's NULL and integer-overflow rules.
Value arith(char op, const Value &a, const Value &b);
//! Aligns a text operand with a typed one, as a SQL literal '2024-01-15' compares with a DATE.
void alignTypes(Value &a, Value &b);
//! Where the `n`th UTF-8 character of s starts (s.size() past the end).
size_t utf8Offset(std::string_view s, size_t n);
//! Throws "f() takes 1 to 3 arguments, not 4" unless least <= count <= most (most > 64:
//! "or more").
void requireArgumentCount(const std::string &upperName, size_t count, size_t least, size_t most);
//! A scalar function call `e` on its evaluated arguments.
Value callFunction(const BExpr &e, std::vector<Value> &args, ExecContext &ctx);

} // namespace strata::engine::exec
