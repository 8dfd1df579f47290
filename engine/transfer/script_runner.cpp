#include "engine/transfer/script_runner.h"

#include "engine/transfer/job_support.h"
#include "engine/transfer/writer_thread.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <set>

namespace strata::transfer {

using engine::EngineError;
using engine::StatusCode;

namespace {

//! A script's CREATE VIEW: replaces a view of that name in Replace mode, leaves it in the
//! others; a view whose query Strata cannot run is left out with a warning (its rows are not
//! data the import would lose, and another database's SQL may use what Strata lacks).
void runViewStatement(const ScriptStatement &s, const engine::Location &origin, ScriptRun &run)
{
    engine::Connection &conn = run.connection;
    auto existing = conn.table(s.table);
    if (existing && existing->isView()) {
        if (run.spec.mode != ImportMode::Replace) {
            run.result.warnings.push_back(origin.at(s.line).describe(
                "view " + s.table
                + " is already there and was kept (the replace mode makes it "
                  "anew)"));
            return;
        }
        check(conn.execute("DROP VIEW " + engine::quoteIdentifier(existing->name)));
    }
    auto made = conn.execute(s.sql);
    if (made) {
        run.result.viewsRestored.push_back(s.table);
        return;
    }
    if (made.status().code() == StatusCode::Canceled)
        throw EngineError(StatusCode::Canceled, "the import was canceled");
    run.result.warnings.push_back(origin.at(s.line).describe(
        "view " + s.table + " was not made: " + made.status().message()));
}

} // namespace

void runScript(ScriptSource &statements, const engine::Location &origin, ScriptRun &run)
{
    if (run.spec.mode == ImportMode::Merge)
        throw EngineError(StatusCode::Invalid,
                          "a SQL script runs statements and has no rows to merge by key "
                          "(choose the create, append or replace mode)",
                          origin);
    engine::Connection &conn = run.connection;
    std::map<std::string, int64_t> before;
    for (const auto &info : check(conn.tables()))
        before[info.name] = static_cast<int64_t>(info.rowCount);
    std::map<std::string, int> skippedKinds;
    std::set<std::string> dropped, touched;
    std::vector<std::string> order;
    bool ranAny = false;
    auto runOne = [&](const ScriptStatement &s) {
        if (s.sql.empty()) {
            if (s.note.rfind("transaction control", 0) != 0)
                ++skippedKinds[s.note];
            return;
        }
        ranAny = true;
        if (!s.note.empty())
            run.result.warnings.push_back(origin.at(s.line).describe(s.note));
        if (s.createsView) {
            runViewStatement(s, origin, run);
            return;
        }
        const std::string &table = s.table;
        const bool creates = s.createsTable;
        if (!table.empty() && !touched.count(table)) {
            touched.insert(table);
            order.push_back(table);
        }
        if (creates && before.count(table)) {
            if (run.spec.mode == ImportMode::Append)
                return; // the table is there: the rows go into it
            if (run.spec.mode == ImportMode::Replace && !dropped.count(table)) {
                check(conn.execute("DROP TABLE " + engine::quoteIdentifier(table)));
                dropped.insert(table);
            }
        }
        auto r = conn.execute(s.sql);
        if (!r) {
            if (r.status().code() == StatusCode::Canceled)
                throw EngineError(StatusCode::Canceled, "the import was canceled");
            const std::string why = r.status().message();
            if (run.spec.onError == ErrorPolicy::Abort)
                throw EngineError(r.status().code(),
                                  why + " (in: " + quoteForMessage(s.original, 80) + ")",
                                  origin.at(s.line));
            run.reject(s.line, s.original, why);
            return;
        }
        if (!r->hasRows)
            run.result.rowsImported += r->rowsAffected > 0 && !creates ? r->rowsAffected : 0;
    };
    // Statements are read (parsed, translated) here and run on a second thread, in order,
    // while the next ones are read. Only that thread uses the connection until drain().
    std::atomic<int64_t> rowsRun{0};
    WriterThread runner(1);
    std::vector<ScriptStatement> general;
    auto post = [&](std::function<void()> task) {
        runner.post(std::move(task));
        if (runner.failed())
            runner.drain(); // rethrows the statement's error here
        if (run.progress) {
            if (run.progress->isCanceled())
                throw EngineError(StatusCode::Canceled, "the import was canceled");
            run.progress->advance(rowsRun.load(), "running " + origin.toString());
        }
    };
    auto postGeneral = [&] {
        if (general.empty())
            return;
        post([&, batch = std::make_shared<std::vector<ScriptStatement>>(std::move(general))] {
            for (const auto &one : *batch)
                runOne(one);
            rowsRun.store(run.result.rowsImported);
        });
        general.clear();
    };
    auto insertRows = [&](const ScriptStatement &s) {
        // Literal rows: inserted at once, as their statements would be; refused as a whole,
        // they run one statement at a time (the error names the one at fault).
        ranAny = true;
        if (!touched.count(s.table)) {
            touched.insert(s.table);
            order.push_back(s.table);
        }
        auto inserted = conn.insertRows(s.table, s.rows->columns, s.rows->rows);
        if (inserted) {
            run.result.rowsImported += *inserted;
        } else {
            if (inserted.status().code() == StatusCode::Canceled)
                throw EngineError(StatusCode::Canceled, "the import was canceled");
            for (const auto &one : s.rows->statements())
                runOne(one);
        }
        rowsRun.store(run.result.rowsImported);
    };
    for (ScriptStatement s; statements.next(s);) {
        if (!s.rows) {
            general.push_back(std::move(s));
            if (general.size() >= 256)
                postGeneral();
            continue;
        }
        postGeneral();
        post([&, batch = std::make_shared<ScriptStatement>(std::move(s))] { insertRows(*batch); });
    }
    postGeneral();
    runner.drain();
    if (!ranAny)
        throw EngineError(StatusCode::Invalid,
                          "the script holds no statement to run (expected SQL such as "
                          "CREATE TABLE and INSERT)",
                          origin);
    for (const auto &[kind, count] : skippedKinds)
        run.result.warnings.push_back(origin.toString() + ": skipped " + std::to_string(count)
                                      + (count == 1 ? " statement" : " statements") + " (" + kind
                                      + ")");
    for (const auto &name : order) {
        auto info = conn.table(name);
        if (!info)
            continue;
        TableOutcome outcome;
        outcome.table = info->name;
        outcome.source = origin.toString();
        const auto it = before.find(info->name);
        outcome.rowsBefore = it == before.end() ? -1 : it->second;
        outcome.action = it == before.end()          ? ImportAction::Create
                         : dropped.count(info->name) ? ImportAction::Replace
                                                     : ImportAction::Append;
        outcome.rowsAfter = static_cast<int64_t>(info->rowCount);
        for (const auto &c : info->columns)
            outcome.columns.push_back(c.name + " " + engine::typeName(c.type));
        run.result.tables.push_back(std::move(outcome));
    }
}

} // namespace strata::transfer
