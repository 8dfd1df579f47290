#include "engine/transfer/import_source.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <regex>

namespace strata::transfer {

using engine::LogicalType;
using engine::Value;

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

std::optional<int64_t> parseInteger(std::string_view s)
{
    if (!s.empty() && s[0] == '+')
        s.remove_prefix(1);
    if (s.empty() || s[0] == '+')
        return std::nullopt;
    int64_t v = 0;
    auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (res.ec != std::errc() || res.ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::optional<double> parseDouble(std::string_view s)
{
    std::string_view body = s;
    if (!body.empty() && (body[0] == '+' || body[0] == '-'))
        body.remove_prefix(1);
    if (equalsIgnoreCase(body, "nan"))
        return std::numeric_limits<double>::quiet_NaN();
    if (equalsIgnoreCase(body, "infinity") || equalsIgnoreCase(body, "inf"))
        return s[0] == '-' ? -std::numeric_limits<double>::infinity()
                           : std::numeric_limits<double>::infinity();
    if (body.empty() || !((body[0] >= '0' && body[0] <= '9') || body[0] == '.'))
        return std::nullopt; // from_chars would take "-+1" or hex-looking text otherwise
    if (!s.empty() && s[0] == '+')
        s.remove_prefix(1);
    double v = 0;
    auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (res.ec == std::errc::result_out_of_range && res.ptr == s.data() + s.size()) {
        // 1e999 rounds to infinity, 1e-400 to zero (not infinity): strtod rounds both ways.
        const std::string copy(s);
        return std::strtod(copy.c_str(), nullptr);
    }
    if (res.ec != std::errc() || res.ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::optional<bool> parseBoolean(std::string_view s)
{
    for (const char *t : {"true", "t", "yes", "y", "on", "1"})
        if (equalsIgnoreCase(s, t))
            return true;
    for (const char *f : {"false", "f", "no", "n", "off", "0"})
        if (equalsIgnoreCase(s, f))
            return false;
    return std::nullopt;
}

int base64Digit(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-')
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

std::optional<std::string> decodeBase64(std::string_view s)
{
    while (!s.empty() && s.back() == '=')
        s.remove_suffix(1);
    std::string out;
    out.reserve(s.size() * 3 / 4);
    uint32_t acc = 0;
    int bits = 0;
    for (char c : s) {
        const int d = base64Digit(c);
        if (d < 0)
            return std::nullopt;
        acc = (acc << 6) | static_cast<uint32_t>(d);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    if (bits >= 6)
        return std::nullopt; // a dangling single character
    return out;
}

std::optional<std::string> decodeHex(std::string_view s)
{
    if (s.size() % 2)
        return std::nullopt;
    std::string out;
    for (size_t i = 0; i < s.size(); i += 2) {
        unsigned v = 0;
        auto res = std::from_chars(s.data() + i, s.data() + i + 2, v, 16);
        if (res.ec != std::errc() || res.ptr != s.data() + i + 2)
            return std::nullopt;
        out += static_cast<char>(v);
    }
    return out;
}

bool hasLeadingZero(std::string_view s)
{
    if (!s.empty() && (s[0] == '-' || s[0] == '+'))
        s.remove_prefix(1);
    return s.size() > 1 && s[0] == '0' && s[1] >= '0' && s[1] <= '9';
}

} // namespace

std::string quoteForMessage(std::string_view text, size_t max)
{
    std::string out = "'";
    size_t i = 0;
    for (; i < text.size() && i < max; ++i) {
        const char c = text[i];
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else if (c == '\t')
            out += "\\t";
        else if (static_cast<unsigned char>(c) < 0x20)
            out += "\\x" + std::string(1, "0123456789abcdef"[c >> 4])
                   + std::string(1, "0123456789abcdef"[c & 15]);
        else
            out += c;
    }
    if (i < text.size()) {
        // Do not cut a UTF-8 sequence in half.
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
            out.pop_back();
        if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0)
            out.pop_back();
        out += "…";
    }
    return out + "'";
}

std::string RowOrigin::position() const
{
    if (index < 0)
        return {};
    if (!jsonArray.empty() && jsonArray[0] != '$')
        return "table " + std::string(jsonArray) + ", row " + std::to_string(index + 1);
    return std::string(jsonArray) + "[" + std::to_string(index) + "]";
}

std::string typeLabel(LogicalType type)
{
    return engine::typeName(type);
}

bool convertCellInto(const Cell &cell, LogicalType type, Value &out, std::string &why)
{
    using Kind = Cell::Kind;
    if (cell.kind == Kind::Null) {
        out.type = LogicalType::Null;
        return true;
    }
    const std::string_view s = cell.text;
    auto fail = [&](const char *expected) {
        why = std::string("expected ") + expected + ", found " + quoteForMessage(s);
        return false;
    };
    auto integral = [&](LogicalType t, int64_t v) {
        out.type = t;
        out.i = v;
        return true;
    };
    switch (type) {
    case LogicalType::Integer: {
        if (cell.kind == Kind::Boolean)
            return integral(LogicalType::Integer, s == "true" ? 1 : 0);
        if (auto v = parseInteger(s))
            return integral(LogicalType::Integer, *v);
        // A whole number written as a double (1.0, 2e3) by a tool that has no integers.
        if (auto d = parseDouble(s);
            d && std::isfinite(*d) && std::trunc(*d) == *d && std::fabs(*d) < 9007199254740992.0)
            return integral(LogicalType::Integer, static_cast<int64_t>(*d));
        return fail("an integer");
    }
    case LogicalType::Double:
        if (auto v = parseDouble(s)) {
            out.type = LogicalType::Double;
            out.d = *v;
            return true;
        }
        return fail("a number");
    case LogicalType::Boolean:
        if (auto v = parseBoolean(s))
            return integral(LogicalType::Boolean, *v ? 1 : 0);
        return fail("true or false");
    case LogicalType::Date:
        if (auto v = engine::parseDate(s))
            return integral(LogicalType::Date, *v);
        if (auto t = engine::parseTimestamp(s); t && *t % 86400000000LL == 0)
            return integral(LogicalType::Date, *t / 86400000000LL); // "2024-01-15T00:00:00"
        return fail("a date (YYYY-MM-DD)");
    case LogicalType::Timestamp:
        if (auto v = engine::parseTimestamp(s))
            return integral(LogicalType::Timestamp, *v);
        return fail("a timestamp (YYYY-MM-DDTHH:MM:SS[.ffffff][Z])");
    case LogicalType::Blob: {
        out.type = LogicalType::Blob;
        if (cell.kind == Kind::Bytes) {
            out.s.assign(s);
            return true;
        }
        if (s.size() > 2 && s[0] == '\\' && (s[1] == 'x' || s[1] == 'X')) {
            if (auto v = decodeHex(s.substr(2))) {
                out.s = std::move(*v);
                return true;
            }
            return fail("hexadecimal bytes after \\x");
        }
        if (auto v = decodeBase64(s)) {
            out.s = std::move(*v);
            return true;
        }
        return fail("base64 bytes");
    }
    default: {
        if (cell.kind == Kind::Bytes)
            why = "expected text, found bytes (the column is not BLOB)";
        else if (const size_t bad = invalidUtf8At(s); bad != std::string_view::npos)
            why = "expected UTF-8 text, found an invalid byte sequence at byte "
                  + std::to_string(bad + 1);
        else if (s.find('\0') != std::string_view::npos)
            why = "expected text, found a NUL byte (text cannot hold one; import into a BLOB "
                  "column)";
        else {
            out.type = LogicalType::Text;
            out.s.assign(s); // keeps the buffer of a reused value
            return true;
        }
        return false;
    }
    }
}

std::optional<Value> convertCell(const Cell &cell, LogicalType type, std::string &why)
{
    Value v;
    if (!convertCellInto(cell, type, v, why))
        return std::nullopt;
    return v;
}

bool TypeGuess::observe(const Cell &cell)
{
    if (m_values == 0) {
        take(cell);
        return false;
    }
    const LogicalType before = type();
    take(cell);
    return type() != before;
}

void TypeGuess::take(const Cell &cell)
{
    using Kind = Cell::Kind;
    if (cell.kind == Kind::Null)
        return;
    ++m_values;
    const std::string_view s = cell.text;
    switch (cell.kind) {
    case Kind::Boolean:
        m_int = m_double = m_date = m_timestamp = false;
        return;
    case Kind::Bytes:
        m_int = m_double = m_bool = m_date = m_timestamp = false;
        return;
    case Kind::Number:
        m_bool = m_date = m_timestamp = false;
        if (m_int && !parseInteger(s))
            m_int = false;
        return;
    default:
        break;
    }
    if (m_int && (hasLeadingZero(s) || !parseInteger(s)))
        m_int = false;
    if (m_double && (hasLeadingZero(s) || !parseDouble(s)))
        m_double = false;
    if (m_bool && !(equalsIgnoreCase(s, "true") || equalsIgnoreCase(s, "false")))
        m_bool = false;
    if (m_date && !engine::parseDate(s))
        m_date = false;
    if (m_timestamp && !engine::parseTimestamp(s))
        m_timestamp = false;
}

LogicalType TypeGuess::type() const
{
    if (m_values == 0)
        return LogicalType::Text;
    if (m_int)
        return LogicalType::Integer;
    if (m_double)
        return LogicalType::Double;
    if (m_bool)
        return LogicalType::Boolean;
    if (m_date)
        return LogicalType::Date;
    if (m_timestamp)
        return LogicalType::Timestamp;
    return LogicalType::Text;
}

std::string tableNameFromPath(const std::string &path)
{
    std::string name = path.substr(path.find_last_of('/') + 1);
    const size_t dot = name.find('.');
    if (dot != std::string::npos && dot > 0)
        name = name.substr(0, dot);
    // A file Strata exported ("users_export_20240115_103000_2") goes back into "users".
    static const std::regex stamped("^(.+)_(export|changes)_[0-9]{8}_[0-9]{6}(_[0-9]+)?$");
    std::smatch m;
    if (std::regex_match(name, m, stamped))
        name = m[1].str();
    return name.empty() ? std::string("imported") : name;
}

size_t invalidUtf8At(std::string_view s)
{
    return engine::invalidUtf8At(s);
}

} // namespace strata::transfer
