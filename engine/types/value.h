#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine {

//! The engine's column and value types. Null is the type of an untyped NULL literal.
enum class LogicalType : uint8_t {
    Null = 0,
    Boolean = 1,
    Integer = 2,
    Double = 3,
    Text = 4,
    Blob = 5,
    Date = 6,      //!< days since 1970-01-01
    Timestamp = 7, //!< microseconds since 1970-01-01T00:00:00Z
};

//! "INTEGER", "TEXT", ...
const char *typeName(LogicalType type);
//! Parses a declared type name (INT, BIGINT, VARCHAR, FLOAT, ...); false when unknown.
bool typeFromName(std::string_view name, LogicalType &type);
//! Integer-valued types stored in Value::i.
inline bool isIntegral(LogicalType t)
{
    return t == LogicalType::Boolean || t == LogicalType::Integer || t == LogicalType::Date
           || t == LogicalType::Timestamp;
}
inline bool isNumeric(LogicalType t)
{
    return t == LogicalType::Integer || t == LogicalType::Double;
}

//! One SQL value. Strings and blobs own their bytes.
struct Value {
    LogicalType type = LogicalType::Null;
    union {
        int64_t i;
        double d;
    };
    std::string s; //!< Text and Blob bytes

    Value()
        : i(0)
    {
    }
    static Value null() { return {}; }
    static Value boolean(bool v) { return integral(LogicalType::Boolean, v ? 1 : 0); }
    static Value integer(int64_t v) { return integral(LogicalType::Integer, v); }
    //! NaN is one value: its sign and payload are not kept (x86 makes 0/0 a negative NaN), so
    //! that every format writes and reads back the same bits.
    static Value real(double v)
    {
        Value r;
        r.type = LogicalType::Double;
        r.d = v != v ? std::numeric_limits<double>::quiet_NaN() : v;
        return r;
    }
    static Value text(std::string v) { return stringy(LogicalType::Text, std::move(v)); }
    static Value blob(std::string v) { return stringy(LogicalType::Blob, std::move(v)); }
    static Value date(int64_t days) { return integral(LogicalType::Date, days); }
    static Value timestamp(int64_t micros) { return integral(LogicalType::Timestamp, micros); }
    static Value integral(LogicalType t, int64_t v)
    {
        Value r;
        r.type = t;
        r.i = v;
        return r;
    }
    static Value stringy(LogicalType t, std::string v)
    {
        Value r;
        r.type = t;
        r.s = std::move(v);
        return r;
    }

    bool isNull() const { return type == LogicalType::Null; }
    bool asBool() const { return i != 0; }
    //! Numeric value as double (Integer or Double only).
    double asDouble() const { return type == LogicalType::Double ? d : static_cast<double>(i); }

    //! The value as text, the way SQL CAST(x AS TEXT) writes it ("NULL" for null).
    std::string toString() const;
    //! The value as a SQL literal that reads back to the same value.
    std::string toSqlLiteral() const;
};

using Row = std::vector<Value>;

//! Shortest decimal form that reads back to the same double ("1.5", "1e+300", "NaN").
//! A SQL identifier in double quotes, inner quotes doubled: "odd ""name""". Beside
//! Value::toSqlLiteral, the other half of writing SQL that reads back.
std::string quoteIdentifier(std::string_view name);
std::string formatDouble(double v);
//! Writes the shortest form into out (at least 32 bytes); returns the length.
size_t formatDoubleTo(char *out, double v);

//! Total order used by ORDER BY, DISTINCT, GROUP BY and indexes: NULL first, then
//! booleans, numbers (integer and double compared by value), text, blob, dates, timestamps.
int compareValues(const Value &a, const Value &b);
//! Equality as GROUP BY sees it (NULLs equal).
inline bool sameValue(const Value &a, const Value &b)
{
    return compareValues(a, b) == 0;
}
//! Hash consistent with sameValue (1 and 1.0 hash alike).
size_t hashValue(const Value &v);

//! Converts a value to a column type, as INSERT and UPDATE do; throws EngineError
//! (Constraint) with `what` in the message when it does not fit.
Value coerceToColumn(const Value &v, LogicalType target, const std::string &what);
//! CAST(v AS target); throws EngineError(Invalid) when the text does not parse.
Value castValue(const Value &v, LogicalType target);

//! Where `s` stops being valid UTF-8 (overlong forms, surrogates and code points past
//! U+10FFFF included), or npos.
size_t invalidUtf8At(std::string_view s);
//! Valid UTF-8 without a NUL byte: text every format can write and read back.
inline bool isStorableText(std::string_view s)
{
    return s.find('\0') == std::string_view::npos && invalidUtf8At(s) == std::string_view::npos;
}
//! Throws EngineError(Constraint) naming `what` when `s` is not valid UTF-8 or holds a NUL:
//! such text could be stored but not written by every format and read back.
void requireStorableText(std::string_view s, const std::string &what);
//! Number of Unicode code points in UTF-8 text.
size_t utf8Length(std::string_view s);

} // namespace strata::engine
