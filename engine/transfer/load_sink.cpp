#include "engine/transfer/load_sink.h"

#include "engine/transfer/job_support.h"

#include <algorithm>

namespace strata::transfer {

LoadSink::LoadSink(engine::Connection &connection, const ImportSpec &spec,
                   const engine::Location &origin,
                   const std::map<std::string, InferredTable> *inferred, RejectsFile &rejects,
                   ImportResult &result, ProgressSink *progress, int64_t &rowsSoFar)
    : m_conn(connection)
    , m_spec(spec)
    , m_file(origin.toString())
    , m_inferred(inferred)
    , m_result(result)
    , m_inserter(connection, spec, origin, m_file, rejects, result, progress, rowsSoFar)
{
}

bool LoadSink::isToLoad(size_t ordinal)
{
    if (!m_only) {
        m_outcomeAt = SIZE_MAX; // after the tables before it
        return true;
    }
    auto it = std::find_if(m_only->begin(), m_only->end(),
                           [&](const Deferred &d) { return d.ordinal == ordinal; });
    if (it == m_only->end())
        return false;
    // Each outcome inserted before this one moved its place by one.
    m_outcomeAt = it->outcomeAt + m_loadedOnly++;
    return true;
}

bool LoadSink::beginTable(const SourceTable &source)
{
    m_inserter.drain(); // the connection and the plan are this thread's again
    m_loading = false;
    if (!isToLoad(m_ordinal++))
        return false;
    if (!wantsTable(m_spec, source.name)) {
        if (m_spec.restore && asciiLower(source.name) == "audit_log")
            m_result.warnings.push_back(
                m_file
                + ": the backup's audit_log was not restored: the database keeps "
                  "its own audit trail");
        return false;
    }
    m_outcome = {};
    m_outcome.table = source.name;
    m_outcome.source = m_file;
    const InferredTable *inferred = nullptr;
    if (m_inferred) {
        auto it = m_inferred->find(source.name);
        if (it != m_inferred->end())
            inferred = &it->second;
    }
    const TableStep step = planTable({m_conn, m_spec, m_file, m_result.warnings}, source, inferred,
                                     m_inferred != nullptr, m_plan, m_outcome);
    if (step == TableStep::NeedsTypes) {
        m_deferred.push_back({m_ordinal - 1, m_result.tables.size()});
        return false;
    }
    seen.insert(asciiLower(source.name));
    if (step == TableStep::Skip)
        return false;
    m_readerColumns.clear();
    for (size_t k = 0; k < source.columns.size(); ++k)
        m_readerColumns.push_back(k);
    m_inserter.begin(m_plan);
    m_loading = true;
    return true;
}

void LoadSink::addColumn(const std::string &name)
{
    // Only sources without a schema add columns, and the first pass saw them all.
    const auto &columns = m_plan.columns;
    auto at = std::find_if(columns.begin(), columns.end(),
                           [&](const SourceColumn &c) { return c.name == name; });
    if (at == columns.end())
        throw engine::EngineError(engine::StatusCode::Invalid,
                                  m_file + ": key " + quoteForMessage(name)
                                      + " is not a column of the table the file describes");
    m_readerColumns.push_back(static_cast<size_t>(at - columns.begin()));
}

void LoadSink::endTable()
{
    if (!m_loading)
        return;
    m_loading = false;
    const BatchInserter::Counts counts = m_inserter.finish();
    m_outcome.rowsRead = counts.read;
    m_outcome.rowsSkipped += counts.skipped;
    // Counted only where it cannot be worked out (a merge updates some rows): counting
    // visits every row of the table.
    m_outcome.rowsAfter
        = m_spec.mode == ImportMode::Merge && m_outcome.action == ImportAction::Merge
              ? static_cast<int64_t>(check(m_conn.table(m_plan.name)).rowCount)
              : (m_plan.startsEmpty ? 0 : std::max<int64_t>(0, m_outcome.rowsBefore))
                    + counts.inserted;
    const size_t at = std::min(m_outcomeAt, m_result.tables.size());
    m_result.tables.insert(m_result.tables.begin() + static_cast<std::ptrdiff_t>(at),
                           std::move(m_outcome));
}

} // namespace strata::transfer
