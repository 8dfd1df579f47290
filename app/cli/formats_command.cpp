// strata-cli formats: what each format reads and writes, and every option it takes — printed
// from the format registry, like the export dialog's controls.
#include "app/cli/cli_support.h"
#include "app/cli/output.h"
#include "engine/transfer/format.h"

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
    auto list = [](const std::vector<std::string> &items) {
        std::string text = "[";
        for (size_t i = 0; i < items.size(); ++i)
            text += (i ? ", " : "") + app::jsonString(items[i]);
        return text + "]";
    };
    std::cout << "[";
    for (size_t i = 0; i < formats.size(); ++i) {
        const auto &f = formats[i];
        std::cout << (i ? ",\n " : "") << "{\"id\": " << app::jsonString(f.id)
                  << ", \"name\": " << app::jsonString(f.name)
                  << ", \"exports\": " << (f.canExport() ? "true" : "false")
                  << ", \"imports\": " << (f.canImport() ? "true" : "false")
                  << ", \"extension\": " << app::jsonString(f.extension)
                  << ", \"read_extensions\": " << list(f.readExtensions)
                  << ", \"mime_types\": " << list(f.mimeTypes) << ", \"options\": [";
        for (size_t k = 0; k < f.options.size(); ++k) {
            const auto &o = f.options[k];
            std::cout << (k ? ", " : "") << "{\"name\": " << app::jsonString(o.name)
                      << ", \"kind\": " << app::jsonString(kindName(o.kind))
                      << ", \"choices\": " << list(o.choices)
                      << ", \"default\": " << app::jsonString(o.defaultValue)
                      << ", \"help\": " << app::jsonString(o.help) << "}";
        }
        std::cout << "]}";
    }
    std::cout << "]\n";
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
