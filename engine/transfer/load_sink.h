#pragma once
// The import job's loading stage (internal to engine/transfer): for each table a reader
// reads, the table it becomes (table_plan.h), and its rows through the batch pipeline
// (batch_inserter.h), inside the import's transaction.

#include "engine/api/database.h"
#include "engine/transfer/batch_inserter.h"
#include "engine/transfer/import_inference.h"
#include "engine/transfer/import_source.h"
#include "engine/transfer/import_spec.h"
#include "engine/transfer/progress.h"
#include "engine/transfer/rejects_file.h"
#include "engine/transfer/table_plan.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace strata::transfer {

//! Writes what a reader reads into the database, inside the import's transaction.
class LoadSink : public ImportSink {
public:
    //! `inferred`: what a first pass over the file saw (null: none was made).
    LoadSink(engine::Connection &connection, const ImportSpec &spec, const engine::Location &origin,
             const std::map<std::string, InferredTable> *inferred, RejectsFile &rejects,
             ImportResult &result, ProgressSink *progress, int64_t &rowsSoFar);

    //! Tables this source held (a restore drops the others).
    std::set<std::string> seen;
    //! Views this source defined (a restore makes them after every table).
    std::vector<SourceView> views;

    //! A table passed over because it is to be created and neither the file nor a first pass
    //! gave its column types (a JSON file with column_defs for some of its tables only).
    struct Deferred {
        size_t ordinal;   //!< the table's place among the file's tables, from 0
        size_t outcomeAt; //!< where its outcome goes in ImportResult::tables
    };
    //! The tables this read passed over, to be loaded by a read after a first pass.
    const std::vector<Deferred> &deferred() const { return m_deferred; }
    //! This read loads only these tables (of a read that deferred them).
    void loadOnly(std::vector<Deferred> tables) { m_only = std::move(tables); }

    bool beginTable(const SourceTable &source) override;
    void addColumn(const std::string &name) override;
    void row(std::span<const Cell> cells, const RowOrigin &origin) override
    {
        m_inserter.row(cells, m_readerColumns, origin);
    }
    void rejectRow(const RowOrigin &origin, int column, const std::string &reason) override
    {
        m_inserter.rejectRow(origin, column, reason);
    }
    void endTable() override;
    void view(const SourceView &v) override { views.push_back(v); }

private:
    //! False when this read passes over the table (loadOnly()); sets where its outcome goes.
    bool isToLoad(size_t ordinal);

    engine::Connection &m_conn;
    const ImportSpec &m_spec;
    const std::string m_file; //!< how warnings and the rejects file name the source
    const std::map<std::string, InferredTable> *m_inferred;
    ImportResult &m_result;

    size_t m_ordinal = 0; //!< of the next table the reader begins
    std::vector<Deferred> m_deferred;
    std::optional<std::vector<Deferred>> m_only;
    size_t m_loadedOnly = 0; //!< tables of m_only loaded so far
    size_t m_outcomeAt = 0;  //!< where the current table's outcome goes
    bool m_loading = false;  //!< between a beginTable that returned true and its endTable

    TablePlan m_plan;
    TableOutcome m_outcome;
    std::vector<size_t> m_readerColumns; //!< the reader's k-th cell is m_plan.columns[this]
    //! Last: its thread is joined first, before anything the thread uses goes.
    BatchInserter m_inserter;
};

} // namespace strata::transfer
