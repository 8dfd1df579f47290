#include "engine/exec/functions.h"

#include "engine/common/ascii.h"
#include "engine/common/status.h"
#include "engine/common/timestamp.h"
#include "engine/exec/exec_context.h"
#include "engine/exec/operators.h"
#include "engine/exec/text_functions.h"
#include "engine/exec/time_functions.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

// The scalar functions: what each computes (callFunction) and the type it returns
// (scalarFunctionType, for the planner).
namespace strata::engine::exec {

namespace {

[[noreturn]] void fail(const std::string &message)
{
    throwError(StatusCode::Invalid, message);
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

} // namespace

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

void requireArgumentCount(const std::string &upperName, size_t count, size_t least, size_t most)
{
    if (count < least || count > most)
        fail(asciiLower(upperName) + "() takes " + std::to_string(least)
             + (most == least ? ""
                : most > 64   ? " or more"
                              : " to " + std::to_string(most))
             + " arguments, not " + std::to_string(count));
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
    {
        bool known = false;
        Value v = callTextFunction(e, a, ctx, known); // each decides what NULL gives
        if (known)
            return v;
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
    if (f == "DATE" && a.size() == 1
        && (a[0].type == LogicalType::Date || a[0].type == LogicalType::Timestamp))
        return castValue(a[0], LogicalType::Date);
    bool known = false;
    Value timed = callTimeFunction(f, a, e.type, ctx, known);
    if (known)
        return timed;
    if (f == "YEAR" || f == "MONTH" || f == "DAY") {
        Value d = castValue(a[0], LogicalType::Date);
        int64_t y;
        unsigned m, day;
        civilFromDays(d.i, y, m, day);
        return Value::integer(f == "YEAR" ? y : (f == "MONTH" ? m : day));
    }
    fail("unknown function " + f + "()");
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
        {"DATE", 0, 99, LogicalType::Date},
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
    return timeFunctionType(f, args.size(), result) || textFunctionType(f, args.size(), result);
}

bool isAggregateFunction(const std::string &name, size_t argCount)
{
    if (name == "MIN" || name == "MAX")
        return argCount == 1;
    return name == "COUNT" || name == "SUM" || name == "AVG" || name == "TOTAL"
           || name == "GROUP_CONCAT" || name == "STRING_AGG" || name == "JSON_GROUP_ARRAY"
           || name == "JSON_GROUP_OBJECT";
}

} // namespace strata::engine::exec
