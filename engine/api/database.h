#pragma once

#include "engine/common/status.h"
#include "engine/common/timestamp.h"
#include "engine/types/row_batch.h"
#include "engine/types/value.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine {

class DatabaseCore;
class Transaction;
namespace exec {
class Plan;
struct ExecContext;
} // namespace exec

//! How the log reaches the disk; see DatabaseOptions::sync.
enum class Durability { Full, Normal, Off };

//! Options for Database::open.
struct OpenOptions {
    Durability durability = Durability::Full;
    bool readOnly = false;
    int64_t deletionRetentionMicros = 30LL * 24 * 3600 * 1000000;
    uint64_t checkpointLogBytes = 64ULL << 20;
    //! Rows a transaction inserts into tables it made, past which they go to data files
    //! before it commits (0: never): an import bigger than memory fits.
    uint64_t spillBytes = 128ULL << 20;
    //! Memory an ORDER BY holds before it writes sorted runs to a temporary file and merges
    //! them.
    uint64_t sortMemoryBytes = 256ULL << 20;
    std::string programName = "strata";
};

struct ColumnInfo {
    std::string name;
    LogicalType type = LogicalType::Text;
    std::string declaredType;
    uint32_t maxLength = 0;
    bool notNull = false;
    bool primaryKey = false;
    bool unique = false;
    bool sensitive = false;
    bool hasDefault = false;
    std::string defaultSql; //!< the default as SQL ("0", "'x'", "CURRENT_TIMESTAMP")
};

//! A CREATE INDEX index (keys and UNIQUE constraints are in TableInfo itself).
struct IndexInfo {
    std::string name;
    std::vector<std::string> columns;
    bool unique = false;
};

struct TableInfo {
    std::string name;
    std::vector<ColumnInfo> columns;
    std::vector<std::string> primaryKey;
    std::vector<std::vector<std::string>> uniqueKeys;
    std::vector<IndexInfo> indexes;
    uint64_t rowCount = 0; //!< 0 for a view (counting would run its query)
    int64_t createdAt = 0; //!< µs UTC
    //! A view's query (CREATE VIEW ... AS this); empty for a table.
    std::string viewSql;
    std::vector<std::string> viewColumns; //!< names CREATE VIEW v (a, b) gave (or none)
    //! Why a view's query cannot run now (a table it reads was dropped): then no columns.
    std::string viewProblem;
    bool isView() const { return !viewSql.empty(); }
};

//! A fully read result: for scripts, tests and the CLI.
struct QueryResult {
    bool hasRows = false; //!< a SELECT (even one returning no rows), or a RETURNING clause
    bool isQuery = false; //!< a SELECT: query() can read its rows again (a write cannot)
    std::vector<std::string> columns;
    std::vector<LogicalType> types;
    std::vector<Row> rows;    //!< all of them, or the first `keptRows` (executeScript)
    int64_t rowsReturned = 0; //!< by a SELECT: every row, kept in `rows` or not
    int64_t rowsAffected = 0;
    std::string statement; //!< the statement's text
};

//! Streams a query's rows in batches from one snapshot.
class Cursor {
public:
    ~Cursor();
    const std::vector<std::string> &columnNames() const { return m_names; }
    const std::vector<LogicalType> &columnTypes() const { return m_types; }
    //! Fills `batch` with up to `maxRows` rows; false (and an empty batch) at the end.
    Result<bool> next(RowBatch &batch, size_t maxRows = 2048);
    //! The commit timestamp of the snapshot the rows come from.
    uint64_t snapshotTs() const { return m_snapshotTs; }

private:
    friend class Connection;
    Cursor();
    std::shared_ptr<exec::Plan> m_plan;
    std::unique_ptr<exec::ExecContext> m_ctx;
    std::unique_ptr<Transaction> m_ownedTxn; //!< an auto-commit query keeps its snapshot here
    std::shared_ptr<DatabaseCore> m_core;
    std::vector<Value> m_params;
    std::vector<std::string> m_names;
    std::vector<LogicalType> m_types;
    uint64_t m_snapshotTs = 0;
    bool m_done = false;
    bool m_opened = false;
};

//! A session on a database: statements run in auto-commit mode or inside BEGIN ... COMMIT.
//! One thread at a time uses a Connection; open one per thread.
class Connection {
public:
    ~Connection();
    //! Runs every statement of a script; returns each one's result. Stops at the first error,
    //! whose message names the statement (by line and column). A SELECT keeps its first
    //! `keptRows` rows and counts the rest (rowsReturned), so a console can show a result of
    //! any size in bounded memory.
    Result<std::vector<QueryResult>> executeScript(std::string_view sql,
                                                   const std::vector<Value> &params = {},
                                                   size_t keptRows = SIZE_MAX);
    //! Runs one statement (a script's last result is returned).
    Result<QueryResult> execute(std::string_view sql, const std::vector<Value> &params = {});
    //! A streaming cursor over one SELECT. With `changedSince`, its table scans see only rows
    //! inserted or updated after that commit timestamp (incremental exports).
    Result<std::unique_ptr<Cursor>>
    query(std::string_view sql, const std::vector<Value> &params = {}, uint64_t changedSince = 0);

    //! Inserts rows into `table`: values in the order of `columns` (all columns when empty),
    //! other columns take their defaults. One transaction (or the open one). Returns the count.
    Result<int64_t> insertRows(std::string_view table, const std::vector<std::string> &columns,
                               std::span<const Row> rows);
    //! insertRows(), but a row whose primary key is already in the table replaces that row
    //! (restores and imports in "merge" mode). The table must have a primary key.
    Result<int64_t> upsertRows(std::string_view table, const std::vector<std::string> &columns,
                               std::span<const Row> rows);

    Status begin();
    Status commit();
    Status rollback();
    bool inTransaction() const { return m_txn != nullptr; }
    //! The snapshot the current transaction reads (or the latest commit outside one).
    uint64_t snapshotTs() const;

    //! Tables only (what holds rows: imports, backups, incremental exports).
    Result<std::vector<TableInfo>> tables();
    //! Views, with the columns their queries return now (or, for one that cannot run now,
    //! why: TableInfo::viewProblem).
    Result<std::vector<TableInfo>> views();
    //! A table or a view.
    Result<TableInfo> table(std::string_view name);

    //! Rows of `table` inserted or updated after `sinceTs` (its current versions).
    Result<std::unique_ptr<Cursor>> changedRows(std::string_view table, uint64_t sinceTs);
    //! Identity (primary key, else all columns) of rows deleted after `sinceTs`.
    Result<std::vector<Row>> deletedKeys(std::string_view table, uint64_t sinceTs);

    //! Asks the running statement to stop (from another thread); it fails with Canceled. The
    //! request holds until clearCancel(): one made just before a statement starts stops that
    //! statement too, instead of being lost, and so does every later one until cleared.
    void cancel() { m_cancel.store(true); }
    //! Lets statements run again after cancel(): call it before starting work that a cancel
    //! made for earlier work must not stop.
    void clearCancel() { m_cancel.store(false); }
    bool isCanceled() const { return m_cancel.load(); }

private:
    friend class Database;
    explicit Connection(std::shared_ptr<DatabaseCore> core);
    Result<int64_t> writeRows(std::string_view table, const std::vector<std::string> &columns,
                              std::span<const Row> rows, bool upsert);
    Result<std::unique_ptr<Cursor>> openCursor(std::shared_ptr<exec::Plan> plan,
                                               std::unique_ptr<Transaction> owned,
                                               std::vector<Value> params, int64_t now);
    std::shared_ptr<DatabaseCore> m_core;
    std::unique_ptr<Transaction> m_txn;
    std::shared_ptr<const std::vector<struct ParsedStatement>> parse(std::string_view sql);
    std::atomic<bool> m_cancel{false};
    uint64_t m_generation = 0;
    uint64_t m_planSchemaTs = 0; //!< schema version the cached plans were made for
    //! Recently parsed scripts by text, so repeated parameterised statements skip parsing.
    std::vector<std::pair<std::string, std::shared_ptr<const std::vector<struct ParsedStatement>>>>
        m_parsed;
};

//! Where the rows of an open database are: tests and benchmarks check that work is lazy.
struct StorageStats {
    size_t tables = 0;           //!< committed tables
    size_t tablesInMemory = 0;   //!< of these, the ones with blocks read into memory
    uint64_t blocksInMemory = 0; //!< row blocks read into memory (made resident) since the open
    uint64_t indexFills = 0;     //!< indexes filled from row blocks (no runs) since the open
    uint64_t blocksResident = 0; //!< row blocks whose rows are in memory now
    uint64_t blockBytesRead = 0; //!< data-file bytes read since the open
};

//! An open Strata database: a folder (checkpoint + write-ahead log) or in memory.
class Database {
public:
    //! Opens or creates the database in `dir`.
    static Result<std::shared_ptr<Database>> open(const std::string &dir,
                                                  const OpenOptions &options = {});
    static std::shared_ptr<Database> openInMemory();
    //! Whether `dir` holds a Strata database already (open() would not create one).
    static bool exists(const std::string &dir);
    ~Database();

    std::unique_ptr<Connection> connect();
    Status checkpoint();
    //! Finishes writing now (checkpoint of a long log, log synced, folder unlocked) and says
    //! whether that worked; the destructor does the same silently. Reads still work after it,
    //! writes fail. A process about to exit can close and then skip freeing the rows.
    Status close();
    //! Problems recovery worked around (a torn log tail), in English.
    std::vector<std::string> warnings() const;
    uint64_t lastCommitTs() const;
    bool readOnly() const;
    const std::string &directory() const;
    //! Frees row versions no snapshot can see; returns how many (tests use it).
    size_t collectGarbage();
    StorageStats storageStats() const;

private:
    explicit Database(std::shared_ptr<DatabaseCore> core);
    std::shared_ptr<DatabaseCore> m_core;
};

//! True when every statement of the script only reads (SELECT); false on a syntax error.
bool isReadOnlyScript(std::string_view sql);

//! A thread that promises to do no database work (the GUI thread) can be watched: every
//! Connection, Cursor and Database::open call it makes while watched is counted, so a test
//! proves the promise by the work done instead of by timing the event loop.
void watchDatabaseWorkOnThisThread(bool watch);
//! Calls counted on watched threads since the process started.
uint64_t databaseWorkOnWatchedThreads();

//! Sorted runs that ORDER BYs too big for their memory wrote to temporary files, in this
//! process (tests see an external sort happen).
uint64_t sortRunsWritten();

} // namespace strata::engine
