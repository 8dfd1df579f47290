#pragma once
// The import job's first pass (internal to engine/transfer): which tables a spec wants, and
// the column types every row of a source without declared types suggests.

#include "engine/transfer/import_source.h"
#include "engine/transfer/import_spec.h"
#include "engine/transfer/job_support.h"
#include "engine/transfer/progress.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace strata::transfer {

//! The value that last made a column's type wider, and where it is.
struct Widening {
    engine::LogicalType from = engine::LogicalType::Text;
    std::string at;    //!< "line 7413", or "$.data[7411]"
    std::string value; //!< as text, quoted for a message
    std::string raw;   //!< as the file has it
};

//! What a first pass learns about each table of a source without declared types.
struct InferredTable {
    std::vector<std::string> columns;
    std::vector<TypeGuess> guesses;
    std::vector<std::optional<Widening>> widenings; //!< per column
    std::vector<engine::LogicalType>
        earlyTypes; //!< after the first kEarlyRows rows (what a preview sees)
    int64_t rows = 0;
    static constexpr int64_t kEarlyRows = 1000;

    engine::LogicalType typeOf(const std::string &column) const
    {
        for (size_t i = 0; i < columns.size(); ++i)
            if (columns[i] == column)
                return guesses[i].type();
        return engine::LogicalType::Text;
    }
};

//! Whether the import reads table `name` of a source.
inline bool wantsTable(const ImportSpec &spec, const std::string &name)
{
    for (const auto &t : spec.tables)
        if (asciiLower(t) == asciiLower(name))
            return true;
    // A database keeps its own audit trail: a backup's audit_log is restored only by name.
    return spec.tables.empty() && !(spec.restore && asciiLower(name) == "audit_log");
}

//! The first pass: a TypeGuess per column of every wanted table.
class InferenceSink : public ImportSink {
public:
    InferenceSink(const ImportSpec &spec, ProgressSink *progress)
        : m_spec(spec)
        , m_progress(progress)
    {
    }

    std::map<std::string, InferredTable> tables;

    //! Adds what a sink that read a later part of the same source saw.
    void merge(const InferenceSink &later)
    {
        for (const auto &[name, t] : later.tables) {
            InferredTable &mine = tables[name];
            for (size_t i = 0; i < t.columns.size(); ++i) {
                // By name: the later part may meet its keys in another order.
                auto at = std::find(mine.columns.begin(), mine.columns.end(), t.columns[i]);
                if (at == mine.columns.end()) {
                    mine.columns.push_back(t.columns[i]);
                    mine.guesses.push_back(t.guesses[i]);
                    mine.widenings.push_back(t.widenings[i]);
                } else {
                    const size_t k = static_cast<size_t>(at - mine.columns.begin());
                    const engine::LogicalType before = mine.guesses[k].type();
                    mine.guesses[k].merge(t.guesses[i]);
                    // The later part made it wider: its own widening says by what, when that
                    // part alone reached the type (else no single value did).
                    if (mine.guesses[k].type() != before)
                        mine.widenings[k] = t.guesses[i].type() == mine.guesses[k].type()
                                                ? t.widenings[i]
                                                : std::nullopt;
                }
            }
            mine.rows += t.rows;
        }
    }

    bool beginTable(const SourceTable &table) override
    {
        if (!wantsTable(m_spec, table.name))
            return false;
        m_current = &tables[table.name];
        *m_current = {};
        for (const auto &c : table.columns)
            addColumn(c.name);
        return true;
    }
    void addColumn(const std::string &name) override
    {
        m_current->columns.push_back(name);
        m_current->guesses.emplace_back();
        m_current->widenings.emplace_back();
    }
    void row(std::span<const Cell> cells, const RowOrigin &origin) override
    {
        for (size_t i = 0; i < cells.size() && i < m_current->guesses.size(); ++i) {
            TypeGuess &guess = m_current->guesses[i];
            const engine::LogicalType before = guess.type();
            if (guess.observe(cells[i])) // rare: where and by what, for the user
                m_current->widenings[i]
                    = Widening{before,
                               origin.line > 0 && origin.jsonArray.empty()
                                   ? "line " + std::to_string(origin.line)
                                   : origin.position(),
                               quoteForMessage(cells[i].text), std::string(cells[i].text)};
        }
        if (++m_current->rows == InferredTable::kEarlyRows)
            snapshotEarly();
        if ((m_current->rows & 4095) == 0 && m_progress && m_progress->isCanceled())
            throw engine::EngineError(engine::StatusCode::Canceled, "the import was canceled");
    }
    void rejectRow(const RowOrigin &, int, const std::string &) override {}
    void endTable() override
    {
        if (m_current->rows < InferredTable::kEarlyRows)
            snapshotEarly();
    }

private:
    void snapshotEarly()
    {
        m_current->earlyTypes.clear();
        for (const auto &g : m_current->guesses)
            m_current->earlyTypes.push_back(g.type());
    }

    const ImportSpec &m_spec;
    ProgressSink *m_progress;
    InferredTable *m_current = nullptr;
};

} // namespace strata::transfer
