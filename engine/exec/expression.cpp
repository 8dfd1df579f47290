#include "engine/exec/expression.h"

#include "engine/common/ascii.h"
#include "engine/common/status.h"
#include "engine/common/timestamp.h"
#include "engine/exec/exec_context.h"
#include "engine/exec/functions.h"
#include "engine/exec/operators.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace strata::engine::exec {

namespace {

//! The value of a column or constant without copying it; other expressions evaluate into
//! `scratch`.
inline const Value &evalRef(const BExpr &e, const Row &row, ExecContext &ctx, Value &scratch)
{
    if (e.kind == BKind::Column || e.kind == BKind::AggregateRef)
        return row[e.index];
    if (e.kind == BKind::Const)
        return e.value;
    scratch = eval(e, row, ctx);
    return scratch;
}

} // namespace

namespace {

[[noreturn]] void fail(const std::string &message)
{
    throwError(StatusCode::Invalid, message);
}

} // namespace

Value toNumber(const Value &v, const char *what)
{
    if (v.type == LogicalType::Integer || v.type == LogicalType::Double)
        return v;
    if (v.type == LogicalType::Boolean)
        return Value::integer(v.i);
    if (v.type == LogicalType::Text) {
        try {
            Value i = castValue(v, LogicalType::Integer);
            if (v.s.find_first_of(".eE") == std::string::npos)
                return i;
        } catch (const EngineError &) {
        }
        try {
            return castValue(v, LogicalType::Double);
        } catch (const EngineError &) {
        }
    }
    fail(std::string("cannot use ") + typeName(v.type) + " " + v.toString() + " in " + what);
}

//! A REAL's integer part, saturated at the INTEGER range (NaN is 0).
int64_t integerPart(double d)
{
    if (!(d == d))
        return 0;
    if (d >= 9223372036854775807.0)
        return INT64_MAX;
    if (d <= -9223372036854775808.0)
        return INT64_MIN;
    return static_cast<int64_t>(d);
}

Value arith(char op, const Value &a0, const Value &b0)
{
    if (a0.isNull() || b0.isNull())
        return Value::null();
    // Date arithmetic: date +/- integer days, timestamp +/- integer microseconds.
    if ((a0.type == LogicalType::Date || a0.type == LogicalType::Timestamp)
        && b0.type == LogicalType::Integer && (op == '+' || op == '-'))
        return Value::integral(a0.type, op == '+' ? a0.i + b0.i : a0.i - b0.i);
    if (a0.type == b0.type && (a0.type == LogicalType::Date || a0.type == LogicalType::Timestamp)
        && op == '-')
        return Value::integer(a0.i - b0.i);
    const Value a = toNumber(a0, "arithmetic"), b = toNumber(b0, "arithmetic");
    if (op == 'L' || op == 'R' || op == '&' || op == '|') {
        // Bit operations work on integers: a REAL operand loses its fraction, as in SQLite.
        const int64_t x = a.type == LogicalType::Integer ? a.i : integerPart(a.d);
        int64_t y = b.type == LogicalType::Integer ? b.i : integerPart(b.d);
        if (op == '&')
            return Value::integer(x & y);
        if (op == '|')
            return Value::integer(x | y);
        bool left = op == 'L';
        if (y < 0) { // a negative shift goes the other way
            left = !left;
            y = y == INT64_MIN ? 64 : -y;
        }
        if (y >= 64)
            return Value::integer(left || x >= 0 ? 0 : -1);
        if (left)
            return Value::integer(static_cast<int64_t>(static_cast<uint64_t>(x) << y));
        return Value::integer(x >> y);
    }
    if (a.type == LogicalType::Integer && b.type == LogicalType::Integer) {
        int64_t r;
        switch (op) {
        case '+':
            if (__builtin_add_overflow(a.i, b.i, &r))
                fail("integer overflow in " + a.toString() + " + " + b.toString());
            return Value::integer(r);
        case '-':
            if (__builtin_sub_overflow(a.i, b.i, &r))
                fail("integer overflow in " + a.toString() + " - " + b.toString());
            return Value::integer(r);
        case '*':
            if (__builtin_mul_overflow(a.i, b.i, &r))
                fail("integer overflow in " + a.toString() + " * " + b.toString());
            return Value::integer(r);
        case '/':
            if (b.i == 0)
                fail("division by zero");
            if (a.i == INT64_MIN && b.i == -1)
                fail("integer overflow in division");
            return Value::integer(a.i / b.i);
        case '%':
            if (b.i == 0)
                fail("division by zero");
            if (b.i == -1)
                return Value::integer(0);
            return Value::integer(a.i % b.i);
        }
    }
    const double x = a.asDouble(), y = b.asDouble();
    switch (op) {
    case '+':
        return Value::real(x + y);
    case '-':
        return Value::real(x - y);
    case '*':
        return Value::real(x * y);
    case '/':
        if (y == 0)
            fail("division by zero");
        return Value::real(x / y);
    case '%':
        if (y == 0)
            fail("division by zero");
        return Value::real(std::fmod(x, y));
    }
    fail("unknown operator");
}

// Aligns a text operand with a typed one, as a SQL literal '2024-01-15' compares with a DATE.
void alignTypes(Value &a, Value &b)
{
    if (a.type == b.type)
        return;
    auto textTo = [](Value &text, LogicalType t) {
        try {
            text = castValue(text, t);
        } catch (const EngineError &) {
            if (t == LogicalType::Date || t == LogicalType::Timestamp)
                fail("cannot compare '" + text.s + "' with a " + typeName(t)
                     + " (expected YYYY-MM-DD" + (t == LogicalType::Timestamp ? "[THH:MM:SS]" : "")
                     + ")");
        }
    };
    if (a.type == LogicalType::Text && b.type != LogicalType::Blob)
        textTo(a, b.type);
    else if (b.type == LogicalType::Text && a.type != LogicalType::Blob)
        textTo(b, a.type);
    if (a.type == LogicalType::Date && b.type == LogicalType::Timestamp)
        a = Value::timestamp(a.i * 86400000000LL);
    else if (b.type == LogicalType::Date && a.type == LogicalType::Timestamp)
        b = Value::timestamp(b.i * 86400000000LL);
    if (a.type == LogicalType::Boolean && isNumeric(b.type))
        a = Value::integer(a.i);
    if (b.type == LogicalType::Boolean && isNumeric(a.type))
        b = Value::integer(b.i);
}

namespace {

// Byte offset of the n-th (0-based) code point, or s.size().
Value runScalarSubquery(const BExpr &e, const Row &row, ExecContext &ctx)
{
    ctx.outerRows.push_back(&row);
    struct Pop {
        ExecContext &c;
        ~Pop() { c.outerRows.pop_back(); }
    } pop{ctx};
    e.subplan->root->open(ctx);
    Row r;
    if (!e.subplan->root->next(r))
        return Value::null();
    Value v = r.empty() ? Value::null() : r[0];
    Row extra;
    if (e.subplan->root->next(extra))
        fail("a scalar subquery returned more than one row");
    return v;
}

} // namespace

int compareForPredicate(const Value &a0, const Value &b0)
{
    if (a0.type == b0.type || (isNumeric(a0.type) && isNumeric(b0.type)))
        return compareValues(a0, b0);
    Value a = a0, b = b0;
    alignTypes(a, b);
    return compareValues(a, b);
}

bool likeMatch(std::string_view text, std::string_view pattern, int escape)
{
    // Iterative matcher with backtracking to the last '%'.
    size_t t = 0, p = 0, starP = std::string_view::npos, starT = 0;
    auto charLen = [](std::string_view s, size_t i) {
        size_t n = 1;
        while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80)
            ++n;
        return n;
    };
    while (t < text.size()) {
        if (p < pattern.size()) {
            const char pc = pattern[p];
            if (escape >= 0 && pc == static_cast<char>(escape) && p + 1 < pattern.size()) {
                const size_t n = charLen(pattern, p + 1);
                if (text.substr(t, n) == pattern.substr(p + 1, n)) {
                    t += n;
                    p += 1 + n;
                    continue;
                }
            } else if (pc == '%') {
                starP = p++;
                starT = t;
                continue;
            } else if (pc == '_') {
                t += charLen(text, t);
                ++p;
                continue;
            } else {
                const size_t n = charLen(pattern, p);
                if (text.substr(t, n) == pattern.substr(p, n)) {
                    t += n;
                    p += n;
                    continue;
                }
            }
        }
        if (starP == std::string_view::npos)
            return false;
        p = starP + 1;
        starT += charLen(text, starT);
        t = starT;
    }
    while (p < pattern.size() && pattern[p] == '%')
        ++p;
    return p == pattern.size();
}

bool evalPredicate(const BExpr &e, const Row &row, ExecContext &ctx)
{
    // AND chains short-circuit here without building intermediate values.
    if (e.kind == BKind::And)
        return evalPredicate(*e.args[0], row, ctx) && evalPredicate(*e.args[1], row, ctx);
    Value scratch;
    const Value &v = evalRef(e, row, ctx, scratch);
    if (v.isNull())
        return false;
    if (v.type == LogicalType::Boolean || v.type == LogicalType::Integer)
        return v.i != 0;
    if (v.type == LogicalType::Double)
        return v.d != 0;
    return castValue(v, LogicalType::Boolean).i != 0;
}

namespace {

// Three-valued truth: 1 true, 0 false, -1 unknown (NULL).
int truth(const Value &v)
{
    if (v.isNull())
        return -1;
    if (v.type == LogicalType::Boolean || v.type == LogicalType::Integer)
        return v.i != 0;
    if (v.type == LogicalType::Double)
        return v.d != 0;
    return castValue(v, LogicalType::Boolean).i != 0;
}

Value fromTruth(int t)
{
    return t < 0 ? Value::null() : Value::boolean(t == 1);
}

bool compareOp(char op, int c)
{
    switch (op) {
    case '=':
        return c == 0;
    case '!':
        return c != 0;
    case '<':
        return c < 0;
    case 'l':
        return c <= 0;
    case '>':
        return c > 0;
    case 'g':
        return c >= 0;
    }
    return false;
}

void fillSubqueryList(const BExpr &e, const Row &row, ExecContext &ctx)
{
    ctx.outerRows.push_back(&row);
    struct Pop {
        ExecContext &c;
        ~Pop() { c.outerRows.pop_back(); }
    } pop{ctx};
    e.cachedList.clear();
    e.cachedListHasNull = false;
    e.subplan->root->open(ctx);
    Row r;
    while (e.subplan->root->next(r)) {
        if (r.empty() || r[0].isNull())
            e.cachedListHasNull = true;
        else
            e.cachedList.push_back(r[0]);
    }
}

} // namespace

Value eval(const BExpr &e, const Row &row, ExecContext &ctx)
{
    switch (e.kind) {
    case BKind::Const:
        return e.value;
    case BKind::Param:
        if (!ctx.params || e.index >= static_cast<int>(ctx.params->size()))
            throwError(StatusCode::Invalid,
                       "parameter " + std::to_string(e.index + 1)
                           + " has no value (the statement has "
                           + std::to_string(ctx.params ? ctx.params->size() : 0) + " bound)");
        return (*ctx.params)[e.index];
    case BKind::Column:
    case BKind::AggregateRef:
        return row[e.index];
    case BKind::WindowRef:
        STRATA_ASSERT(false, "a window function's result read before it was placed");
        return Value::null();
    case BKind::OuterColumn: {
        const Row *outer = ctx.outerRows[ctx.outerRows.size() - e.depth];
        return (*outer)[e.index];
    }
    case BKind::Negate: {
        Value v = eval(*e.args[0], row, ctx);
        if (v.isNull())
            return v;
        v = toNumber(v, e.op == '~' ? "~" : "negation");
        if (e.op == '~')
            return Value::integer(~(v.type == LogicalType::Integer ? v.i : integerPart(v.d)));
        if (v.type == LogicalType::Integer) {
            if (v.i == INT64_MIN)
                fail("integer overflow in negation");
            return Value::integer(-v.i);
        }
        return Value::real(-v.d);
    }
    case BKind::Not: {
        const int t = truth(eval(*e.args[0], row, ctx));
        return t < 0 ? Value::null() : Value::boolean(t == 0);
    }
    case BKind::Arith:
        return arith(e.op, eval(*e.args[0], row, ctx), eval(*e.args[1], row, ctx));
    case BKind::Concat: {
        Value a = eval(*e.args[0], row, ctx);
        Value b = eval(*e.args[1], row, ctx);
        if (a.isNull() || b.isNull())
            return Value::null();
        return Value::text(a.toString() + b.toString());
    }
    case BKind::Compare: {
        Value sa, sb;
        if (e.op == 'i' || e.op == 'I') { // IS, IS NOT: NULL is NULL, and never NULL out
            const Value &a = evalRef(*e.args[0], row, ctx, sa);
            const Value &b = evalRef(*e.args[1], row, ctx, sb);
            const bool same = a.isNull() || b.isNull() ? a.isNull() && b.isNull()
                                                       : compareForPredicate(a, b) == 0;
            return Value::boolean(same == (e.op == 'i'));
        }
        const Value &a = evalRef(*e.args[0], row, ctx, sa);
        if (a.isNull())
            return Value::null();
        const Value &b = evalRef(*e.args[1], row, ctx, sb);
        if (b.isNull())
            return Value::null();
        if (a.type == b.type && (isIntegral(a.type) || a.type == LogicalType::Double)) {
            // Same-typed numbers compare directly (NaN goes the general way).
            if (a.type != LogicalType::Double)
                return Value::boolean(compareOp(e.op, (a.i > b.i) - (a.i < b.i)));
            if (a.d == a.d && b.d == b.d)
                return Value::boolean(compareOp(e.op, (a.d > b.d) - (a.d < b.d)));
        }
        return Value::boolean(compareOp(e.op, compareForPredicate(a, b)));
    }
    case BKind::And: {
        const int l = truth(eval(*e.args[0], row, ctx));
        if (l == 0)
            return Value::boolean(false);
        const int r = truth(eval(*e.args[1], row, ctx));
        if (r == 0)
            return Value::boolean(false);
        return fromTruth(l == 1 && r == 1 ? 1 : -1);
    }
    case BKind::Or: {
        const int l = truth(eval(*e.args[0], row, ctx));
        if (l == 1)
            return Value::boolean(true);
        const int r = truth(eval(*e.args[1], row, ctx));
        if (r == 1)
            return Value::boolean(true);
        return fromTruth(l == 0 && r == 0 ? 0 : -1);
    }
    case BKind::Function: {
        std::vector<Value> args;
        args.reserve(e.args.size());
        for (const auto &a : e.args)
            args.push_back(eval(*a, row, ctx));
        return callFunction(e, args, ctx);
    }
    case BKind::Case: {
        size_t i = 0;
        Value operand;
        if (e.hasOperand)
            operand = eval(*e.args[i++], row, ctx);
        const size_t whenEnd = e.args.size() - (e.hasElse ? 1 : 0);
        for (; i + 1 < whenEnd + 1 && i < whenEnd; i += 2) {
            bool hit;
            if (e.hasOperand) {
                Value w = eval(*e.args[i], row, ctx);
                hit = !operand.isNull() && !w.isNull() && compareForPredicate(operand, w) == 0;
            } else {
                hit = evalPredicate(*e.args[i], row, ctx);
            }
            if (hit) {
                Value v = eval(*e.args[i + 1], row, ctx);
                if (!v.isNull() && e.type != LogicalType::Null && v.type != e.type)
                    v = castValue(v, e.type);
                return v;
            }
        }
        if (e.hasElse) {
            Value v = eval(*e.args.back(), row, ctx);
            if (!v.isNull() && e.type != LogicalType::Null && v.type != e.type)
                v = castValue(v, e.type);
            return v;
        }
        return Value::null();
    }
    case BKind::Cast:
        return castValue(eval(*e.args[0], row, ctx), e.type);
    case BKind::Between: {
        Value v = eval(*e.args[0], row, ctx);
        Value lo = eval(*e.args[1], row, ctx);
        Value hi = eval(*e.args[2], row, ctx);
        const int a = (v.isNull() || lo.isNull()) ? -1 : compareForPredicate(v, lo) >= 0;
        const int b = (v.isNull() || hi.isNull()) ? -1 : compareForPredicate(v, hi) <= 0;
        int t = (a == 0 || b == 0) ? 0 : ((a == 1 && b == 1) ? 1 : -1);
        if (e.negated && t >= 0)
            t = !t;
        return fromTruth(t);
    }
    case BKind::InList: {
        Value v = eval(*e.args[0], row, ctx);
        if (e.args.size() == 1) // IN (): false even for NULL, as in SQLite
            return Value::boolean(e.negated);
        if (v.isNull())
            return Value::null();
        bool sawNull = false;
        for (size_t i = 1; i < e.args.size(); ++i) {
            Value item = eval(*e.args[i], row, ctx);
            if (item.isNull()) {
                sawNull = true;
                continue;
            }
            if (compareForPredicate(v, item) == 0)
                return Value::boolean(!e.negated);
        }
        return sawNull ? Value::null() : Value::boolean(e.negated);
    }
    case BKind::InSubquery: {
        Value v = eval(*e.args[0], row, ctx);
        if (e.correlated || !e.cached || e.cacheGeneration != ctx.generation) {
            fillSubqueryList(e, row, ctx);
            e.cached = true;
            e.cacheGeneration = ctx.generation;
        }
        if (v.isNull())
            return e.cachedList.empty() && !e.cachedListHasNull ? Value::boolean(e.negated)
                                                                : Value::null();
        for (const auto &item : e.cachedList)
            if (compareForPredicate(v, item) == 0)
                return Value::boolean(!e.negated);
        return e.cachedListHasNull ? Value::null() : Value::boolean(e.negated);
    }
    case BKind::Exists: {
        if (!e.correlated && e.cached && e.cacheGeneration == ctx.generation)
            return e.cachedValue;
        ctx.outerRows.push_back(&row);
        struct Pop {
            ExecContext &c;
            ~Pop() { c.outerRows.pop_back(); }
        } pop{ctx};
        e.subplan->root->open(ctx);
        Row r;
        const bool any = e.subplan->root->next(r);
        Value result = Value::boolean(any != e.negated);
        e.cachedValue = result;
        e.cached = true;
        e.cacheGeneration = ctx.generation;
        return result;
    }
    case BKind::ScalarSubquery: {
        if (!e.correlated && e.cached && e.cacheGeneration == ctx.generation)
            return e.cachedValue;
        Value v = runScalarSubquery(e, row, ctx);
        e.cachedValue = v;
        e.cached = true;
        e.cacheGeneration = ctx.generation;
        return v;
    }
    case BKind::IsNull: {
        const bool isNull = eval(*e.args[0], row, ctx).isNull();
        return Value::boolean(isNull != e.negated);
    }
    case BKind::Like: {
        Value v = eval(*e.args[0], row, ctx);
        Value p = eval(*e.args[1], row, ctx);
        if (v.isNull() || p.isNull())
            return Value::null();
        int escape = -1;
        if (e.args.size() > 2) {
            Value esc = eval(*e.args[2], row, ctx);
            if (esc.isNull())
                return Value::null();
            const std::string s = esc.toString();
            if (s.size() != 1)
                fail("the LIKE escape must be a single character");
            escape = static_cast<unsigned char>(s[0]);
        }
        return Value::boolean(likeMatch(v.toString(), p.toString(), escape) != e.negated);
    }
    }
    fail("unknown expression");
}

} // namespace strata::engine::exec
