#include "engine/transfer/export_plan.h"
#include "engine/transfer/filter_error.h"

#include "engine/transfer/job_support.h"
#include "engine/transfer/naming.h"
#include "engine/transfer/watermarks.h"

#include <QFileInfo>
#include <algorithm>
#include <set>

namespace strata::transfer {

using engine::EngineError;
using engine::quoteIdentifier;
using engine::StatusCode;

namespace {

bool isSensitive(const ExportSpec &spec, const std::string &table, const engine::ColumnInfo &col)
{
    if (col.sensitive)
        return true;
    for (const auto &s : spec.sensitiveColumns)
        if (s == col.name || s == table + "." + col.name)
            return true;
    return false;
}

std::vector<ExportSource> planSources(engine::Connection &c, const ExportSpec &spec,
                                      ExportContext &context)
{
    std::vector<ExportSource> sources;
    if (spec.scope == ExportScope::Query) {
        if (spec.query.empty())
            throw EngineError(StatusCode::Invalid, "a query export needs a query");
        ExportSource s;
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
        if (info.isView() && context.incremental)
            throw EngineError(StatusCode::Invalid,
                              "incremental exports read the changes of tables, and " + info.name
                                  + " is a view: export it in a run of its own, without a "
                                    "profile or --since");
        ExportSource s;
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
        s.where = sel.where;
        s.meta.expectedRows = static_cast<int64_t>(info.rowCount); // counted by the run
        if (!sel.where.empty()) { // binding the statement checks the filter; nothing is read
            auto cursor = c.query(s.sql, {}, s.since);
            if (!cursor)
                throw EngineError(cursor.status().code(),
                                  "the filter for " + info.name + " is not valid: "
                                      + locateFilterError(s.sql, s.sql.size() - sel.where.size(),
                                                          sel.where, cursor.status().message())
                                            .message);
        }
        sources.push_back(std::move(s));
    }
    return sources;
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

} // namespace

std::vector<std::string> ExportPlan::fileNames() const
{
    std::vector<std::string> names;
    for (const auto &f : files)
        names.push_back(f.name(stamp));
    if (context.spec->zip)
        names.push_back("export_" + stamp + ".zip");
    return names;
}

ExportPlan makeExportPlan(engine::Database &database, engine::Connection &connection,
                          const ExportSpec &spec)
{
    if (spec.formats.empty())
        throw EngineError(StatusCode::Invalid, "an export needs at least one format");
    if (spec.outputDir.empty())
        throw EngineError(StatusCode::Invalid, "an export needs an output folder");
    const auto &registry = FormatRegistry::instance();
    std::set<std::string> seenFormats;
    for (const auto &f : spec.formats) {
        check(registry.validate(f)); // every option, before any file is opened
        if (!seenFormats.insert(f.id).second)
            throw EngineError(StatusCode::Invalid, "format " + f.id + " is named twice");
    }
    ExportPlan plan;
    ExportContext &context = plan.context;
    context.spec = &spec;
    context.snapshotTs = connection.snapshotTs();
    context.exportTime = engine::nowMicros();
    context.databaseName
        = database.directory().empty()
              ? std::string("memory")
              : QFileInfo(QString::fromStdString(database.directory())).fileName().toStdString();
    context.sanitization = spec.sanitize == SanitizeMode::Drop   ? "drop"
                           : spec.sanitize == SanitizeMode::Mask ? "mask"
                                                                 : "";
    if (spec.since || !spec.profile.empty()) {
        if (spec.scope == ExportScope::Query)
            throw EngineError(StatusCode::Invalid, "incremental exports read tables, not a query");
        context.incremental = true;
        context.profile = spec.profile;
        std::map<std::string, uint64_t> marks;
        if (!spec.profile.empty())
            marks = loadWatermarks(spec.outputDir, spec.profile);
        for (const auto &t : check(connection.tables()))
            context.sinceByTable[t.name]
                = spec.since ? *spec.since : (marks.count(t.name) ? marks[t.name] : 0);
    }
    std::vector<ExportSource> sources = planSources(connection, spec, context);
    if (spec.scope == ExportScope::Full && !context.incremental)
        for (const auto &v : check(connection.views()))
            context.views.push_back({v.name, v.viewSql, v.viewColumns});
    if (context.incremental) { // only the tables this export reads carry a watermark
        std::map<std::string, uint64_t> used;
        for (const auto &s : sources)
            used[s.meta.name] = s.since;
        context.sinceByTable = std::move(used);
    }
    if (context.sanitizedColumns.empty())
        context.sanitization.clear();
    context.totalTables = static_cast<int>(sources.size());
    context.isFullBackup = spec.scope == ExportScope::Full && context.filters.empty()
                           && context.columnSubsets.empty() && context.sanitization.empty()
                           && !context.incremental;
    plan.stamp = nameTimestamp(spec.nameTime.value_or(context.exportTime), spec.utcNames);

    auto add = [&](const FormatRequest &f, std::string stem, std::string table) {
        PlannedFile file;
        file.format = &f;
        file.stem = std::move(stem);
        file.extension = registry.find(f.id)->extensionWith(f.options);
        file.table = std::move(table);
        plan.files.push_back(std::move(file));
        return plan.files.size() - 1;
    };
    // Formats that hold a whole backup in one file get one file for all tables.
    std::map<std::string, size_t> shared;
    if (spec.scope == ExportScope::Full)
        for (const auto &f : spec.formats)
            if (registry.find(f.id)->capabilities & MultiTable) {
                shared[f.id] = add(f,
                                   context.isFullBackup  ? registry.find(f.id)->fullExportStem
                                   : context.incremental ? std::string("changes")
                                                         : std::string("export"),
                                   "");
                plan.files.back().holdsEveryTable = true;
            }
    for (ExportSource &source : sources) {
        PlannedSource planned;
        for (const auto &f : spec.formats) {
            if (shared.count(f.id)) {
                planned.files.push_back(shared[f.id]);
                continue;
            }
            if (const auto &rejects = registry.find(f.id)->rejects) {
                const std::string why = rejects(source.meta, f.options);
                if (!why.empty()) {
                    if (spec.scope != ExportScope::Full)
                        throw EngineError(StatusCode::Invalid, f.id + ": " + why);
                    plan.warnings.push_back(f.id + ": skipped " + why);
                    continue;
                }
            }
            const std::string stem = spec.scope == ExportScope::Query ? std::string("query_export")
                                     : context.incremental
                                         ? safeFileStem(source.meta.name) + "_changes"
                                         : safeFileStem(source.meta.name) + "_export";
            planned.files.push_back(
                add(f, stem, spec.scope == ExportScope::Query ? "" : source.meta.name));
        }
        // Rows deleted since the watermark: inline where the format can hold them, else a
        // "<table>_deleted_<time>" file of their keys in the same format.
        for (const size_t file : planned.files) {
            const FormatRequest &f = *plan.files[file].format;
            if (!context.incremental || (registry.find(f.id)->capabilities & InlineDeletions)) {
                planned.deletedKeyFiles.push_back(PlannedSource::kNone);
                continue;
            }
            planned.deletedKeyFiles.push_back(
                add(f, safeFileStem(source.meta.name) + "_deleted", source.meta.name));
            plan.files.back().deletedKeys = true;
        }
        planned.source = std::move(source);
        plan.sources.push_back(std::move(planned));
    }
    return plan;
}

void countExpectedRows(engine::Connection &connection, ExportPlan &plan)
{
    plan.context.totalRows = 0;
    for (auto &planned : plan.sources) {
        ExportSource &s = planned.source;
        if (!s.where.empty() || s.since != 0)
            s.meta.expectedRows = countRows(connection, s.meta.name, s.where, s.since);
        plan.context.totalRows += std::max<int64_t>(0, s.meta.expectedRows);
    }
}

} // namespace strata::transfer
