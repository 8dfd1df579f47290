// strata-cli formats: what each format reads and writes, and every option it takes — printed
// from the format registry, like the export dialog's controls.
#include "app/cli/cli_support.h"
#include "engine/transfer/format.h"
#include "engine/transfer/json_builder.h"

#include <QCommandLineParser>

#include <iostream>

namespace strata::cli {

namespace {

const char *kindName(transfer::FormatOption::Kind kind)
{
    switch (kind) {
    case transfer::FormatOption::Kind::Choice:
        return "choice";
    case transfer::FormatOption::Kind::Boolean:
        return "boolean";
    case transfer::FormatOption::Kind::Character:
        return "character";
    case transfer::FormatOption::Kind::Text:
        return "text";
    case transfer::FormatOption::Kind::Count:
        return "count";
    }
    return "text";
}

std::string joined(const std::vector<std::string> &items, const char *separator)
{
    std::string text;
    for (const auto &item : items)
        text += (text.empty() ? "" : separator) + item;
    return text;
}

void printJson(const std::vector<transfer::FormatInfo> &formats)
{
    transfer::JsonBuilder j;
    j.beginArray();
    for (const auto &f : formats) {
        j.beginObject();
        j.key("id").value(f.id);
        j.key("name").value(f.name);
        j.key("exports").value(f.canExport());
        j.key("imports").value(f.canImport());
        j.key("extension").value(f.extension);
        j.key("read_extensions").strings(f.readExtensions);
        j.key("mime_types").strings(f.mimeTypes);
        j.key("options").beginArray();
        for (const auto &o : f.options) {
            j.beginObject();
            j.key("name").value(o.name);
            j.key("kind").value(kindName(o.kind));
            j.key("choices").strings(o.choices);
            j.key("default").value(o.defaultValue);
            j.key("help").value(o.help);
            j.endObject();
        }
        j.endArray();
        j.endObject();
    }
    j.endArray();
    std::cout << j.text() << "\n";
}

} // namespace

int formatsCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption({"json", "Print the formats and their options as JSON."});
    if (auto code = parseCommand(parser, args,
                                 "List the formats Strata reads and writes, with every export "
                                 "option (give them to export as --option FORMAT.NAME=VALUE)."))
        return *code;
    const auto &formats = transfer::FormatRegistry::instance().formats();
    if (parser.isSet("json")) {
        printJson(formats);
        return std::cout ? kExitOk : kExitError;
    }
    for (const auto &f : formats) {
        std::vector<std::string> can;
        if (f.canExport())
            can.push_back("export ." + f.extension);
        if (f.canImport())
            can.push_back("import ." + joined(f.readExtensions, " ."));
        std::cout << f.id << "  " << f.name << "\n    " << joined(can, "; ") << "\n";
        for (const auto &o : f.options) {
            std::string values = o.kind == transfer::FormatOption::Kind::Choice
                                     ? joined(o.choices, "|")
                                     : kindName(o.kind);
            std::cout << "    --option " << f.id << "." << o.name << "=" << values << "\n"
                      << "        " << o.help
                      << (o.defaultValue.empty() ? "" : " (default " + o.defaultValue + ")")
                      << "\n";
        }
    }
    return std::cout ? kExitOk : kExitError;
}

} // namespace strata::cli
