#include "engine/transfer/audit.h"

#include <pwd.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

namespace strata::transfer {

std::string currentUser()
{
    if (const passwd *pw = ::getpwuid(::geteuid()); pw && pw->pw_name)
        return pw->pw_name;
    if (const char *user = ::getenv("USER"))
        return user;
    return "uid " + std::to_string(::geteuid());
}

std::string summarizeSpec(const ExportSpec &spec)
{
    std::string s = spec.scope == ExportScope::Full     ? "full"
                    : spec.scope == ExportScope::Tables ? "tables"
                                                        : "query";
    if (spec.scope == ExportScope::Query)
        s += " [" + spec.query + "]";
    s += "; formats ";
    for (size_t i = 0; i < spec.formats.size(); ++i)
        s += (i ? "," : "") + spec.formats[i].id;
    for (const auto &t : spec.tables) {
        s += "; " + t.table;
        if (!t.columns.empty()) {
            s += " (";
            for (size_t i = 0; i < t.columns.size(); ++i)
                s += (i ? "," : "") + t.columns[i];
            s += ")";
        }
        if (!t.where.empty())
            s += " where " + t.where;
    }
    if (spec.sanitize != SanitizeMode::None)
        s += spec.sanitize == SanitizeMode::Drop ? "; sanitize drop" : "; sanitize mask";
    if (!spec.profile.empty())
        s += "; incremental " + spec.profile;
    else if (spec.since)
        s += "; since " + engine::formatTimestamp(static_cast<int64_t>(*spec.since));
    if (spec.zip)
        s += "; zip";
    s += "; to " + spec.outputDir;
    return s;
}

std::vector<std::string> recordAudit(engine::Database &database, const AuditEntry &e)
{
    std::vector<std::string> warnings;
    std::string files;
    for (size_t i = 0; i < e.files.size(); ++i)
        files += (i ? ", " : "") + e.files[i];
    if (auto log = spdlog::get("audit"))
        log->info("{} by {}: {} -> {} rows in {:.3f} s, files [{}]: {}", e.operation, e.user,
                  e.summary, e.rows, e.seconds, files, e.outcome);
    if (database.readOnly()) {
        warnings.push_back("the audit_log table was not updated: the database is open read-only "
                           "(the entry is in the audit log file)");
        return warnings;
    }
    auto c = database.connect();
    auto result = c->executeScript(
        "CREATE TABLE IF NOT EXISTS audit_log (id INTEGER PRIMARY KEY, at TIMESTAMP NOT NULL, "
        "\"user\" TEXT, operation TEXT NOT NULL, summary TEXT, files TEXT, \"rows\" INTEGER, "
        "seconds DOUBLE, outcome TEXT NOT NULL)");
    if (result) {
        // The next id is read and written in one transaction; a concurrent writer makes one
        // of the two retry.
        for (int attempt = 0; attempt < 5; ++attempt) {
            result = c->executeScript(
                "INSERT INTO audit_log SELECT coalesce(max(id), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ? "
                "FROM audit_log",
                {engine::Value::timestamp(e.at), engine::Value::text(e.user),
                 engine::Value::text(e.operation), engine::Value::text(e.summary),
                 engine::Value::text(files), engine::Value::integer(e.rows),
                 engine::Value::real(e.seconds), engine::Value::text(e.outcome)});
            if (result || result.status().code() != engine::StatusCode::Conflict)
                break;
        }
    }
    if (!result)
        warnings.push_back("the audit_log table was not updated: " + result.status().message());
    return warnings;
}

engine::Result<std::vector<AuditEntry>> readAudit(engine::Database &database, size_t limit)
{
    auto c = database.connect();
    auto result = c->execute("SELECT at, \"user\", operation, summary, files, \"rows\", seconds, "
                             "outcome FROM audit_log ORDER BY id DESC LIMIT "
                             + std::to_string(limit));
    if (!result) {
        if (result.status().code() == engine::StatusCode::NotFound)
            return std::vector<AuditEntry>{}; // nothing exported or imported yet
        return result.status();
    }
    std::vector<AuditEntry> entries;
    entries.reserve(result->rows.size());
    for (const auto &row : result->rows) {
        AuditEntry e;
        e.at = row[0].isNull() ? 0 : row[0].i;
        e.user = row[1].isNull() ? std::string() : row[1].s;
        e.operation = row[2].s;
        e.summary = row[3].isNull() ? std::string() : row[3].s;
        // recordAudit joins the files with ", " (which a name may hold too: readers that
        // open a file check it exists, whole or in parts).
        if (!row[4].isNull() && !row[4].s.empty()) {
            std::string_view rest = row[4].s;
            for (size_t at; (at = rest.find(", ")) != std::string_view::npos;
                 rest.remove_prefix(at + 2))
                e.files.emplace_back(rest.substr(0, at));
            e.files.emplace_back(rest);
        }
        e.rows = row[5].isNull() ? 0 : row[5].i;
        e.seconds = row[6].isNull() ? 0 : row[6].d;
        e.outcome = row[7].s;
        entries.push_back(std::move(e));
    }
    return entries;
}

} // namespace strata::transfer
