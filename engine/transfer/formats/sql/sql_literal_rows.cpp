#include "engine/transfer/formats/sql/sql_literal_rows.h"

#include "engine/common/ascii.h"

#include <charconv>
#include <cstring>

namespace strata::transfer::sqlscript {

namespace {

using engine::LogicalType;
using engine::Row;
using engine::Value;

bool isBlank(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
           || static_cast<unsigned char>(c) >= 0x80;
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '$';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

//! A cursor over one statement's text that counts the line ends it passes.
struct Cursor {
    std::string_view text;
    size_t pos;
    int64_t lines = 0;

    bool atEnd() const { return pos >= text.size(); }
    char peek(size_t ahead = 0) const
    {
        return pos + ahead < text.size() ? text[pos + ahead] : '\0';
    }
    void skipBlank()
    {
        while (pos < text.size() && isBlank(text[pos])) {
            lines += text[pos] == '\n';
            ++pos;
        }
    }
    //! The keyword `word` (upper case) in any case, not followed by a name character.
    bool keyword(const char *word)
    {
        const size_t n = std::strlen(word);
        if (pos + n > text.size())
            return false;
        for (size_t i = 0; i < n; ++i) {
            char c = text[pos + i];
            if (c >= 'a' && c <= 'z')
                c = static_cast<char>(c - 'a' + 'A');
            if (c != word[i])
                return false;
        }
        if (pos + n < text.size() && isNameChar(text[pos + n]))
            return false;
        pos += n;
        return true;
    }
    bool symbol(char c)
    {
        if (peek() != c)
            return false;
        ++pos;
        return true;
    }
    //! The content of a quoted text at pos (the quote doubled inside stands for itself).
    bool quoted(char quote, std::string &out)
    {
        out.clear();
        ++pos;
        for (;;) {
            const char *from = text.data() + pos;
            const auto *close
                = static_cast<const char *>(std::memchr(from, quote, text.size() - pos));
            if (!close)
                return false; // unterminated: the tokenizer says where
            const size_t n = static_cast<size_t>(close - from);
            for (size_t i = 0; i < n; ++i)
                lines += from[i] == '\n';
            out.append(from, n);
            pos += n + 1;
            if (peek() != quote)
                return true;
            out += quote;
            ++pos;
        }
    }
    //! A table or column name: a plain word, "quoted" or `quoted`.
    bool name(std::string &out)
    {
        const char c = peek();
        if (c == '"' || c == '`')
            return quoted(c, out);
        if (!isNameStart(c))
            return false;
        const size_t start = pos;
        while (pos < text.size() && isNameChar(text[pos]))
            ++pos;
        out.assign(text.substr(start, pos - start));
        return true;
    }
};

bool isSchemaName(const std::string &name)
{
    auto lower = [](const std::string &s) {
        std::string out = s;
        for (char &c : out)
            if (c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
        return out;
    };
    const std::string n = lower(name);
    return n == "public" || n == "main";
}

//! Makes `v` a number, keeping its text buffer for a later use (rows are reused batch after
//! batch, so that reading a script does not allocate per value).
void setNumber(Value &v, LogicalType type)
{
    v.type = type;
    v.s.clear();
}

//! A number as the SQL lexer reads it, negated when `negative`.
bool number(Cursor &at, bool negative, Value &out)
{
    const size_t start = at.pos;
    bool isFloat = false;
    std::string_view t = at.text;
    size_t p = start;
    while (p < t.size() && isDigit(t[p]))
        ++p;
    if (p < t.size() && t[p] == '.') {
        isFloat = true;
        ++p;
        while (p < t.size() && isDigit(t[p]))
            ++p;
    }
    if (p < t.size() && (t[p] == 'e' || t[p] == 'E')) {
        size_t q = p + 1;
        if (q < t.size() && (t[q] == '+' || t[q] == '-'))
            ++q;
        if (q < t.size() && isDigit(t[q])) {
            isFloat = true;
            p = q;
            while (p < t.size() && isDigit(t[p]))
                ++p;
        }
    }
    if (p == start || (p < t.size() && (isNameStart(t[p]) || t[p] == '.')))
        return false; // a number that runs into a name: the parser says so
    const char *first = t.data() + start;
    const char *last = t.data() + p;
    if (!isFloat) {
        int64_t v = 0;
        const auto r = std::from_chars(first, last, v);
        if (r.ec != std::errc() || r.ptr != last)
            return false; // past 64 bits: the parser's rules for those
        setNumber(out, LogicalType::Integer);
        out.i = negative ? -v : v;
    } else {
        double v = 0;
        const auto r = std::from_chars(first, last, v);
        if (r.ec != std::errc() || r.ptr != last)
            return false; // out of range: the parser's rules for those
        setNumber(out, LogicalType::Double);
        out.d = negative ? -v : v;
    }
    at.pos = p;
    return true;
}

bool hexBlob(const std::string &hex, std::string &out)
{
    if (hex.size() % 2)
        return false;
    out.clear();
    out.reserve(hex.size() / 2);
    for (size_t i = 0; i < hex.size(); i += 2) {
        const int hi = engine::hexDigitValue(hex[i]), lo = engine::hexDigitValue(hex[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out += static_cast<char>(hi * 16 + lo);
    }
    return true;
}

bool value(Cursor &at, bool blobColumn, Value &out, std::string &scratch);

//! sqlite3 .dump's spelling of a text with line breaks: replace(TEXT,'\n',char(10)), nested
//! for '\r'. What replace() and char() would make of it, or false for any other call.
bool dumpReplace(Cursor &at, Value &out, std::string &scratch)
{
    at.skipBlank();
    if (!at.symbol('('))
        return false;
    at.skipBlank();
    Value text;
    if (at.peek() == '\'') {
        if (!at.quoted('\'', scratch))
            return false;
        text = Value::text(scratch);
    } else if (!at.keyword("REPLACE") || !dumpReplace(at, text, scratch)) {
        return false;
    }
    at.skipBlank();
    if (!at.symbol(','))
        return false;
    at.skipBlank();
    std::string needle;
    if (at.peek() != '\'' || !at.quoted('\'', needle) || needle.empty())
        return false;
    at.skipBlank();
    if (!at.symbol(','))
        return false;
    at.skipBlank();
    if (!at.keyword("CHAR"))
        return false;
    at.skipBlank();
    if (!at.symbol('('))
        return false;
    at.skipBlank();
    Value code;
    if (!number(at, false, code) || code.type != LogicalType::Integer || code.i < 1 || code.i > 127)
        return false;
    at.skipBlank();
    if (!at.symbol(')'))
        return false;
    at.skipBlank();
    if (!at.symbol(')'))
        return false;
    std::string replaced;
    const std::string &s = text.s;
    size_t from = 0;
    for (size_t hit; (hit = s.find(needle, from)) != std::string::npos;
         from = hit + needle.size()) {
        replaced.append(s, from, hit - from);
        replaced += static_cast<char>(code.i);
    }
    replaced.append(s, from);
    out.type = LogicalType::Text;
    out.s = std::move(replaced);
    return true;
}

bool value(Cursor &at, bool blobColumn, Value &out, std::string &scratch)
{
    const char c = at.peek();
    if (c == '\'') {
        if (!at.quoted('\'', out.s))
            return false;
        if (blobColumn && out.s.size() >= 2 && out.s[0] == '\\' && out.s[1] == 'x')
            return false; // PostgreSQL's bytea text: translation makes it a blob
        out.type = LogicalType::Text;
        return true;
    }
    if (isDigit(c) || (c == '.' && isDigit(at.peek(1))))
        return number(at, false, out);
    if (c == '-' && (isDigit(at.peek(1)) || (at.peek(1) == '.' && isDigit(at.peek(2))))) {
        ++at.pos;
        return number(at, true, out);
    }
    if ((c == 'X' || c == 'x') && at.peek(1) == '\'') {
        ++at.pos;
        if (!at.quoted('\'', scratch) || !hexBlob(scratch, out.s))
            return false;
        out.type = LogicalType::Blob;
        return true;
    }
    if (at.keyword("NULL")) {
        setNumber(out, LogicalType::Null);
        out.i = 0;
        return true;
    }
    if (at.keyword("TRUE")) {
        setNumber(out, LogicalType::Boolean);
        out.i = 1;
        return true;
    }
    if (at.keyword("FALSE")) {
        setNumber(out, LogicalType::Boolean);
        out.i = 0;
        return true;
    }
    if (at.keyword("REPLACE"))
        return dumpReplace(at, out, scratch);
    return false;
}

} // namespace

bool parseInsertTarget(std::string_view text, size_t pos, InsertTarget &out)
{
    Cursor at{text, pos};
    if (!at.keyword("INSERT"))
        return false;
    at.skipBlank();
    if (!at.keyword("INTO"))
        return false;
    at.skipBlank();
    std::string name;
    if (!at.name(name))
        return false;
    at.skipBlank();
    if (at.symbol('.')) {
        if (!isSchemaName(name))
            return false;
        at.skipBlank();
        if (!at.name(name))
            return false;
        at.skipBlank();
    }
    out.table = std::move(name);
    out.columns.clear();
    if (at.symbol('(')) {
        for (;;) {
            at.skipBlank();
            std::string column;
            if (!at.name(column))
                return false;
            out.columns.push_back(std::move(column));
            at.skipBlank();
            if (at.symbol(')'))
                break;
            if (!at.symbol(','))
                return false;
        }
        at.skipBlank();
    }
    if (!at.keyword("VALUES"))
        return false;
    out.valuesAt = at.pos;
    out.lines = at.lines;
    return true;
}

bool parseLiteralRows(std::string_view text, size_t pos, const std::vector<bool> &blobColumns,
                      std::vector<Row> &rows, size_t &count, size_t &end, int64_t &lines)
{
    Cursor at{text, pos};
    const size_t before = count;
    auto refuse = [&] {
        count = before;
        return false;
    };
    std::string scratch;
    for (;;) {
        at.skipBlank();
        if (!at.symbol('('))
            return refuse();
        if (count == rows.size())
            rows.emplace_back().reserve(count ? rows[0].size() : 8);
        Row &row = rows[count++];
        size_t width = 0;
        for (;;) {
            at.skipBlank();
            const bool blob = width < blobColumns.size() && blobColumns[width];
            if (width == row.size())
                row.emplace_back();
            if (!value(at, blob, row[width++], scratch))
                return refuse();
            at.skipBlank();
            if (at.symbol(')'))
                break;
            if (!at.symbol(','))
                return refuse();
        }
        row.resize(width);
        at.skipBlank();
        if (at.symbol(','))
            continue;
        if (at.atEnd() || at.symbol(';'))
            break;
        return refuse(); // ON CONFLICT, RETURNING, ...: the general way
    }
    end = at.pos;
    lines = at.lines;
    return true;
}

} // namespace strata::transfer::sqlscript

namespace strata::transfer::sqlscript {

size_t unescapeBackslash(std::string_view text, size_t at, bool verticalTab, std::string &out)
{
    const char e = text[at++];
    switch (e) {
    case 'b':
        out += '\b';
        return at;
    case 'f':
        out += '\f';
        return at;
    case 'n':
        out += '\n';
        return at;
    case 'r':
        out += '\r';
        return at;
    case 't':
        out += '\t';
        return at;
    case 'v':
        out += verticalTab ? '\v' : 'v';
        return at;
    case 'x': {
        int value = 0, digits = 0;
        for (int d; digits < 2 && at < text.size() && (d = engine::hexDigitValue(text[at])) >= 0;
             ++digits, ++at)
            value = value * 16 + d;
        out += digits ? static_cast<char>(value) : 'x';
        return at;
    }
    default:
        if (e >= '0' && e <= '7') {
            int value = e - '0';
            for (int digits = 1;
                 digits < 3 && at < text.size() && text[at] >= '0' && text[at] <= '7'; ++digits)
                value = value * 8 + (text[at++] - '0');
            out += static_cast<char>(value);
        } else {
            out += e; // \\, \' and any other character: itself
        }
        return at;
    }
}

namespace {

//! PostgreSQL's COPY text escapes undone in `field` into `out`.
void unescapeCopyField(std::string_view field, std::string &out)
{
    out.clear();
    for (size_t i = 0; i < field.size();) {
        const char c = field[i++];
        if (c == '\\' && i < field.size())
            i = unescapeBackslash(field, i, true, out);
        else
            out += c;
    }
}

} // namespace

void parseCopyLine(std::string_view line, const std::vector<bool> &blobColumns, Row &row)
{
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    size_t width = 0;
    std::string hex;
    for (size_t start = 0;;) {
        size_t tab = line.find('\t', start);
        const std::string_view field = line.substr(
            start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
        if (width == row.size())
            row.emplace_back();
        Value &v = row[width];
        const bool blob = width < blobColumns.size() && blobColumns[width];
        ++width;
        if (field == "\\N") {
            setNumber(v, LogicalType::Null);
            v.i = 0;
        } else {
            unescapeCopyField(field, v.s);
            v.type = LogicalType::Text;
            if (blob && v.s.size() >= 2 && v.s[0] == '\\' && v.s[1] == 'x'
                && hexBlob(v.s.substr(2), hex)) {
                v.s = hex;
                v.type = LogicalType::Blob;
            }
        }
        if (tab == std::string_view::npos)
            break;
        start = tab + 1;
    }
    row.resize(width);
}

} // namespace strata::transfer::sqlscript
