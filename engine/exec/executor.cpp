#include "engine/exec/executor.h"

#include "engine/common/ascii.h"
#include "engine/common/status.h"
#include "engine/exec/planner.h"
#include "engine/mvcc/transaction.h"
#include "engine/sql/parser.h"

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

int64_t insert(Transaction &txn, const Statement &s, Planner &planner, ExecContext &ctx)
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
                       std::shared_ptr<void> *cache)
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
    TableScan &scan = *plan->scan;
    scan.open(ctx);
    int64_t count = 0;
    Row row;
    while (scan.next(row)) {
        if (s.kind == StatementKind::Delete) {
            txn.remove(table, scan.lastSlot(), scan.lastVersion());
        } else {
            Row updated = row;
            for (const auto &[idx, expr] : plan->sets)
                updated[idx] = eval(*expr, row, ctx);
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

std::shared_ptr<Plan> planQuery(Transaction &txn, const sql::SelectStmt &select,
                                std::string_view sqlText)
{
    Planner planner(txn, sqlText);
    return planner.planSelect(select);
}

int64_t executeWrite(Transaction &txn, const Statement &s, std::string_view sqlText,
                     ExecContext &ctx, std::shared_ptr<void> *planCache)
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
            return insert(txn, s, planner, ctx);
        case StatementKind::Update:
        case StatementKind::Delete:
            return updateOrDelete(txn, s, planner, ctx, planCache);
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
