#include "app/cli/output.h"

#include "engine/transfer/formats/csv/csv_writer.h"
#include "engine/transfer/formats/text_out.h"
#include "engine/transfer/json_builder.h"

#include <algorithm>
#include <cmath>

namespace strata::app {

using engine::LogicalType;
using engine::Value;

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

void writeCsv(std::ostream &out, const engine::QueryResult &result)
{
    const transfer::CsvOptions rfc4180; // what a CSV export writes by default
    std::string line;
    for (size_t c = 0; c < result.columns.size(); ++c) {
        if (c)
            line += ',';
        transfer::appendCsvText(line, result.columns[c], rfc4180, false);
    }
    out << line << "\r\n";
    for (const auto &row : result.rows) {
        line.clear();
        for (size_t c = 0; c < row.size(); ++c) {
            if (c)
                line += ',';
            const Value &v = row[c];
            if (v.isNull())
                continue;
            if (v.type == LogicalType::Blob) {
                std::string text;
                transfer::text::appendBase64(text, v.s);
                transfer::appendCsvText(line, text, rfc4180, false);
            } else {
                transfer::appendCsvText(line, v.toString(), rfc4180, false);
            }
        }
        out << line << "\r\n";
    }
}

void writeJson(std::ostream &out, const engine::QueryResult &result)
{
    transfer::JsonBuilder j;
    j.beginObject().key("columns").strings(result.columns).key("types").beginArray();
    for (const auto type : result.types)
        j.value(engine::typeName(type));
    j.endArray().key("rows").beginArray();
    for (const auto &row : result.rows) {
        j.beginArray();
        for (const auto &v : row)
            j.value(v);
        j.endArray();
    }
    out << j.endArray().endObject().text() << "\n";
}

} // namespace strata::app
