// strata-cli: Strata's command-line tool for scripts and nightly jobs.
#include "app/cli/cli_support.h"
#include "app/cli/output.h"
#include "app/common/logging.h"
#include "engine/api/database.h"
#include "engine/transfer/archive.h"
#include "engine/transfer/demo/demo_database.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <unistd.h>

using namespace strata;
using engine::Database;
using engine::Status;
using namespace strata::cli;

namespace {

const char *kUsage = R"(Usage: strata-cli COMMAND [OPTIONS]

Commands:
  demo     Create the demo database (users, products, orders, parcels)
  export   Export tables, a query or the whole database to files (CSV, JSON, SQL, SQLite, XLSX, GeoJSON)
  import   Import CSV, JSON, SQL, SQLite, GeoJSON or zip files into tables, in one transaction
  restore  Restore a JSON backup: the whole database or some tables, all or nothing
  sql      Run SQL statements and print their results
  tables   List the tables of a database
  verify   Check an export archive against its manifest, or a JSON backup's structure

Run 'strata-cli COMMAND --help' for a command's options.
Exit codes: 0 success, 1 error (message on standard error), 2 bad usage.
)";

int demoCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption({"db", "Database folder to create the demo in.", "DIR"});
    parser.addOption(
        {"rows", "Number of users (orders: 3x, parcels: 1/2x). Default 1000.", "N", "1000"});
    if (auto code = parseCommand(parser, args,
                                 "Create the demo database.\n\nExample:\n  strata-cli demo --db "
                                 "~/strata-demo --rows 5000"))
        return *code;
    if (!parser.isSet("db"))
        return usageError("demo: --db DIR is required");
    bool ok = false;
    const qlonglong rows = parser.value("rows").toLongLong(&ok);
    if (!ok || rows < 1)
        return usageError("demo: --rows needs a positive number, not '" + parser.value("rows")
                          + "'");
    auto db = openDatabase(parser.value("db"), false);
    if (!db)
        return fail(db.status());
    auto conn = (*db)->connect();
    if (auto st = transfer::createDemoDatabase(*conn, rows); !st)
        return fail(st);
    auto tables = conn->tables();
    if (!tables)
        return fail(tables.status());
    for (const auto &t : *tables)
        std::cout << t.name << ": " << t.rowCount << " rows\n";
    spdlog::info("created demo database in {} ({} users)", parser.value("db").toStdString(), rows);
    return kExitOk;
}

void printResults(const std::vector<engine::QueryResult> &results, app::OutputFormat format)
{
    bool first = true;
    for (const auto &r : results) {
        if (!r.hasRows) {
            if (format == app::OutputFormat::Table && r.rowsAffected > 0)
                std::cout << "(" << r.rowsAffected << (r.rowsAffected == 1 ? " row" : " rows")
                          << " affected)\n";
            continue;
        }
        switch (format) {
        case app::OutputFormat::Table:
            if (!first)
                std::cout << "\n";
            app::writeTable(std::cout, r);
            break;
        case app::OutputFormat::Csv:
            if (!first)
                std::cout << "\r\n";
            app::writeCsv(std::cout, r);
            break;
        case app::OutputFormat::Json:
            app::writeJson(std::cout, r);
            break;
        }
        first = false;
    }
    std::cout.flush();
}

//! A small SQL shell for people at a terminal: statements end with ';'.
int interactiveShell(Database &db, app::OutputFormat format)
{
    auto conn = db.connect();
    std::cout << "Strata " << STRATA_VERSION
              << (db.readOnly() ? " (read-only: another program "
                                  "has the database open)"
                                : "")
              << "\nEnter SQL ending with ';'. .tables lists tables, .help shows commands, "
                 ".quit leaves.\n";
    std::string buffer, line;
    for (;;) {
        std::cout << (buffer.empty() ? "strata> " : "   ...> ") << std::flush;
        if (!std::getline(std::cin, line))
            break;
        if (buffer.empty() && !line.empty() && line[0] == '.') {
            if (line == ".quit" || line == ".exit")
                break;
            if (line == ".tables") {
                auto tables = conn->tables();
                if (!tables) {
                    std::cout << "error: " << tables.status().message() << "\n";
                    continue;
                }
                for (const auto &t : *tables)
                    std::cout << t.name << " (" << t.rowCount << " rows)\n";
            } else if (line == ".help") {
                std::cout << ".tables   list tables\n.quit     leave\nAny SQL statement ending "
                             "with ';' runs at once (BEGIN ... COMMIT for transactions).\n";
            } else {
                std::cout << "unknown command " << line << " (try .help)\n";
            }
            continue;
        }
        buffer += line + "\n";
        const auto end = line.find_last_not_of(" \t\r");
        if (end == std::string::npos || line[end] != ';')
            continue;
        auto results = conn->executeScript(buffer);
        buffer.clear();
        if (!results) {
            std::cout << "error: " << results.status().message() << "\n";
            continue;
        }
        printResults(*results, format);
    }
    std::cout << "\n";
    return kExitOk;
}

int sqlCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption({"db", "Database folder (created when it does not exist).", "DIR"});
    parser.addOption({{"c", "command"},
                      "SQL to run (statements separated by ';'). Without it, "
                      "the script is read from standard input.",
                      "SQL"});
    parser.addOption({"format",
                      "Output: table (default on a terminal), csv (default otherwise) "
                      "or json (one line per result set).",
                      "FORMAT"});
    if (auto code
        = parseCommand(parser, args,
                       "Run SQL statements and print each result set.\n\nExamples:\n"
                       "  strata-cli sql --db ~/strata-demo -c \"SELECT count(*) FROM users\"\n"
                       "  strata-cli sql --db ~/strata-demo --format json < report.sql"))
        return *code;
    if (!parser.isSet("db"))
        return usageError("sql: --db DIR is required");
    app::OutputFormat format
        = isatty(STDOUT_FILENO) ? app::OutputFormat::Table : app::OutputFormat::Csv;
    if (parser.isSet("format")) {
        const QString f = parser.value("format");
        if (f == "table")
            format = app::OutputFormat::Table;
        else if (f == "csv")
            format = app::OutputFormat::Csv;
        else if (f == "json")
            format = app::OutputFormat::Json;
        else
            return usageError("sql: --format takes table, csv or json, not '" + f + "'");
    }
    const bool interactive = !parser.isSet("command") && isatty(STDIN_FILENO);
    std::string script;
    if (parser.isSet("command"))
        script = parser.value("command").toStdString();
    else if (!interactive)
        script.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());

    auto db = openDatabase(parser.value("db"), false);
    if (interactive) {
        if (!db && db.status().code() == engine::StatusCode::Locked)
            db = openDatabase(parser.value("db"), true);
        if (!db)
            return fail(db.status());
        return interactiveShell(**db, format);
    }
    // Another program has the database open: a read-only script can still run.
    if (!db && db.status().code() == engine::StatusCode::Locked && engine::isReadOnlyScript(script))
        db = openDatabase(parser.value("db"), true);
    if (!db)
        return fail(db.status());
    auto conn = (*db)->connect();
    auto results = conn->executeScript(script);
    if (!results)
        return fail(results.status());
    printResults(*results, format);
    return std::cout ? kExitOk : kExitError;
}

int exportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption({"db", "Database folder.", "DIR"});
    parser.addOption({"out", "Folder to write into (created when missing).", "DIR"});
    parser.addOption({"full", "Export every table (a backup)."});
    parser.addOption({"tables", "Export these tables, one file each per format.", "A,B"});
    parser.addOption({"query", "Export the result of one SELECT.", "SQL"});
    parser.addOption({"format",
                      "Formats, comma-separated: csv, json, sql, sqlite, xlsx, geojson. Default: "
                      "json for --full, "
                      "csv otherwise.",
                      "LIST"});
    parser.addOption({"sql-dialect", "SQL dialect: sqlite (default), postgres, generic.", "NAME"});
    parser.addOption({"where", "Only rows of table T matching EXPR (repeatable).", "T:EXPR"});
    parser.addOption({"columns", "Only these columns of table T (repeatable).", "T:A,B"});
    parser.addOption({"csv-preset", "CSV preset: rfc4180, excel, tsv, postgres.", "NAME"});
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
    for (const auto &f : formats.split(',', Qt::SkipEmptyParts)) {
        transfer::FormatRequest request{f.trimmed().toStdString(), {}};
        if (!transfer::FormatRegistry::instance().find(request.id))
            return usageError("export: unknown format '" + f
                              + "' (known: csv, json, sql, sqlite, xlsx, geojson)");
        if (request.id == "csv" && parser.isSet("csv-preset"))
            request.options["preset"] = parser.value("csv-preset").toStdString();
        if (request.id == "json" && parser.isSet("jsonl"))
            request.options["lines"] = "true";
        if (request.id == "sql" && parser.isSet("sql-dialect"))
            request.options["dialect"] = parser.value("sql-dialect").toStdString();
        spec.formats.push_back(std::move(request));
    }
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
        std::cout << "{\"snapshot_commit_ts\": "
                  << app::jsonString(
                         engine::formatTimestamp(static_cast<int64_t>(result->snapshotTs)))
                  << ", \"rows\": " << result->rows << ", \"seconds\": " << result->seconds
                  << ", \"files\": [";
        for (size_t i = 0; i < result->files.size(); ++i) {
            const auto &f = result->files[i];
            std::cout << (i ? ", " : "") << "{\"format\": " << app::jsonString(f.format)
                      << ", \"table\": " << (f.table.empty() ? "null" : app::jsonString(f.table))
                      << ", \"path\": " << app::jsonString(f.path) << ", \"rows\": " << f.rows
                      << ", \"bytes\": " << f.bytes << ", \"sha256\": " << app::jsonString(f.sha256)
                      << ", \"seconds\": " << f.seconds << "}";
        }
        std::cout << "], \"warnings\": [";
        for (size_t i = 0; i < result->warnings.size(); ++i)
            std::cout << (i ? ", " : "") << app::jsonString(result->warnings[i]);
        std::cout << "]}\n";
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

int verifyCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument("file", "A Strata zip archive, JSON export or CSV file.");
    if (auto code = parseCommand(parser, args,
                                 "Check a zip against its manifest (every file present, SHA-256 "
                                 "and row counts equal) or a JSON backup's structure. Exit 0 only "
                                 "when it holds.\n\nExample:\n  strata-cli verify "
                                 "~/exports/export_20240115_103000.zip"))
        return *code;
    if (parser.positionalArguments().size() != 1)
        return usageError("verify: give one file");
    const auto report = transfer::verifyFile(parser.positionalArguments()[0].toStdString());
    for (const auto &p : report.problems)
        std::cerr << "strata-cli: " << p << "\n";
    if (!report.problems.empty())
        return kExitError;
    std::cout << "ok: " << report.filesChecked
              << (report.filesChecked == 1 ? " file, " : " files, ") << report.rowsChecked
              << " rows checked\n";
    return kExitOk;
}

int tablesCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption({"db", "Database folder.", "DIR"});
    parser.addOption({"json", "Print JSON: tables with columns, row counts and creation times."});
    if (auto code = parseCommand(parser, args,
                                 "List the tables of a database (read-only: works while another "
                                 "program has it open).\n\nExample:\n  strata-cli tables --db "
                                 "~/strata-demo --json"))
        return *code;
    if (!parser.isSet("db"))
        return usageError("tables: --db DIR is required");
    auto db = openDatabase(parser.value("db"), true);
    if (!db)
        return fail(db.status());
    auto conn = (*db)->connect();
    auto tables = conn->tables();
    if (!tables)
        return fail(tables.status());
    if (parser.isSet("json")) {
        std::cout << "{\"tables\": [";
        for (size_t i = 0; i < tables->size(); ++i) {
            const auto &t = (*tables)[i];
            std::cout << (i ? ", " : "") << "{\"name\": " << app::jsonString(t.name)
                      << ", \"rows\": " << t.rowCount << ", \"created_at\": "
                      << app::jsonString(engine::formatTimestamp(t.createdAt))
                      << ", \"columns\": [";
            for (size_t c = 0; c < t.columns.size(); ++c) {
                const auto &col = t.columns[c];
                std::cout << (c ? ", " : "") << "{\"name\": " << app::jsonString(col.name)
                          << ", \"type\": " << app::jsonString(engine::typeName(col.type))
                          << ", \"nullable\": " << (col.notNull ? "false" : "true")
                          << ", \"primary_key\": " << (col.primaryKey ? "true" : "false")
                          << ", \"sensitive\": " << (col.sensitive ? "true" : "false") << "}";
            }
            std::cout << "]}";
        }
        std::cout << "]}\n";
        return kExitOk;
    }
    engine::QueryResult listing;
    listing.columns = {"table", "rows", "columns", "created"};
    for (const auto &t : *tables) {
        std::string cols;
        for (const auto &c : t.columns)
            cols += (cols.empty() ? "" : ", ") + c.name + (c.primaryKey ? "*" : "")
                    + (c.sensitive ? " (sensitive)" : "");
        listing.rows.push_back({engine::Value::text(t.name),
                                engine::Value::integer(static_cast<int64_t>(t.rowCount)),
                                engine::Value::text(cols), engine::Value::timestamp(t.createdAt)});
    }
    app::writeTable(std::cout, listing);
    return kExitOk;
}

int runCommand(const QString &command, const QStringList &rest)
{
    if (command == "demo")
        return demoCommand(rest);
    if (command == "sql")
        return sqlCommand(rest);
    if (command == "export")
        return exportCommand(rest);
    if (command == "verify")
        return verifyCommand(rest);
    if (command == "import")
        return importCommand(rest);
    if (command == "restore")
        return restoreCommand(rest);
    if (command == "tables")
        return tablesCommand(rest);
    return usageError("unknown command '" + command + "'");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("strata");
    QCoreApplication::setApplicationVersion(STRATA_VERSION);
    const QStringList args = QCoreApplication::arguments();
    app::setupLogging("strata-cli", true);
    transfer::registerBuiltinFormats();
    if (args.size() < 2)
        return usageError(
            "a command is required (demo, export, import, restore, sql, tables, verify)");
    const QString command = args[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kUsage;
        return kExitOk;
    }
    if (command == "--version" || command == "-v") {
        std::cout << "strata-cli " << STRATA_VERSION << "\n";
        return kExitOk;
    }
    QStringList rest = args;
    rest.removeAt(1); // QCommandLineParser expects the program name first
    return closeDatabases(runCommand(command, rest));
}
