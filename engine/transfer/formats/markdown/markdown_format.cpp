// Markdown tables (GitHub Flavored Markdown): written only, one file per table, for pasting a
// result into an issue, a wiki page or a README. Cells read back as the values' text: what
// Markdown would take for markup is escaped, line breaks become <br>.
#include "engine/transfer/format.h"
#include "engine/transfer/formats/text_out.h"

#include <QtGlobal>

namespace strata::transfer {

using engine::LogicalType;

namespace {

//! Appends `s` as the text of one table cell: a backslash before every character GFM gives a
//! meaning inline (emphasis, code, links, HTML, entities, strikethrough, the cell's own |),
//! line breaks as <br> (the one way a cell holds them), and white space at either end as
//! character references.
void appendCellText(std::string &out, std::string_view s)
{
    // A cell's leading and trailing white space is trimmed by every reader: as character
    // references it stays.
    size_t first = 0, last = s.size();
    while (first < last && (s[first] == ' ' || s[first] == '\t'))
        ++first;
    while (last > first && (s[last - 1] == ' ' || s[last - 1] == '\t'))
        --last;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if ((i < first || i >= last) && (c == ' ' || c == '\t')) {
            out += c == ' ' ? "&#32;" : "&#9;";
            continue;
        }
        switch (c) {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '<':
        case '>':
        case '&':
        case '~':
        case '|':
        case '!':
        case '#':
            out += '\\';
            out += c;
            break;
        case '\r':
            if (i + 1 < s.size() && s[i + 1] == '\n')
                ++i;
            out += "<br>";
            break;
        case '\n':
            out += "<br>";
            break;
        default:
            out += c;
        }
    }
}

class MarkdownWriter : public Writer {
public:
    MarkdownWriter(OutputFile &out, const std::map<std::string, std::string> &options)
        : m_out(out)
    {
        if (auto it = options.find("null"); it != options.end())
            m_null = it->second;
        if (auto it = options.find("align_numbers"); it != options.end())
            m_alignNumbers = it->second == "true";
    }

    void beginTable(const TableMeta &table) override
    {
        m_types.clear();
        std::string &buf = m_out.buffer();
        buf += '|';
        for (const auto &c : table.columns) {
            m_types.push_back(c.type);
            buf += ' ';
            appendCellText(buf, c.name);
            buf += " |";
        }
        buf += "\n|";
        for (const auto type : m_types) {
            const bool number = type == LogicalType::Integer || type == LogicalType::Double;
            buf += m_alignNumbers && number ? " ---: |" : " --- |";
        }
        buf += '\n';
    }

    void writeBatch(const engine::RowBatch &batch) override
    {
        std::string &buf = m_out.buffer();
        for (size_t r = 0; r < batch.rowCount(); ++r) {
            buf += '|';
            for (size_t c = 0; c < batch.columnCount(); ++c) {
                buf += ' ';
                appendValue(buf, batch.columns[c], r, m_types[c]);
                buf += " |";
            }
            buf += '\n';
            m_out.flushIfFull();
        }
    }

    void endTable() override {}
    void finish() override {}

private:
    void appendValue(std::string &buf, const engine::ColumnVector &col, size_t r, LogicalType type)
    {
        if (col.isNull(r)) {
            appendCellText(buf, m_null);
            return;
        }
        m_scratch.clear();
        switch (type) {
        case LogicalType::Boolean:
            m_scratch = col.intAt(r) ? "true" : "false";
            break;
        case LogicalType::Integer:
            text::appendInt(m_scratch, col.intAt(r));
            break;
        case LogicalType::Double:
            text::appendDouble(m_scratch, col.doubleAt(r));
            break;
        case LogicalType::Date:
            text::appendDate(m_scratch, col.intAt(r));
            break;
        case LogicalType::Timestamp:
            text::appendTimestamp(m_scratch, col.intAt(r));
            break;
        case LogicalType::Blob:
            text::appendBase64(m_scratch, col.bytesAt(r));
            break;
        default:
            m_scratch.assign(col.bytesAt(r));
        }
        appendCellText(buf, m_scratch);
    }

    OutputFile &m_out;
    std::string m_null;
    bool m_alignNumbers = true;
    std::vector<LogicalType> m_types;
    std::string m_scratch;
};

} // namespace

FormatInfo markdownFormat()
{
    using Kind = FormatOption::Kind;
    FormatInfo f;
    f.id = "markdown";
    f.label = "Markdown";
    f.name = "Markdown table (GitHub Flavored Markdown)";
    f.extension = "md";
    f.mimeTypes = {"text/markdown"};
    f.options = {
        {"null",
         Kind::Text,
         {},
         "",
         "written for NULL (empty by default)",
         QT_TRANSLATE_NOOP("FormatOption", "NULL as")},
        {"align_numbers",
         Kind::Boolean,
         {},
         "true",
         "number columns aligned right (---:)",
         QT_TRANSLATE_NOOP("FormatOption", "Numbers aligned right")},
    };
    f.writer = [](OutputFile &out, const ExportContext &,
                  const std::map<std::string, std::string> &options) -> std::unique_ptr<Writer> {
        return std::make_unique<MarkdownWriter>(out, options);
    };
    return f;
}

} // namespace strata::transfer
