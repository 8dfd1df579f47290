#pragma once
// The import's two-thread pipeline (internal to engine/transfer): rows are copied into
// batches as read, converted to the columns' types on whichever thread has time, and
// inserted by a second thread inside the import's transaction, while the reader goes on.

#include "engine/api/database.h"
#include "engine/transfer/import_source.h"
#include "engine/transfer/import_spec.h"
#include "engine/transfer/progress.h"
#include "engine/transfer/rejects_file.h"
#include "engine/transfer/table_plan.h"
#include "engine/transfer/writer_thread.h"

#include <atomic>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace strata::transfer {

//! "data.csv:12: column 3 ('age')" or "backup.json:7: $.tables.users.data[41].age".
//! The error for a row that cannot be loaded: the file at the row's line and JSON path; a
//! CSV field's number and a table row's place (SQLite) lead the detail.
engine::EngineError rowError(const engine::Location &file, const RowOrigin &origin,
                             const std::string &column, size_t columnNumber,
                             const std::string &why);

//! Inserts the rows of one table at a time. Under ErrorPolicy::Abort the first bad row is the
//! import's error; under Skip it goes to the rejects file, in the file's order.
class BatchInserter {
public:
    //! `origin` names the source in errors, `file` in the rejects file; `rowsSoFar` counts
    //! the rows of every file, for progress.
    BatchInserter(engine::Connection &connection, const ImportSpec &spec,
                  const engine::Location &origin, const std::string &file, RejectsFile &rejects,
                  ImportResult &result, ProgressSink *progress, int64_t &rowsSoFar);

    //! Rows from now on go into `plan`'s table (which must outlive them). Call drain() first
    //! when the plan was changed (the inserter thread reads it).
    void begin(const TablePlan &plan);
    //! A row as the reader gives it: its k-th cell is file column readerColumns[k].
    void row(std::span<const Cell> cells, std::span<const size_t> readerColumns,
             const RowOrigin &origin);
    //! A row the reader could not make (see ImportSink::rejectRow).
    void rejectRow(const RowOrigin &origin, int column, const std::string &reason);

    //! What became of a table's rows.
    struct Counts {
        int64_t read = 0;     //!< rows that fit their columns
        int64_t skipped = 0;  //!< rows rejected under the skip policy
        int64_t inserted = 0; //!< rows the engine took
    };
    //! Every row of the table in (rethrows an insert's error).
    Counts finish();
    //! Waits for the inserter thread (rethrows an insert's error); the connection is then
    //! the caller's thread's again.
    void drain() { m_thread.drain(); }

private:
    static constexpr size_t kBatch = 4096;

    //! Where a buffered row came from (its array path is its batch's jsonArray).
    struct Pending {
        int64_t line = 0;
        int64_t index = -1;
        std::string original; //!< kept for the rejects file (skip policy)
    };
    //! A row the reader could not make (wrong field count...), reported in order.
    struct PendingReject {
        size_t before = 0; //!< reported before the batch's row of this index
        Pending origin;
        std::string jsonArray;
        int column = 0;
        std::string reason;
    };
    //! A cell as read: its text in the batch's `text`, and the file column it belongs to.
    struct RawCell {
        size_t offset;
        size_t length;
        Cell::Kind kind;
        uint32_t column;
    };
    //! Rows as read, then converted (by the reader or the inserter: see flush()) and inserted;
    //! reused, so their buffers stay allocated.
    struct Batch {
        std::string text;
        std::vector<RawCell> cells;
        std::vector<size_t> rowEnds; //!< per row: the end of its cells in `cells`
        std::vector<engine::Row> rows;
        std::vector<Pending> origins;
        std::vector<PendingReject> rejects;
        size_t count = 0;
        std::string jsonArray;
        bool converted = false; //!< rows made (by the reader, when the inserter was behind)
    };

    void flush();
    void convertBatch(Batch &b, std::string &why);
    void insertBatch(Batch &b);
    void insert(std::span<const engine::Row> rows);
    void reject(const RowOrigin &origin, const std::string &column, size_t columnNumber,
                const std::string &why);

    engine::Connection &m_conn;
    const ImportSpec &m_spec;
    const engine::Location &m_origin;
    const std::string &m_file;
    RejectsFile &m_rejects;
    ImportResult &m_result;
    ProgressSink *m_progress;
    int64_t &m_rowsSoFar;

    const TablePlan *m_plan = nullptr;
    int64_t m_read = 0;
    // Three batches: one filling, one queued, one being inserted (the queue holds one).
    static constexpr size_t kBatches = 3;
    Batch m_batches[kBatches];
    size_t m_filling = 0;
    std::string m_convertWhy; //!< the inserter thread's
    std::string m_readerWhy;
    std::mutex m_rejectMutex;
    std::atomic<int64_t> m_skipped{0}; //!< rows of this table rejected under skip
    std::atomic<int64_t> m_conversionRejects{0};
    std::atomic<int64_t> m_inserted{0}; //!< rows the engine took into this table
    //! Last: joined first, before anything its tasks use goes.
    WriterThread m_thread{1};
};

} // namespace strata::transfer
