#include "engine/exec/expression.h"

#include "engine/common/ascii.h"
#include "engine/common/status.h"
#include "engine/common/timestamp.h"
#include "engine/exec/exec_context.h"
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

// Byte offset of the n-th (0-based) code point, or s.size().
size_t utf8Offset(std::string_view s, size_t n)
{
    size_t i = 0;
    while (i < s.size() && n > 0) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
            ++i;
        --n;
    }
    return i;
}

Value substr(const Value &text, int64_t start, std::optional<int64_t> length)
{
    const std::string &s = text.s;
    const bool chars = text.type == LogicalType::Text;
    const int64_t total
        = chars ? static_cast<int64_t>(utf8Length(s)) : static_cast<int64_t>(s.size());
    // SQL positions are 1-based; positions before 1 eat into the length.
    int64_t from = start - 1;
    int64_t to = length ? from + *length : total;
    if (length && *length < 0)
        fail("substr() length must not be negative");
    from = std::clamp<int64_t>(from, 0, total);
    to = std::clamp<int64_t>(to, 0, total);
    if (to <= from)
        return Value::stringy(text.type, "");
    if (!chars)
        return Value::blob(s.substr(static_cast<size_t>(from), static_cast<size_t>(to - from)));
    const size_t b = utf8Offset(s, static_cast<size_t>(from));
    const size_t e = utf8Offset(s, static_cast<size_t>(to));
    return Value::text(s.substr(b, e - b));
}

std::string trimChars(const std::string &s, const std::string &chars, bool left, bool right)
{
    size_t b = 0, e = s.size();
    if (left)
        while (b < e && chars.find(s[b]) != std::string::npos)
            ++b;
    if (right)
        while (e > b && chars.find(s[e - 1]) != std::string::npos)
            --e;
    return s.substr(b, e - b);
}

Value roundValue(const Value &v, int64_t digits)
{
    if (v.type == LogicalType::Integer && digits >= 0)
        return v;
    const double x = toNumber(v, "round()").asDouble();
    const double scale = std::pow(10.0, static_cast<double>(digits));
    double r = std::round(x * scale) / scale;
    if (!std::isfinite(r))
        r = x;
    return Value::real(r);
}

Value callFunction(const BExpr &e, std::vector<Value> &a, ExecContext &ctx)
{
    const std::string &f = e.name;
    auto anyNull = [&] {
        return std::any_of(a.begin(), a.end(), [](const Value &v) { return v.isNull(); });
    };
    if (f == "COALESCE" || f == "IFNULL") {
        for (auto &v : a)
            if (!v.isNull())
                return std::move(v);
        return Value::null();
    }
    if (f == "NULLIF") {
        if (a[0].isNull() || a[1].isNull())
            return a[0];
        Value x = a[0], y = a[1];
        alignTypes(x, y);
        return compareValues(x, y) == 0 ? Value::null() : a[0];
    }
    if (f == "NOW")
        return Value::timestamp(ctx.statementTime);
    if (f == "CURRENT_DATE") {
        int64_t days = ctx.statementTime / 86400000000LL;
        return Value::date(days);
    }
    if (f == "TYPEOF")
        return Value::text(a[0].isNull() ? "null" : asciiLower(typeName(a[0].type)));
    if ((f == "MIN" || f == "MAX") && a.size() >= 2) { // scalar MIN(a, b, ...)
        if (anyNull())
            return Value::null();
        size_t best = 0;
        for (size_t i = 1; i < a.size(); ++i) {
            const int c = compareValues(a[i], a[best]);
            if (f == "MIN" ? c < 0 : c > 0)
                best = i;
        }
        return a[best];
    }
    if (f == "CONCAT") {
        std::string out;
        for (const auto &v : a)
            if (!v.isNull())
                out += v.toString();
        return Value::text(out);
    }
    if (anyNull())
        return Value::null();
    if (f == "ABS") {
        Value v = toNumber(a[0], "abs()");
        if (v.type == LogicalType::Integer) {
            if (v.i == INT64_MIN)
                fail("integer overflow in abs()");
            return Value::integer(v.i < 0 ? -v.i : v.i);
        }
        return Value::real(std::fabs(v.d));
    }
    if (f == "ROUND") {
        int64_t digits = 0;
        if (a.size() > 1)
            digits = castValue(a[1], LogicalType::Integer).i;
        return roundValue(a[0], digits);
    }
    if (f == "FLOOR" || f == "CEIL" || f == "CEILING") {
        Value v = toNumber(a[0], f.c_str());
        if (v.type == LogicalType::Integer)
            return v;
        return Value::real(f == "FLOOR" ? std::floor(v.d) : std::ceil(v.d));
    }
    if (f == "SQRT") {
        const double x = toNumber(a[0], "sqrt()").asDouble();
        if (x < 0)
            fail("sqrt() of a negative number");
        return Value::real(std::sqrt(x));
    }
    if (f == "POWER" || f == "POW")
        return Value::real(
            std::pow(toNumber(a[0], "power()").asDouble(), toNumber(a[1], "power()").asDouble()));
    if (f == "MOD")
        return arith('%', a[0], a[1]);
    if (f == "SIGN") {
        const double x = toNumber(a[0], "sign()").asDouble();
        return Value::integer(x > 0 ? 1 : (x < 0 ? -1 : 0));
    }
    if (f == "LOWER")
        return Value::text(asciiLower(a[0].toString()));
    if (f == "UPPER")
        return Value::text(asciiUpper(a[0].toString()));
    if (f == "LENGTH" || f == "CHAR_LENGTH") {
        if (a[0].type == LogicalType::Blob)
            return Value::integer(static_cast<int64_t>(a[0].s.size()));
        return Value::integer(static_cast<int64_t>(utf8Length(a[0].toString())));
    }
    if (f == "OCTET_LENGTH")
        return Value::integer(static_cast<int64_t>(a[0].toString().size()));
    if (f == "SUBSTR" || f == "SUBSTRING") {
        Value text = a[0].type == LogicalType::Blob ? a[0] : Value::text(a[0].toString());
        const int64_t start = castValue(a[1], LogicalType::Integer).i;
        std::optional<int64_t> len;
        if (a.size() > 2)
            len = castValue(a[2], LogicalType::Integer).i;
        return substr(text, start, len);
    }
    if (f == "TRIM" || f == "LTRIM" || f == "RTRIM") {
        const std::string chars = a.size() > 1 ? a[1].toString() : " ";
        return Value::text(trimChars(a[0].toString(), chars, f != "RTRIM", f != "LTRIM"));
    }
    if (f == "CHAR" || f == "CHR") {
        // The characters with these code points (SQLite's char(), PostgreSQL's chr()); sqlite3
        // .dump writes line ends as char(10).
        std::string out;
        for (const auto &arg : a) {
            if (arg.isNull())
                continue;
            const int64_t cp = castValue(arg, LogicalType::Integer).i;
            if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                throwError(StatusCode::Invalid,
                           f + "(): " + std::to_string(cp) + " is not a Unicode code point");
            const auto c = static_cast<uint32_t>(cp);
            if (c < 0x80) {
                out += static_cast<char>(c);
            } else if (c < 0x800) {
                out += static_cast<char>(0xC0 | (c >> 6));
                out += static_cast<char>(0x80 | (c & 0x3F));
            } else if (c < 0x10000) {
                out += static_cast<char>(0xE0 | (c >> 12));
                out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (c & 0x3F));
            } else {
                out += static_cast<char>(0xF0 | (c >> 18));
                out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
                out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (c & 0x3F));
            }
        }
        return Value::text(std::move(out));
    }
    if (f == "REPLACE") {
        std::string s = a[0].toString();
        const std::string from = a[1].toString(), to = a[2].toString();
        if (from.empty())
            return Value::text(s);
        std::string out;
        size_t pos = 0, hit;
        while ((hit = s.find(from, pos)) != std::string::npos) {
            out.append(s, pos, hit - pos);
            out += to;
            pos = hit + from.size();
        }
        out.append(s, pos);
        return Value::text(out);
    }
    if (f == "INSTR" || f == "STRPOS") {
        const std::string s = a[0].toString(), needle = a[1].toString();
        const size_t hit = s.find(needle);
        return Value::integer(
            hit == std::string::npos ? 0 : static_cast<int64_t>(utf8Length(s.substr(0, hit))) + 1);
    }
    if (f == "HEX") {
        static const char *kHex = "0123456789ABCDEF";
        const std::string s = a[0].type == LogicalType::Blob ? a[0].s : a[0].toString();
        std::string out;
        for (unsigned char c : s) {
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
        return Value::text(out);
    }
    if (f == "DATE")
        return castValue(a[0], LogicalType::Date);
    if (f == "YEAR" || f == "MONTH" || f == "DAY") {
        Value d = castValue(a[0], LogicalType::Date);
        int64_t y;
        unsigned m, day;
        civilFromDays(d.i, y, m, day);
        return Value::integer(f == "YEAR" ? y : (f == "MONTH" ? m : day));
    }
    fail("unknown function " + f + "()");
}

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
    case BKind::OuterColumn: {
        const Row *outer = ctx.outerRows[ctx.outerRows.size() - e.depth];
        return (*outer)[e.index];
    }
    case BKind::Negate: {
        Value v = eval(*e.args[0], row, ctx);
        if (v.isNull())
            return v;
        v = toNumber(v, "negation");
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

bool scalarFunctionType(const std::string &f, const std::vector<LogicalType> &args,
                        LogicalType &result)
{
    auto firstKnown = [&] {
        for (auto t : args)
            if (t != LogicalType::Null)
                return t;
        return LogicalType::Null;
    };
    struct Sig {
        const char *name;
        int minArgs, maxArgs;
        LogicalType type; // Null: same as first argument
    };
    static const Sig kSigs[] = {
        {"COALESCE", 1, 99, LogicalType::Null},
        {"IFNULL", 2, 2, LogicalType::Null},
        {"NULLIF", 2, 2, LogicalType::Null},
        {"NOW", 0, 0, LogicalType::Timestamp},
        {"CURRENT_DATE", 0, 0, LogicalType::Date},
        {"TYPEOF", 1, 1, LogicalType::Text},
        {"MIN", 2, 99, LogicalType::Null},
        {"MAX", 2, 99, LogicalType::Null},
        {"CONCAT", 1, 99, LogicalType::Text},
        {"ABS", 1, 1, LogicalType::Null},
        {"ROUND", 1, 2, LogicalType::Double},
        {"FLOOR", 1, 1, LogicalType::Null},
        {"CEIL", 1, 1, LogicalType::Null},
        {"CEILING", 1, 1, LogicalType::Null},
        {"SQRT", 1, 1, LogicalType::Double},
        {"POWER", 2, 2, LogicalType::Double},
        {"POW", 2, 2, LogicalType::Double},
        {"MOD", 2, 2, LogicalType::Null},
        {"SIGN", 1, 1, LogicalType::Integer},
        {"LOWER", 1, 1, LogicalType::Text},
        {"UPPER", 1, 1, LogicalType::Text},
        {"LENGTH", 1, 1, LogicalType::Integer},
        {"CHAR_LENGTH", 1, 1, LogicalType::Integer},
        {"OCTET_LENGTH", 1, 1, LogicalType::Integer},
        {"SUBSTR", 2, 3, LogicalType::Text},
        {"SUBSTRING", 2, 3, LogicalType::Text},
        {"TRIM", 1, 2, LogicalType::Text},
        {"LTRIM", 1, 2, LogicalType::Text},
        {"RTRIM", 1, 2, LogicalType::Text},
        {"REPLACE", 3, 3, LogicalType::Text},
        {"CHAR", 1, 64, LogicalType::Text},
        {"CHR", 1, 1, LogicalType::Text},
        {"INSTR", 2, 2, LogicalType::Integer},
        {"STRPOS", 2, 2, LogicalType::Integer},
        {"HEX", 1, 1, LogicalType::Text},
        {"DATE", 1, 1, LogicalType::Date},
        {"YEAR", 1, 1, LogicalType::Integer},
        {"MONTH", 1, 1, LogicalType::Integer},
        {"DAY", 1, 1, LogicalType::Integer},
    };
    for (const auto &s : kSigs) {
        if (f != s.name)
            continue;
        const int n = static_cast<int>(args.size());
        if (n < s.minArgs || n > s.maxArgs)
            throwError(
                StatusCode::Invalid,
                f + "() takes " + std::to_string(s.minArgs)
                    + (s.maxArgs == s.minArgs
                           ? ""
                           : (s.maxArgs == 99 ? " or more" : " to " + std::to_string(s.maxArgs)))
                    + " arguments, not " + std::to_string(n));
        result = s.type;
        if (result == LogicalType::Null)
            result = firstKnown();
        if (f == "ROUND" && !args.empty() && args[0] == LogicalType::Integer && n == 1)
            result = LogicalType::Double;
        if ((f == "SUBSTR" || f == "SUBSTRING") && !args.empty() && args[0] == LogicalType::Blob)
            result = LogicalType::Blob;
        if ((f == "COALESCE" || f == "IFNULL" || f == "MIN" || f == "MAX")) {
            bool numeric = true, same = true;
            for (auto t : args) {
                if (t == LogicalType::Null)
                    continue;
                numeric &= isNumeric(t);
                same &= t == result;
            }
            if (!same)
                result = numeric ? LogicalType::Double : LogicalType::Text;
        }
        return true;
    }
    return false;
}

bool isAggregateFunction(const std::string &name, size_t argCount)
{
    if (name == "MIN" || name == "MAX")
        return argCount == 1;
    return name == "COUNT" || name == "SUM" || name == "AVG" || name == "TOTAL"
           || name == "GROUP_CONCAT" || name == "STRING_AGG";
}

} // namespace strata::engine::exec
