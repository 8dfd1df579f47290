#include "engine/exec/text_functions.h"

#include "engine/common/ascii.h"
#include "engine/common/status.h"
#include "engine/exec/expression.h"
#include "engine/exec/functions.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <list>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <regex>
#include <unordered_map>

// printf/format (SQLite's printf), lpad/rpad and split_part (PostgreSQL's), regular
// expressions (regexp_like, regexp_replace, and the ~ operators and REGEXP, through
// std::regex's ECMAScript grammar), and SQLite's JSON functions (json_extract, -> and ->>,
// json, json_valid, json_type, json_array_length, json_array, json_object) over RapidJSON.
namespace strata::engine::exec {

namespace {

[[noreturn]] void fail(const std::string &message)
{
    throwError(StatusCode::Invalid, message);
}

size_t utf8Chars(const std::string &s)
{
    size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

//! The first `n` characters of s.
std::string utf8Prefix(const std::string &s, size_t n)
{
    return s.substr(0, utf8Offset(s, n));
}

// ---- printf -------------------------------------------------------------------------------

std::string sqlPrintf(const std::string &format, const std::vector<Value> &args, size_t first)
{
    std::string out;
    size_t next = first;
    auto arg = [&]() -> Value { return next < args.size() ? args[next++] : Value(); };
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') {
            out += format[i];
            continue;
        }
        // %[flags][width][.precision]conversion
        std::string spec = "%";
        size_t j = i + 1;
        while (j < format.size()
               && std::string_view("-+ 0#,!").find(format[j]) != std::string::npos) {
            if (format[j] != ',' && format[j] != '!')
                spec += format[j];
            ++j;
        }
        while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j])))
            spec += format[j++];
        int precision = -1;
        if (j < format.size() && format[j] == '.') {
            spec += format[j++];
            std::string digits;
            while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j])))
                digits += format[j++];
            spec += digits;
            precision = digits.empty() ? 0 : std::stoi(digits);
        }
        if (j >= format.size())
            fail("printf() format ends inside a conversion: " + format);
        {
            // A width or a precision past 999 would ask for that much memory: refused.
            size_t run = 0, longest = 0;
            for (char c : spec) {
                run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
                longest = std::max(longest, run);
            }
            if (longest > 3)
                fail("printf() takes widths and precisions up to 999");
        }
        const char conversion = format[j];
        i = j;
        char buf[512];
        switch (conversion) {
        case '%':
            out += '%';
            break;
        case 'd':
        case 'i':
        case 'x':
        case 'X':
        case 'o':
        case 'u': {
            const Value v = arg();
            long long n = 0;
            if (!v.isNull()) {
                const Value num = toNumber(v, "printf()");
                n = num.type == LogicalType::Integer
                        ? static_cast<long long>(num.i)
                        : static_cast<long long>(std::clamp(num.d, -9.2e18, 9.2e18));
            }
            std::string f
                = spec + "ll" + (conversion == 'i' || conversion == 'u' ? 'd' : conversion);
            std::snprintf(buf, sizeof buf, f.c_str(), n);
            out += buf;
            break;
        }
        case 'f':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
            const Value v = arg();
            double d = 0;
            if (!v.isNull()) {
                const Value num = toNumber(v, "printf()");
                d = num.type == LogicalType::Integer ? static_cast<double>(num.i) : num.d;
            }
            const int digits = precision < 0 ? 6 : precision;
            if (conversion == 'f' && std::isfinite(d) && digits <= 15
                && std::fabs(d) * std::pow(10.0, digits) < 1e15) {
                // SQLite rounds half away from zero on the decimal value written (2.25 with
                // one decimal is 2.3; C's printf gives 2.2, the nearer binary neighbour).
                const long double scale = std::pow(10.0L, digits);
                long double v
                    = std::floor(std::fabs(static_cast<long double>(d)) * scale + 0.5L) / scale;
                if (d < 0 && v != 0)
                    v = -v;
                std::snprintf(buf, sizeof buf, (spec + "L" + conversion).c_str(), v);
            } else {
                std::snprintf(buf, sizeof buf, (spec + conversion).c_str(), d);
            }
            out += buf;
            break;
        }
        case 'c': {
            const Value v = arg();
            const std::string s = v.isNull() ? std::string() : v.toString();
            std::snprintf(buf, sizeof buf, (spec + "s").c_str(), utf8Prefix(s, 1).c_str());
            out += buf;
            break;
        }
        case 's':
        case 'z':
        case 'q':
        case 'Q':
        case 'w': {
            const Value v = arg();
            std::string s = v.isNull() ? std::string() : v.toString();
            if (conversion == 'q' || conversion == 'Q' || conversion == 'w') {
                const char quote = conversion == 'w' ? '"' : '\'';
                std::string quoted;
                for (char c : s) {
                    quoted += c;
                    if (c == quote)
                        quoted += c;
                }
                s = conversion == 'Q' ? (v.isNull() ? "NULL" : "'" + quoted + "'") : quoted;
            }
            if (precision >= 0)
                s = utf8Prefix(s, static_cast<size_t>(precision));
            // width in characters, padded with spaces
            size_t width = 0;
            bool left = false;
            for (char c : spec.substr(1)) {
                if (c == '-')
                    left = true;
                else if (c == '.')
                    break;
                else if (std::isdigit(static_cast<unsigned char>(c)))
                    width = width * 10 + static_cast<size_t>(c - '0');
            }
            const size_t chars = utf8Chars(s);
            if (chars < width)
                s = left ? s + std::string(width - chars, ' ')
                         : std::string(width - chars, ' ') + s;
            out += s;
            break;
        }
        default:
            fail(std::string("printf() does not know %") + conversion
                 + " (expected d, i, u, f, e, g, x, X, o, c, s, q, Q, w or %)");
        }
    }
    return out;
}

// ---- padding and splitting ----------------------------------------------------------------

std::string pad(const std::string &s, int64_t length, const std::string &fill, bool left)
{
    if (length <= 0)
        return {};
    const size_t want = static_cast<size_t>(length);
    const size_t have = utf8Chars(s);
    if (have >= want)
        return utf8Prefix(s, want); // PostgreSQL cuts what is too long
    if (fill.empty())
        return s;
    std::string padding;
    size_t padChars = 0;
    const size_t fillChars = utf8Chars(fill);
    while (padChars + fillChars <= want - have) {
        padding += fill;
        padChars += fillChars;
    }
    padding += utf8Prefix(fill, want - have - padChars);
    return left ? padding + s : s + padding;
}

Value splitPart(const std::string &s, const std::string &delimiter, int64_t n)
{
    if (n == 0)
        fail("split_part() counts fields from 1 (or from -1 at the end), not 0");
    std::vector<std::string> fields;
    if (delimiter.empty()) {
        fields.push_back(s);
    } else {
        size_t from = 0;
        for (;;) {
            const size_t at = s.find(delimiter, from);
            if (at == std::string::npos) {
                fields.push_back(s.substr(from));
                break;
            }
            fields.push_back(s.substr(from, at - from));
            from = at + delimiter.size();
        }
    }
    const int64_t count = static_cast<int64_t>(fields.size());
    const int64_t index = n > 0 ? n - 1 : count + n;
    if (index < 0 || index >= count)
        return Value::text("");
    return Value::text(fields[static_cast<size_t>(index)]);
}

// ---- regular expressions ------------------------------------------------------------------

//! Compiled patterns, most recently used first (a statement's pattern is compiled once).
const std::regex &compiled(const std::string &pattern, const std::string &flags)
{
    struct Entry {
        std::string key;
        std::regex re;
    };
    thread_local std::list<Entry> cache;
    const std::string key = flags + '\0' + pattern;
    for (auto it = cache.begin(); it != cache.end(); ++it)
        if (it->key == key) {
            cache.splice(cache.begin(), cache, it);
            return cache.front().re;
        }
    auto options = std::regex::ECMAScript;
    for (char f : flags) {
        if (f == 'i')
            options |= std::regex::icase;
        else if (f != 'c' && f != 'g')
            fail(std::string("unknown regular expression flag '") + f
                 + "' (expected i for any case, c for case, g for every match)");
    }
    try {
        cache.push_front({key, std::regex(pattern, options)});
    } catch (const std::regex_error &e) {
        fail("the regular expression '" + pattern + "' is not valid: " + e.what());
    }
    if (cache.size() > 32)
        cache.pop_back();
    return cache.front().re;
}

bool regexSearch(const std::string &text, const std::string &pattern, const std::string &flags)
{
    try {
        return std::regex_search(text, compiled(pattern, flags));
    } catch (const std::regex_error &e) {
        fail("the regular expression '" + pattern + "' could not be matched: " + e.what());
    }
}

// ---- JSON ---------------------------------------------------------------------------------

using JsonValue = rapidjson::Value;

rapidjson::Document parseJson(const std::string &text, const char *function)
{
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseNanAndInfFlag>(text.data(), text.size());
    if (doc.HasParseError())
        fail(std::string(function) + "() needs JSON text: at character "
             + std::to_string(doc.GetErrorOffset() + 1) + ", "
             + rapidjson::GetParseError_En(doc.GetParseError()));
    return doc;
}

std::string jsonText(const JsonValue &v)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

//! A JSON value as SQL: strings as text, numbers as INTEGER or DOUBLE, booleans as 1/0
//! (SQLite's json_extract), null as NULL, objects and arrays as their JSON text.
Value sqlOf(const JsonValue &v)
{
    if (v.IsNull())
        return Value();
    if (v.IsBool())
        return Value::integer(v.GetBool() ? 1 : 0);
    if (v.IsInt64())
        return Value::integer(v.GetInt64());
    if (v.IsNumber())
        return Value::real(v.GetDouble());
    if (v.IsString())
        return Value::text(std::string(v.GetString(), v.GetStringLength()));
    return Value::text(jsonText(v));
}

//! Follows a path: "$", "$.a.b", "$.a[2]", "$[#-1]", "$.\"odd key\"". Null when it leads
//! nowhere.
const JsonValue *follow(const JsonValue &root, const std::string &path)
{
    if (path.empty() || path[0] != '$')
        fail("a JSON path starts with $ (as in '$.a.b[0]'), not '" + path + "'");
    const JsonValue *at = &root;
    size_t i = 1;
    while (i < path.size()) {
        if (path[i] == '.') {
            ++i;
            std::string key;
            if (i < path.size() && path[i] == '"') {
                const size_t end = path.find('"', i + 1);
                if (end == std::string::npos)
                    fail("the JSON path '" + path + "' has an unclosed quote");
                key = path.substr(i + 1, end - i - 1);
                i = end + 1;
            } else {
                const size_t start = i;
                while (i < path.size() && path[i] != '.' && path[i] != '[')
                    ++i;
                key = path.substr(start, i - start);
            }
            if (!at->IsObject())
                return nullptr;
            const auto member = at->FindMember(rapidjson::StringRef(key.data(), key.size()));
            if (member == at->MemberEnd())
                return nullptr;
            at = &member->value;
        } else if (path[i] == '[') {
            const size_t end = path.find(']', i);
            if (end == std::string::npos)
                fail("the JSON path '" + path + "' has an unclosed [");
            std::string index = path.substr(i + 1, end - i - 1);
            i = end + 1;
            if (!at->IsArray())
                return nullptr;
            int64_t n;
            const int64_t size = static_cast<int64_t>(at->Size());
            try {
                const int64_t back = index.rfind("#-", 0) == 0 ? std::stoll(index.substr(2)) : 0;
                n = index.rfind("#-", 0) == 0 ? (back < 0 || back > size ? -1 : size - back)
                    : index == "#"            ? size
                                              : std::stoll(index);
            } catch (const std::exception &) {
                fail("the JSON path '" + path + "' has an index that is not a number");
            }
            if (n < 0 || n >= size)
                return nullptr;
            at = &(*at)[static_cast<rapidjson::SizeType>(n)];
        } else {
            fail("the JSON path '" + path + "' is not one Strata reads (expected $.key or [n])");
        }
    }
    return at;
}

//! The path the right side of -> and ->> names: a path, a key, or an array index.
std::string arrowPath(const Value &selector)
{
    if (selector.type == LogicalType::Integer)
        return "$[" + std::to_string(selector.i) + "]";
    const std::string s = selector.toString();
    if (!s.empty() && s[0] == '$')
        return s;
    return "$.\"" + s + "\"";
}

void appendJsonOf(rapidjson::Writer<rapidjson::StringBuffer> &w, const Value &v)
{
    switch (v.type) {
    case LogicalType::Null:
        w.Null();
        break;
    case LogicalType::Boolean:
        w.Bool(v.i != 0);
        break;
    case LogicalType::Integer:
        w.Int64(v.i);
        break;
    case LogicalType::Double:
        if (std::isfinite(v.d))
            w.Double(v.d);
        else
            w.Null();
        break;
    case LogicalType::Blob:
        fail("JSON cannot hold a BLOB (turn it into text first, as hex() or base64 does)");
    default: {
        const std::string s = v.toString();
        w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
    }
    }
}

const char *jsonTypeName(const JsonValue &v)
{
    switch (v.GetType()) {
    case rapidjson::kNullType:
        return "null";
    case rapidjson::kFalseType:
        return "false";
    case rapidjson::kTrueType:
        return "true";
    case rapidjson::kObjectType:
        return "object";
    case rapidjson::kArrayType:
        return "array";
    case rapidjson::kStringType:
        return "text";
    default:
        return v.IsInt64() ? "integer" : "real";
    }
}

} // namespace

const std::vector<std::pair<std::string, LogicalType>> &jsonEachColumns()
{
    static const std::vector<std::pair<std::string, LogicalType>> kColumns{
        {"key", LogicalType::Null},     {"value", LogicalType::Null},
        {"type", LogicalType::Text},    {"atom", LogicalType::Null},
        {"id", LogicalType::Integer},   {"parent", LogicalType::Integer},
        {"fullkey", LogicalType::Text}, {"path", LogicalType::Text}};
    return kColumns;
}

std::vector<Row> jsonEachRows(const Value &docValue, const Value &pathValue)
{
    std::vector<Row> rows;
    if (docValue.isNull())
        return rows;
    const rapidjson::Document doc = parseJson(docValue.toString(), "json_each");
    const std::string path = pathValue.isNull() ? "$" : pathValue.toString();
    const JsonValue *at = follow(doc, path);
    if (!at)
        return rows;
    auto row = [&](Value key, const JsonValue &v, const std::string &fullKey) {
        const bool container = v.IsObject() || v.IsArray();
        rows.push_back({std::move(key), sqlOf(v), Value::text(jsonTypeName(v)),
                        container ? Value() : sqlOf(v),
                        Value::integer(static_cast<int64_t>(rows.size()) + 1), Value(),
                        Value::text(fullKey), Value::text(path)});
    };
    if (at->IsArray()) {
        for (rapidjson::SizeType i = 0; i < at->Size(); ++i)
            row(Value::integer(i), (*at)[i], path + "[" + std::to_string(i) + "]");
    } else if (at->IsObject()) {
        for (auto m = at->MemberBegin(); m != at->MemberEnd(); ++m) {
            const std::string key(m->name.GetString(), m->name.GetStringLength());
            row(Value::text(key), m->value, path + "." + key);
        }
    } else {
        row(Value(), *at, path);
    }
    return rows;
}

std::string jsonOf(const Value &v)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    appendJsonOf(w, v);
    return std::string(buffer.GetString(), buffer.GetSize());
}

bool textFunctionType(const std::string &f, size_t n, LogicalType &result)
{
    auto needs = [&](size_t least, size_t most) { requireArgumentCount(f, n, least, most); };
    if (f == "PRINTF" || f == "FORMAT") {
        needs(1, 99);
        result = LogicalType::Text;
    } else if (f == "LPAD" || f == "RPAD") {
        needs(2, 3);
        result = LogicalType::Text;
    } else if (f == "SPLIT_PART") {
        needs(3, 3);
        result = LogicalType::Text;
    } else if (f == "REGEXP_LIKE") {
        needs(2, 3);
        result = LogicalType::Boolean;
    } else if (f == "REGEXP_REPLACE") {
        needs(3, 4);
        result = LogicalType::Text;
    } else if (f == "JSON_EXTRACT" || f == "JSON_EXTRACT_TEXT") {
        needs(2, 99);
        result = LogicalType::Null; // whatever the document holds there
    } else if (f == "JSON_ARROW") {
        needs(2, 2);
        result = LogicalType::Text;
    } else if (f == "JSON" || f == "JSON_TYPE" || f == "JSON_ARRAY" || f == "JSON_OBJECT") {
        needs(f == "JSON" ? 1 : 0, f == "JSON_TYPE" ? 2 : f == "JSON" ? 1 : 99);
        result = LogicalType::Text;
    } else if (f == "JSON_VALID") {
        needs(1, 1);
        result = LogicalType::Boolean;
    } else if (f == "JSON_ARRAY_LENGTH") {
        needs(1, 2);
        result = LogicalType::Integer;
    } else {
        return false;
    }
    return true;
}

Value callTextFunction(const BExpr &e, std::vector<Value> &a, ExecContext &, bool &known)
{
    const std::string &f = e.name;
    LogicalType ignored;
    known = textFunctionType(f, a.size(), ignored);
    if (!known)
        return Value();
    auto anyNull = [&](size_t upTo) {
        for (size_t i = 0; i < a.size() && i < upTo; ++i)
            if (a[i].isNull())
                return true;
        return false;
    };
    if (f == "PRINTF" || f == "FORMAT") {
        if (a[0].isNull())
            return Value();
        return Value::text(sqlPrintf(a[0].toString(), a, 1));
    }
    if (f == "JSON_ARRAY" || f == "JSON_OBJECT") {
        if (f == "JSON_OBJECT" && a.size() % 2)
            fail("json_object() takes keys and values in pairs");
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
        if (f == "JSON_ARRAY") {
            w.StartArray();
            for (const auto &v : a)
                appendJsonOf(w, v);
            w.EndArray();
        } else {
            w.StartObject();
            for (size_t i = 0; i < a.size(); i += 2) {
                if (a[i].isNull())
                    fail("json_object() keys must not be NULL");
                const std::string key = a[i].toString();
                w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
                appendJsonOf(w, a[i + 1]);
            }
            w.EndObject();
        }
        return Value::text(std::string(buffer.GetString(), buffer.GetSize()));
    }
    if (f == "JSON_VALID") {
        if (a[0].isNull())
            return Value();
        rapidjson::Document doc;
        const std::string text = a[0].toString();
        doc.Parse(text.data(), text.size());
        return Value::boolean(!doc.HasParseError());
    }
    if (anyNull(f == "LPAD" || f == "RPAD" || f == "REGEXP_LIKE" || f == "REGEXP_REPLACE" ? a.size()
                                                                                          : 1))
        return Value();
    if (f == "LPAD" || f == "RPAD") {
        const Value length = toNumber(a[1], "lpad()");
        const int64_t n
            = length.type == LogicalType::Integer ? length.i : static_cast<int64_t>(length.d);
        return Value::text(pad(a[0].toString(), n,
                               a.size() > 2 ? a[2].toString() : std::string(" "), f == "LPAD"));
    }
    if (f == "SPLIT_PART") {
        if (a[1].isNull() || a[2].isNull())
            return Value();
        const Value n = toNumber(a[2], "split_part()");
        return splitPart(a[0].toString(), a[1].toString(),
                         n.type == LogicalType::Integer ? n.i : static_cast<int64_t>(n.d));
    }
    if (f == "REGEXP_LIKE")
        return Value::boolean(
            regexSearch(a[0].toString(), a[1].toString(), a.size() > 2 ? a[2].toString() : ""));
    if (f == "REGEXP_REPLACE") {
        const std::string flags = a.size() > 3 ? a[3].toString() : "";
        const auto how = flags.find('g') != std::string::npos
                             ? std::regex_constants::format_default
                             : std::regex_constants::format_first_only;
        try {
            return Value::text(std::regex_replace(a[0].toString(), compiled(a[1].toString(), flags),
                                                  a[2].toString(), how));
        } catch (const std::regex_error &err) {
            fail("the regular expression '" + a[1].toString()
                 + "' could not be matched: " + err.what());
        }
    }
    if (f == "JSON") {
        return Value::text(jsonText(parseJson(a[0].toString(), "json")));
    }
    const rapidjson::Document doc = parseJson(a[0].toString(), asciiLower(f).c_str());
    if (f == "JSON_ARROW" || f == "JSON_EXTRACT_TEXT") {
        if (a[1].isNull())
            return Value();
        const JsonValue *at = follow(doc, arrowPath(a[1]));
        if (!at)
            return Value();
        return f == "JSON_ARROW" ? Value::text(jsonText(*at)) : sqlOf(*at);
    }
    if (f == "JSON_EXTRACT") {
        if (a.size() == 2) {
            if (a[1].isNull())
                return Value();
            const JsonValue *at = follow(doc, a[1].toString());
            return at ? sqlOf(*at) : Value();
        }
        // several paths: a JSON array of what each finds
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
        w.StartArray();
        for (size_t i = 1; i < a.size(); ++i) {
            const JsonValue *at = a[i].isNull() ? nullptr : follow(doc, a[i].toString());
            if (at)
                at->Accept(w);
            else
                w.Null();
        }
        w.EndArray();
        return Value::text(std::string(buffer.GetString(), buffer.GetSize()));
    }
    const JsonValue *at = a.size() > 1 ? follow(doc, a[1].toString()) : &doc;
    if (f == "JSON_TYPE") {
        if (!at)
            return Value();
        switch (at->GetType()) {
        case rapidjson::kNullType:
            return Value::text("null");
        case rapidjson::kFalseType:
            return Value::text("false");
        case rapidjson::kTrueType:
            return Value::text("true");
        case rapidjson::kObjectType:
            return Value::text("object");
        case rapidjson::kArrayType:
            return Value::text("array");
        case rapidjson::kStringType:
            return Value::text("text");
        default:
            return Value::text(at->IsInt64() ? "integer" : "real");
        }
    }
    if (f == "JSON_ARRAY_LENGTH") {
        if (!at)
            return Value();
        return Value::integer(at->IsArray() ? static_cast<int64_t>(at->Size()) : 0);
    }
    STRATA_ASSERT(false, "a text function without a body");
}

} // namespace strata::engine::exec
