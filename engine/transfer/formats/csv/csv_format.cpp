// CSV: one file per table; read by extension, or as the fallback for text files.
#include "engine/transfer/format.h"
#include "engine/transfer/formats/csv/csv_reader.h"
#include "engine/transfer/formats/csv/csv_writer.h"
#include "engine/transfer/job_support.h"
#include "engine/transfer/verify_stream.h"

#include <QtGlobal>

namespace strata::transfer {

namespace {

//! Rows of a CSV Strata wrote with `options`: line ends outside quotes, less the header.
int64_t countCsvRecords(VerifyStream &in, const std::string &,
                        const std::map<std::string, std::string> &options,
                        std::vector<std::string> &)
{
    const auto parsed = CsvOptions::parse(options);
    const CsvOptions csv = parsed ? *parsed : CsvOptions{};
    int64_t records = 0;
    bool quoted = false;
    bool partial = false; // bytes after the last line end (a last record without one)
    for (std::string_view chunk = in.next(); !chunk.empty(); chunk = in.next())
        for (const char c : chunk) {
            if (c == csv.quote)
                quoted = !quoted;
            else if (c == '\n' && !quoted) {
                ++records;
                partial = false;
                continue;
            }
            partial = true;
        }
    records += partial ? 1 : 0;
    return csv.header ? std::max<int64_t>(records - 1, 0) : records;
}

} // namespace

FormatInfo csvFormat()
{
    using Kind = FormatOption::Kind;
    FormatInfo f;
    f.id = "csv";
    f.label = "CSV";
    f.name = "CSV (comma-separated values)";
    f.extension = "csv";
    f.readExtensions = {"csv", "tsv", "tab", "psv"};
    f.mimeTypes = {"text/csv", "text/tab-separated-values"};
    f.options = {
        {"preset",
         Kind::Choice,
         {"rfc4180", "excel", "tsv", "postgres"},
         "rfc4180",
         "rfc4180; excel (BOM, formula guard, ; in decimal-comma locales); tsv; postgres (COPY "
         "... CSV HEADER)",
         QT_TRANSLATE_NOOP("FormatOption", "Preset")},
        {"delimiter",
         Kind::Character,
         {},
         "",
         "one character, or tab (default: the preset's)",
         QT_TRANSLATE_NOOP("FormatOption", "Delimiter")},
        {"quote",
         Kind::Character,
         {},
         "\"",
         "one character",
         QT_TRANSLATE_NOOP("FormatOption", "Quote")},
        {"quote_policy",
         Kind::Choice,
         {"minimal", "all", "nonnumeric"},
         "minimal",
         "which fields are quoted",
         QT_TRANSLATE_NOOP("FormatOption", "Quoting")},
        {"header",
         Kind::Boolean,
         {},
         "true",
         "a first line naming the columns",
         QT_TRANSLATE_NOOP("FormatOption", "Header line")},
        {"line_end",
         Kind::Choice,
         {"crlf", "lf"},
         "",
         "line ends (default: the preset's)",
         QT_TRANSLATE_NOOP("FormatOption", "Line ends")},
        {"bom",
         Kind::Boolean,
         {},
         "",
         "a UTF-8 byte order mark first (default: the preset's)",
         QT_TRANSLATE_NOOP("FormatOption", "Byte order mark")},
        {"null",
         Kind::Text,
         {},
         "",
         "text written for NULL (default: an empty field)",
         QT_TRANSLATE_NOOP("FormatOption", "NULL as")},
        {"formula_guard",
         Kind::Boolean,
         {},
         "",
         "prefix text starting with = + - @ with ' (default: the preset's)",
         QT_TRANSLATE_NOOP("FormatOption", "Formula guard")},
        {"booleans",
         Kind::Choice,
         {"words", "digits"},
         "words",
         "true/false or 1/0",
         QT_TRANSLATE_NOOP("FormatOption", "Booleans")},
        {"blob",
         Kind::Choice,
         {"base64", "hex"},
         "base64",
         "how binary data is written",
         QT_TRANSLATE_NOOP("FormatOption", "Binary data")},
    };
    f.checkOptions
        = [](const std::map<std::string, std::string> &o) { (void)check(CsvOptions::parse(o)); };
    f.countRecords = countCsvRecords;
    f.writer = createCsvWriter;
    f.reader = createCsvReader;
    return f;
}

} // namespace strata::transfer
