// strata-cli import and restore: files into the database, in one transaction.
#include "app/cli/cli_support.h"
#include "app/cli/output.h"
#include "engine/transfer/format.h"
#include "engine/transfer/import_job.h"
#include "engine/transfer/json_builder.h"

#include <spdlog/spdlog.h>

#include <iostream>
#include <unistd.h>

namespace strata::cli {

namespace {

std::vector<std::string> splitList(const QString &value)
{
    std::vector<std::string> out;
    for (const auto &item : value.split(',', Qt::SkipEmptyParts))
        out.push_back(item.trimmed().toStdString());
    return out;
}

void addCommonOptions(QCommandLineParser &parser)
{
    parser.addOption({"db", "Database folder.", "DIR"});
    parser.addOption({"on-error",
                      "abort (default): the first bad row stops the import and nothing is "
                      "written; skip: bad rows go to a rejects file, the rest is imported.",
                      "POLICY"});
    parser.addOption({"rejects", "Where skipped rows go (default: beside the file).", "FILE"});
    parser.addOption({"tables", "Only these tables of a multi-table file.", "A,B"});
    parser.addOption({"dry-run", "Do everything but commit: report what would change."});
    parser.addOption({"json", "Print the result as JSON."});
}

const char *actionText(transfer::ImportAction action)
{
    switch (action) {
    case transfer::ImportAction::Create:
        return "created";
    case transfer::ImportAction::Append:
        return "appended to";
    case transfer::ImportAction::Replace:
        return "replaced";
    case transfer::ImportAction::Merge:
        return "merged into";
    case transfer::ImportAction::Drop:
        return "dropped";
    }
    return "";
}

int runAndReport(const QCommandLineParser &parser, transfer::ImportSpec &spec, const char *verb)
{
    if (parser.isSet("on-error")) {
        const QString policy = parser.value("on-error");
        if (policy == "abort")
            spec.onError = transfer::ErrorPolicy::Abort;
        else if (policy == "skip")
            spec.onError = transfer::ErrorPolicy::Skip;
        else
            return usageError(QString(verb) + ": --on-error takes abort or skip, not '" + policy
                              + "'");
    }
    spec.rejectsPath = parser.value("rejects").toStdString();
    if (parser.isSet("tables"))
        spec.tables = splitList(parser.value("tables"));
    spec.dryRun = parser.isSet("dry-run");
    auto db = openDatabase(parser.value("db"), false);
    if (!db)
        return fail(db.status());
    std::unique_ptr<ConsoleProgress> progress;
    if (isatty(STDERR_FILENO) && !parser.isSet("json"))
        progress = std::make_unique<ConsoleProgress>();
    auto result = transfer::runImport(**db, spec, progress.get());
    progress.reset();
    if (!result)
        return fail(result.status());
    spdlog::info("{} into {}: {} rows, {} skipped{}", verb, parser.value("db").toStdString(),
                 result->rowsImported, result->rowsSkipped, spec.dryRun ? " (dry run)" : "");
    if (parser.isSet("json")) {
        transfer::JsonBuilder j;
        j.beginObject().key("dry_run").value(result->dryRun);
        j.key("rows").value(result->rowsImported).key("skipped").value(result->rowsSkipped);
        j.key("rejects").valueOrNull(result->rejectsPath);
        j.key("pre_restore_backup").valueOrNull(result->preRestoreBackup);
        j.key("commit_ts")
            .valueOrNull(result->commitTs
                             ? engine::formatTimestamp(static_cast<int64_t>(result->commitTs))
                             : std::string());
        j.key("seconds").number(result->seconds).key("tables").beginArray();
        for (const auto &t : result->tables) {
            j.beginObject().key("table").value(t.table);
            j.key("action").value(transfer::actionName(t.action));
            j.key("source").valueOrNull(t.source).key("rows_before");
            if (t.rowsBefore < 0)
                j.null();
            else
                j.value(t.rowsBefore);
            j.key("rows_after").value(t.rowsAfter).key("rows_read").value(t.rowsRead);
            j.key("rows_skipped").value(t.rowsSkipped);
            j.key("columns").strings(t.columns);
            j.key("schema_differences").strings(t.schemaDifferences).endObject();
        }
        j.endArray().key("views_restored").strings(result->viewsRestored);
        j.key("views_dropped").strings(result->viewsDropped);
        j.key("warnings").strings(result->warnings);
        std::cout << j.endObject().text() << "\n";
        return kExitOk;
    }
    if (result->dryRun)
        std::cout << "Dry run: nothing was changed. The " << verb << " would do this:\n";
    for (const auto &t : result->tables) {
        std::cout << (result->dryRun ? "  " : "") << t.table << ": " << actionText(t.action);
        if (t.action == transfer::ImportAction::Drop)
            std::cout << " (" << t.rowsBefore << " rows, not in the backup)\n";
        else
            std::cout << ", " << (t.rowsBefore < 0 ? 0 : t.rowsBefore) << " -> " << t.rowsAfter
                      << " rows"
                      << (t.rowsSkipped ? ", " + std::to_string(t.rowsSkipped) + " skipped"
                                        : std::string())
                      << "\n";
        for (const auto &d : t.schemaDifferences)
            std::cout << "    schema: " << d << "\n";
    }
    for (const auto &v : result->viewsRestored)
        std::cout << (result->dryRun ? "  " : "") << v << ": view made\n";
    for (const auto &v : result->viewsDropped)
        std::cout << (result->dryRun ? "  " : "") << v << ": view dropped (not in the backup)\n";
    if (!result->rejectsPath.empty())
        std::cout << result->rowsSkipped << " rejected rows are in " << result->rejectsPath << "\n";
    if (!result->preRestoreBackup.empty())
        std::cout << "The database as it was before is kept in " << result->preRestoreBackup
                  << " (strata-cli restore --db DIR --drop-missing FILE puts it back)\n";
    for (const auto &w : result->warnings)
        std::cerr << "strata-cli: warning: " << withCliAdvice(w) << "\n";
    return kExitOk;
}

} // namespace

int importCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const auto &registry = transfer::FormatRegistry::instance();
    parser.addPositionalArgument(
        "files",
        QString::fromStdString(
            "Files to import, in the formats Strata reads: " + registry.importIds() + "."),
        "FILE...");
    addCommonOptions(parser);
    parser.addOption({"table", "Table to import into (default: the file's name).", "NAME"});
    parser.addOption({"mode",
                      "create (default: a new table), append, replace (the table becomes the "
                      "file), merge (rows with a known primary key replace that row).",
                      "MODE"});
    parser.addOption({"format",
                      QString::fromStdString("The file's format when its name and content do "
                                             "not say: "
                                             + registry.importIds() + "."),
                      "ID"});
    parser.addOption({"csv-delimiter", "Field delimiter (default: sniffed); 'tab' for TAB.", "C"});
    parser.addOption({"csv-quote", "Quote character (default \").", "C"});
    parser.addOption({"csv-escape",
                      "Escape character that makes the next one literal, as MySQL writes \\\" "
                      "(default: none, \"\" inside quotes).",
                      "C"});
    parser.addOption({"encoding", "utf-8, utf-16, latin-1 (default: sniffed).", "NAME"});
    parser.addOption({"no-header", "The first line is data, not column names."});
    parser.addOption({"header", "The first line names the columns (default: sniffed)."});
    parser.addOption({"null", "Read this text as NULL (repeatable).", "TEXT"});
    parser.addOption({"empty-as-text", "An empty unquoted field is an empty string, not NULL."});
    parser.addOption({"by-position", "Fill an existing table's columns in order, not by name."});
    parser.addOption({"map",
                      "Put the file's column SRC into the table's column COL (repeatable); "
                      "SRC= leaves SRC out.",
                      "SRC=COL"});
    parser.addOption({"type", "Create column COL with this type (repeatable).", "COL=TYPE"});
    if (auto code = parseCommand(
            parser, args,
            "Import files into a database, all in one transaction: on any error (or a crash) the "
            "database stays as it was.\n\nExamples:\n"
            "  strata-cli import --db ~/strata-demo customers.csv\n"
            "  strata-cli import --db ~/strata-demo --table users --mode append new_users.csv\n"
            "  strata-cli import --db ~/strata-demo --on-error skip --csv-delimiter ';' data.csv\n"
            "  strata-cli import --db ~/strata-demo --dry-run --json events.jsonl"))
        return *code;
    if (!parser.isSet("db"))
        return usageError("import: --db DIR is required");
    if (parser.positionalArguments().isEmpty())
        return usageError("import: give at least one file");
    transfer::ImportSpec spec;
    for (const auto &f : parser.positionalArguments())
        spec.files.push_back(f.toStdString());
    spec.table = parser.value("table").toStdString();
    spec.format = parser.value("format").toStdString();
    if (parser.isSet("mode")) {
        const QString mode = parser.value("mode");
        if (mode == "create")
            spec.mode = transfer::ImportMode::Create;
        else if (mode == "append")
            spec.mode = transfer::ImportMode::Append;
        else if (mode == "replace")
            spec.mode = transfer::ImportMode::Replace;
        else if (mode == "merge")
            spec.mode = transfer::ImportMode::Merge;
        else
            return usageError("import: --mode takes create, append, replace or merge, not '" + mode
                              + "'");
    }
    if (parser.isSet("csv-delimiter")) {
        QString d = parser.value("csv-delimiter");
        if (d == "tab" || d == "\\t")
            d = "\t";
        if (d.toUtf8().size() != 1)
            return usageError("import: --csv-delimiter takes one character");
        spec.csv.delimiter = d.toUtf8()[0];
    }
    if (parser.isSet("csv-quote")) {
        const QByteArray q = parser.value("csv-quote").toUtf8();
        if (q.size() != 1)
            return usageError("import: --csv-quote takes one character");
        spec.csv.quote = q[0];
    }
    if (parser.isSet("csv-escape")) {
        const QByteArray e = parser.value("csv-escape").toUtf8();
        if (e.size() != 1)
            return usageError("import: --csv-escape takes one character");
        spec.csv.escape = e[0];
    }
    spec.csv.encoding = parser.value("encoding").toLower().toStdString();
    if (parser.isSet("no-header") && parser.isSet("header"))
        return usageError("import: give --header or --no-header, not both");
    if (parser.isSet("no-header"))
        spec.csv.header = false;
    if (parser.isSet("header"))
        spec.csv.header = true;
    for (const auto &n : parser.values("null"))
        spec.csv.nullMarkers.push_back(n.toStdString());
    spec.csv.emptyIsNull = !parser.isSet("empty-as-text");
    if (parser.isSet("by-position"))
        spec.match = transfer::ColumnMatch::ByPosition;
    for (const auto &m : parser.values("map")) {
        const int eq = m.indexOf('=');
        if (eq <= 0)
            return usageError("import: --map takes SRC=COL, not '" + m + "'");
        spec.columnMap[m.left(eq).toStdString()] = m.mid(eq + 1).toStdString();
    }
    for (const auto &t : parser.values("type")) {
        const int eq = t.indexOf('=');
        if (eq <= 0)
            return usageError("import: --type takes COL=TYPE, not '" + t + "'");
        spec.columnTypes[t.left(eq).toStdString()] = t.mid(eq + 1).toStdString();
    }
    return runAndReport(parser, spec, "import");
}

int restoreCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument("backup", "A JSON backup (full_backup_*.json).", "BACKUP");
    addCommonOptions(parser);
    parser.addOption({"mode",
                      "replace (default: the database, or the tables named with --tables, "
                      "become exactly the backup) or merge (upsert by primary key).",
                      "MODE"});
    parser.addOption({"drop-missing",
                      "Also drop the tables the backup does not hold (the database becomes "
                      "exactly the backup; never audit_log). Without it, other tables stay."});
    parser.addOption({"pre-restore-dir",
                      "Where the backup of the database as it was goes before the restore "
                      "(default: DIR/pre-restore).",
                      "DIR"});
    if (auto code = parseCommand(
            parser, args,
            "Restore a backup in one transaction: it succeeds whole or changes nothing. Try it "
            "first with --dry-run to see, per table, what would be added, replaced or "
            "dropped. Before it changes anything, the database as it is is backed up (see "
            "--pre-restore-dir), so a wrong restore can be undone.\n\nExamples:\n"
            "  strata-cli restore --db ~/strata-demo --dry-run full_backup_20240115_103000.json\n"
            "  strata-cli restore --db ~/strata-demo full_backup_20240115_103000.json\n"
            "  strata-cli restore --db ~/strata-demo --drop-missing full_backup_20240115.json\n"
            "  strata-cli restore --db ~/strata-demo --tables users --mode merge backup.json"))
        return *code;
    if (!parser.isSet("db"))
        return usageError("restore: --db DIR is required");
    if (parser.positionalArguments().size() != 1)
        return usageError("restore: give one backup file");
    transfer::ImportSpec spec;
    spec.files.push_back(parser.positionalArguments()[0].toStdString());
    spec.restore = true;
    spec.mode = transfer::ImportMode::Replace;
    spec.dropMissing = parser.isSet("drop-missing");
    spec.preRestoreBackupDir = parser.value("pre-restore-dir").toStdString();
    if (spec.dropMissing && parser.isSet("tables"))
        return usageError("restore: --drop-missing restores the whole backup; it cannot be "
                          "combined with --tables");
    if (parser.isSet("mode")) {
        const QString mode = parser.value("mode");
        if (mode == "merge")
            spec.mode = transfer::ImportMode::Merge;
        else if (mode != "replace")
            return usageError("restore: --mode takes replace or merge, not '" + mode + "'");
    }
    return runAndReport(parser, spec, "restore");
}

} // namespace strata::cli
