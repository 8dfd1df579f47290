#include "app/cli/output.h"

#include "engine/transfer/formats/json/json_writer.h"
#include "engine/transfer/formats/text_out.h"

#include <algorithm>
#include <cmath>

namespace strata::app {

using engine::LogicalType;
using engine::Value;

std::string base64(std::string_view in)
{
    std::string out;
    transfer::text::appendBase64(out, in);
    return out;
}

std::string jsonString(std::string_view s)
{
    std::string out;
    transfer::appendJsonString(out, s);
    return out;
}

std::string jsonValue(const Value &v)
{
    switch (v.type) {
    case LogicalType::Null:
        return "null";
    case LogicalType::Boolean:
        return v.i ? "true" : "false";
    case LogicalType::Integer:
        if (v.i > (1LL << 53) || v.i < -(1LL << 53))
            return jsonString(std::to_string(v.i));
        return std::to_string(v.i);
    case LogicalType::Double:
        if (!std::isfinite(v.d))
            return jsonString(engine::formatDouble(v.d));
        return engine::formatDouble(v.d);
    case LogicalType::Blob:
        return jsonString(base64(v.s));
    default:
        return jsonString(v.toString());
    }
}

namespace {

std::string cellText(const Value &v)
{
    if (v.isNull())
        return "NULL";
    if (v.type == LogicalType::Blob)
        return v.toSqlLiteral();
    return v.toString();
}

size_t displayWidth(std::string_view s)
{
    return engine::utf8Length(s);
}

} // namespace

void writeTable(std::ostream &out, const engine::QueryResult &result)
{
    const size_t n = result.columns.size();
    std::vector<size_t> width(n);
    std::vector<std::vector<std::string>> cells;
    for (size_t c = 0; c < n; ++c)
        width[c] = displayWidth(result.columns[c]);
    for (const auto &row : result.rows) {
        cells.emplace_back();
        for (size_t c = 0; c < n; ++c) {
            std::string text = cellText(row[c]);
            for (auto &ch : text)
                if (ch == '\n' || ch == '\r' || ch == '\t')
                    ch = ' ';
            width[c] = std::min<size_t>(std::max(width[c], displayWidth(text)), 60);
            cells.back().push_back(std::move(text));
        }
    }
    auto pad = [&](const std::string &text, size_t w, bool right) {
        std::string t = text;
        if (displayWidth(t) > w) { // cut at a code point boundary and mark it
            size_t keep = 0, chars = 0;
            while (keep < t.size() && chars < w - 1) {
                ++keep;
                while (keep < t.size() && (static_cast<unsigned char>(t[keep]) & 0xC0) == 0x80)
                    ++keep;
                ++chars;
            }
            t = t.substr(0, keep) + "…";
        }
        const std::string fill(w - displayWidth(t), ' ');
        return right ? fill + t : t + fill;
    };
    for (size_t c = 0; c < n; ++c)
        out << (c ? " | " : "") << pad(result.columns[c], width[c], false);
    out << "\n";
    for (size_t c = 0; c < n; ++c)
        out << (c ? "-+-" : "") << std::string(width[c], '-');
    out << "\n";
    for (size_t r = 0; r < cells.size(); ++r) {
        for (size_t c = 0; c < n; ++c) {
            const auto t = result.rows[r][c].type;
            out << (c ? " | " : "")
                << pad(cells[r][c], width[c],
                       t == LogicalType::Integer || t == LogicalType::Double);
        }
        out << "\n";
    }
    out << "(" << result.rows.size() << (result.rows.size() == 1 ? " row)\n" : " rows)\n");
}

namespace {

void csvField(std::ostream &out, const std::string &s)
{
    const bool quote = s.find_first_of(",\"\r\n") != std::string::npos
                       || (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote) {
        out << s;
        return;
    }
    out << '"';
    for (char ch : s) {
        if (ch == '"')
            out << '"';
        out << ch;
    }
    out << '"';
}

} // namespace

void writeCsv(std::ostream &out, const engine::QueryResult &result)
{
    for (size_t c = 0; c < result.columns.size(); ++c) {
        if (c)
            out << ',';
        csvField(out, result.columns[c]);
    }
    out << "\r\n";
    for (const auto &row : result.rows) {
        for (size_t c = 0; c < row.size(); ++c) {
            if (c)
                out << ',';
            const Value &v = row[c];
            if (v.isNull())
                continue;
            csvField(out, v.type == LogicalType::Blob ? base64(v.s) : v.toString());
        }
        out << "\r\n";
    }
}

void writeJson(std::ostream &out, const engine::QueryResult &result)
{
    out << "{\"columns\": [";
    for (size_t c = 0; c < result.columns.size(); ++c)
        out << (c ? ", " : "") << jsonString(result.columns[c]);
    out << "], \"types\": [";
    for (size_t c = 0; c < result.types.size(); ++c)
        out << (c ? ", " : "") << jsonString(engine::typeName(result.types[c]));
    out << "], \"rows\": [";
    for (size_t r = 0; r < result.rows.size(); ++r) {
        out << (r ? ", [" : "[");
        for (size_t c = 0; c < result.rows[r].size(); ++c)
            out << (c ? ", " : "") << jsonValue(result.rows[r][c]);
        out << "]";
    }
    out << "]}\n";
}

} // namespace strata::app
