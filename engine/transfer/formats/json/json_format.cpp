// JSON: Strata's backup (every table in one file), table and query layouts; JSON lines.
#include "engine/transfer/format.h"
#include "engine/transfer/formats/json/json_reader.h"
#include "engine/transfer/formats/json/json_verify.h"
#include "engine/transfer/formats/json/json_writer.h"

#include <QtGlobal>

namespace strata::transfer {

FormatInfo jsonFormat()
{
    using Kind = FormatOption::Kind;
    FormatInfo f;
    f.id = "json";
    f.label = "JSON";
    f.name = "JSON (Strata backup, table and query layouts; JSON lines)";
    f.extension = "json";
    f.readExtensions = {"json", "jsonl", "ndjson"};
    f.mimeTypes = {"application/json", "application/x-ndjson"};
    f.capabilities = MultiTable | InlineDeletions;
    f.options = {
        {"lines",
         Kind::Boolean,
         {},
         "false",
         "one JSON object per line (.jsonl), rows only",
         QT_TRANSLATE_NOOP("FormatOption", "JSON lines (one row a line)")},
        {"pretty",
         Kind::Boolean,
         {},
         "true",
         "one row per line; false: no line breaks",
         QT_TRANSLATE_NOOP("FormatOption", "Line breaks")},
    };
    f.extensionFor = [](const std::map<std::string, std::string> &o) {
        auto it = o.find("lines");
        return it != o.end() && it->second == "true" ? std::string("jsonl") : std::string();
    };
    f.sniff = [](std::string_view head) { return opensJson(head) ? Sniff::Maybe : Sniff::No; };
    f.writer = createJsonWriter;
    f.reader = createJsonReader;
    f.countRecords = countJsonRecords;
    return f;
}

} // namespace strata::transfer
