// strata-cli: Strata's command-line tool for scripts and nightly jobs.
#include "app/cli/cli_support.h"
#include "app/cli/output.h"
#include "app/common/logging.h"
#include "engine/api/database.h"
#include "engine/transfer/archive.h"
#include "engine/transfer/demo/demo_database.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "engine/transfer/json_builder.h"

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
  formats  List the formats Strata reads and writes, with every export option
  import   Import CSV, JSON, SQL, SQLite, GeoJSON or zip files into tables, in one transaction
  restore  Restore a JSON backup: the whole database or some tables, all or nothing
  sql      Run SQL statements and print their results
  tables   List the tables and views of a database
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
    auto views = conn->views();
    if (!views)
        return fail(views.status());
    if (parser.isSet("json")) {
        transfer::JsonBuilder j;
        j.beginObject().key("tables").beginArray();
        for (const auto &t : *tables) {
            j.beginObject().key("name").value(t.name).key("rows").value(
                static_cast<int64_t>(t.rowCount));
            j.key("created_at").value(engine::formatTimestamp(t.createdAt));
            j.key("columns").beginArray();
            for (const auto &col : t.columns)
                j.beginObject()
                    .key("name")
                    .value(col.name)
                    .key("type")
                    .value(engine::typeName(col.type))
                    .key("nullable")
                    .value(!col.notNull)
                    .key("primary_key")
                    .value(col.primaryKey)
                    .key("sensitive")
                    .value(col.sensitive)
                    .endObject();
            j.endArray().endObject();
        }
        j.endArray().key("views").beginArray();
        for (const auto &v : *views) {
            j.beginObject().key("name").value(v.name).key("sql").value(v.viewSql);
            j.key("created_at").value(engine::formatTimestamp(v.createdAt));
            j.key("problem").valueOrNull(v.viewProblem).key("columns").beginArray();
            for (const auto &col : v.columns)
                j.beginObject()
                    .key("name")
                    .value(col.name)
                    .key("type")
                    .value(engine::typeName(col.type))
                    .endObject();
            j.endArray().endObject();
        }
        std::cout << j.endArray().endObject().text() << "\n";
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
    if (views->empty())
        return kExitOk;
    engine::QueryResult viewListing;
    viewListing.columns = {"view", "columns", "query"};
    for (const auto &v : *views) {
        std::string cols;
        for (const auto &c : v.columns)
            cols += (cols.empty() ? "" : ", ") + c.name;
        viewListing.rows.push_back(
            {engine::Value::text(v.name),
             engine::Value::text(v.viewProblem.empty() ? cols
                                                       : "(cannot run: " + v.viewProblem + ")"),
             engine::Value::text(v.viewSql)});
    }
    std::cout << "\n";
    app::writeTable(std::cout, viewListing);
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
    if (command == "formats")
        return formatsCommand(rest);
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
            "a command is required (demo, export, formats, import, restore, sql, tables, verify)");
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
