#include "engine/transfer/import_job.h"

#include "engine/transfer/import_inference.h"
#include "engine/transfer/job_support.h"
#include "engine/transfer/load_sink.h"
#include "engine/transfer/rejects_file.h"

#include "engine/transfer/audit.h"
#include "engine/transfer/export_job.h"
#include "engine/transfer/format.h"
#include "engine/transfer/formats/zip/zip_input.h"
#include "engine/transfer/import_source.h"
#include "engine/transfer/naming.h"
#include "engine/transfer/output_file.h"
#include "engine/transfer/script_runner.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>

namespace strata::transfer {

using engine::EngineError;
using engine::StatusCode;

namespace {

using Clock = std::chrono::steady_clock;

} // namespace

engine::Result<std::string> detectImportFormat(const std::string &path,
                                               const std::string &requested)
{
    auto &registry = FormatRegistry::instance();
    if (requested.empty())
        return registry.detect(path);
    const FormatInfo *info = registry.find(requested);
    if (!info || !info->canImport())
        return engine::Status(StatusCode::Invalid, "Strata cannot import format '" + requested
                                                       + "' (it reads: " + registry.importIds()
                                                       + ")");
    return requested;
}

namespace {

//! False when the file was passed over (an archive entry that is not a backup, in a restore).
bool importOne(engine::Connection &connection, const ImportSpec &spec, const ReadSource &input,
               const std::string &knownFormat, RejectsFile &rejects, ImportResult &result,
               ProgressSink *progress, int64_t &rowsSoFar, std::set<std::string> &seen,
               std::vector<SourceView> &views);
void finishImport(engine::Database &database, engine::Connection &connection,
                  const ImportSpec &spec, ImportResult &result, RejectsFile &rejects,
                  const std::set<std::string> &seen, const std::vector<SourceView> &views);

//! Reads every file into the open transaction; commits (or, for a dry run, rolls back).
void importFiles(engine::Database &database, engine::Connection &connection, const ImportSpec &spec,
                 int64_t startTime, ImportResult &result, ProgressSink *progress)
{
    RejectsFile rejects(spec, startTime);
    check(connection.begin());
    int64_t rowsSoFar = 0;
    std::set<std::string> seen;
    std::vector<SourceView> views;
    // Zip archives are checked and unpacked first; their entries import like files, named
    // "archive.zip:entry" in messages. A file's format is detected once, here; an entry's
    // when it is read.
    struct Input {
        ReadSource source;
        std::string format;
    };
    std::vector<Input> inputs;
    std::unique_ptr<QTemporaryDir> unpacked;
    for (const std::string &file : spec.files) {
        const std::string format = check(detectImportFormat(file, spec.format));
        if (format != "zip") {
            inputs.push_back({ReadSource(file), format});
            continue;
        }
        if (!unpacked)
            unpacked = std::make_unique<QTemporaryDir>();
        const std::string dir
            = (unpacked->path() + "/" + QString::number(inputs.size())).toStdString();
        QDir().mkpath(QString::fromStdString(dir));
        for (auto &entry : unpackZip(file, spec, dir, result.warnings)) {
            engine::Location origin;
            origin.file = file;
            origin.entry = entry.name;
            inputs.push_back({ReadSource(entry.path, std::move(origin)), ""});
        }
    }
    size_t read = 0;
    for (const auto &[input, format] : inputs) {
        try {
            read += importOne(connection, spec, input, format, rejects, result, progress, rowsSoFar,
                              seen, views);
        } catch (const EngineError &e) {
            // What names the unpacked copy of an entry (opening it, say) names the entry.
            if (e.location().file != input.path || input.origin.file == input.path)
                throw;
            engine::Location where = e.location();
            where.file = input.origin.file;
            where.entry = input.origin.entry;
            throw EngineError(e.code(), e.detail(), where);
        }
    }
    if (spec.restore && read == 0 && !inputs.empty())
        throw EngineError(StatusCode::Invalid,
                          spec.files.front()
                              + ": not a backup: the archive holds no JSON backup to restore");
    finishImport(database, connection, spec, result, rejects, seen, views);
}

//! Reads one file into the open transaction.
bool importOne(engine::Connection &connection, const ImportSpec &spec, const ReadSource &input,
               const std::string &knownFormat, RejectsFile &rejects, ImportResult &result,
               ProgressSink *progress, int64_t &rowsSoFar, std::set<std::string> &seen,
               std::vector<SourceView> &views)
{
    auto &registry = FormatRegistry::instance();
    const std::string &path = input.path;
    const std::string file = input.name();
    const bool fromArchive = !input.origin.entry.empty();
    ImportSpec entrySpec = spec;
    if (fromArchive)
        entrySpec.table.clear(); // each entry of an archive into its own table
    const std::string format
        = knownFormat.empty() ? check(detectImportFormat(path, "")) : knownFormat;
    if (spec.restore && format != "json" && fromArchive) {
        result.warnings.push_back(file
                                  + ": not restored (a restore reads the archive's JSON "
                                    "backup; this entry reads as "
                                  + format + ")");
        return false;
    }
    if (spec.restore && format != "json")
        throw EngineError(StatusCode::Invalid,
                          file
                              + ": not a backup: a restore reads Strata's JSON backups (or a zip "
                                "holding one), and this file reads as "
                              + format + "; import it instead");
    auto reader = check(registry.createReader(format, input, entrySpec));
    if (auto statements = reader->script()) {
        ScriptRun run{connection, spec, result, progress,
                      [&](int64_t line, const std::string &statement, const std::string &why) {
                          RowOrigin origin;
                          origin.line = line;
                          origin.original = statement;
                          rejects.add(file, origin, "", why);
                          ++result.rowsSkipped;
                      }};
        runScript(*statements, input.origin, run);
        for (const auto &t : result.tables)
            seen.insert(asciiLower(t.table));
        return true;
    }
    // Types the file does not give are inferred by a first pass over it.
    auto firstPass = [&] {
        if (progress)
            progress->advance(rowsSoFar, "reading " + file);
        InferenceSink inference(spec, progress), later(spec, progress);
        switch (reader->readSplit(inference, later)) {
        case Reader::Split::Halves:
            inference.merge(later); // both halves on both cores
            break;
        case Reader::Split::Whole:
            break;
        case Reader::Split::NotDone:
            reader->read(inference);
            break;
        }
        return std::move(inference.tables);
    };
    std::optional<std::map<std::string, InferredTable>> inferred;
    if (!reader->describesTypes())
        inferred = firstPass();
    std::vector<LoadSink::Deferred> deferred;
    {
        LoadSink load(connection, spec, input.origin, inferred ? &*inferred : nullptr, rejects,
                      result, progress, rowsSoFar);
        reader->read(load);
        seen.insert(load.seen.begin(), load.seen.end());
        views.insert(views.end(), load.views.begin(), load.views.end());
        deferred = load.deferred();
    }
    if (!deferred.empty()) {
        // The file typed some of its tables and not these (its start promised types): they
        // are read again, after a first pass, into their places among the outcomes.
        inferred = firstPass();
        LoadSink rest(connection, spec, input.origin, &*inferred, rejects, result, progress,
                      rowsSoFar);
        rest.loadOnly(std::move(deferred));
        reader->read(rest);
        seen.insert(rest.seen.begin(), rest.seen.end());
    }
    for (auto &w : reader->warnings())
        result.warnings.push_back(std::move(w));
    return true;
}

//! Before a restore commits: a full JSON backup of the database as it is, written
//! like any export (named, checksummed, in the audit trail), so a wrong restore can be undone.
//! Returns its path, or "" for a database in memory.
std::string keepWhatARestoreReplaces(engine::Database &database, const ImportSpec &spec)
{
    if (database.directory().empty())
        return {};
    ExportSpec backup;
    backup.scope = ExportScope::Full;
    backup.formats = {{"json", {}}};
    backup.outputDir = spec.preRestoreBackupDir.empty() ? database.directory() + "/pre-restore"
                                                        : spec.preRestoreBackupDir;
    backup.latestLinks = false;
    auto written = runExport(database, backup, nullptr);
    if (!written)
        throw EngineError(written.status().code(),
                          "the restore did not start: the backup of the database as it is could "
                          "not be written to "
                              + backup.outputDir + ": " + written.status().message());
    return written->files.empty() ? std::string() : written->files.front().path;
}

//! A restore's views, once every table is in: each one the backup defines (and the restore
//! wants) replaces the view of its name; a full restore in Replace mode drops the others.
//! True when it replaced or dropped a view that was there.
bool restoreViews(engine::Connection &connection, const ImportSpec &spec, ImportResult &result,
                  const std::vector<SourceView> &views)
{
    bool changedExisting = false;
    auto wanted = [&](const std::string &name) {
        if (spec.tables.empty())
            return true;
        return std::any_of(spec.tables.begin(), spec.tables.end(),
                           [&](const std::string &t) { return engine::equalsIgnoreCase(t, name); });
    };
    std::set<std::string> inBackup;
    for (const auto &v : views)
        inBackup.insert(asciiLower(v.name));
    for (const auto &existing : check(connection.views())) {
        const bool replaced = inBackup.count(asciiLower(existing.name)) && wanted(existing.name);
        const bool missing = !inBackup.count(asciiLower(existing.name)) && spec.tables.empty()
                             && spec.mode == ImportMode::Replace && spec.dropMissing;
        if (!replaced && !missing)
            continue;
        check(connection.execute("DROP VIEW " + quoteIdentifier(existing.name)));
        changedExisting = true;
        if (missing)
            result.viewsDropped.push_back(existing.name);
    }
    // A view may read another: each round makes those whose tables and views are there.
    std::vector<const SourceView *> pending;
    for (const auto &v : views)
        if (wanted(v.name))
            pending.push_back(&v);
    while (!pending.empty()) {
        std::vector<const SourceView *> failed;
        std::optional<EngineError> firstError;
        for (const SourceView *v : pending) {
            std::string sql = "CREATE VIEW " + quoteIdentifier(v->name);
            if (!v->columns.empty()) {
                sql += " (";
                for (size_t c = 0; c < v->columns.size(); ++c)
                    sql += (c ? ", " : "") + quoteIdentifier(v->columns[c]);
                sql += ')';
            }
            sql += " AS " + v->sql;
            auto made = connection.execute(sql);
            if (made) {
                result.viewsRestored.push_back(v->name);
                continue;
            }
            failed.push_back(v);
            if (!firstError) {
                engine::Location where;
                where.file = spec.files.empty() ? std::string() : spec.files.front();
                where.jsonPath = v->jsonPath;
                firstError.emplace(
                    made.status().code(),
                    "view " + v->name + " cannot be made: " + made.status().message(), where);
            }
        }
        if (failed.size() == pending.size())
            throw *firstError;
        pending = std::move(failed);
    }
    return changedExisting;
}

//! After every file: a restore drops what the backup lacks; then commit (or roll back).
void finishImport(engine::Database &database, engine::Connection &connection,
                  const ImportSpec &spec, ImportResult &result, RejectsFile &rejects,
                  const std::set<std::string> &seen, const std::vector<SourceView> &views)
{
    if (spec.restore && spec.mode == ImportMode::Replace && spec.tables.empty()
        && spec.dropMissing) {
        for (const auto &info : check(connection.tables())) {
            if (seen.count(asciiLower(info.name)) || info.name == "audit_log")
                continue;
            check(connection.execute("DROP TABLE " + quoteIdentifier(info.name)));
            TableOutcome dropped;
            dropped.table = info.name;
            dropped.action = ImportAction::Drop;
            dropped.rowsBefore = static_cast<int64_t>(info.rowCount);
            result.tables.push_back(dropped);
        }
    }
    const bool viewsChanged = spec.restore && restoreViews(connection, spec, result, views);
    if (spec.dryRun) {
        check(connection.rollback());
        return;
    }
    // Only now, with the whole backup read: its own snapshot still sees the database as it was.
    const bool replacesSomething
        = std::any_of(result.tables.begin(), result.tables.end(),
                      [](const TableOutcome &t) { return t.rowsBefore >= 0; })
          || viewsChanged;
    if (spec.restore && replacesSomething)
        result.preRestoreBackup = keepWhatARestoreReplaces(database, spec);
    check(connection.commit());
    result.commitTs = database.lastCommitTs();
    result.rejectsPath = rejects.commit();
}

std::string summarizeImport(const ImportSpec &spec)
{
    std::string summary = std::string("mode ")
                          + (spec.mode == ImportMode::Create    ? "create"
                             : spec.mode == ImportMode::Append  ? "append"
                             : spec.mode == ImportMode::Replace ? "replace"
                                                                : "merge");
    if (!spec.tables.empty())
        summary += "; tables " + joined(spec.tables);
    if (!spec.table.empty())
        summary += "; into " + spec.table;
    if (spec.onError == ErrorPolicy::Skip)
        summary += "; skip bad rows";
    if (spec.dryRun)
        summary += "; dry run";
    return summary;
}

} // namespace

engine::Result<ImportResult> runImport(engine::Database &database, const ImportSpec &spec,
                                       ProgressSink *progress)
{
    const auto started = Clock::now();
    const int64_t startTime = engine::nowMicros();
    ImportResult result;
    auto connection = database.connect();
    engine::Status status;
    try {
        if (spec.files.empty())
            throw EngineError(StatusCode::Invalid, "no file to import");
        if (database.readOnly())
            throw EngineError(StatusCode::ReadOnly,
                              "the database is open read-only; close the program holding it "
                              "and import again");
        importFiles(database, *connection, spec, startTime, result, progress);
    } catch (const EngineError &e) {
        status = e.toStatus();
    } catch (const std::bad_alloc &) {
        status = engine::Status(StatusCode::Io, "out of memory");
    }
    if (connection->inTransaction())
        (void)connection->rollback();
    result.dryRun = spec.dryRun;
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (progress && status) { // every byte of the input was read
        int64_t bytes = 0;
        for (const auto &f : spec.files)
            bytes += QFileInfo(QString::fromStdString(f)).size();
        progress->setBytes(bytes);
    }
    if (!spec.dryRun) {
        AuditEntry audit;
        audit.at = startTime;
        audit.user = currentUser();
        audit.operation = spec.restore ? "restore" : "import";
        audit.summary = summarizeImport(spec);
        audit.files = spec.files;
        audit.seconds = result.seconds;
        audit.rows = result.rowsImported;
        audit.outcome = status                                  ? "ok"
                        : status.code() == StatusCode::Canceled ? "canceled"
                                                                : "error: " + status.message();
        for (auto &w : recordAudit(database, audit))
            result.warnings.push_back(w);
    }
    if (!status)
        return status;
    return result;
}

} // namespace strata::transfer
