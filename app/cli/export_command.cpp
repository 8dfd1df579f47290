// strata-cli export: tables, a query or the whole database to files, from one snapshot.
#include "app/cli/cli_support.h"
#include "app/cli/output.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "engine/transfer/json_builder.h"

#include <QCommandLineParser>
#include <spdlog/spdlog.h>

#include <iostream>
#include <map>
#include <unistd.h>

namespace strata::cli {

using engine::Status;

namespace {

//! "rfc4180 (default), excel, ...": an option's choices as its format's schema lists them,
//! for the older flags that stand for one option.
QString choicesOf(const char *format, const char *option)
{
    const transfer::FormatInfo *info = transfer::FormatRegistry::instance().find(format);
    const transfer::FormatOption *o = info ? info->option(option) : nullptr;
    if (!o)
        return {};
    QStringList out;
    for (const auto &c : o->choices)
        out << QString::fromStdString(c) + (c == o->defaultValue ? " (default)" : "");
    return out.join(", ");
}

} // namespace

int exportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption({"db", "Database folder.", "DIR"});
    parser.addOption({"out", "Folder to write into (created when missing).", "DIR"});
    parser.addOption({"full", "Export every table (a backup)."});
    parser.addOption({"tables", "Export these tables, one file each per format.", "A,B"});
    parser.addOption({"query", "Export the result of one SELECT.", "SQL"});
    parser.addOption({"format",
                      QString::fromStdString("Formats, comma-separated: "
                                             + transfer::FormatRegistry::instance().exportIds()
                                             + ". Default: json for --full, csv otherwise."),
                      "LIST"});
    parser.addOption({"option",
                      "A format's option, FORMAT.NAME=VALUE (repeatable): csv.delimiter=;, "
                      "json.pretty=false. 'strata-cli formats' lists every option.",
                      "F.N=V"});
    parser.addOption({"sql-dialect", "SQL dialect (sql.dialect): " + choicesOf("sql", "dialect") + ".",
                      "NAME"});
    parser.addOption({"where", "Only rows of table T matching EXPR (repeatable).", "T:EXPR"});
    parser.addOption({"columns", "Only these columns of table T (repeatable).", "T:A,B"});
    parser.addOption(
        {"csv-preset", "CSV preset (csv.preset): " + choicesOf("csv", "preset") + ".", "NAME"});
    parser.addOption({"jsonl", "Write JSON lines (.jsonl): one row object per line."});
    parser.addOption({"sanitize", "Sensitive columns: drop or mask.", "MODE"});
    parser.addOption(
        {"sensitive", "Also treat these columns as sensitive (table.column or column).", "LIST"});
    parser.addOption({"max-rows", "Fail when the export would write more rows.", "N"});
    parser.addOption({"max-bytes", "Fail when the files would grow past N bytes.", "N"});
    parser.addOption({"utc", "Timestamps in file names in UTC (default: local time)."});
    parser.addOption({"since",
                      "Only rows inserted or updated after this time (ISO 8601), plus "
                      "the keys of rows deleted after it.",
                      "TIMESTAMP"});
    parser.addOption({"incremental",
                      "Only what changed since this profile's last run (its "
                      "watermarks live in .strata-incremental.json in --out).",
                      "PROFILE"});
    parser.addOption({"zip", "Pack the files and a manifest.json into export_<time>.zip."});
    parser.addOption({"no-latest", "Do not point <stem>_latest.<ext> at the new files."});
    parser.addOption(
        {"keep", "Keep the newest N files of each kind; move older ones to archive/.", "N"});
    parser.addOption({"archive-days", "Delete archived files older than N days.", "N"});
    parser.addOption({"archive-keep", "Keep at most N archived files of each kind.", "N"});
    parser.addOption({"json", "Print the result as JSON: each file's path, rows, bytes, SHA-256."});
    if (auto code = parseCommand(
            parser, args,
            "Export tables, a query or the whole database. Every file comes from one snapshot; "
            "files appear under their final names only when the whole export succeeded.\n\n"
            "Examples:\n"
            "  strata-cli export --db ~/strata-demo --out ~/exports --full --format json,csv\n"
            "  strata-cli export --db ~/strata-demo --out ~/exports --tables users --csv-preset "
            "excel --sanitize mask\n"
            "  strata-cli export --db ~/strata-demo --out ~/exports --tables orders --where "
            "\"orders:status = 'shipped'\" --columns orders:id,total\n"
            "  strata-cli export --db ~/strata-demo --out ~/exports --query \"SELECT * FROM users "
            "WHERE age > 60\" --format json --json"))
        return *code;
    if (!parser.isSet("db") || !parser.isSet("out"))
        return usageError("export: --db DIR and --out DIR are required");
    const int scopes = parser.isSet("full") + parser.isSet("tables") + parser.isSet("query");
    if (scopes != 1)
        return usageError("export: give exactly one of --full, --tables, --query");
    transfer::ExportSpec spec;
    spec.outputDir = parser.value("out").toStdString();
    spec.utcNames = parser.isSet("utc");
    if (parser.isSet("full")) {
        spec.scope = transfer::ExportScope::Full;
    } else if (parser.isSet("tables")) {
        spec.scope = transfer::ExportScope::Tables;
        for (const auto &t : parser.value("tables").split(',', Qt::SkipEmptyParts))
            spec.tables.push_back({t.trimmed().toStdString(), {}, {}});
    } else {
        spec.scope = transfer::ExportScope::Query;
        spec.query = parser.value("query").toStdString();
    }
    auto selection = [&](const std::string &table) -> transfer::TableSelection & {
        for (auto &t : spec.tables)
            if (t.table == table)
                return t;
        spec.tables.push_back({table, {}, {}});
        return spec.tables.back();
    };
    for (const auto &w : parser.values("where")) {
        std::string table, expr;
        if (!splitTableOption(w, table, expr))
            return usageError("export: --where takes TABLE:EXPRESSION, not '" + w + "'");
        if (spec.scope == transfer::ExportScope::Tables
            && std::none_of(spec.tables.begin(), spec.tables.end(),
                            [&](const auto &t) { return t.table == table; }))
            return usageError("export: --where names table '" + QString::fromStdString(table)
                              + "', which is not in --tables");
        selection(table).where = expr;
    }
    for (const auto &c : parser.values("columns")) {
        std::string table, list;
        if (!splitTableOption(c, table, list))
            return usageError("export: --columns takes TABLE:A,B, not '" + c + "'");
        for (const auto &col : QString::fromStdString(list).split(',', Qt::SkipEmptyParts))
            selection(table).columns.push_back(col.trimmed().toStdString());
    }
    if ((parser.isSet("where") || parser.isSet("columns"))
        && spec.scope == transfer::ExportScope::Query)
        return usageError("export: --where and --columns apply to tables, not to --query");
    const QString formats = parser.value("format").isEmpty()
                                ? (spec.scope == transfer::ExportScope::Full ? "json" : "csv")
                                : parser.value("format");
    // Every format option as FORMAT.NAME=VALUE; the older flags are spellings of three.
    std::map<std::string, std::map<std::string, std::string>> options;
    for (const auto &o : parser.values("option")) {
        const qsizetype dot = o.indexOf('.'), equals = o.indexOf('=');
        if (dot <= 0 || equals < dot + 2)
            return usageError("export: --option takes FORMAT.NAME=VALUE, not '" + o + "'");
        options[o.left(dot).toStdString()][o.mid(dot + 1, equals - dot - 1).toStdString()]
            = o.mid(equals + 1).toStdString();
    }
    if (parser.isSet("csv-preset"))
        options["csv"]["preset"] = parser.value("csv-preset").toStdString();
    if (parser.isSet("jsonl"))
        options["json"]["lines"] = "true";
    if (parser.isSet("sql-dialect"))
        options["sql"]["dialect"] = parser.value("sql-dialect").toStdString();
    for (const auto &f : formats.split(',', Qt::SkipEmptyParts)) {
        transfer::FormatRequest request{f.trimmed().toStdString(), {}};
        if (auto it = options.find(request.id); it != options.end()) {
            request.options = it->second;
            options.erase(it);
        }
        // Checked here, before the database opens: the message names the option and its values.
        if (Status status = transfer::FormatRegistry::instance().validate(request); !status)
            return usageError("export: " + QString::fromStdString(status.message()));
        spec.formats.push_back(std::move(request));
    }
    if (!options.empty())
        return usageError("export: options for " + QString::fromStdString(options.begin()->first)
                          + ", which --format does not name");
    if (parser.isSet("sanitize")) {
        const QString mode = parser.value("sanitize");
        if (mode == "drop")
            spec.sanitize = transfer::SanitizeMode::Drop;
        else if (mode == "mask")
            spec.sanitize = transfer::SanitizeMode::Mask;
        else
            return usageError("export: --sanitize takes drop or mask, not '" + mode + "'");
    }
    for (const auto &c : parser.value("sensitive").split(',', Qt::SkipEmptyParts))
        spec.sensitiveColumns.push_back(c.trimmed().toStdString());
    for (const char *opt : {"max-rows", "max-bytes", "keep", "archive-days", "archive-keep"}) {
        if (!parser.isSet(opt))
            continue;
        bool ok = false;
        const qlonglong n = parser.value(opt).toLongLong(&ok);
        if (!ok || n <= 0)
            return usageError(QString("export: --%1 needs a positive number, not '%2'")
                                  .arg(opt, parser.value(opt)));
        const std::string name = opt;
        if (name == "max-rows")
            spec.maxRows = n;
        else if (name == "max-bytes")
            spec.maxBytes = n;
        else if (name == "keep")
            spec.keepNewest = static_cast<int>(n);
        else if (name == "archive-days")
            spec.archiveMaxAgeDays = static_cast<int>(n);
        else
            spec.archiveMaxFiles = static_cast<int>(n);
    }
    if (parser.isSet("since") && parser.isSet("incremental"))
        return usageError("export: give --since or --incremental, not both");
    if (parser.isSet("since")) {
        const auto ts = engine::parseTimestamp(parser.value("since").toStdString());
        if (!ts)
            return usageError("export: --since takes a time like 2024-01-15T10:30:00Z, not '"
                              + parser.value("since") + "'");
        spec.since = static_cast<uint64_t>(*ts);
    }
    if (parser.isSet("incremental")) {
        spec.profile = parser.value("incremental").toStdString();
        if (spec.profile.empty())
            return usageError("export: --incremental needs a profile name");
    }
    if ((spec.since || !spec.profile.empty()) && spec.scope == transfer::ExportScope::Query)
        return usageError("export: --since and --incremental apply to --full or --tables");
    spec.zip = parser.isSet("zip");
    spec.latestLinks = !parser.isSet("no-latest");

    // Writable, so the audit_log table gets the entry; read-only when another program holds
    // the database (the entry then goes to the audit log file only).
    auto db = openDatabase(parser.value("db"), false);
    if (!db && db.status().code() == engine::StatusCode::Locked)
        db = openDatabase(parser.value("db"), true);
    if (!db)
        return fail(db.status());
    std::unique_ptr<ConsoleProgress> progress;
    if (isatty(STDERR_FILENO) && !parser.isSet("json"))
        progress = std::make_unique<ConsoleProgress>();
    auto result = transfer::runExport(**db, spec, progress.get());
    progress.reset();
    if (!result)
        return fail(result.status());
    spdlog::info("export from {}: {} files, {} rows", parser.value("db").toStdString(),
                 result->files.size(), result->rows);
    if (parser.isSet("json")) {
        transfer::JsonBuilder j;
        j.beginObject();
        j.key("snapshot_commit_ts")
            .value(engine::formatTimestamp(static_cast<int64_t>(result->snapshotTs)));
        j.key("rows").value(result->rows);
        j.key("seconds").raw(engine::formatDouble(result->seconds));
        j.key("files").beginArray();
        for (const auto &f : result->files) {
            j.beginObject();
            j.key("format").value(f.format);
            j.key("table").valueOrNull(f.table);
            j.key("path").value(f.path);
            j.key("rows").value(f.rows);
            j.key("bytes").value(f.bytes);
            j.key("sha256").value(f.sha256);
            j.key("seconds").raw(engine::formatDouble(f.seconds));
            j.endObject();
        }
        j.endArray();
        j.key("warnings").strings(result->warnings);
        j.endObject();
        std::cout << j.text() << "\n";
        return kExitOk;
    }
    for (const auto &f : result->files)
        std::cout << f.path << "  (" << f.rows << " rows, " << f.bytes << " bytes)\n";
    for (const auto &a : result->archived)
        std::cout << "archived " << a << "\n";
    for (const auto &d : result->deleted)
        std::cout << "deleted " << d << "\n";
    for (const auto &w : result->warnings)
        std::cerr << "strata-cli: warning: " << w << "\n";
    return kExitOk;
}

} // namespace strata::cli
