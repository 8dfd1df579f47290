#include "engine/transfer/export_job.h"

#include "engine/transfer/job_support.h"

#include "engine/transfer/archive.h"
#include "engine/transfer/audit.h"
#include "engine/transfer/format.h"
#include "engine/transfer/naming.h"
#include "engine/transfer/sha256.h"
#include "engine/transfer/writer_thread.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <chrono>
#include <set>
#include <spdlog/spdlog.h>

namespace strata::transfer {

using engine::EngineError;
using engine::Status;
using engine::StatusCode;

namespace {

using Clock = std::chrono::steady_clock;

//! One table (or the query) to read, with the SQL that reads it.
struct Source {
    TableMeta meta;
    std::string sql;
    uint64_t since = 0;                //!< incremental: rows changed after this commit timestamp
    std::vector<std::string> identity; //!< incremental: columns that identify a deleted row
};

const char *kStateFile = ".strata-incremental.json";

//! Watermarks of an incremental profile: table -> commit timestamp of the last export.
std::map<std::string, uint64_t> loadWatermarks(const std::string &dir, const std::string &profile)
{
    std::map<std::string, uint64_t> out;
    QFile file(QString::fromStdString(dir + "/" + kStateFile));
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        throw EngineError(StatusCode::Corrupt, dir + "/" + kStateFile + " is not valid JSON (byte "
                                                   + std::to_string(error.offset)
                                                   + "); move it "
                                                     "away to start the profile afresh");
    const auto tables = doc["profiles"][QString::fromStdString(profile)]["tables"].toObject();
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        const auto ts = engine::parseTimestamp(it.value().toString().toStdString());
        if (ts)
            out[it.key().toStdString()] = static_cast<uint64_t>(*ts);
    }
    return out;
}

//! Records the snapshot as each table's new watermark; the file is replaced atomically.
void saveWatermarks(const std::string &dir, const std::string &profile,
                    const std::vector<std::string> &tables, uint64_t snapshotTs)
{
    const QString path = QString::fromStdString(dir + "/" + kStateFile);
    QJsonObject root;
    QFile in(path);
    if (in.open(QIODevice::ReadOnly))
        root = QJsonDocument::fromJson(in.readAll()).object();
    in.close();
    QJsonObject profiles = root["profiles"].toObject();
    QJsonObject entry = profiles[QString::fromStdString(profile)].toObject();
    QJsonObject marks = entry["tables"].toObject();
    const QString stamp
        = QString::fromStdString(engine::formatTimestamp(static_cast<int64_t>(snapshotTs)));
    for (const auto &t : tables)
        marks[QString::fromStdString(t)] = stamp;
    entry["tables"] = marks;
    entry["updated"] = stamp;
    profiles[QString::fromStdString(profile)] = entry;
    root["profiles"] = profiles;
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(root).toJson()) < 0
        || !out.commit())
        throw EngineError(StatusCode::Io, "cannot write " + path.toStdString());
}

//! An open output: its file, its writer, and what it has received.
//! An open output: its file, its writer, and the thread the writer runs on (so formatting
//! overlaps with reading, and several formats use both cores). The writer is made, called and
//! destroyed on that thread; rows and busy time are read after drain().
struct Output {
    std::string format;
    std::string table;
    std::unique_ptr<OutputFile> file;
    std::unique_ptr<Writer> writer;
    int64_t rows = 0;
    Clock::duration busy{};
    std::unique_ptr<WriterThread> thread; //!< last: joined (and the writer gone) first

    //! Runs `call` on the writer's thread, timing it.
    void post(std::function<void(Writer &)> call)
    {
        thread->post([this, call = std::move(call)] {
            const auto t0 = Clock::now();
            call(*writer);
            busy += Clock::now() - t0;
        });
    }
};

bool isSensitive(const ExportSpec &spec, const std::string &table, const engine::ColumnInfo &col)
{
    if (col.sensitive)
        return true;
    for (const auto &s : spec.sensitiveColumns)
        if (s == col.name || s == table + "." + col.name)
            return true;
    return false;
}

int64_t countRows(engine::Connection &c, const std::string &table, const std::string &where,
                  uint64_t since)
{
    auto cursor = check(c.query("SELECT count(*) FROM " + quoteIdentifier(table)
                                    + (where.empty() ? "" : " WHERE " + where),
                                {}, since));
    engine::RowBatch batch;
    check(cursor->next(batch));
    return batch.value(0, 0).i;
}

std::vector<Source> planSources(engine::Connection &c, const ExportSpec &spec,
                                ExportContext &context)
{
    std::vector<Source> sources;
    if (spec.scope == ExportScope::Query) {
        if (spec.query.empty())
            throw EngineError(StatusCode::Invalid, "a query export needs a query");
        Source s;
        s.meta.name = "query";
        s.meta.query = spec.query;
        s.sql = spec.query;
        // The query's columns (and whether it runs at all) are known from a cursor.
        auto cursor = check(c.query(spec.query));
        for (size_t i = 0; i < cursor->columnNames().size(); ++i) {
            ExportColumn col;
            col.name = cursor->columnNames()[i];
            col.type = cursor->columnTypes()[i];
            col.info.name = col.name;
            col.info.type = col.type;
            s.meta.columns.push_back(std::move(col));
        }
        sources.push_back(std::move(s));
        return sources;
    }
    std::vector<TableSelection> selections;
    if (spec.scope == ExportScope::Full) {
        for (const auto &t : check(c.tables())) {
            TableSelection sel{t.name, {}, {}};
            for (const auto &given : spec.tables)
                if (given.table == t.name)
                    sel = given;
            selections.push_back(std::move(sel));
        }
        for (const auto &given : spec.tables)
            if (!c.table(given.table))
                throw EngineError(StatusCode::NotFound, "no such table: " + given.table);
    } else {
        if (spec.tables.empty())
            throw EngineError(StatusCode::Invalid, "a table export needs at least one table");
        selections = spec.tables;
    }
    for (const auto &sel : selections) {
        const engine::TableInfo info = check(c.table(sel.table));
        Source s;
        s.meta.name = info.name;
        s.meta.primaryKey = info.primaryKey;
        s.meta.createdAt = info.createdAt;
        s.meta.filter = sel.where;
        std::vector<const engine::ColumnInfo *> picked;
        if (sel.columns.empty()) {
            for (const auto &col : info.columns)
                picked.push_back(&col);
        } else {
            for (const auto &name : sel.columns) {
                const engine::ColumnInfo *found = nullptr;
                for (const auto &col : info.columns)
                    if (col.name == name)
                        found = &col;
                if (!found)
                    throw EngineError(StatusCode::NotFound,
                                      "no such column: " + name + " in table " + info.name);
                picked.push_back(found);
            }
            context.columnSubsets[info.name] = sel.columns;
        }
        std::string select;
        for (const auto *col : picked) {
            const bool sensitive
                = spec.sanitize != SanitizeMode::None && isSensitive(spec, info.name, *col);
            if (sensitive)
                context.sanitizedColumns.push_back(info.name + "." + col->name);
            if (sensitive && spec.sanitize == SanitizeMode::Drop)
                continue;
            ExportColumn out;
            out.name = col->name;
            out.type = col->type;
            out.info = *col;
            out.masked = sensitive;
            if (sensitive) {
                // Decided here, once: a masked column is text of '***' or NULL, without the
                // original's constraints, length or default; writers take it as given.
                out.type = engine::LogicalType::Text;
                out.info.type = engine::LogicalType::Text;
                out.info.notNull = false;
                out.info.maxLength = 0;
                out.info.declaredType.clear();
                out.info.hasDefault = false;
                out.info.unique = false;
                out.info.primaryKey = false;
            }
            select += (select.empty() ? "" : ", ");
            select += sensitive ? "CASE WHEN " + quoteIdentifier(col->name)
                                      + " IS NULL THEN NULL ELSE '***' END"
                                : quoteIdentifier(col->name);
            s.meta.columns.push_back(std::move(out));
        }
        if (s.meta.columns.empty())
            throw EngineError(StatusCode::Invalid,
                              "nothing left to export from " + info.name + " after sanitizing");
        // A key with a column left out or masked identifies no row any more: none is written.
        for (const auto &key : s.meta.primaryKey) {
            const auto it = std::find_if(s.meta.columns.begin(), s.meta.columns.end(),
                                         [&](const ExportColumn &c) { return c.name == key; });
            if (it == s.meta.columns.end() || it->masked) {
                s.meta.primaryKey.clear();
                break;
            }
        }
        s.sql = "SELECT " + select + " FROM " + quoteIdentifier(info.name)
                + (sel.where.empty() ? "" : " WHERE " + sel.where);
        if (!sel.where.empty())
            context.filters[info.name] = sel.where;
        if (context.incremental) {
            s.since = context.sinceByTable[info.name];
            s.identity = info.primaryKey;
            if (s.identity.empty())
                for (const auto &col : info.columns)
                    s.identity.push_back(col.name);
        }
        try {
            s.meta.expectedRows = sel.where.empty() && s.since == 0
                                      ? static_cast<int64_t>(info.rowCount)
                                      : countRows(c, info.name, sel.where, s.since);
        } catch (const EngineError &e) {
            throw EngineError(e.code(),
                              "the filter for " + info.name + " is not valid: " + e.what());
        }
        sources.push_back(std::move(s));
    }
    return sources;
}

} // namespace

namespace {

//! The export; with `plan`, only the names of the files it would write are collected there
//! (nothing is read or written).
engine::Result<ExportResult> exportFiles(engine::Database &database, const ExportSpec &spec,
                                         ProgressSink *progress,
                                         std::vector<std::string> *plan = nullptr);

} // namespace

engine::Result<std::vector<std::string>> planExport(engine::Database &database,
                                                    const ExportSpec &spec)
{
    std::vector<std::string> names;
    auto result = exportFiles(database, spec, nullptr, &names);
    if (!result)
        return result.status();
    return names;
}

engine::Result<ExportResult> runExport(engine::Database &database, const ExportSpec &spec,
                                       ProgressSink *progress)
{
    AuditEntry audit;
    audit.at = engine::nowMicros();
    audit.user = currentUser();
    audit.operation = "export";
    audit.summary = summarizeSpec(spec);
    auto result = exportFiles(database, spec, progress);
    audit.seconds = static_cast<double>(engine::nowMicros() - audit.at) / 1e6;
    if (result) {
        audit.outcome = "ok";
        audit.rows = result->rows;
        for (const auto &f : result->files)
            audit.files.push_back(f.path);
    } else {
        audit.outcome = result.status().code() == StatusCode::Canceled
                            ? "canceled"
                            : "error: " + result.status().message();
    }
    const auto warnings = recordAudit(database, audit);
    if (result)
        result->warnings.insert(result->warnings.end(), warnings.begin(), warnings.end());
    return result;
}

namespace {

engine::Result<ExportResult> exportFiles(engine::Database &database, const ExportSpec &spec,
                                         ProgressSink *progress, std::vector<std::string> *plan)
{
    const auto started = Clock::now();
    try {
        if (spec.formats.empty())
            throw EngineError(StatusCode::Invalid, "an export needs at least one format");
        if (spec.outputDir.empty())
            throw EngineError(StatusCode::Invalid, "an export needs an output folder");
        if (!plan && !QDir().mkpath(QString::fromStdString(spec.outputDir)))
            throw EngineError(StatusCode::Io, "cannot create the output folder " + spec.outputDir);
        if (!plan) // what killed exports left behind goes before this one adds its own
            for (const auto &stale : removeStaleTemporaries(spec.outputDir))
                spdlog::info("removed {}, left by an export that did not finish", stale);
        const auto &registry = FormatRegistry::instance();
        std::set<std::string> seenFormats;
        for (const auto &f : spec.formats) {
            check(registry.validate(f)); // every option, before any file is opened
            if (!seenFormats.insert(f.id).second)
                throw EngineError(StatusCode::Invalid, "format " + f.id + " is named twice");
        }

        auto connection = database.connect();
        check(connection->begin()); // ONE snapshot for every table and format
        ExportContext context;
        context.spec = &spec;
        context.snapshotTs = connection->snapshotTs();
        context.exportTime = engine::nowMicros();
        context.databaseName = database.directory().empty()
                                   ? std::string("memory")
                                   : QFileInfo(QString::fromStdString(database.directory()))
                                         .fileName()
                                         .toStdString();
        context.sanitization = spec.sanitize == SanitizeMode::Drop   ? "drop"
                               : spec.sanitize == SanitizeMode::Mask ? "mask"
                                                                     : "";
        if (spec.since || !spec.profile.empty()) {
            if (spec.scope == ExportScope::Query)
                throw EngineError(StatusCode::Invalid,
                                  "incremental exports read tables, not a query");
            context.incremental = true;
            context.profile = spec.profile;
            std::map<std::string, uint64_t> marks;
            if (!spec.profile.empty())
                marks = loadWatermarks(spec.outputDir, spec.profile);
            for (const auto &t : check(connection->tables()))
                context.sinceByTable[t.name]
                    = spec.since ? *spec.since : (marks.count(t.name) ? marks[t.name] : 0);
        }
        std::vector<Source> sources = planSources(*connection, spec, context);
        if (context.incremental) { // only the tables this export reads carry a watermark
            std::map<std::string, uint64_t> used;
            for (const auto &s : sources)
                used[s.meta.name] = s.since;
            context.sinceByTable = std::move(used);
        }
        if (context.sanitizedColumns.empty())
            context.sanitization.clear();
        context.totalTables = static_cast<int>(sources.size());
        context.totalRows = 0;
        for (const auto &s : sources)
            context.totalRows += std::max<int64_t>(0, s.meta.expectedRows);
        context.isFullBackup = spec.scope == ExportScope::Full && context.filters.empty()
                               && context.columnSubsets.empty() && context.sanitization.empty()
                               && !context.incremental;
        if (progress)
            progress->setTotal(context.totalRows);

        const std::string stamp
            = nameTimestamp(spec.nameTime.value_or(context.exportTime), spec.utcNames);
        ByteBudget budget;
        budget.limit = spec.maxBytes;
        // Declared after everything the writer threads use (context, budget, spec options), so
        // that on any exit, an error included, the threads are joined before those go.
        std::vector<std::unique_ptr<Output>> outputs;
        auto open = [&](const FormatRequest &f, const std::string &stem, const std::string &table) {
            const std::string extension = registry.find(f.id)->extensionWith(f.options);
            auto out = std::make_unique<Output>();
            out->format = f.id;
            out->table = table;
            if (plan) {
                plan->push_back(stem + "_" + stamp + "." + extension);
                outputs.push_back(std::move(out));
                return outputs.back().get();
            }
            out->file
                = check(OutputFile::create(spec.outputDir, stem + "_" + stamp, extension, &budget));
            out->thread = std::make_unique<WriterThread>();
            Output *raw = out.get();
            out->thread->setLast([raw] { raw->writer.reset(); });
            out->thread->post([raw, &registry, &context, &f] {
                raw->writer = check(registry.createWriter(f, *raw->file, context));
            });
            outputs.push_back(std::move(out));
            return raw;
        };
        // Formats that hold a whole backup in one file get one output for all tables.
        std::map<std::string, Output *> shared;
        if (spec.scope == ExportScope::Full)
            for (const auto &f : spec.formats)
                if (registry.find(f.id)->capabilities & MultiTable)
                    shared[f.id] = open(f,
                                        context.isFullBackup  ? registry.find(f.id)->fullExportStem
                                        : context.incremental ? std::string("changes")
                                                              : std::string("export"),
                                        "");

        int64_t rowsRead = 0;
        std::vector<std::string> skipped; // (format, table) pairs a format could not write
        for (const Source &source : sources) {
            std::vector<Output *> targets;
            std::vector<const FormatRequest *> targetFormats;
            for (const auto &f : spec.formats) {
                if (shared.count(f.id)) {
                    targets.push_back(shared[f.id]);
                    targetFormats.push_back(&f);
                    continue;
                }
                if (const auto &rejects = registry.find(f.id)->rejects) {
                    const std::string why = rejects(source.meta, f.options);
                    if (!why.empty()) {
                        if (spec.scope != ExportScope::Full)
                            throw EngineError(StatusCode::Invalid, f.id + ": " + why);
                        skipped.push_back(f.id + ": skipped " + why);
                        continue;
                    }
                }
                targetFormats.push_back(&f);
                const std::string stem
                    = spec.scope == ExportScope::Query ? std::string("query_export")
                      : context.incremental            ? safeFileStem(source.meta.name) + "_changes"
                                                       : safeFileStem(source.meta.name) + "_export";
                targets.push_back(
                    open(f, stem, spec.scope == ExportScope::Query ? "" : source.meta.name));
            }
            if (plan)
                continue; // names only
            auto stopOnWriterError = [&] {
                for (Output *t : targets)
                    if (t->thread->failed())
                        t->thread->drain(); // rethrows the writer's error
            };
            for (Output *t : targets)
                t->post([meta = source.meta](Writer &w) { w.beginTable(meta); });
            auto cursor = check(connection->query(source.sql, {}, source.since));
            for (;;) {
                if (progress && progress->isCanceled())
                    throw EngineError(StatusCode::Canceled, "the export was canceled");
                // Each batch is shared by every writer thread; the queues bound how many exist.
                auto batch = std::make_shared<engine::RowBatch>();
                const bool more = check(cursor->next(*batch));
                if (batch->rowCount() > 0) {
                    rowsRead += static_cast<int64_t>(batch->rowCount());
                    if (spec.maxRows > 0 && rowsRead > spec.maxRows)
                        throw EngineError(StatusCode::Invalid, "the export reached its limit of "
                                                                   + std::to_string(spec.maxRows)
                                                                   + " rows (at table "
                                                                   + source.meta.name + ")");
                    for (Output *t : targets)
                        t->post([t, batch](Writer &w) {
                            w.writeBatch(*batch);
                            t->rows += static_cast<int64_t>(batch->rowCount());
                        });
                    stopOnWriterError();
                    if (progress) {
                        progress->advance(rowsRead, source.meta.name);
                        progress->setBytes(budget.used.load()); // handed to the files so far
                    }
                }
                if (!more)
                    break;
            }
            if (context.incremental) {
                // Rows deleted since the watermark: inline where the format can hold them, else
                // a "<table>_deleted_<time>" file of their keys in the same format.
                const auto keys = std::make_shared<std::vector<engine::Row>>(
                    check(connection->deletedKeys(source.meta.name, source.since)));
                for (size_t k = 0; k < targets.size(); ++k) {
                    const auto &f = *targetFormats[k];
                    if (registry.find(f.id)->capabilities & InlineDeletions) {
                        targets[k]->post([identity = source.identity, keys](Writer &w) {
                            w.writeDeletedKeys(identity, *keys);
                        });
                        continue;
                    }
                    TableMeta meta;
                    meta.name = source.meta.name + "_deleted";
                    for (const auto &name : source.identity)
                        for (const auto &c : source.meta.columns)
                            if (c.name == name)
                                meta.columns.push_back(c);
                    meta.expectedRows = static_cast<int64_t>(keys->size());
                    Output *d
                        = open(f, safeFileStem(source.meta.name) + "_deleted", source.meta.name);
                    std::vector<std::string> names;
                    std::vector<engine::LogicalType> types;
                    for (const auto &c : meta.columns) {
                        names.push_back(c.name);
                        types.push_back(c.type);
                    }
                    auto keyBatch = std::make_shared<engine::RowBatch>();
                    keyBatch->reset(names, types);
                    for (const auto &key : *keys)
                        keyBatch->appendRow(key);
                    d->post([d, meta, keyBatch](Writer &w) {
                        w.beginTable(meta);
                        w.writeBatch(*keyBatch);
                        d->rows += static_cast<int64_t>(keyBatch->rowCount());
                        w.endTable();
                        w.finish();
                    });
                }
            }
            for (Output *t : targets) {
                const bool last = !shared.count(t->format);
                t->post([last](Writer &w) {
                    w.endTable();
                    if (last)
                        w.finish();
                });
            }
            stopOnWriterError();
        }
        if (plan) {
            if (spec.zip)
                plan->push_back("export_" + stamp + ".zip");
            return ExportResult();
        }
        for (auto &[id, out] : shared)
            out->post([](Writer &w) { w.finish(); });
        for (auto &out : outputs)
            out->thread->drain(); // every writer done (or its error thrown here)
        // Everything is written: only now do files appear under their final names.
        ExportResult result;
        result.warnings = skipped;
        result.snapshotTs = context.snapshotTs;
        result.rows = rowsRead;
        // A zip run's files stay temporaries until the archive holding them is in place: a
        // failure or a kill leaves no loose file under a final name.
        std::vector<std::string> entryNames;
        for (auto &out : outputs) {
            FileResult file;
            file.format = out->format;
            file.table = out->table;
            if (progress) // also where the fault-injection tests kill a run
                progress->advance(rowsRead, "publishing " + out->file->intendedName());
            if (spec.zip) {
                entryNames.push_back(check(out->file->finishAsTemporary()));
                file.path = out->file->temporaryPath();
            } else {
                file.path = check(out->file->commit());
            }
            file.rows = out->rows;
            file.bytes = out->file->bytesWritten();
            file.sha256 = out->file->sha256Hex();
            file.seconds = std::chrono::duration<double>(out->busy).count();
            result.files.push_back(std::move(file));
        }
        (void)connection->rollback(); // a read-only snapshot: nothing to undo
        if (spec.zip) {
            ExportResult named = result; // the manifest names the entries, not the temporaries
            for (size_t i = 0; i < named.files.size(); ++i)
                named.files[i].path = spec.outputDir + "/" + entryNames[i];
            const std::string manifest = manifestJson(spec, named, context.exportTime);
            if (progress)
                progress->advance(rowsRead, "writing the archive");
            const std::string zipPath
                = check(writeArchive(spec.outputDir, stamp, result.files, entryNames, manifest));
            FileResult archive;
            archive.format = "zip";
            archive.path = zipPath;
            archive.rows = result.rows;
            archive.sha256 = Sha256::ofFile(zipPath);
            archive.bytes = QFileInfo(QString::fromStdString(zipPath)).size();
            result.files = {archive}; // the temporaries go with their outputs
        }
        // The watermark moves only once everything the run promised exists.
        if (!spec.profile.empty()) {
            std::vector<std::string> exported;
            for (const auto &s : sources)
                exported.push_back(s.meta.name);
            if (progress)
                progress->advance(rowsRead, "saving the watermarks");
            saveWatermarks(spec.outputDir, spec.profile, exported, result.snapshotTs);
        }
        if (progress)
            progress->advance(rowsRead, "links and retention");
        applyLinksAndRetention(spec, result);
        result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
        if (progress) {
            int64_t bytes = 0;
            for (const auto &f : result.files)
                bytes += f.bytes;
            progress->setBytes(bytes);
        }
        return result;
    } catch (const EngineError &e) {
        return e.toStatus(); // the outputs' destructors remove their temporary files
    }
}

} // namespace

} // namespace strata::transfer
