#include "engine/api/database.h"

#include "engine/exec/exec_context.h"
#include "engine/exec/executor.h"
#include "engine/exec/planner.h"
#include "engine/mvcc/database_core.h"
#include "engine/sql/parser.h"

#include <algorithm>

namespace strata::engine {

namespace {

//! The connection's open transaction, or one of its own for this one call: rolled back when
//! the scope ends unless committed here or handed on (to a cursor that reads from it).
class TransactionScope {
public:
    TransactionScope(DatabaseCore &core, const std::unique_ptr<Transaction> &open)
        : m_core(core)
        , m_owned(open ? nullptr : core.begin())
        , m_txn(open ? *open : *m_owned)
    {
    }
    Transaction &txn() { return m_txn; }
    //! The transaction of its own (null when the connection's is used), for a cursor to keep.
    std::unique_ptr<Transaction> release() { return std::move(m_owned); }
    //! Commits a transaction of its own; the connection's stays open for its COMMIT.
    Status commitIfOwned()
    {
        if (!m_owned)
            return {};
        Status st = m_core.commit(*m_owned);
        m_owned.reset();
        return st;
    }

private:
    DatabaseCore &m_core;
    std::unique_ptr<Transaction> m_owned;
    Transaction &m_txn;
};

thread_local bool t_watched = false;
std::atomic<uint64_t> g_watchedCalls{0};

template<typename F>
auto guarded(F &&f) -> decltype(f())
{
    if (t_watched)
        g_watchedCalls.fetch_add(1, std::memory_order_relaxed);
    try {
        return f();
    } catch (const EngineError &e) {
        return e.toStatus();
    } catch (const std::bad_alloc &) {
        return Status(StatusCode::Io, "out of memory");
    } catch (const std::exception &e) {
        return Status(StatusCode::Internal, e.what());
    }
}

// Appends where a statement starts, unless the message already says where.
EngineError locate(const EngineError &e, std::string_view sql, const sql::Statement &s,
                   size_t count)
{
    const std::string msg = e.what();
    if (count <= 1 || msg.find("line ") != std::string::npos)
        return e;
    return EngineError(e.code(),
                       msg + " (in the statement at " + sql::describePosition(sql, s.pos) + ")");
}

std::string defaultSql(const ColumnDef &c)
{
    if (!c.hasDefault)
        return {};
    if (c.defaultIsNow)
        return c.type == LogicalType::Date ? "CURRENT_DATE" : "CURRENT_TIMESTAMP";
    return c.defaultValue.toSqlLiteral();
}

} // namespace

struct ParsedStatement {
    sql::Statement statement;
    //! The executor's plan from the last run (used by one connection, one thread at a time).
    mutable std::shared_ptr<void> plan;
};

// ---- Cursor ---------------------------------------------------------------------------------

Cursor::Cursor() = default;

Cursor::~Cursor()
{
    m_plan.reset();
    if (m_ownedTxn && m_core)
        m_core->rollback(*m_ownedTxn);
}

Result<bool> Cursor::next(RowBatch &batch, size_t maxRows)
{
    return guarded([&]() -> Result<bool> {
        if (batch.columns.size() != m_names.size() || batch.names != m_names)
            batch.reset(m_names, m_types);
        else
            batch.clear();
        if (m_done)
            return false;
        if (!m_opened) {
            m_plan->root->open(*m_ctx);
            m_opened = true;
        }
        Row row;
        const size_t width = m_names.size();
        if (m_plan->directScan) {
            if (!m_plan->directScan->nextBatch(batch, maxRows, m_plan->directColumns))
                m_done = true;
        } else {
            while (batch.rowCount() < maxRows) {
                if (!m_plan->root->next(row)) {
                    m_done = true;
                    break;
                }
                row.resize(width);
                batch.appendRow(row);
            }
        }
        // Untyped columns (NULL literals, parameters) take the type their values showed.
        for (size_t c = 0; c < width; ++c)
            if (m_types[c] == LogicalType::Null)
                m_types[c] = batch.columns[c].type;
        return batch.rowCount() > 0;
    });
}

// ---- Connection -----------------------------------------------------------------------------

Connection::Connection(std::shared_ptr<DatabaseCore> core)
    : m_core(std::move(core))
{
}

Connection::~Connection()
{
    if (m_txn)
        m_core->rollback(*m_txn);
}

uint64_t Connection::snapshotTs() const
{
    return m_txn ? m_txn->snapshotTs() : m_core->lastCommitTs();
}

Status Connection::begin()
{
    if (m_txn)
        return {StatusCode::Invalid, "a transaction is already open; COMMIT or ROLLBACK it first"};
    return guarded([&]() -> Status {
        m_txn = m_core->begin();
        return {};
    });
}

Status Connection::commit()
{
    if (!m_txn)
        return {StatusCode::Invalid, "no transaction is open"};
    Status s = m_core->commit(*m_txn);
    m_txn.reset();
    return s;
}

Status Connection::rollback()
{
    if (!m_txn)
        return {StatusCode::Invalid, "no transaction is open"};
    m_core->rollback(*m_txn);
    m_txn.reset();
    return {};
}

Result<std::unique_ptr<Cursor>> Connection::openCursor(std::shared_ptr<exec::Plan> plan,
                                                       std::unique_ptr<Transaction> owned,
                                                       std::vector<Value> params, int64_t now)
{
    std::unique_ptr<Cursor> cursor(new Cursor());
    cursor->m_core = m_core;
    cursor->m_plan = std::move(plan);
    cursor->m_ownedTxn = std::move(owned);
    cursor->m_params = std::move(params);
    cursor->m_ctx = std::make_unique<exec::ExecContext>();
    Transaction *txn = cursor->m_ownedTxn ? cursor->m_ownedTxn.get() : m_txn.get();
    cursor->m_ctx->txn = txn;
    cursor->m_ctx->params = &cursor->m_params;
    cursor->m_ctx->statementTime = now;
    cursor->m_ctx->generation = ++m_generation;
    cursor->m_ctx->cancel = &m_cancel;
    cursor->m_snapshotTs = txn->snapshotTs();
    cursor->m_names = cursor->m_plan->names;
    cursor->m_types = cursor->m_plan->types;
    return cursor;
}

Result<std::unique_ptr<Cursor>>
Connection::query(std::string_view sqlText, const std::vector<Value> &params, uint64_t changedSince)
{
    return guarded([&]() -> Result<std::unique_ptr<Cursor>> {
        auto parsed = parse(sqlText);
        if (parsed->size() != 1 || (*parsed)[0].statement.kind != sql::StatementKind::Select)
            return Status(StatusCode::Invalid, "query() takes exactly one SELECT statement");
        TransactionScope scope(*m_core, m_txn);
        Transaction &txn = scope.txn();
        auto plan = exec::planQuery(txn, *(*parsed)[0].statement.select, sqlText);
        auto cursor = openCursor(std::move(plan), scope.release(), params, nowMicros());
        if (cursor && changedSince)
            (*cursor)->m_ctx->changedSince = changedSince;
        return cursor;
    });
}

std::shared_ptr<const std::vector<ParsedStatement>> Connection::parse(std::string_view sqlText)
{
    // Plans hold their tables: after any schema change, let go of them all (a dropped table's
    // memory must not wait for this connection to run the same statement again).
    const uint64_t schemaTs = m_core->catalog().lastSchemaCommitTs();
    if (schemaTs != m_planSchemaTs) {
        for (auto &[text, statements] : m_parsed)
            for (const auto &ps : *statements)
                ps.plan.reset();
        m_planSchemaTs = schemaTs;
    }
    for (size_t i = 0; i < m_parsed.size(); ++i) {
        if (m_parsed[i].first == sqlText) {
            auto hit = m_parsed[i].second;
            if (i != 0)
                std::swap(m_parsed[i], m_parsed[0]);
            return hit;
        }
    }
    auto parsed = std::make_shared<std::vector<ParsedStatement>>();
    for (auto &s : sql::parseScript(sqlText))
        parsed->push_back(ParsedStatement{std::move(s), nullptr});
    constexpr size_t kCacheSize = 32;
    if (m_parsed.size() >= kCacheSize)
        m_parsed.pop_back();
    m_parsed.insert(m_parsed.begin(), {std::string(sqlText), parsed});
    return parsed;
}

Result<int64_t> Connection::insertRows(std::string_view tableName,
                                       const std::vector<std::string> &columns,
                                       std::span<const Row> rows)
{
    return writeRows(tableName, columns, rows, false);
}

Result<int64_t> Connection::upsertRows(std::string_view tableName,
                                       const std::vector<std::string> &columns,
                                       std::span<const Row> rows)
{
    return writeRows(tableName, columns, rows, true);
}

namespace {

//! Inserts `row`, or replaces the row this transaction sees with the same primary key.
void upsertRow(Transaction &txn, const std::shared_ptr<TableEntry> &entry, const TableIndex &pk,
               Row row)
{
    const TableSchema &schema = *entry->schema;
    Transaction::prepareRow(schema, row);
    std::vector<Value> keyValues;
    for (uint32_t c : pk.columns())
        keyValues.push_back(row[c]);
    const std::string key = encodeKeyValues(keyValues);
    if (!key.empty()) {
        for (uint64_t slot : pk.find(key)) {
            // The row's version is what gets replaced: its block becomes resident (under the
            // collector's lock, so that it is not released before we look).
            txn.pinHeap(entry->heap); // `current` is held past the lock
            std::shared_lock gc(entry->heap->gcLock());
            entry->heap->ensureResident(slot);
            const Version *current = txn.view().visible(entry->heap->head(slot));
            gc.unlock(); // a version our snapshot sees stays; update() takes the lock itself
            if (current && encodeKey(current->view(), pk.columns(), schema) == key) {
                txn.update(entry, slot, current, std::move(row));
                return;
            }
        }
    }
    txn.insert(entry, std::move(row));
}

} // namespace

Result<int64_t> Connection::writeRows(std::string_view tableName,
                                      const std::vector<std::string> &columns,
                                      std::span<const Row> rows, bool upsert)
{
    return guarded([&]() -> Result<int64_t> {
        TransactionScope scope(*m_core, m_txn);
        Transaction &txn = scope.txn();
        auto entry = txn.requireTable(tableName);
        const TableSchema &schema = *entry->schema;
        std::vector<int> targets;
        if (columns.empty()) {
            for (size_t c = 0; c < schema.columns.size(); ++c)
                targets.push_back(static_cast<int>(c));
        } else {
            for (const auto &name : columns) {
                const int idx = schema.findColumn(name);
                if (idx < 0)
                    throwError(StatusCode::NotFound,
                               "no such column: " + name + " in table " + schema.name);
                if (std::find(targets.begin(), targets.end(), idx) != targets.end())
                    throwError(StatusCode::Invalid, "column " + name + " is listed twice");
                targets.push_back(idx);
            }
        }
        bool identity = targets.size() == schema.columns.size();
        for (size_t i = 0; i < targets.size() && identity; ++i)
            identity = targets[i] == static_cast<int>(i);
        const int64_t now = nowMicros();
        Row base(schema.columns.size());
        for (size_t c = 0; c < schema.columns.size(); ++c) {
            const auto &col = schema.columns[c];
            if (col.hasDefault)
                base[c] = col.defaultIsNow
                              ? (col.type == LogicalType::Date ? Value::date(now / 86400000000LL)
                                                               : Value::timestamp(now))
                              : col.defaultValue;
        }
        txn.spillIfLarge(); // between statements: no savepoint is held
        const size_t mark = txn.savepoint();
        std::shared_ptr<TableIndex> pk;
        if (upsert && !(pk = entry->heap->findIndex("PRIMARY")))
            throwError(StatusCode::Invalid, "table " + schema.name
                                                + " has no primary key, so rows cannot be "
                                                  "merged into it (append or replace instead)");
        try {
            constexpr size_t kBatch = 4096;
            std::vector<Row> batch;
            for (size_t r = 0; r < rows.size(); r += kBatch) {
                if (m_cancel.load())
                    throwError(StatusCode::Canceled, "the insert was canceled");
                const size_t end = std::min(rows.size(), r + kBatch);
                for (size_t k = r; k < end; ++k)
                    if (rows[k].size() != targets.size())
                        throwError(StatusCode::Invalid,
                                   "row " + std::to_string(k + 1) + " has "
                                       + std::to_string(rows[k].size()) + " values for "
                                       + std::to_string(targets.size()) + " columns");
                if (pk) {
                    for (size_t k = r; k < end; ++k) {
                        Row full = base;
                        for (size_t i = 0; i < targets.size(); ++i)
                            full[targets[i]] = rows[k][i];
                        try {
                            upsertRow(txn, entry, *pk, std::move(full));
                        } catch (const EngineError &e) {
                            Location where = e.location();
                            where.row = static_cast<int64_t>(k + 1);
                            throw EngineError(e.code(), e.detail(), where);
                        }
                    }
                    continue;
                }
                if (identity) {
                    txn.insertBatch(entry, rows.subspan(r, end - r), r + 1);
                    continue;
                }
                batch.clear();
                for (size_t k = r; k < end; ++k) {
                    batch.push_back(base);
                    for (size_t i = 0; i < targets.size(); ++i)
                        batch.back()[targets[i]] = rows[k][i];
                }
                txn.insertBatch(entry, batch, r + 1);
            }
        } catch (const EngineError &e) {
            txn.rollbackTo(mark);
            if (e.code() == StatusCode::Conflict)
                txn.doom(e.toStatus());
            throw;
        }
        if (Status st = scope.commitIfOwned(); !st)
            return st;
        return static_cast<int64_t>(rows.size());
    });
}

Result<std::vector<QueryResult>> Connection::executeScript(std::string_view sqlText,
                                                           const std::vector<Value> &params,
                                                           size_t keptRows)
{
    return guarded([&]() -> Result<std::vector<QueryResult>> {
        const auto parsed = parse(sqlText);
        const auto count = parsed->size();
        std::vector<QueryResult> results;
        for (const auto &ps : *parsed) {
            const sql::Statement &s = ps.statement;
            QueryResult result;
            result.statement = std::string(sqlText.substr(s.pos, s.end - s.pos));
            if (s.paramCount > static_cast<int>(params.size()))
                throwError(StatusCode::Invalid,
                           "the statement at " + sql::describePosition(sqlText, s.pos) + " has "
                               + std::to_string(s.paramCount) + " parameters but "
                               + std::to_string(params.size()) + " values were bound");
            switch (s.kind) {
            case sql::StatementKind::Begin: {
                Status st = begin();
                if (!st)
                    throwError(st.code(), st.message());
                break;
            }
            case sql::StatementKind::Commit: {
                Status st = commit();
                if (!st)
                    throwError(st.code(), st.message());
                break;
            }
            case sql::StatementKind::Rollback: {
                Status st = rollback();
                if (!st)
                    throwError(st.code(), st.message());
                break;
            }
            case sql::StatementKind::Explain: {
                TransactionScope scope(*m_core, m_txn);
                try {
                    const auto plan = exec::planQuery(scope.txn(), *s.select, sqlText);
                    result.rows = exec::explainPlan(*plan);
                    result.rowsReturned = static_cast<int64_t>(result.rows.size());
                    result.hasRows = true;
                    result.columns = {"id", "parent", "detail"};
                    result.types = {LogicalType::Integer, LogicalType::Integer, LogicalType::Text};
                } catch (const EngineError &e) {
                    throw locate(e, sqlText, s, count);
                }
                break;
            }
            case sql::StatementKind::Select: {
                TransactionScope scope(*m_core, m_txn);
                Transaction &txn = scope.txn();
                try {
                    auto plan = exec::planQuery(txn, *s.select, sqlText);
                    auto cursor = openCursor(plan, scope.release(), params, nowMicros());
                    if (!cursor)
                        throwError(cursor.status().code(), cursor.status().message());
                    RowBatch batch;
                    for (;;) {
                        auto more = (*cursor)->next(batch);
                        if (!more)
                            throwError(more.status().code(), more.status().message());
                        const size_t keep
                            = std::min(batch.rowCount(), keptRows - result.rows.size());
                        for (size_t r = 0; r < keep; ++r)
                            result.rows.push_back(batch.row(r));
                        result.rowsReturned += static_cast<int64_t>(batch.rowCount());
                        if (!*more)
                            break;
                    }
                    result.hasRows = true;
                    result.isQuery = true;
                    result.columns = (*cursor)->columnNames();
                    result.types = (*cursor)->columnTypes();
                } catch (const EngineError &e) {
                    throw locate(e, sqlText, s, count);
                }
                break;
            }
            default: {
                TransactionScope scope(*m_core, m_txn);
                Transaction &txn = scope.txn();
                exec::ExecContext ctx;
                ctx.txn = &txn;
                ctx.params = &params;
                ctx.statementTime = nowMicros();
                ctx.generation = ++m_generation;
                ctx.cancel = &m_cancel;
                try {
                    exec::ReturnedRows returned;
                    result.rowsAffected
                        = exec::executeWrite(txn, s, sqlText, ctx, &ps.plan, &returned);
                    if (!s.returning.empty()) {
                        result.hasRows = true;
                        result.columns = std::move(returned.names);
                        result.types = std::move(returned.types);
                        result.rowsReturned = static_cast<int64_t>(returned.rows.size());
                        if (returned.rows.size() > keptRows)
                            returned.rows.resize(keptRows);
                        result.rows = std::move(returned.rows);
                    }
                } catch (const EngineError &e) {
                    throw locate(e, sqlText, s, count); // an owned transaction rolls back
                }
                if (Status st = scope.commitIfOwned(); !st)
                    throwError(st.code(), st.message());
                break;
            }
            }
            results.push_back(std::move(result));
        }
        return results;
    });
}

Result<QueryResult> Connection::execute(std::string_view sqlText, const std::vector<Value> &params)
{
    auto results = executeScript(sqlText, params);
    if (!results)
        return results.status();
    if (results->empty())
        return QueryResult{};
    return std::move(results->back());
}

namespace {

//! A table's description and row count as `txn` sees them.
TableInfo describeTable(Transaction &txn, const Catalog &catalog, const TableEntry &entry)
{
    const TableSchema &schema = *entry.schema;
    TableInfo info;
    info.name = schema.name;
    info.createdAt = schema.createdAt;
    for (const auto &c : schema.columns)
        info.columns.push_back({c.name, c.type, c.declaredType, c.maxLength, c.notNull,
                                c.primaryKey, c.unique, c.sensitive, c.hasDefault, defaultSql(c)});
    for (auto k : schema.primaryKey)
        info.primaryKey.push_back(schema.columns[k].name);
    for (const auto &u : schema.uniqueKeys) {
        info.uniqueKeys.emplace_back();
        for (auto k : u)
            info.uniqueKeys.back().push_back(schema.columns[k].name);
    }
    for (const auto &index : catalog.indexesOf(schema.id, txn.view())) {
        IndexInfo i{index->def.name, {}, index->def.unique};
        for (auto k : index->def.columns)
            i.columns.push_back(schema.columns[k].name);
        info.indexes.push_back(std::move(i));
    }
    // Blocks not resident count by their row counts: `tables` reads no table's rows.
    info.rowCount = entry.heap->countVisible(txn.view());
    return info;
}

} // namespace

Result<std::vector<TableInfo>> Connection::tables()
{
    return guarded([&]() -> Result<std::vector<TableInfo>> {
        TransactionScope scope(*m_core, m_txn);
        Transaction &txn = scope.txn();
        // Every table from the one snapshot.
        std::vector<TableInfo> out;
        for (const auto &entry : m_core->catalog().tables(txn.view()))
            out.push_back(describeTable(txn, m_core->catalog(), *entry));
        return out;
    });
}

TableInfo describeView(Transaction &txn, const ViewEntry &view)
{
    TableInfo info;
    info.name = view.def.name;
    info.createdAt = view.def.createdAt;
    info.viewSql = view.def.sql;
    info.viewColumns = view.def.columns;
    const std::string select = "SELECT * FROM " + quoteIdentifier(view.def.name);
    const auto statements = sql::parseScript(select);
    std::shared_ptr<exec::Plan> plan;
    try {
        plan = exec::planQuery(txn, *statements.front().select, select);
    } catch (const EngineError &e) {
        if (e.code() == StatusCode::Canceled)
            throw;
        info.viewProblem = e.what();
        return info;
    }
    for (size_t i = 0; i < plan->names.size(); ++i) {
        ColumnInfo c;
        c.name = plan->names[i];
        c.type = plan->types[i];
        c.declaredType = typeName(c.type);
        info.columns.push_back(std::move(c));
    }
    return info;
}

Result<std::vector<TableInfo>> Connection::views()
{
    return guarded([&]() -> Result<std::vector<TableInfo>> {
        TransactionScope scope(*m_core, m_txn);
        Transaction &txn = scope.txn();
        // Those a view reads come before it, so that making them in this order works.
        std::vector<std::shared_ptr<ViewEntry>> pending = m_core->catalog().views(txn.view());
        std::vector<std::vector<sql::Statement>> parsed;
        for (const auto &v : pending) {
            try {
                parsed.push_back(sql::parseScript(v->def.sql));
            } catch (const EngineError &) {
                parsed.emplace_back();
            }
        }
        auto reads = [&](size_t reader, const std::string &name) {
            return parsed[reader].size() == 1 && parsed[reader][0].select
                   && exec::queryReadsTable(*parsed[reader][0].select, name);
        };
        std::vector<bool> done(pending.size(), false);
        auto ready = [&](size_t i) {
            for (size_t j = 0; j < pending.size(); ++j)
                if (j != i && !done[j] && reads(i, pending[j]->def.name))
                    return false;
            return true;
        };
        std::vector<TableInfo> out;
        auto emit = [&](size_t i) {
            done[i] = true;
            out.push_back(describeView(txn, *pending[i]));
        };
        while (out.size() < pending.size()) {
            bool progressed = false;
            for (size_t i = 0; i < pending.size(); ++i)
                if (!done[i] && ready(i)) {
                    emit(i);
                    progressed = true;
                }
            if (!progressed) // a cycle (views replaced since): the first one left
                emit(
                    static_cast<size_t>(std::find(done.begin(), done.end(), false) - done.begin()));
        }
        return out;
    });
}

Result<TableInfo> Connection::table(std::string_view name)
{
    return guarded([&]() -> Result<TableInfo> {
        TransactionScope scope(*m_core, m_txn);
        Transaction &txn = scope.txn();
        if (!txn.table(name))
            if (auto view = m_core->catalog().findView(name, txn.view())) {
                TableInfo info = describeView(txn, *view);
                if (!info.viewProblem.empty())
                    throwError(StatusCode::Invalid, info.viewProblem);
                return info;
            }
        return describeTable(txn, m_core->catalog(), *txn.requireTable(name));
    });
}

Result<std::unique_ptr<Cursor>> Connection::changedRows(std::string_view name, uint64_t sinceTs)
{
    return guarded([&]() -> Result<std::unique_ptr<Cursor>> {
        TransactionScope scope(*m_core, m_txn);
        Transaction &txn = scope.txn();
        auto entry = txn.requireTable(name);
        auto plan = std::make_shared<exec::Plan>();
        auto scan = std::make_unique<exec::TableScan>(
            entry, std::vector<bool>(entry->schema->columns.size(), true), nullptr);
        scan->setChangedSince(sinceTs);
        scan->allowBlockReads();
        plan->root = std::move(scan);
        for (const auto &c : entry->schema->columns) {
            plan->names.push_back(c.name);
            plan->types.push_back(c.type);
        }
        return openCursor(std::move(plan), scope.release(), {}, nowMicros());
    });
}

Result<std::vector<Row>> Connection::deletedKeys(std::string_view name, uint64_t sinceTs)
{
    return guarded([&]() -> Result<std::vector<Row>> {
        TransactionScope scope(*m_core, m_txn);
        Transaction &txn = scope.txn();
        auto entry = txn.requireTable(name);
        const auto identity = entry->schema->identityColumns();
        std::vector<Row> out;
        for (const auto &d : entry->heap->deletionsAfter(sinceTs)) {
            if (d.commitTs > txn.snapshotTs())
                continue;
            rowcodec::RowView view(d.keyRow.data(), static_cast<uint32_t>(d.keyRow.size()));
            Row key;
            for (size_t k = 0; k < identity.size(); ++k)
                key.push_back(
                    view.get(static_cast<uint32_t>(k), entry->schema->columns[identity[k]].type));
            out.push_back(std::move(key));
        }
        return out;
    });
}

// ---- Database -------------------------------------------------------------------------------

Result<std::shared_ptr<Database>> Database::open(const std::string &dir, const OpenOptions &options)
{
    return guarded([&]() -> Result<std::shared_ptr<Database>> {
        DatabaseOptions o;
        o.sync = options.durability == Durability::Full     ? SyncMode::Full
                 : options.durability == Durability::Normal ? SyncMode::Normal
                                                            : SyncMode::Off;
        o.readOnly = options.readOnly;
        o.deletionRetentionMicros = options.deletionRetentionMicros;
        o.checkpointLogBytes = options.checkpointLogBytes;
        o.spillBytes = options.spillBytes;
        o.sortMemoryBytes = options.sortMemoryBytes;
        o.programName = options.programName;
        if (!o.readOnly)
            return std::shared_ptr<Database>(new Database(std::make_shared<DatabaseCore>(dir, o)));
        // A reader never blocks the writer: it may checkpoint while we read, replacing the
        // checkpoint (READERS keeps only the old logs in place). When what failed was not
        // the folder it started from, it reads the new state again.
        for (int attempt = 0;; ++attempt) {
            const std::string before = DatabaseCore::folderGeneration(dir);
            try {
                return std::shared_ptr<Database>(
                    new Database(std::make_shared<DatabaseCore>(dir, o)));
            } catch (const EngineError &) {
                if (attempt >= 100 || DatabaseCore::folderGeneration(dir) == before)
                    throw;
            }
        }
    });
}

bool Database::exists(const std::string &dir)
{
    return DatabaseCore::holdsDatabase(dir);
}

std::shared_ptr<Database> Database::openInMemory()
{
    return std::shared_ptr<Database>(new Database(std::make_shared<DatabaseCore>()));
}

Database::Database(std::shared_ptr<DatabaseCore> core)
    : m_core(std::move(core))
{
}

Database::~Database() = default;

bool isReadOnlyScript(std::string_view sqlText)
{
    try {
        for (const auto &s : sql::parseScript(sqlText))
            if (s.kind != sql::StatementKind::Select)
                return false;
        return true;
    } catch (const EngineError &) {
        return false;
    }
}

std::unique_ptr<Connection> Database::connect()
{
    return std::unique_ptr<Connection>(new Connection(m_core));
}

Status Database::checkpoint()
{
    return guarded([&]() -> Status {
        m_core->checkpoint();
        return {};
    });
}

Status Database::close()
{
    return guarded([&]() -> Status {
        m_core->close();
        return {};
    });
}

std::vector<std::string> Database::warnings() const
{
    return m_core->openWarnings();
}

uint64_t Database::lastCommitTs() const
{
    return m_core->lastCommitTs();
}

bool Database::readOnly() const
{
    return m_core->readOnly();
}

const std::string &Database::directory() const
{
    return m_core->directory();
}

size_t Database::collectGarbage()
{
    return m_core->collectGarbage();
}

StorageStats Database::storageStats() const
{
    StorageStats stats;
    m_core->storageCounts(stats.tables, stats.tablesInMemory, stats.blocksInMemory,
                          stats.indexFills, stats.blocksResident, stats.blockBytesRead);
    return stats;
}

void watchDatabaseWorkOnThisThread(bool watch)
{
    t_watched = watch;
}

uint64_t databaseWorkOnWatchedThreads()
{
    return g_watchedCalls.load(std::memory_order_relaxed);
}

uint64_t sortRunsWritten()
{
    return exec::sortRunsWritten();
}

} // namespace strata::engine
