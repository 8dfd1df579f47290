#include "engine/exec/executor.h"

#include "engine/common/ascii.h"
#include "engine/common/status.h"
#include "engine/exec/planner.h"
#include "engine/mvcc/transaction.h"
#include "engine/sql/parser.h"

#include <functional>
#include <optional>
#include <set>

namespace strata::engine::exec {

using sql::Statement;
using sql::StatementKind;

namespace {

Value columnDefault(const ColumnDef &col, const ExecContext &ctx)
{
    if (!col.hasDefault)
        return Value::null();
    if (col.defaultIsNow)
        return col.type == LogicalType::Date ? Value::date(ctx.statementTime / 86400000000LL)
                                             : Value::timestamp(ctx.statementTime);
    return col.defaultValue;
}

ColumnDef columnFromSpec(Planner &planner, const sql::ColumnSpec &spec, ExecContext &ctx)
{
    ColumnDef c;
    c.name = spec.name;
    c.type = spec.type;
    c.maxLength = spec.maxLength;
    c.notNull = spec.notNull || spec.primaryKey;
    c.primaryKey = spec.primaryKey;
    c.unique = spec.unique;
    c.sensitive = spec.sensitive;
    c.declaredType = spec.typeName;
    if (spec.defaultExpr) {
        c.hasDefault = true;
        const auto &d = *spec.defaultExpr;
        if (d.kind == sql::ExprKind::Function && (d.op == "NOW" || d.op == "CURRENT_DATE")) {
            if (c.type != LogicalType::Timestamp && c.type != LogicalType::Date)
                planner.fail(d.pos, "DEFAULT " + d.op + " needs a DATE or TIMESTAMP column");
            c.defaultIsNow = true;
        } else {
            Row empty;
            Value v = eval(*planner.bindConstant(d), empty, ctx);
            if (!v.isNull())
                v = coerceToColumn(v, c.type, "DEFAULT of " + c.name);
            c.defaultValue = v;
        }
    }
    return c;
}

std::vector<uint32_t> resolveColumns(Planner &planner, const TableSchema &schema,
                                     const std::vector<std::string> &names, uint32_t pos)
{
    std::vector<uint32_t> out;
    for (const auto &n : names) {
        const int idx = schema.findColumn(n);
        if (idx < 0)
            planner.fail(pos, "no such column: " + n + " in table " + schema.name,
                         StatusCode::NotFound);
        if (std::find(out.begin(), out.end(), static_cast<uint32_t>(idx)) != out.end())
            planner.fail(pos, "column " + n + " is listed twice");
        out.push_back(static_cast<uint32_t>(idx));
    }
    return out;
}

//! Statement s names a table that is not there: perhaps a view, which it cannot change.
[[noreturn]] void noSuchTable(Transaction &txn, Planner &planner, const Statement &s)
{
    if (txn.catalog().findView(s.table, txn.view()))
        planner.fail(s.pos, s.table
                                + " is a view: its rows come from its query and cannot be "
                                  "changed here"
                                + std::string(s.kind == StatementKind::DropTable
                                                  ? " (use DROP VIEW to remove it)"
                                                  : ""));
    planner.fail(s.pos, "no such table: " + s.table, StatusCode::NotFound);
}

int64_t createView(Transaction &txn, const Statement &s, std::string_view sqlText, Planner &planner)
{
    if (txn.table(s.table) || txn.catalog().findLatest(s.table)
        || txn.catalog().findLatestView(s.table)) {
        if (s.ifNotExists && txn.catalog().findView(s.table, txn.view()))
            return 0;
        planner.fail(s.pos, "table or view " + s.table + " already exists");
    }
    // Planned now so that a view that cannot run is not made.
    auto plan = planner.planSelect(*s.select);
    if (!s.columns.empty() && s.columns.size() != plan->names.size())
        planner.fail(s.pos, "view " + s.table + " names " + std::to_string(s.columns.size())
                                + " columns, but its query returns "
                                + std::to_string(plan->names.size()));
    ViewDef def;
    def.name = s.table;
    def.columns = s.columns;
    std::string_view body = sqlText.substr(s.bodyPos, s.end - s.bodyPos);
    while (!body.empty()
           && (isspace(static_cast<unsigned char>(body.back())) || body.back() == ';'))
        body.remove_suffix(1);
    def.sql = std::string(body);
    txn.createView(std::move(def));
    return 0;
}

int64_t createTable(Transaction &txn, const Statement &s, Planner &planner, ExecContext &ctx)
{
    if (txn.table(s.table) || txn.catalog().findLatest(s.table)) {
        if (s.ifNotExists)
            return 0;
        planner.fail(s.pos, "table " + s.table + " already exists");
    }
    if (txn.catalog().findLatestView(s.table))
        planner.fail(s.pos, "table or view " + s.table + " already exists");
    TableSchema schema;
    schema.name = s.table;
    std::set<std::string> seen;
    for (const auto &spec : s.columnSpecs) {
        if (!seen.insert(asciiLower(spec.name)).second)
            planner.fail(spec.pos, "duplicate column name: " + spec.name);
        schema.columns.push_back(columnFromSpec(planner, spec, ctx));
    }
    if (schema.columns.empty())
        planner.fail(s.pos, "a table needs at least one column");
    for (uint32_t i = 0; i < schema.columns.size(); ++i) {
        if (schema.columns[i].primaryKey) {
            if (!schema.primaryKey.empty() || !s.primaryKey.empty())
                planner.fail(s.pos, "table " + s.table + " has more than one PRIMARY KEY");
            schema.primaryKey.push_back(i);
        }
        if (schema.columns[i].unique && !schema.columns[i].primaryKey)
            schema.uniqueKeys.push_back({i});
    }
    if (!s.primaryKey.empty()) {
        schema.primaryKey = resolveColumns(planner, schema, s.primaryKey, s.pos);
        for (auto c : schema.primaryKey) {
            schema.columns[c].primaryKey = true;
            schema.columns[c].notNull = true;
        }
    }
    for (const auto &u : s.uniqueKeys)
        schema.uniqueKeys.push_back(resolveColumns(planner, schema, u, s.pos));
    txn.createTable(std::move(schema));
    return 0;
}

int64_t alterTable(Transaction &txn, const Statement &s, Planner &planner, ExecContext &ctx)
{
    auto table = txn.table(s.table);
    if (!table)
        noSuchTable(txn, planner, s);
    TableSchema schema = *table->schema;
    switch (s.alter) {
    case Statement::AlterAction::AddColumn: {
        const auto &spec = s.columnSpecs[0];
        if (schema.findColumn(spec.name) >= 0)
            planner.fail(spec.pos, "column " + spec.name + " already exists in " + s.table);
        if (spec.primaryKey || spec.unique)
            planner.fail(spec.pos, "ALTER TABLE ADD COLUMN cannot add a PRIMARY KEY or UNIQUE "
                                   "column; create the table anew");
        ColumnDef col = columnFromSpec(planner, spec, ctx);
        if (col.notNull && (!col.hasDefault || col.defaultValue.isNull())) {
            TableScan scan(table, std::vector<bool>(schema.columns.size(), false), nullptr);
            scan.open(ctx);
            Row r;
            if (scan.next(r))
                planner.fail(spec.pos, "cannot add NOT NULL column " + spec.name
                                           + " without a DEFAULT to a table that has rows");
        }
        if (col.defaultIsNow)
            planner.fail(spec.pos, "ALTER TABLE ADD COLUMN cannot use a DEFAULT of the current "
                                   "time; add the column, then UPDATE it");
        schema.columns.push_back(std::move(col));
        break;
    }
    case Statement::AlterAction::RenameTable:
        if (txn.catalog().findLatest(s.newName) || txn.catalog().findLatestView(s.newName))
            planner.fail(s.pos, "table or view " + s.newName + " already exists");
        schema.name = s.newName;
        break;
    case Statement::AlterAction::RenameColumn: {
        const int idx = schema.findColumn(s.oldName);
        if (idx < 0)
            planner.fail(s.pos, "no such column: " + s.oldName + " in table " + s.table,
                         StatusCode::NotFound);
        if (schema.findColumn(s.newName) >= 0 && !equalsIgnoreCase(s.oldName, s.newName))
            planner.fail(s.pos, "column " + s.newName + " already exists in " + s.table);
        schema.columns[idx].name = s.newName;
        break;
    }
    case Statement::AlterAction::DropColumn:
        planner.fail(s.pos, "ALTER TABLE DROP COLUMN is not supported; copy the table with "
                            "CREATE TABLE and INSERT ... SELECT");
    }
    txn.alterTable(table, std::move(schema));
    return 0;
}

//! RETURNING bound over the table's columns: evaluated on each row written (a deleted row as
//! it was).
class Returning {
public:
    Returning(Planner &planner, const Statement &s, const TableSchema &schema, ReturnedRows *out)
        : m_out(out)
    {
        if (s.returning.empty())
            return;
        STRATA_ASSERT(out, "RETURNING without a place for its rows");
        Scope scope;
        for (const auto &c : schema.columns)
            scope.push_back({schema.name, c.name, c.type, nullptr, 0});
        for (const auto &item : s.returning) {
            if (item.expr->kind == sql::ExprKind::Star) {
                for (size_t c = 0; c < schema.columns.size(); ++c) {
                    auto column = std::make_unique<BExpr>();
                    column->kind = BKind::Column;
                    column->index = static_cast<int>(c);
                    column->type = schema.columns[c].type;
                    out->names.push_back(schema.columns[c].name);
                    out->types.push_back(column->type);
                    m_exprs.push_back(std::move(column));
                }
                continue;
            }
            m_exprs.push_back(planner.bindExpr(*item.expr, scope));
            out->names.push_back(item.alias.empty() ? expressionText(*item.expr) : item.alias);
            out->types.push_back(m_exprs.back()->type);
        }
    }
    bool active() const { return !m_exprs.empty(); }
    //! `row` as the table stores it (values converted to the column types).
    void add(const Row &row, ExecContext &ctx)
    {
        Row out;
        for (const auto &e : m_exprs)
            out.push_back(eval(*e, row, ctx));
        m_out->rows.push_back(std::move(out));
    }

private:
    ReturnedRows *m_out;
    std::vector<BExprPtr> m_exprs;
};

//! The row a version holds, every column decoded.
Row decodeRow(const Version &version, const TableSchema &schema)
{
    Row row;
    const auto view = version.view();
    for (size_t c = 0; c < schema.columns.size(); ++c)
        row.push_back(columnValue(view, static_cast<uint32_t>(c), schema));
    return row;
}

//! The row this transaction sees with `row`'s key in a unique index, if any.
std::optional<std::pair<uint64_t, const Version *>>
findConflict(Transaction &txn, const std::shared_ptr<TableEntry> &table, const TableIndex &index,
             const Row &row)
{
    std::vector<Value> keyValues;
    for (uint32_t c : index.columns()) {
        if (row[c].isNull())
            return std::nullopt; // NULLs are never duplicates
        keyValues.push_back(row[c]);
    }
    const std::string key = encodeKeyValues(keyValues);
    TableHeap &heap = *table->heap;
    for (uint64_t slot : index.find(key)) {
        txn.pinHeap(table->heap); // the version is held past the collector's lock
        std::shared_lock gc(heap.gcLock());
        heap.ensureResident(slot);
        const Version *current = txn.view().visible(heap.head(slot));
        gc.unlock();
        if (current && encodeKey(current->view(), index.columns(), *table->schema) == key)
            return std::make_pair(slot, current);
    }
    return std::nullopt;
}

//! Inserts `rows` one at a time, as INSERT OR IGNORE/REPLACE and ON CONFLICT say a row that
//! breaks a unique key goes; returns the rows inserted or updated.
int64_t insertResolvingConflicts(Transaction &txn, const Statement &s, Planner &planner,
                                 ExecContext &ctx, const std::shared_ptr<TableEntry> &table,
                                 std::vector<Row> &rows, Returning &returning)
{
    const TableSchema &schema = *table->schema;
    table->heap->ensureIndexed();
    std::vector<std::shared_ptr<TableIndex>> uniques;
    for (const auto &index : table->heap->indexesAsDeclared())
        if (index->unique() && !txn.droppedIndex(index.get()))
            uniques.push_back(index);
    std::shared_ptr<TableIndex> target;
    if (!s.conflictTarget.empty()) {
        const auto wanted = resolveColumns(planner, schema, s.conflictTarget, s.upsertPos);
        const std::set<uint32_t> wantedSet(wanted.begin(), wanted.end());
        for (const auto &index : uniques)
            if (std::set<uint32_t>(index->columns().begin(), index->columns().end()) == wantedSet)
                target = index;
        if (!target)
            planner.fail(
                s.upsertPos, "ON CONFLICT (" +
                                 [&] {
                                     std::string names;
                                     for (const auto &n : s.conflictTarget)
                                         names += (names.empty() ? "" : ", ") + n;
                                     return names;
                                 }()
                                 + ") names no PRIMARY KEY, UNIQUE constraint or unique index of "
                                 + schema.name);
    }
    // DO UPDATE binds over the row there (the table's columns) and the row proposed
    // (excluded.*), side by side.
    std::vector<std::pair<int, BExprPtr>> sets;
    BExprPtr updateWhere;
    if (s.hasUpsert && !s.doNothing) {
        Scope scope;
        for (const auto &c : schema.columns)
            scope.push_back({schema.name, c.name, c.type, nullptr, 0});
        for (const auto &c : schema.columns)
            scope.push_back({"excluded", c.name, c.type, nullptr, 0, true});
        for (const auto &[name, expr] : s.upsertSets) {
            const int idx = schema.findColumn(name);
            if (idx < 0)
                planner.fail(expr->pos, "no such column: " + name + " in table " + s.table,
                             StatusCode::NotFound);
            sets.emplace_back(idx, planner.bindExpr(*expr, scope));
        }
        if (s.upsertWhere)
            updateWhere = planner.bindExpr(*s.upsertWhere, scope);
    }
    int64_t count = 0;
    for (Row &row : rows) {
        Transaction::prepareRow(schema, row);
        if (s.hasUpsert) {
            std::optional<std::pair<uint64_t, const Version *>> conflict;
            if (target) {
                conflict = findConflict(txn, table, *target, row);
            } else {
                for (const auto &index : uniques)
                    if (!conflict)
                        conflict = findConflict(txn, table, *index, row);
            }
            if (conflict && s.doNothing)
                continue;
            if (conflict) {
                Row both = decodeRow(*conflict->second, schema);
                const size_t width = both.size();
                both.insert(both.end(), row.begin(), row.end());
                if (updateWhere && !evalPredicate(*updateWhere, both, ctx))
                    continue;
                Row updated(both.begin(), both.begin() + static_cast<long>(width));
                for (const auto &[idx, expr] : sets)
                    updated[idx] = eval(*expr, both, ctx);
                Transaction::prepareRow(schema, updated);
                if (returning.active())
                    returning.add(updated, ctx);
                txn.update(table, conflict->first, conflict->second, std::move(updated));
                ++count;
                continue;
            }
        } else if (s.orAction != Statement::OnConflict::Fail) {
            std::vector<std::pair<uint64_t, const Version *>> conflicts;
            for (const auto &index : uniques)
                if (auto c = findConflict(txn, table, *index, row))
                    if (std::none_of(conflicts.begin(), conflicts.end(),
                                     [&](const auto &seen) { return seen.first == c->first; }))
                        conflicts.push_back(*c);
            if (!conflicts.empty() && s.orAction == Statement::OnConflict::Ignore)
                continue;
            for (const auto &[slot, version] : conflicts) // REPLACE: the rows in its way go
                txn.remove(table, slot, version);
        }
        if (returning.active())
            returning.add(row, ctx);
        txn.insert(table, std::move(row));
        ++count;
    }
    return count;
}

int64_t insert(Transaction &txn, const Statement &s, Planner &planner, ExecContext &ctx,
               ReturnedRows *returned)
{
    auto table = txn.table(s.table);
    if (!table)
        noSuchTable(txn, planner, s);
    const TableSchema &schema = *table->schema;
    std::vector<uint32_t> targets;
    if (s.columns.empty()) {
        for (uint32_t i = 0; i < schema.columns.size(); ++i)
            targets.push_back(i);
    } else {
        targets = resolveColumns(planner, schema, s.columns, s.pos);
    }
    Row base(schema.columns.size());
    std::vector<bool> given(schema.columns.size(), false);
    for (auto t : targets)
        given[t] = true;
    for (size_t c = 0; c < schema.columns.size(); ++c)
        if (!given[c])
            base[c] = columnDefault(schema.columns[c], ctx);
    std::vector<Row> rows;
    auto addRow = [&](std::vector<Value> &values, size_t rowNumber, uint32_t pos) {
        const bool defaultValues = values.empty() && s.values.size() == 1 && !s.select;
        if (values.size() != targets.size() && !defaultValues)
            planner.fail(pos, "row " + std::to_string(rowNumber) + " has "
                                  + std::to_string(values.size()) + " values for "
                                  + std::to_string(targets.size()) + " columns");
        Row row = base;
        if (defaultValues) {
            for (size_t c = 0; c < schema.columns.size(); ++c)
                row[c] = columnDefault(schema.columns[c], ctx);
        } else {
            for (size_t i = 0; i < values.size(); ++i)
                row[targets[i]] = std::move(values[i]);
        }
        rows.push_back(std::move(row));
    };
    if (s.select) {
        // Read everything first: the insert must not see its own rows (INSERT INTO t SELECT ...
        // FROM t).
        auto plan = planner.planSelect(*s.select);
        if (plan->names.size() != targets.size())
            planner.fail(s.pos, "INSERT ... SELECT gives " + std::to_string(plan->names.size())
                                    + " columns for " + std::to_string(targets.size()));
        plan->root->open(ctx);
        Row r;
        size_t n = 0;
        while (plan->root->next(r)) {
            r.resize(targets.size());
            addRow(r, ++n, s.pos);
        }
    } else {
        Row empty;
        for (size_t i = 0; i < s.values.size(); ++i) {
            std::vector<Value> values;
            for (const auto &e : s.values[i])
                values.push_back(eval(*planner.bindConstant(*e), empty, ctx));
            addRow(values, i + 1, s.values[i].empty() ? s.pos : s.values[i][0]->pos);
        }
    }
    Returning returning(planner, s, schema, returned);
    if (s.hasUpsert || s.orAction != Statement::OnConflict::Fail || returning.active())
        return insertResolvingConflicts(txn, s, planner, ctx, table, rows, returning);
    const auto count = static_cast<int64_t>(rows.size());
    txn.insertBatch(table, rows);
    return count;
}

//! A planned UPDATE or DELETE, kept between runs of the same statement.
struct WritePlan {
    std::shared_ptr<TableEntry> table;
    uint64_t schemaTs = 0;
    std::unique_ptr<TableScan> scan;
    std::vector<std::pair<int, BExprPtr>> sets;
};

int64_t updateOrDelete(Transaction &txn, const Statement &s, Planner &planner, ExecContext &ctx,
                       std::shared_ptr<void> *cache, ReturnedRows *returned)
{
    auto *plan = cache ? static_cast<WritePlan *>(cache->get()) : nullptr;
    const bool reusable = plan && !txn.changedSchema()
                          && plan->schemaTs == txn.catalog().lastSchemaCommitTs()
                          && plan->table->visibleTo(txn.view());
    std::shared_ptr<WritePlan> fresh;
    if (!reusable) {
        fresh = std::make_shared<WritePlan>();
        fresh->schemaTs = txn.catalog().lastSchemaCommitTs();
        fresh->table = txn.table(s.table);
        if (!fresh->table)
            noSuchTable(txn, planner, s);
        Scope scope;
        fresh->scan
            = planner.planTableScan(fresh->table, fresh->table->schema->name, s.where.get(), scope);
        for (const auto &[name, expr] : s.assignments) {
            const int idx = fresh->table->schema->findColumn(name);
            if (idx < 0)
                planner.fail(expr->pos, "no such column: " + name + " in table " + s.table,
                             StatusCode::NotFound);
            fresh->sets.emplace_back(idx, planner.bindExpr(*expr, scope));
        }
        plan = fresh.get();
        // Plans made inside a schema-changing transaction are not kept.
        if (cache && !txn.changedSchema())
            *cache = fresh;
    }
    const auto &table = plan->table;
    Returning returning(planner, s, *table->schema, returned);
    TableScan &scan = *plan->scan;
    scan.open(ctx);
    int64_t count = 0;
    Row row;
    while (scan.next(row)) {
        if (s.kind == StatementKind::Delete) {
            if (returning.active())
                returning.add(row, ctx);
            txn.remove(table, scan.lastSlot(), scan.lastVersion());
        } else {
            Row updated = row;
            for (const auto &[idx, expr] : plan->sets)
                updated[idx] = eval(*expr, row, ctx);
            if (returning.active()) {
                Transaction::prepareRow(*table->schema, updated);
                returning.add(updated, ctx);
            }
            txn.update(table, scan.lastSlot(), scan.lastVersion(), std::move(updated));
        }
        ++count;
    }
    return count;
}

int64_t createIndex(Transaction &txn, const Statement &s, Planner &planner)
{
    auto table = txn.table(s.table);
    if (!table)
        noSuchTable(txn, planner, s);
    if (txn.catalog().findLatestIndex(s.indexName) || s.indexName == "PRIMARY"
        || s.indexName.rfind("UNIQUE_", 0) == 0) {
        if (s.ifNotExists)
            return 0;
        planner.fail(s.pos, "index " + s.indexName + " already exists");
    }
    IndexDef def;
    def.name = s.indexName;
    def.tableId = table->schema->id;
    def.unique = s.unique;
    def.columns = resolveColumns(planner, *table->schema, s.columns, s.pos);
    txn.createIndex(std::move(def));
    return 0;
}

} // namespace

std::vector<Row> explainPlan(const Plan &plan)
{
    std::vector<Row> rows;
    std::function<void(const Operator &, int64_t)> walk = [&](const Operator &op, int64_t parent) {
        const auto id = static_cast<int64_t>(rows.size()) + 1;
        rows.push_back({Value::integer(id), Value::integer(parent), Value::text(op.describe())});
        for (const Operator *input : op.inputs())
            if (input)
                walk(*input, id);
    };
    walk(*plan.root, 0);
    return rows;
}

std::shared_ptr<Plan> planQuery(Transaction &txn, const sql::SelectStmt &select,
                                std::string_view sqlText)
{
    Planner planner(txn, sqlText);
    return planner.planSelect(select);
}

int64_t executeWrite(Transaction &txn, const Statement &s, std::string_view sqlText,
                     ExecContext &ctx, std::shared_ptr<void> *planCache, ReturnedRows *returned)
{
    Planner planner(txn, sqlText);
    txn.spillIfLarge(); // between statements: no savepoint is held
    const size_t mark = txn.savepoint();
    try {
        switch (s.kind) {
        case StatementKind::CreateTable:
            return createTable(txn, s, planner, ctx);
        case StatementKind::DropTable: {
            auto table = txn.table(s.table);
            if (!table) {
                if (s.ifExists)
                    return 0;
                noSuchTable(txn, planner, s);
            }
            txn.dropTable(table);
            return 0;
        }
        case StatementKind::AlterTable:
            return alterTable(txn, s, planner, ctx);
        case StatementKind::CreateIndex:
            return createIndex(txn, s, planner);
        case StatementKind::CreateView:
            return createView(txn, s, sqlText, planner);
        case StatementKind::DropView: {
            auto view = txn.catalog().findView(s.table, txn.view());
            if (!view) {
                if (s.ifExists)
                    return 0;
                if (txn.table(s.table))
                    planner.fail(s.pos, s.table + " is a table, not a view (use DROP TABLE)");
                planner.fail(s.pos, "no such view: " + s.table, StatusCode::NotFound);
            }
            txn.dropView(view);
            return 0;
        }
        case StatementKind::Reindex:
            // Indexes are kept exact by every write: only the name is checked.
            if (!s.table.empty() && !txn.table(s.table)
                && !txn.catalog().findIndex(s.table, txn.view()))
                planner.fail(s.pos, "no such table or index: " + s.table, StatusCode::NotFound);
            return 0;
        case StatementKind::DropIndex: {
            auto index = txn.catalog().findIndex(s.indexName, txn.view());
            if (!index) {
                if (s.ifExists)
                    return 0;
                planner.fail(s.pos, "no such index: " + s.indexName);
            }
            txn.dropIndex(index);
            return 0;
        }
        case StatementKind::Insert:
            return insert(txn, s, planner, ctx, returned);
        case StatementKind::Update:
        case StatementKind::Delete:
            return updateOrDelete(txn, s, planner, ctx, planCache, returned);
        default:
            STRATA_ASSERT(false, "not a write statement");
        }
    } catch (const EngineError &e) {
        txn.rollbackTo(mark);
        if (e.code() == StatusCode::Conflict)
            txn.doom(e.toStatus());
        throw;
    }
    return 0;
}

} // namespace strata::engine::exec
