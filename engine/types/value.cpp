#include "engine/types/value.h"

#include "engine/common/ascii.h"
#include "engine/common/status.h"
#include "engine/common/timestamp.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>

namespace strata::engine {

const char *typeName(LogicalType type)
{
    switch (type) {
    case LogicalType::Null:
        return "NULL";
    case LogicalType::Boolean:
        return "BOOLEAN";
    case LogicalType::Integer:
        return "INTEGER";
    case LogicalType::Double:
        return "DOUBLE";
    case LogicalType::Text:
        return "TEXT";
    case LogicalType::Blob:
        return "BLOB";
    case LogicalType::Date:
        return "DATE";
    case LogicalType::Timestamp:
        return "TIMESTAMP";
    }
    return "?";
}

bool typeFromName(std::string_view raw, LogicalType &type)
{
    const std::string name = asciiUpper(raw);
    static const struct {
        const char *name;
        LogicalType type;
    } kNames[] = {
        {"BOOLEAN", LogicalType::Boolean},
        {"BOOL", LogicalType::Boolean},
        {"INTEGER", LogicalType::Integer},
        {"INT", LogicalType::Integer},
        {"BIGINT", LogicalType::Integer},
        {"SMALLINT", LogicalType::Integer},
        {"TINYINT", LogicalType::Integer},
        {"INT8", LogicalType::Integer},
        {"INT4", LogicalType::Integer},
        {"INT2", LogicalType::Integer},
        {"DOUBLE", LogicalType::Double},
        {"REAL", LogicalType::Double},
        {"FLOAT", LogicalType::Double},
        {"FLOAT8", LogicalType::Double},
        {"NUMERIC", LogicalType::Double},
        {"DECIMAL", LogicalType::Double},
        {"TEXT", LogicalType::Text},
        {"VARCHAR", LogicalType::Text},
        {"CHAR", LogicalType::Text},
        {"STRING", LogicalType::Text},
        {"CHARACTER", LogicalType::Text},
        {"BLOB", LogicalType::Blob},
        {"BYTEA", LogicalType::Blob},
        {"DATE", LogicalType::Date},
        {"TIMESTAMP", LogicalType::Timestamp},
        {"DATETIME", LogicalType::Timestamp},
        {"TIMESTAMPTZ", LogicalType::Timestamp},
    };
    for (const auto &n : kNames) {
        if (name == n.name) {
            type = n.type;
            return true;
        }
    }
    return false;
}

size_t formatDoubleTo(char *out, double v)
{
    if (std::isnan(v)) {
        std::memcpy(out, "NaN", 3);
        return 3;
    }
    if (std::isinf(v)) {
        if (v < 0) {
            std::memcpy(out, "-Infinity", 9);
            return 9;
        }
        std::memcpy(out, "Infinity", 8);
        return 8;
    }
    auto res = std::to_chars(out, out + 32, v);
    size_t n = static_cast<size_t>(res.ptr - out);
    // Keep doubles recognisable as doubles when read back ("2.0", not "2").
    bool plain = true;
    for (size_t k = 0; k < n; ++k)
        if (out[k] == '.' || out[k] == 'e' || out[k] == 'E')
            plain = false;
    if (plain) {
        out[n++] = '.';
        out[n++] = '0';
    }
    return n;
}

std::string formatDouble(double v)
{
    char buf[40];
    return std::string(buf, formatDoubleTo(buf, v));
}

std::string Value::toString() const
{
    switch (type) {
    case LogicalType::Null:
        return "NULL";
    case LogicalType::Boolean:
        return i ? "true" : "false";
    case LogicalType::Integer:
        return std::to_string(i);
    case LogicalType::Double:
        return formatDouble(d);
    case LogicalType::Text:
    case LogicalType::Blob:
        return s;
    case LogicalType::Date:
        return formatDate(i);
    case LogicalType::Timestamp:
        return formatTimestamp(i);
    }
    return {};
}

std::string Value::toSqlLiteral() const
{
    auto quote = [](const std::string &text) {
        std::string out = "'";
        for (char c : text) {
            if (c == '\'')
                out += '\'';
            out += c;
        }
        return out + "'";
    };
    switch (type) {
    case LogicalType::Null:
        return "NULL";
    case LogicalType::Boolean:
        return i ? "TRUE" : "FALSE";
    case LogicalType::Integer:
        return std::to_string(i);
    case LogicalType::Double:
        if (!std::isfinite(d))
            return "CAST('" + formatDouble(d) + "' AS DOUBLE)";
        return formatDouble(d);
    case LogicalType::Text:
        return quote(s);
    case LogicalType::Blob: {
        static const char *kHex = "0123456789ABCDEF";
        std::string out = "X'";
        for (unsigned char c : s) {
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
        return out + "'";
    }
    case LogicalType::Date:
        return "DATE '" + formatDate(i) + "'";
    case LogicalType::Timestamp:
        return "TIMESTAMP '" + formatTimestamp(i) + "'";
    }
    return "NULL";
}

namespace {

int typeRank(LogicalType t)
{
    switch (t) {
    case LogicalType::Null:
        return 0;
    case LogicalType::Boolean:
        return 1;
    case LogicalType::Integer:
    case LogicalType::Double:
        return 2;
    case LogicalType::Text:
        return 3;
    case LogicalType::Blob:
        return 4;
    case LogicalType::Date:
        return 5;
    case LogicalType::Timestamp:
        return 6;
    }
    return 7;
}

template<typename T>
int cmp3(T a, T b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

int compareNumbers(const Value &a, const Value &b)
{
    if (a.type == LogicalType::Integer && b.type == LogicalType::Integer)
        return cmp3(a.i, b.i);
    const double x = a.asDouble(), y = b.asDouble();
    if (std::isnan(x) || std::isnan(y)) // NaN sorts after every number, equal to itself
        return std::isnan(x) ? (std::isnan(y) ? 0 : 1) : -1;
    if (x != y)
        return x < y ? -1 : 1;
    // Equal as doubles: compare exactly when one side is an integer beyond 2^53.
    if (a.type == LogicalType::Integer && b.type == LogicalType::Double && std::fabs(y) < 9.2e18)
        return cmp3(a.i, static_cast<int64_t>(y));
    if (b.type == LogicalType::Integer && a.type == LogicalType::Double && std::fabs(x) < 9.2e18)
        return cmp3(static_cast<int64_t>(x), b.i);
    return 0;
}

} // namespace

int compareValues(const Value &a, const Value &b)
{
    const int ra = typeRank(a.type), rb = typeRank(b.type);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    switch (a.type) {
    case LogicalType::Null:
        return 0;
    case LogicalType::Integer:
    case LogicalType::Double:
        return compareNumbers(a, b);
    case LogicalType::Text:
    case LogicalType::Blob: {
        const int c = a.s.compare(b.s);
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    default:
        return cmp3(a.i, b.i);
    }
}

size_t hashValue(const Value &v)
{
    switch (v.type) {
    case LogicalType::Null:
        return 0x9e3779b9;
    case LogicalType::Integer:
        return std::hash<int64_t>()(v.i);
    case LogicalType::Double: {
        if (v.d == std::trunc(v.d) && std::fabs(v.d) < 9.2e18)
            return std::hash<int64_t>()(static_cast<int64_t>(v.d));
        return std::hash<double>()(v.d);
    }
    case LogicalType::Text:
    case LogicalType::Blob:
        return std::hash<std::string_view>()(v.s);
    default:
        return std::hash<int64_t>()(v.i) ^ (static_cast<size_t>(v.type) << 56);
    }
}

size_t invalidUtf8At(std::string_view s)
{
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    const size_t n = s.size();
    size_t i = 0;
    while (i < n) {
        // Eight ASCII bytes at a time: almost all text is ASCII.
        while (i + 8 <= n) {
            uint64_t word;
            std::memcpy(&word, p + i, 8);
            if (word & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        uint32_t cp;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n)
            return i;
        for (size_t k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and values beyond U+10FFFF are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)
            || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

void requireStorableText(std::string_view s, const std::string &what)
{
    // Every TEXT value Strata stores must be one every format can write and read back.
    if (isStorableText(s))
        return;
    const size_t nul = s.find('\0');
    const size_t bad = invalidUtf8At(s);
    const bool isNul
        = bad == std::string_view::npos || (nul != std::string_view::npos && nul < bad);
    throwError(StatusCode::Constraint, what + ": text must be UTF-8 without NUL bytes, found "
                                           + (isNul ? "a NUL byte" : "an invalid byte sequence")
                                           + " at byte " + std::to_string(isNul ? nul : bad)
                                           + " (store bytes in a BLOB column)");
}

size_t utf8Length(std::string_view s)
{
    size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

namespace {

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

bool parseInteger(std::string_view s, int64_t &out)
{
    s = trimmed(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty())
        return false;
    auto res = std::from_chars(s.data(), s.data() + s.size(), out);
    return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

bool parseDouble(std::string_view s, double &out)
{
    s = trimmed(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s == "NaN" || s == "nan") {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (s == "Infinity" || s == "inf" || s == "Inf") {
        out = std::numeric_limits<double>::infinity();
        return true;
    }
    if (s == "-Infinity" || s == "-inf" || s == "-Inf") {
        out = -std::numeric_limits<double>::infinity();
        return true;
    }
    if (s.empty())
        return false;
    auto res = std::from_chars(s.data(), s.data() + s.size(), out);
    if (res.ec == std::errc::result_out_of_range && res.ptr == s.data() + s.size()) {
        const std::string copy(s); // past the range: rounded to infinity or to zero
        out = std::strtod(copy.c_str(), nullptr);
        return true;
    }
    return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

bool parseBool(std::string_view s, bool &out)
{
    const std::string t = asciiLower(trimmed(s));
    if (t == "true" || t == "t" || t == "1" || t == "yes" || t == "y" || t == "on") {
        out = true;
        return true;
    }
    if (t == "false" || t == "f" || t == "0" || t == "no" || t == "n" || t == "off") {
        out = false;
        return true;
    }
    return false;
}

// Converts, or returns a Null-typed value with type Null *and* s set to a reason on failure.
bool tryConvert(const Value &v, LogicalType target, Value &out)
{
    if (v.isNull() || v.type == target) {
        out = v;
        return true;
    }
    switch (target) {
    case LogicalType::Null:
        return false;
    case LogicalType::Boolean:
        if (v.type == LogicalType::Integer) {
            out = Value::boolean(v.i != 0);
            return true;
        }
        if (v.type == LogicalType::Double) {
            out = Value::boolean(v.d != 0);
            return true;
        }
        if (v.type == LogicalType::Text) {
            bool b;
            if (!parseBool(v.s, b))
                return false;
            out = Value::boolean(b);
            return true;
        }
        return false;
    case LogicalType::Integer:
        if (v.type == LogicalType::Boolean) {
            out = Value::integer(v.i);
            return true;
        }
        if (v.type == LogicalType::Double) {
            if (!std::isfinite(v.d) || std::fabs(v.d) >= 9.223372036854775807e18)
                return false;
            out = Value::integer(static_cast<int64_t>(std::llround(v.d)));
            return true;
        }
        if (v.type == LogicalType::Text) {
            int64_t n;
            if (parseInteger(v.s, n)) {
                out = Value::integer(n);
                return true;
            }
            double d;
            if (parseDouble(v.s, d) && std::isfinite(d) && d == std::trunc(d)
                && std::fabs(d) < 9.2e18) {
                out = Value::integer(static_cast<int64_t>(d));
                return true;
            }
            return false;
        }
        return false;
    case LogicalType::Double:
        if (v.type == LogicalType::Integer || v.type == LogicalType::Boolean) {
            out = Value::real(static_cast<double>(v.i));
            return true;
        }
        if (v.type == LogicalType::Text) {
            double d;
            if (!parseDouble(v.s, d))
                return false;
            out = Value::real(d);
            return true;
        }
        return false;
    case LogicalType::Text:
        if (v.type == LogicalType::Blob) {
            out = Value::text(v.s);
            return true;
        }
        out = Value::text(v.toString());
        return true;
    case LogicalType::Blob:
        if (v.type == LogicalType::Text) {
            out = Value::blob(v.s);
            return true;
        }
        return false;
    case LogicalType::Date:
        if (v.type == LogicalType::Text) {
            auto d = parseDate(trimmed(v.s));
            if (!d) {
                auto ts = parseTimestamp(trimmed(v.s));
                if (!ts)
                    return false;
                int64_t days = *ts / 86400000000LL;
                if (*ts < 0 && *ts % 86400000000LL)
                    --days;
                d = days;
            }
            out = Value::date(*d);
            return true;
        }
        if (v.type == LogicalType::Timestamp) {
            int64_t days = v.i / 86400000000LL;
            if (v.i < 0 && v.i % 86400000000LL)
                --days;
            out = Value::date(days);
            return true;
        }
        return false;
    case LogicalType::Timestamp:
        if (v.type == LogicalType::Text) {
            auto ts = parseTimestamp(trimmed(v.s));
            if (!ts)
                return false;
            out = Value::timestamp(*ts);
            return true;
        }
        if (v.type == LogicalType::Date) {
            out = Value::timestamp(v.i * 86400000000LL);
            return true;
        }
        return false;
    }
    return false;
}

std::string describe(const Value &v)
{
    std::string text = v.type == LogicalType::Text ? "'" + v.s + "'" : v.toString();
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return std::string(typeName(v.type)) + " " + text;
}

} // namespace

Value coerceToColumn(const Value &v, LogicalType target, const std::string &what)
{
    Value out;
    // A column never silently turns a fractional double into an integer.
    if (target == LogicalType::Integer && v.type == LogicalType::Double && v.d != std::trunc(v.d))
        throwError(StatusCode::Constraint,
                   "cannot store " + describe(v) + " in INTEGER column " + what);
    if (target == LogicalType::Boolean && (v.type == LogicalType::Double))
        throwError(StatusCode::Constraint,
                   "cannot store " + describe(v) + " in BOOLEAN column " + what);
    if (!tryConvert(v, target, out))
        throwError(StatusCode::Constraint,
                   "cannot store " + describe(v) + " in " + typeName(target) + " column " + what);
    return out;
}

Value castValue(const Value &v, LogicalType target)
{
    Value out;
    if (!tryConvert(v, target, out))
        throwError(StatusCode::Invalid, "cannot cast " + describe(v) + " to " + typeName(target));
    return out;
}

std::string quoteIdentifier(std::string_view name)
{
    std::string out = "\"";
    for (char c : name) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

} // namespace strata::engine
