#include "engine/transfer/export_job.h"

#include "engine/transfer/job_support.h"

#include "engine/transfer/archive.h"
#include "engine/transfer/audit.h"
#include "engine/transfer/export_plan.h"
#include "engine/transfer/format.h"
#include "engine/transfer/naming.h"
#include "engine/transfer/sha256.h"
#include "engine/transfer/watermarks.h"
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

} // namespace

namespace {

engine::Result<ExportResult> exportFiles(engine::Database &database, const ExportSpec &spec,
                                         ProgressSink *progress);

} // namespace

engine::Result<std::vector<std::string>> planExport(engine::Database &database,
                                                    const ExportSpec &spec)
{
    try {
        auto connection = database.connect();
        check(connection->begin());
        const ExportPlan plan = makeExportPlan(database, *connection, spec);
        (void)connection->rollback(); // a read-only snapshot: nothing to undo
        return plan.fileNames();
    } catch (const EngineError &e) {
        return e.toStatus();
    }
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
                                         ProgressSink *progress)
{
    const auto started = Clock::now();
    try {
        auto connection = database.connect();
        check(connection->begin()); // ONE snapshot for every table and format
        ExportPlan plan = makeExportPlan(database, *connection, spec);
        if (!QDir().mkpath(QString::fromStdString(spec.outputDir)))
            throw EngineError(StatusCode::Io, "cannot create the output folder " + spec.outputDir);
        // What killed exports left behind goes before this one adds its own.
        for (const auto &stale : removeStaleTemporaries(spec.outputDir))
            spdlog::info("removed {}, left by an export that did not finish", stale);
        countExpectedRows(*connection, plan);
        const ExportContext &context = plan.context;
        if (progress)
            progress->setTotal(context.totalRows);

        const auto &registry = FormatRegistry::instance();
        ByteBudget budget;
        budget.limit = spec.maxBytes;
        // Declared after everything the writer threads use (context, budget, spec options), so
        // that on any exit, an error included, the threads are joined before those go.
        std::vector<std::unique_ptr<Output>> outputs;
        std::vector<Output *> opened(plan.files.size(), nullptr); // by plan.files index
        // Files open in the plan's order, each when the run first reaches it.
        auto open = [&](size_t index) {
            if (opened[index])
                return opened[index];
            const PlannedFile &f = plan.files[index];
            auto out = std::make_unique<Output>();
            out->format = f.format->id;
            out->table = f.table;
            out->file = check(OutputFile::create(spec.outputDir, f.stem + "_" + plan.stamp,
                                                 f.extension, &budget));
            out->thread = std::make_unique<WriterThread>();
            Output *raw = out.get();
            out->thread->setLast([raw] { raw->writer.reset(); });
            out->thread->post([raw, &registry, &context, request = f.format] {
                raw->writer = check(registry.createWriter(*request, *raw->file, context));
            });
            outputs.push_back(std::move(out));
            return opened[index] = raw;
        };
        for (size_t i = 0; i < plan.files.size(); ++i)
            if (plan.files[i].holdsEveryTable)
                open(i);

        int64_t rowsRead = 0;
        for (const PlannedSource &planned : plan.sources) {
            const ExportSource &source = planned.source;
            std::vector<Output *> targets;
            for (const size_t index : planned.files)
                targets.push_back(open(index));
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
                const auto keys = std::make_shared<std::vector<engine::Row>>(
                    check(connection->deletedKeys(source.meta.name, source.since)));
                for (size_t k = 0; k < targets.size(); ++k) {
                    if (planned.deletedKeyFiles[k] == PlannedSource::kNone) {
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
                    Output *d = open(planned.deletedKeyFiles[k]);
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
            for (size_t k = 0; k < targets.size(); ++k) {
                const bool last = !plan.files[planned.files[k]].holdsEveryTable;
                targets[k]->post([last](Writer &w) {
                    w.endTable();
                    if (last)
                        w.finish();
                });
            }
            stopOnWriterError();
        }
        for (size_t i = 0; i < plan.files.size(); ++i)
            if (plan.files[i].holdsEveryTable)
                opened[i]->post([](Writer &w) { w.finish(); });
        for (auto &out : outputs)
            out->thread->drain(); // every writer done (or its error thrown here)
        // Everything is written: only now do files appear under their final names.
        ExportResult result;
        result.warnings = plan.warnings;
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
            file.notes = out->writer->notes();
            const std::string shownName
                = spec.zip ? entryNames.back()
                           : QFileInfo(QString::fromStdString(file.path)).fileName().toStdString();
            for (const auto &note : file.notes)
                result.warnings.push_back(shownName + ": " + note);
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
            const std::string zipPath = check(
                writeArchive(spec.outputDir, plan.stamp, result.files, entryNames, manifest));
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
            for (const auto &planned : plan.sources)
                exported.push_back(planned.source.meta.name);
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
