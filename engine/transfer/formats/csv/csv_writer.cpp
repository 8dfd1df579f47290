#include "engine/transfer/formats/csv/csv_writer.h"

#include "engine/transfer/formats/text_out.h"
#include "engine/transfer/job_support.h"

#include <QLocale>

namespace strata::transfer {

using engine::LogicalType;
using engine::StatusCode;

void appendCsvText(std::string &buf, std::string_view s, const CsvOptions &options, bool guard)
{
    // OWASP "CSV injection": a spreadsheet must show, not run, a cell that looks like a
    // formula. Text that already starts with apostrophes before such a character gets one
    // more, so that reading it back removes exactly the one the guard added.
    const bool guarded = guard && looksGuarded(s, 0);
    const bool quote = options.policy != CsvOptions::Quote::Minimal || s.empty() || s.front() == ' '
                       || s.back() == ' '
                       || text::csvPlainPrefix(s, options.delimiter, options.quote) < s.size();
    if (!quote) {
        if (guarded)
            buf += '\'';
        buf.append(s);
        return;
    }
    buf += options.quote;
    if (guarded)
        buf += '\'';
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == options.quote) {
            buf.append(s.substr(start, i + 1 - start));
            buf += options.quote; // doubled inside quotes
            start = i + 1;
        }
    }
    buf.append(s.substr(start));
    buf += options.quote;
}

namespace {

class CsvWriter : public Writer {
public:
    CsvWriter(OutputFile &out, CsvOptions options)
        : m_out(out)
        , m_options(std::move(options))
    {
    }

    void beginTable(const TableMeta &table) override
    {
        m_types.clear();
        for (const auto &c : table.columns)
            m_types.push_back(c.type);
        std::string &buf = m_out.buffer();
        if (m_options.bom)
            buf.append("\xEF\xBB\xBF");
        if (!m_options.header)
            return;
        for (size_t c = 0; c < table.columns.size(); ++c) {
            if (c)
                buf += m_options.delimiter;
            appendText(buf, table.columns[c].name, false);
        }
        buf += m_options.lineEnd;
    }

    void writeBatch(const engine::RowBatch &batch) override
    {
        std::string &buf = m_out.buffer();
        const size_t columns = batch.columnCount();
        for (size_t r = 0; r < batch.rowCount(); ++r) {
            for (size_t c = 0; c < columns; ++c) {
                if (c)
                    buf += m_options.delimiter;
                const auto &col = batch.columns[c];
                if (col.isNull(r)) {
                    buf += m_options.nullText;
                    continue;
                }
                appendValue(buf, col, r, m_types[c]);
            }
            buf += m_options.lineEnd;
            m_out.flushIfFull();
        }
    }

    void endTable() override {}
    void finish() override {}

private:
    void appendNumber(std::string &buf, std::string_view digits)
    {
        if (m_options.policy == CsvOptions::Quote::All) {
            buf += m_options.quote;
            buf.append(digits);
            buf += m_options.quote;
        } else {
            buf.append(digits);
        }
    }

    void appendValue(std::string &buf, const engine::ColumnVector &col, size_t r, LogicalType type)
    {
        char tmp[48];
        switch (type) {
        case LogicalType::Integer: {
            auto res = std::to_chars(tmp, tmp + sizeof tmp, col.intAt(r));
            appendNumber(buf, {tmp, static_cast<size_t>(res.ptr - tmp)});
            return;
        }
        case LogicalType::Double:
            appendNumber(buf, {tmp, engine::formatDoubleTo(tmp, col.doubleAt(r))});
            return;
        case LogicalType::Boolean:
            appendText(buf,
                       m_options.booleanDigits ? (col.intAt(r) ? "1" : "0")
                                               : (col.intAt(r) ? "true" : "false"),
                       false);
            return;
        case LogicalType::Date:
            appendText(buf, {tmp, engine::formatDateTo(tmp, col.intAt(r))}, false);
            return;
        case LogicalType::Timestamp:
            appendText(buf, {tmp, engine::formatTimestampTo(tmp, col.intAt(r))}, false);
            return;
        case LogicalType::Blob: {
            m_scratch.clear();
            if (m_options.blobHex)
                text::appendHex(m_scratch, col.bytesAt(r));
            else
                text::appendBase64(m_scratch, col.bytesAt(r));
            appendText(buf, m_scratch, false);
            return;
        }
        default:
            appendText(buf, col.bytesAt(r), m_options.formulaGuard);
            return;
        }
    }

    void appendText(std::string &buf, std::string_view s, bool guard)
    {
        appendCsvText(buf, s, m_options, guard);
    }

    OutputFile &m_out;
    CsvOptions m_options;
    std::vector<LogicalType> m_types;
    std::string m_scratch;
};

} // namespace

engine::Result<CsvOptions> CsvOptions::parse(const std::map<std::string, std::string> &options)
{
    CsvOptions o;
    auto preset = options.find("preset");
    const std::string name = preset == options.end() ? "rfc4180" : preset->second;
    if (name == "excel") {
        o.bom = true;
        o.formulaGuard = true;
        // Spreadsheets in locales with a decimal comma expect ';' between fields.
        o.delimiter = QLocale::system().decimalPoint() == QStringLiteral(",") ? ';' : ',';
    } else if (name == "tsv") {
        o.delimiter = '\t';
        o.lineEnd = "\n";
    } else if (name == "postgres") {
        o.lineEnd = "\n"; // COPY ... CSV HEADER: NULL unquoted empty, "" an empty string
    }
    auto character = [](const std::string &value) { return value == "tab" ? '\t' : value[0]; };
    for (const auto &[key, value] : options) {
        if (key == "delimiter")
            o.delimiter = character(value);
        else if (key == "quote")
            o.quote = character(value);
        else if (key == "quote_policy")
            o.policy = value == "all"          ? Quote::All
                       : value == "nonnumeric" ? Quote::NonNumeric
                                               : Quote::Minimal;
        else if (key == "header")
            o.header = value == "true";
        else if (key == "line_end")
            o.lineEnd = value == "lf" ? "\n" : "\r\n";
        else if (key == "bom")
            o.bom = value == "true";
        else if (key == "null")
            o.nullText = value;
        else if (key == "formula_guard")
            o.formulaGuard = value == "true";
        else if (key == "booleans")
            o.booleanDigits = value == "digits";
        else if (key == "blob")
            o.blobHex = value == "hex";
    }
    for (const char c : {o.delimiter, o.quote})
        if (c == '\n' || c == '\r')
            return engine::Status(StatusCode::Invalid,
                                  "a line break cannot be the CSV delimiter or quote");
    if (o.delimiter == o.quote)
        return engine::Status(StatusCode::Invalid, "the CSV delimiter and quote must differ");
    return o;
}

std::unique_ptr<Writer> createCsvWriter(OutputFile &out, const ExportContext &,
                                        const std::map<std::string, std::string> &options)
{
    return std::make_unique<CsvWriter>(out, check(CsvOptions::parse(options)));
}

} // namespace strata::transfer
