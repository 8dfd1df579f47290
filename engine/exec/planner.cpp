#include "engine/exec/planner.h"

#include "engine/common/ascii.h"
#include "engine/common/status.h"
#include "engine/exec/text_functions.h"
#include "engine/mvcc/transaction.h"
#include "engine/sql/parser.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace strata::engine::exec {

using sql::Expr;
using sql::ExprKind;

// ---- FROM -----------------------------------------------------------------------------------

namespace {

//! Walks `e`'s column references, each resolved to the one column of `scope` it names, and
//! hands that column's index to `visit`. False when a reference resolves to none or to
//! several (the binder says which, where the term stays), when `visit` says so, or when `e`
//! holds a subquery or a star.
bool forEachScopeColumn(const sql::Expr &e, const Scope &scope,
                        const std::function<bool(size_t)> &visit)
{
    switch (e.kind) {
    case sql::ExprKind::Column: {
        int found = -1;
        for (size_t i = 0; i < scope.size(); ++i) {
            if (!equalsIgnoreCase(scope[i].name, e.name)
                || (!e.table.empty() && !equalsIgnoreCase(scope[i].table, e.table)))
                continue;
            if (found >= 0)
                return false;
            found = static_cast<int>(i);
        }
        return found >= 0 && visit(static_cast<size_t>(found));
    }
    case sql::ExprKind::Star:
    case sql::ExprKind::InSubquery:
    case sql::ExprKind::Exists:
    case sql::ExprKind::ScalarSubquery:
        return false;
    default:
        for (const auto &a : e.args)
            if (a && !forEachScopeColumn(*a, scope, visit))
                return false;
        return true;
    }
}

// Which side of a join an expression's columns come from: 1 left, 2 right, 3 both, 0 none.
int sides(const BExpr &e, size_t leftWidth)
{
    int s = 0;
    if (e.kind == BKind::Column)
        s |= static_cast<size_t>(e.index) < leftWidth ? 1 : 2;
    if (e.subplan && e.correlated)
        s |= 3; // conservatively both
    for (const auto &a : e.args)
        s |= sides(*a, leftWidth);
    return s;
}

void shiftColumns(BExpr &e, int by)
{
    if (e.kind == BKind::Column)
        e.index += by;
    for (auto &a : e.args)
        shiftColumns(*a, by);
}

bool hasColumnRefs(const BExpr &e)
{
    if (e.kind == BKind::Column || e.kind == BKind::AggregateRef)
        return true;
    if (e.subplan && e.correlated)
        return true;
    for (const auto &a : e.args)
        if (hasColumnRefs(*a))
            return true;
    return false;
}

} // namespace

void Planner::chooseIndex(TableScan &scan, const std::shared_ptr<TableEntry> &table,
                          std::vector<const Expr *> &terms, const Scope &scope)
{
    // The column of this table an expression names, or -1.
    auto columnOf = [&](const Expr &col) {
        if (col.kind != ExprKind::Column)
            return -1;
        int idx = -1;
        for (size_t i = 0; i < scope.size(); ++i)
            if (equalsIgnoreCase(scope[i].name, col.name)
                && (col.table.empty() || equalsIgnoreCase(scope[i].table, col.table)))
                idx = static_cast<int>(i);
        return idx;
    };
    auto independent = [&](const Expr &val) { return !hasColumnRefs(*bind(val, scope, nullptr)); };
    // Terms "column = value" and "column < value" (<=, >, >=, BETWEEN), the value independent
    // of this table's row.
    struct Term {
        int column;
        const Expr *valueExpr;
        bool lower = true, upper = true; //!< which side it bounds (both: equality)
        bool inclusive = true;
    };
    std::vector<Term> eqs, ranges;
    for (const Expr *e : terms) {
        if (!e)
            continue;
        if (e->kind == ExprKind::Between && !e->negated) {
            const int c = columnOf(*e->args[0]);
            if (c >= 0 && independent(*e->args[1]) && independent(*e->args[2])) {
                ranges.push_back({c, e->args[1].get(), true, false, true});
                ranges.push_back({c, e->args[2].get(), false, true, true});
            }
            continue;
        }
        if (e->kind != ExprKind::Binary)
            continue;
        const bool eq = e->op == "=";
        const bool less = e->op == "<" || e->op == "<=";
        const bool greater = e->op == ">" || e->op == ">=";
        if (!eq && !less && !greater)
            continue;
        for (int side = 0; side < 2; ++side) {
            const int c = columnOf(*e->args[side]);
            const Expr &val = *e->args[1 - side];
            if (c < 0 || !independent(val))
                continue;
            if (eq) {
                eqs.push_back({c, &val});
                ranges.push_back({c, &val});
            } else {
                // "column < value", or "value < column" (the column on the right).
                const bool upper = less == (side == 0);
                ranges.push_back({c, &val, !upper, upper, e->op.size() == 2});
            }
            break;
        }
    }
    if (eqs.empty() && ranges.empty())
        return;
    auto visible = [&](const TableIndex &index) {
        // PRIMARY/UNIQUE_n come with the table; others must be visible to this transaction.
        return index.name() == "PRIMARY" || index.name().rfind("UNIQUE_", 0) == 0
               || m_txn.catalog().findIndex(index.name(), m_txn.view());
    };
    // An index whose every column has an equality: one key looked up.
    std::shared_ptr<TableIndex> best;
    for (const auto &index : table->heap->indexesAsDeclared()) {
        if (!visible(*index))
            continue;
        bool covered = true;
        for (auto c : index->columns())
            covered &= std::any_of(eqs.begin(), eqs.end(),
                                   [&](const Term &q) { return q.column == static_cast<int>(c); });
        if (covered && (!best || index->unique() > best->unique()))
            best = index;
    }
    if (best) {
        table->heap->ensureIndexed(); // without runs, the first lookup reads the blocks' keys
        std::vector<BExprPtr> keys;
        for (auto c : best->columns()) {
            for (const auto &q : eqs) {
                if (q.column == static_cast<int>(c)) {
                    keys.push_back(bind(*q.valueExpr, scope, nullptr));
                    break;
                }
            }
        }
        scan.setCandidateKeys(std::move(keys), best);
        return;
    }
    // Else an index whose first column is bounded: a range of its sorted runs (the scan
    // reads the whole table instead when the index has no runs, or the range is too wide).
    for (const auto &index : table->heap->indexesAsDeclared()) {
        if (!visible(*index))
            continue;
        const int first = static_cast<int>(index->columns().front());
        const Term *low = nullptr, *high = nullptr;
        for (const auto &r : ranges) {
            if (r.column != first)
                continue;
            if (r.lower && !low)
                low = &r;
            if (r.upper && !high)
                high = &r;
        }
        if (!low && !high)
            continue;
        TableScan::RangeLookup lookup;
        lookup.index = index;
        if (low) {
            lookup.low = bind(*low->valueExpr, scope, nullptr);
            lookup.lowInclusive = low->inclusive;
        }
        if (high) {
            lookup.high = bind(*high->valueExpr, scope, nullptr);
            lookup.highInclusive = high->inclusive;
        }
        scan.setCandidateRange(std::move(lookup));
        return;
    }
}

void Planner::pushTermsIntoScans(std::vector<const Expr *> &terms, const Scope &scope,
                                 size_t fromScansMark)
{
    // The table a term reads, when it reads exactly one of this FROM clause (every column
    // named resolving once in the whole clause) and holds no subquery; else empty.
    auto oneTable = [&](const Expr &e, std::string &table) {
        return forEachScopeColumn(e, scope, [&](size_t column) {
            if (!table.empty() && !equalsIgnoreCase(table, scope[column].table))
                return false;
            table = scope[column].table;
            return true;
        });
    };
    std::map<TableScan *, std::vector<const Expr *>> pushed;
    for (const Expr *&t : terms) {
        std::string table;
        if (!t || containsAggregate(*t) || !oneTable(*t, table) || table.empty())
            continue;
        FromScan *target = nullptr;
        int matches = 0;
        for (size_t i = fromScansMark; i < m_fromScans.size(); ++i)
            if (equalsIgnoreCase(m_fromScans[i].alias, table)) {
                target = &m_fromScans[i];
                ++matches;
            }
        if (matches != 1 || target->nullable)
            continue;
        pushed[target->scan].push_back(t);
        t = nullptr;
    }
    for (auto &entry : pushed) {
        // Not a structured binding: clang 14 lets no lambda capture one.
        TableScan *scan = entry.first;
        auto &scanTerms = entry.second;
        // The table's own columns, in order: the scan's rows.
        Scope tableScope;
        const std::string &alias = [&]() -> const std::string & {
            for (size_t i = fromScansMark; i < m_fromScans.size(); ++i)
                if (m_fromScans[i].scan == scan)
                    return m_fromScans[i].alias;
            STRATA_ASSERT(false, "a pushed term's scan is not in the FROM clause");
        }();
        for (const auto &c : scope)
            if (equalsIgnoreCase(c.table, alias))
                tableScope.push_back(c);
        BExprPtr filter;
        for (const Expr *t : scanTerms) {
            auto b = bind(*t, tableScope, nullptr);
            if (!filter) {
                filter = std::move(b);
                continue;
            }
            auto both = std::make_unique<BExpr>();
            both->kind = BKind::And;
            both->type = LogicalType::Boolean;
            both->args.push_back(std::move(filter));
            both->args.push_back(std::move(b));
            filter = std::move(both);
        }
        chooseIndex(*scan, scan->table(), scanTerms, tableScope);
        scan->setFilter(std::move(filter));
    }
}

std::optional<Planner::FromResult> Planner::planInnerJoins(const sql::TableRef &ref,
                                                           std::vector<const Expr *> &terms,
                                                           size_t fromScansMark)
{
    // The tables (and derived tables) in FROM order, and the ON terms, which for inner joins
    // mean what WHERE terms mean.
    std::vector<const sql::TableRef *> leaves;
    std::function<bool(const sql::TableRef &)> collect = [&](const sql::TableRef &r) {
        if (r.kind == sql::TableRef::Kind::Function)
            return false; // json_each(t.doc) reads the tables left of it: it keeps its place
        if (r.kind != sql::TableRef::Kind::Join) {
            leaves.push_back(&r);
            return true;
        }
        if ((r.joinType != sql::TableRef::JoinType::Inner
             && r.joinType != sql::TableRef::JoinType::Cross)
            || r.natural || !r.usingColumns.empty())
            return false; // outer joins keep their order; USING joins match by name
        if (!collect(*r.left) || !collect(*r.right))
            return false;
        splitConjuncts(r.on.get(), terms);
        return true;
    };
    const size_t termsBefore = terms.size();
    if (!collect(ref)) {
        terms.resize(termsBefore);
        return std::nullopt;
    }
    std::vector<FromResult> parts;
    std::vector<size_t> offsets;
    Scope scope;
    for (const auto *leaf : leaves) {
        parts.push_back(planFrom(*leaf, nullptr));
        offsets.push_back(scope.size());
        scope.insert(scope.end(), parts.back().scope.begin(), parts.back().scope.end());
    }
    pushTermsIntoScans(terms, scope, fromScansMark);
    const size_t n = parts.size();
    auto leafOf = [&](size_t column) {
        return static_cast<size_t>(std::upper_bound(offsets.begin(), offsets.end(), column)
                                   - offsets.begin() - 1);
    };
    // The tables a term reads (false: it reads something else too, or a subquery).
    auto tablesOf = [&](const Expr &e, std::set<size_t> &out) {
        return forEachScopeColumn(e, scope, [&](size_t column) {
            out.insert(leafOf(column));
            return true;
        });
    };
    struct Term {
        const Expr **slot;
        std::set<size_t> tables;
    };
    std::vector<Term> linked;
    for (auto &t : terms) {
        std::set<size_t> tables;
        if (t && !containsAggregate(*t) && tablesOf(*t, tables) && tables.size() >= 2)
            linked.push_back({&t, std::move(tables)});
    }
    // How many rows each part gives, roughly: a table's slots, less with a filter or an
    // index lookup; a derived table, some.
    std::vector<double> estimate(n, 1000.0);
    for (size_t i = 0; i < n; ++i) {
        if (auto *scan = dynamic_cast<TableScan *>(parts[i].op.get())) {
            estimate[i] = static_cast<double>(scan->table()->heap->slotCount()) + 1;
            if (scan->hasIndexLookup())
                estimate[i] /= 1000;
            else if (scan->hasFilter())
                estimate[i] /= 10;
        }
    }
    auto isEquality = [](const Expr &e) { return e.kind == ExprKind::Binary && e.op == "="; };
    std::vector<size_t> order;
    std::vector<bool> taken(n, false);
    size_t first = 0;
    for (size_t i = 1; i < n; ++i)
        if (estimate[i] < estimate[first])
            first = i;
    size_t biggest = 0;
    for (size_t i = 1; i < n; ++i)
        if (estimate[i] > estimate[biggest])
            biggest = i;
    // Joined rows stream from the left; each table joined to them is held in memory: one far
    // bigger than the others streams.
    if (estimate[biggest] > 100000 && estimate[biggest] > 100 * estimate[first])
        first = biggest;
    order.push_back(first);
    taken[first] = true;
    while (order.size() < n) {
        size_t best = n;
        bool bestLinked = false;
        for (size_t i = 0; i < n; ++i) {
            if (taken[i])
                continue;
            bool isLinked = false;
            for (const auto &t : linked) {
                if (!*t.slot || !isEquality(**t.slot) || !t.tables.count(i))
                    continue;
                bool rest = true;
                for (size_t other : t.tables)
                    rest &= other == i || taken[other];
                isLinked |= rest;
            }
            if (best == n || (isLinked && !bestLinked)
                || (isLinked == bestLinked && estimate[i] < estimate[best])) {
                best = i;
                bestLinked = isLinked;
            }
        }
        order.push_back(best);
        taken[best] = true;
    }
    // Left-deep: each next part joins the rows so far, on the equalities linking it to them,
    // with the other terms its arrival completes as the residual.
    std::vector<bool> joinedYet(n, false);
    OperatorPtr op = std::move(parts[order[0]].op);
    Scope current = parts[order[0]].scope;
    std::vector<size_t> position(scope.size()); // FROM-order column -> column of `current`
    for (size_t c = 0; c < parts[order[0]].scope.size(); ++c)
        position[offsets[order[0]] + c] = c;
    joinedYet[order[0]] = true;
    for (size_t k = 1; k < n; ++k) {
        const size_t next = order[k];
        FromResult &part = parts[next];
        Scope combined = current;
        combined.insert(combined.end(), part.scope.begin(), part.scope.end());
        m_levels.push_back({&combined, false});
        std::vector<BExprPtr> leftKeys, rightKeys;
        BExprPtr residual;
        for (auto &t : linked) {
            if (!*t.slot || !t.tables.count(next))
                continue;
            bool complete = true;
            for (size_t other : t.tables)
                complete &= other == next || joinedYet[other];
            if (!complete)
                continue;
            const Expr &e = **t.slot;
            std::set<size_t> a, b;
            if (isEquality(e) && tablesOf(*e.args[0], a) && tablesOf(*e.args[1], b)
                && (a == std::set<size_t>{next}) != (b == std::set<size_t>{next}) && !a.empty()
                && !b.empty()) {
                const Expr &mine = a == std::set<size_t>{next} ? *e.args[0] : *e.args[1];
                const Expr &theirs = a == std::set<size_t>{next} ? *e.args[1] : *e.args[0];
                bool theirsJoined = true;
                for (size_t other : a == std::set<size_t>{next} ? b : a)
                    theirsJoined &= joinedYet[other];
                if (theirsJoined) {
                    leftKeys.push_back(bind(theirs, current, nullptr));
                    rightKeys.push_back(bind(mine, part.scope, nullptr));
                    *t.slot = nullptr;
                    continue;
                }
            }
            auto b2 = bind(e, combined, nullptr);
            if (!residual) {
                residual = std::move(b2);
            } else {
                auto both = std::make_unique<BExpr>();
                both->kind = BKind::And;
                both->type = LogicalType::Boolean;
                both->args.push_back(std::move(residual));
                both->args.push_back(std::move(b2));
                residual = std::move(both);
            }
            *t.slot = nullptr;
        }
        m_levels.pop_back();
        for (size_t c = 0; c < part.scope.size(); ++c)
            position[offsets[next] + c] = current.size() + c;
        op = std::make_unique<JoinOp>(std::move(op), std::move(part.op), current.size(),
                                      part.scope.size(), JoinOp::Outer{}, std::move(leftKeys),
                                      std::move(rightKeys), std::move(residual));
        current = std::move(combined);
        joinedYet[next] = true;
    }
    // The columns back in FROM order (SELECT * and every column reference count on it).
    std::vector<BExprPtr> columns;
    for (size_t c = 0; c < scope.size(); ++c) {
        auto col = std::make_unique<BExpr>();
        col->kind = BKind::Column;
        col->index = static_cast<int>(position[c]);
        col->type = scope[c].type;
        columns.push_back(std::move(col));
    }
    FromResult out;
    out.op = std::make_unique<ProjectOp>(std::move(op), std::move(columns));
    out.scope = std::move(scope);
    return out;
}

std::unique_ptr<TableScan> Planner::planTableScan(const std::shared_ptr<TableEntry> &table,
                                                  const std::string &alias, const Expr *where,
                                                  Scope &scope)
{
    auto usage = std::make_shared<std::vector<bool>>(table->schema->columns.size(), true);
    scope.clear();
    for (size_t i = 0; i < table->schema->columns.size(); ++i)
        scope.push_back({alias, table->schema->columns[i].name, table->schema->columns[i].type,
                         usage, static_cast<int>(i)});
    m_levels.push_back({&scope, false});
    struct Pop {
        std::vector<Level> &l;
        ~Pop() { l.pop_back(); }
    } pop{m_levels};
    BExprPtr filter = where ? bind(*where, scope, nullptr) : nullptr;
    auto scan = std::make_unique<TableScan>(table, *usage, std::move(filter));
    std::vector<const Expr *> terms;
    splitConjuncts(where, terms);
    chooseIndex(*scan, table, terms, scope);
    return scan;
}

Planner::FromResult Planner::planFrom(const sql::TableRef &ref,
                                      std::vector<const Expr *> *whereTerms)
{
    FromResult out;
    switch (ref.kind) {
    case sql::TableRef::Kind::Table: {
        for (size_t i = m_commonTables.size(); i-- > 0;)
            if (equalsIgnoreCase(m_commonTables[i].table->name, ref.name))
                return planCommonTable(m_commonTables[i], ref);
        auto table = m_txn.table(ref.name);
        if (!table) {
            if (auto view = m_txn.catalog().findView(ref.name, m_txn.view()))
                return planView(*view, ref);
            fail(ref.pos, "no such table: " + ref.name, StatusCode::NotFound);
        }
        const std::string alias = ref.alias.empty() ? table->schema->name : ref.alias;
        // Columns are decoded only when something reads them; the flags fill in as the
        // rest of the query binds, before the scan first runs.
        auto usage = std::make_shared<std::vector<bool>>(table->schema->columns.size(), false);
        for (size_t i = 0; i < table->schema->columns.size(); ++i)
            out.scope.push_back({alias, table->schema->columns[i].name,
                                 table->schema->columns[i].type, usage, static_cast<int>(i)});
        auto scan = std::make_unique<TableScan>(table, std::vector<bool>(), nullptr);
        scan->allowBlockReads(); // a FROM only reads (UPDATE and DELETE plan their own scan)
        m_pendingScans.push_back({scan.get(), usage});
        m_fromScans.push_back({alias, scan.get(), false});
        out.op = std::move(scan);
        return out;
    }
    case sql::TableRef::Kind::Function: {
        // Standalone: its arguments read no table of this FROM (json_each('[1, 2]')).
        std::vector<BExprPtr> args = bindTableFunctionArgs(ref, Scope{});
        const std::string alias = ref.alias.empty() ? asciiLower(ref.name) : ref.alias;
        for (const auto &[name, type] : jsonEachColumns())
            out.scope.push_back({alias, name, type, nullptr, 0});
        out.op = std::make_unique<TableFunctionOp>(nullptr, std::move(args), nullptr, false);
        return out;
    }
    case sql::TableRef::Kind::Subquery: {
        // A derived table cannot see the enclosing query's columns (no LATERAL).
        std::vector<Level> saved;
        saved.swap(m_levels);
        auto plan = planSelect(*ref.subquery);
        saved.swap(m_levels);
        return derivedTable(plan, ref.alias, plan->names);
    }
    case sql::TableRef::Kind::Join: {
        using JT = sql::TableRef::JoinType;
        if (ref.right->kind == sql::TableRef::Kind::Function)
            return planTableFunctionJoin(ref, whereTerms);
        JoinOp::Outer outer;
        outer.left = ref.joinType == JT::Left || ref.joinType == JT::Full;
        outer.right = ref.joinType == JT::Right || ref.joinType == JT::Full;
        // WHERE terms join inner joins only on a side whose rows cannot come out as NULLs:
        // moved below an outer join they would no longer remove its NULL-extended rows.
        const size_t leftScans = m_fromScans.size();
        FromResult left = planFrom(*ref.left, outer.right ? nullptr : whereTerms);
        const size_t rightScans = m_fromScans.size();
        FromResult right = planFrom(*ref.right, outer.left ? nullptr : whereTerms);
        // A side whose rows may come out as NULLs: WHERE terms cannot filter its scan.
        for (size_t i = outer.right ? leftScans : rightScans;
             i < (outer.left ? m_fromScans.size() : rightScans); ++i)
            m_fromScans[i].nullable = true;
        const size_t leftWidth = left.scope.size();
        std::vector<BExprPtr> leftKeys, rightKeys;
        // USING (and NATURAL: every name both sides show) pairs columns by name; the pair
        // reads as one column, in the left one's place: in RIGHT and FULL joins its value is
        // the left's, else the right's (so the left table's name reads that too). The right
        // one is read only by its table's name, and SELECT * shows the pair once.
        std::vector<std::pair<size_t, size_t>> merged; // (left column, right column) in the row
        std::vector<std::string> usingNames = ref.usingColumns;
        auto visible = [](const Scope &s, const std::string &name) {
            for (size_t i = 0; i < s.size(); ++i)
                if (!s[i].qualifiedOnly && equalsIgnoreCase(s[i].name, name))
                    return static_cast<int>(i);
            return -1;
        };
        if (ref.natural)
            for (const auto &c : left.scope)
                if (!c.qualifiedOnly && visible(right.scope, c.name) >= 0
                    && std::none_of(
                        usingNames.begin(), usingNames.end(),
                        [&](const std::string &n) { return equalsIgnoreCase(n, c.name); }))
                    usingNames.push_back(c.name);
        for (const auto &name : usingNames) {
            const int l = visible(left.scope, name), r = visible(right.scope, name);
            if (l < 0 || r < 0)
                fail(ref.pos, "USING column " + name + " is not in "
                                  + (l < 0 ? "the tables left of the join" : "the joined table"));
            for (int side = 0; side < 2; ++side) {
                auto key = std::make_unique<BExpr>();
                key->kind = BKind::Column;
                key->index = side == 0 ? l : r;
                key->type = side == 0 ? left.scope[l].type : right.scope[r].type;
                if (const auto &usage = (side == 0 ? left.scope[l] : right.scope[r]).usage)
                    (*usage)[(side == 0 ? left.scope[l] : right.scope[r]).usageIndex] = true;
                (side == 0 ? leftKeys : rightKeys).push_back(std::move(key));
            }
            right.scope[r].qualifiedOnly = true;
            if (outer.right)
                merged.emplace_back(static_cast<size_t>(l), leftWidth + static_cast<size_t>(r));
        }
        Scope combined = left.scope;
        combined.insert(combined.end(), right.scope.begin(), right.scope.end());
        const bool inner = !outer.left && !outer.right;
        std::vector<const Expr *> terms;
        splitConjuncts(ref.on.get(), terms);
        std::vector<const Expr **> whereUse; // WHERE terms taken over by an inner join
        if (inner && whereTerms) {
            for (auto &t : *whereTerms)
                if (t && t->kind == ExprKind::Binary && t->op == "=")
                    whereUse.push_back(&t);
        }
        BExprPtr residual;
        auto addResidual = [&](BExprPtr e) {
            if (!residual) {
                residual = std::move(e);
                return;
            }
            auto both = std::make_unique<BExpr>();
            both->kind = BKind::And;
            both->type = LogicalType::Boolean;
            both->args.push_back(std::move(residual));
            both->args.push_back(std::move(e));
            residual = std::move(both);
        };
        m_levels.push_back({&combined, false});
        auto tryKey = [&](const Expr *t) {
            if (t->kind != ExprKind::Binary || t->op != "=")
                return false;
            auto a = bind(*t->args[0], combined, nullptr);
            auto b = bind(*t->args[1], combined, nullptr);
            const int sa = sides(*a, leftWidth), sb = sides(*b, leftWidth);
            if (sa == 1 && sb == 2) {
                shiftColumns(*b, -static_cast<int>(leftWidth));
                leftKeys.push_back(std::move(a));
                rightKeys.push_back(std::move(b));
                return true;
            }
            if (sa == 2 && sb == 1) {
                shiftColumns(*a, -static_cast<int>(leftWidth));
                leftKeys.push_back(std::move(b));
                rightKeys.push_back(std::move(a));
                return true;
            }
            return false;
        };
        for (const Expr *t : terms)
            if (!tryKey(t))
                addResidual(bind(*t, combined, nullptr));
        auto resolvesOnce = [&](const Expr &c) {
            int n = 0;
            for (const auto &col : combined)
                n += equalsIgnoreCase(col.name, c.name)
                     && (c.table.empty() || equalsIgnoreCase(col.table, c.table));
            return n == 1;
        };
        for (const Expr **t : whereUse) {
            // Only "column = column" terms whose columns both lie within this join move in.
            const Expr &a = *(*t)->args[0], &b = *(*t)->args[1];
            if (a.kind == ExprKind::Column && b.kind == ExprKind::Column && resolvesOnce(a)
                && resolvesOnce(b) && tryKey(*t))
                *t = nullptr;
        }
        m_levels.pop_back();
        out.op = std::make_unique<JoinOp>(std::move(left.op), std::move(right.op), leftWidth,
                                          right.scope.size(), outer, std::move(leftKeys),
                                          std::move(rightKeys), std::move(residual));
        if (!merged.empty()) {
            struct MergeUsing : Operator {
                OperatorPtr input;
                std::vector<std::pair<size_t, size_t>> pairs;
                std::string describe() const override { return "USING columns merged"; }
                std::vector<const Operator *> inputs() const override { return {input.get()}; }
                void open(ExecContext &ctx) override { input->open(ctx); }
                bool next(Row &r) override
                {
                    if (!input->next(r))
                        return false;
                    for (const auto &[l, rightColumn] : pairs)
                        if (r[l].isNull())
                            r[l] = r[rightColumn];
                    return true;
                }
            };
            auto merge = std::make_unique<MergeUsing>();
            merge->input = std::move(out.op);
            merge->pairs = std::move(merged);
            out.op = std::move(merge);
        }
        out.scope = std::move(combined);
        return out;
    }
    }
    fail(ref.pos, "unsupported FROM clause");
}

// ---- SELECT ---------------------------------------------------------------------------------

std::vector<BExprPtr> Planner::bindTableFunctionArgs(const sql::TableRef &ref, const Scope &scope)
{
    if (!equalsIgnoreCase(ref.name, "json_each"))
        fail(ref.pos,
             "no such table function: " + ref.name
                 + "() (the function Strata has in FROM is json_each)",
             StatusCode::NotFound);
    if (ref.args.empty() || ref.args.size() > 2)
        fail(ref.pos, "json_each() takes a JSON document and, if wanted, a path");
    std::vector<BExprPtr> args;
    m_levels.push_back({&scope, false});
    struct Pop {
        std::vector<Level> &l;
        ~Pop() { l.pop_back(); }
    } pop{m_levels};
    for (const auto &a : ref.args)
        args.push_back(bind(*a, scope, nullptr));
    return args;
}

Planner::FromResult Planner::planTableFunctionJoin(const sql::TableRef &ref,
                                                   std::vector<const Expr *> *whereTerms)
{
    // t, json_each(t.doc): the function runs for each row of what is left of it, and its
    // arguments may read those rows' columns.
    using JT = sql::TableRef::JoinType;
    if (ref.joinType == JT::Right || ref.joinType == JT::Full || ref.natural
        || !ref.usingColumns.empty())
        fail(ref.pos, "json_each() joins only as a plain, CROSS or LEFT join with ON");
    FromResult left = planFrom(*ref.left, ref.joinType == JT::Left ? nullptr : whereTerms);
    std::vector<BExprPtr> args = bindTableFunctionArgs(*ref.right, left.scope);
    FromResult out;
    out.scope = left.scope;
    const std::string alias
        = ref.right->alias.empty() ? asciiLower(ref.right->name) : ref.right->alias;
    for (const auto &[name, type] : jsonEachColumns())
        out.scope.push_back({alias, name, type, nullptr, 0});
    BExprPtr condition;
    if (ref.on) {
        m_levels.push_back({&out.scope, false});
        struct Pop {
            std::vector<Level> &l;
            ~Pop() { l.pop_back(); }
        } pop{m_levels};
        condition = bind(*ref.on, out.scope, nullptr);
    }
    out.op = std::make_unique<TableFunctionOp>(std::move(left.op), std::move(args),
                                               std::move(condition), ref.joinType == JT::Left);
    return out;
}

Planner::FromResult Planner::planView(const ViewEntry &view, const sql::TableRef &ref)
{
    // Planned from its text by a planner of its own: it sees none of the reading query's
    // names (WITH tables, columns), and its errors point into its own text.
    thread_local int depth = 0;
    if (depth >= 32)
        fail(ref.pos, "view " + view.def.name + " reads itself (through other views)");
    ++depth;
    struct Leave {
        ~Leave() { --depth; }
    } leave;
    auto text = std::make_shared<const std::string>(view.def.sql);
    std::shared_ptr<Plan> plan;
    std::shared_ptr<const std::vector<sql::Statement>> parsed;
    try {
        auto statements = std::make_shared<std::vector<sql::Statement>>(sql::parseScript(*text));
        if (statements->size() != 1 || statements->front().kind != sql::StatementKind::Select)
            throwError(StatusCode::Corrupt, "its text is not one query");
        parsed = statements;
        Planner inner(m_txn, *text);
        plan = inner.planSelect(*parsed->front().select);
    } catch (const EngineError &e) {
        fail(ref.pos, "view " + view.def.name + " cannot be read: " + e.what(), e.code());
    }
    const auto &columns = view.def.columns;
    if (!columns.empty() && columns.size() != plan->names.size())
        fail(ref.pos, "view " + view.def.name + " names " + std::to_string(columns.size())
                          + " columns, but its query now returns "
                          + std::to_string(plan->names.size()));
    // The plan may point into the parsed text: it lives as long as the plan.
    plan->keepAlive.push_back(parsed);
    plan->keepAlive.push_back(text);
    return derivedTable(plan, ref.alias.empty() ? view.def.name : ref.alias,
                        columns.empty() ? plan->names : columns);
}

Planner::FromResult Planner::derivedTable(std::shared_ptr<Plan> plan, const std::string &alias,
                                          const std::vector<std::string> &names)
{
    FromResult out;
    for (size_t i = 0; i < names.size(); ++i)
        out.scope.push_back({alias, names[i], plan->types[i], nullptr, 0});
    struct PlanOp : Operator {
        std::shared_ptr<Plan> plan;
        size_t width;
        std::string label;
        std::string describe() const override { return label; }
        std::vector<const Operator *> inputs() const override { return {plan->root.get()}; }
        void open(ExecContext &ctx) override { plan->root->open(ctx); }
        bool next(Row &r) override
        {
            if (!plan->root->next(r))
                return false;
            r.resize(width); // drop hidden sort columns
            return true;
        }
    };
    auto op = std::make_unique<PlanOp>();
    op->plan = plan;
    op->width = names.size();
    op->label = "QUERY " + alias + " (planned on its own)";
    out.op = std::move(op);
    return out;
}

std::shared_ptr<Plan> Planner::planCompound(const std::vector<const sql::SelectStmt *> &members)
{
    std::vector<std::shared_ptr<Plan>> plans;
    for (const auto *m : members) {
        plans.push_back(planSelectCore(*m, false)); // ORDER BY / LIMIT are the compound's
        if (plans.back()->names.size() != plans.front()->names.size())
            fail(0, "each member of a UNION, INTERSECT or EXCEPT must return "
                        + std::to_string(plans.front()->names.size()) + " columns");
    }
    auto result = std::make_shared<Plan>();
    result->names = plans.front()->names;
    result->types = plans.front()->types;
    for (const auto &p : plans) {
        for (size_t c = 0; c < result->types.size(); ++c)
            result->types[c] = commonType(result->types[c], p->types[c]);
        result->correlated |= p->correlated;
    }
    using Op = sql::SelectStmt::CompoundOp;
    OperatorPtr op = std::move(plans.front()->root);
    for (size_t k = 1; k < plans.size(); ++k) {
        const CompoundOp::Kind kind = [&] {
            switch (members[k - 1]->compoundOp) {
            case Op::UnionAll:
                return CompoundOp::Kind::UnionAll;
            case Op::Intersect:
                return CompoundOp::Kind::Intersect;
            case Op::IntersectAll:
                return CompoundOp::Kind::IntersectAll;
            case Op::Except:
                return CompoundOp::Kind::Except;
            case Op::ExceptAll:
                return CompoundOp::Kind::ExceptAll;
            default:
                return CompoundOp::Kind::Union;
            }
        }();
        op = std::make_unique<CompoundOp>(std::move(op), std::move(plans[k]->root), kind,
                                          result->types);
    }
    result->root = std::move(op);
    return result;
}

namespace {

//! Whether a query reads a table of this name (in its FROM clauses, its subqueries'), not
//! counting tables a nested WITH of the same name hides.
bool readsTable(const sql::SelectStmt &s, const std::string &name);

bool exprReadsTable(const Expr *e, const std::string &name)
{
    if (!e)
        return false;
    if (e->subquery && readsTable(*e->subquery, name))
        return true;
    for (const auto &a : e->args)
        if (exprReadsTable(a.get(), name))
            return true;
    return false;
}

bool refReadsTable(const sql::TableRef *r, const std::string &name)
{
    if (!r)
        return false;
    switch (r->kind) {
    case sql::TableRef::Kind::Table:
        return equalsIgnoreCase(r->name, name);
    case sql::TableRef::Kind::Subquery:
        return readsTable(*r->subquery, name);
    case sql::TableRef::Kind::Join:
        return refReadsTable(r->left.get(), name) || refReadsTable(r->right.get(), name)
               || exprReadsTable(r->on.get(), name);
    case sql::TableRef::Kind::Function:
        return std::any_of(r->args.begin(), r->args.end(),
                           [&](const auto &a) { return exprReadsTable(a.get(), name); });
    }
    return false;
}

//! One member of a compound alone (not the members after it).
bool memberReadsTable(const sql::SelectStmt &m, const std::string &name)
{
    if (refReadsTable(m.from.get(), name) || exprReadsTable(m.where.get(), name)
        || exprReadsTable(m.having.get(), name))
        return true;
    for (const auto &item : m.items)
        if (exprReadsTable(item.expr.get(), name))
            return true;
    return false;
}

bool readsTable(const sql::SelectStmt &s, const std::string &name)
{
    for (const auto &t : s.with) {
        if (equalsIgnoreCase(t.name, name))
            return false; // hidden from here on
        if (readsTable(*t.query, name))
            return true;
    }
    for (const sql::SelectStmt *m = &s; m; m = m->compoundNext.get())
        if (memberReadsTable(*m, name))
            return true;
    return false;
}

} // namespace

bool queryReadsTable(const sql::SelectStmt &s, const std::string &name)
{
    return readsTable(s, name);
}

Planner::FromResult Planner::planCommonTable(CommonTableInScope &table, const sql::TableRef &ref)
{
    const std::string alias = ref.alias.empty() ? table.table->name : ref.alias;
    if (table.planning) {
        // Its own query reads it: the recursive step's row (planRecursive set it up).
        if (!table.working)
            fail(ref.pos, "circular reference to " + table.table->name
                              + " (a query of WITH RECURSIVE may read itself, after a first "
                                "part that does not, joined by UNION or UNION ALL)");
        FromResult out;
        for (size_t i = 0; i < table.workingNames.size(); ++i)
            out.scope.push_back({alias, table.workingNames[i], table.workingTypes[i], nullptr, 0});
        struct WorkingRows : Operator {
            std::shared_ptr<std::vector<Row>> rows;
            size_t pos = 0;
            std::string describe() const override { return "the rows the last round added"; }
            void open(ExecContext &) override { pos = 0; }
            bool next(Row &r) override
            {
                if (pos >= rows->size())
                    return false;
                r = (*rows)[pos++];
                return true;
            }
        };
        auto op = std::make_unique<WorkingRows>();
        op->rows = table.working;
        out.op = std::move(op);
        return out;
    }
    // Planned where it is read (a table read twice is planned twice), seeing no column of
    // the query that reads it.
    table.planning = true;
    struct Done {
        CommonTableInScope &t;
        ~Done()
        {
            t.planning = false;
            t.working.reset();
        }
    } done{table};
    std::vector<Level> saved;
    saved.swap(m_levels);
    std::shared_ptr<Plan> plan;
    try {
        plan = table.recursive && readsTable(*table.table->query, table.table->name)
                   ? planRecursive(table)
                   : planSelect(*table.table->query);
    } catch (...) {
        saved.swap(m_levels);
        throw;
    }
    saved.swap(m_levels);
    const auto &columns = table.table->columns;
    if (!columns.empty() && columns.size() != plan->names.size())
        fail(table.table->pos, table.table->name + " names " + std::to_string(columns.size())
                                   + " columns, but its query returns "
                                   + std::to_string(plan->names.size()));
    return derivedTable(plan, alias, columns.empty() ? plan->names : columns);
}

std::shared_ptr<Plan> Planner::planRecursive(CommonTableInScope &table)
{
    const sql::SelectStmt &body = *table.table->query;
    const std::string &name = table.table->name;
    // The first members that do not read the table are the anchor; the rest are the
    // recursive step, each joined by UNION or UNION ALL.
    std::vector<const sql::SelectStmt *> anchor, steps;
    bool distinct = false;
    for (const sql::SelectStmt *m = &body; m; m = m->compoundNext.get()) {
        (steps.empty() && !memberReadsTable(*m, name) ? anchor : steps).push_back(m);
    }
    if (anchor.empty() || steps.empty())
        fail(table.table->pos, "the query of WITH RECURSIVE " + name
                                   + " needs a first part that does not read " + name
                                   + ", then UNION [ALL] and parts that do");
    for (size_t k = anchor.size() - 1; k + 1 < anchor.size() + steps.size(); ++k) {
        const sql::SelectStmt *link = k < anchor.size() ? anchor[k] : steps[k - anchor.size()];
        using Op = sql::SelectStmt::CompoundOp;
        if (link->compoundOp != Op::Union && link->compoundOp != Op::UnionAll)
            fail(table.table->pos, "the parts of WITH RECURSIVE " + name
                                       + " that read it are joined by UNION or UNION ALL");
        distinct |= link->compoundOp == Op::Union;
    }
    // The anchor alone (its last link is the one to the steps: not applied here).
    std::shared_ptr<Plan> first = planCompound(anchor);
    table.working = std::make_shared<std::vector<Row>>();
    table.workingTypes = first->types;
    table.workingNames = table.table->columns.empty() ? first->names : table.table->columns;
    if (table.workingNames.size() != first->names.size())
        fail(table.table->pos, name + " names " + std::to_string(table.workingNames.size())
                                   + " columns, but its query returns "
                                   + std::to_string(first->names.size()));
    auto result = std::make_shared<Plan>();
    result->names = first->names;
    result->types = first->types;
    std::vector<OperatorPtr> stepOps;
    for (const auto *step : steps) {
        auto plan = planSelectCore(*step, false);
        if (plan->names.size() != first->names.size())
            fail(table.table->pos, "each part of WITH RECURSIVE " + name + " must return "
                                       + std::to_string(first->names.size()) + " columns");
        for (size_t c = 0; c < result->types.size(); ++c)
            result->types[c] = commonType(result->types[c], plan->types[c]);
        stepOps.push_back(std::move(plan->root));
    }
    OperatorPtr op = std::make_unique<RecursiveOp>(std::move(first->root), std::move(stepOps),
                                                   table.working, distinct, result->types);
    // ORDER BY and LIMIT of the query apply to its rows (a LIMIT stops the recursion).
    if (body.limit || body.offset)
        op = std::make_unique<LimitOp>(std::move(op),
                                       body.limit ? bindConstant(*body.limit) : nullptr,
                                       body.offset ? bindConstant(*body.offset) : nullptr);
    result->root = std::move(op);
    return result;
}

std::shared_ptr<Plan> Planner::planSelect(const sql::SelectStmt &select)
{
    // WITH: its tables are visible to the whole query, its members and subqueries.
    const size_t commonMark = m_commonTables.size();
    for (const auto &table : select.with)
        m_commonTables.push_back({&table, select.withRecursive});
    struct Pop {
        std::vector<CommonTableInScope> &tables;
        size_t mark;
        ~Pop() { tables.resize(mark); }
    } pop{m_commonTables, commonMark};
    if (!select.compoundNext)
        return planSelectCore(select, true);
    std::vector<const sql::SelectStmt *> members;
    for (const sql::SelectStmt *s = &select; s; s = s->compoundNext.get())
        members.push_back(s);
    auto result = planCompound(members);
    OperatorPtr op = std::move(result->root);
    if (!select.orderBy.empty()) {
        std::vector<int> keys;
        std::vector<bool> desc;
        for (const auto &item : select.orderBy) {
            int col = -1;
            if (item.expr->kind == ExprKind::Literal
                && item.expr->value.type == LogicalType::Integer)
                col = static_cast<int>(item.expr->value.i) - 1;
            else if (item.expr->kind == ExprKind::Column)
                for (size_t i = 0; i < result->names.size(); ++i)
                    if (equalsIgnoreCase(result->names[i], item.expr->name))
                        col = static_cast<int>(i);
            if (col < 0 || col >= static_cast<int>(result->names.size()))
                fail(item.expr->pos,
                     "ORDER BY after UNION, INTERSECT or EXCEPT must name an output column");
            if (item.nulls != sql::OrderItem::Nulls::Default)
                fail(item.expr->pos, "NULLS FIRST or LAST after UNION, INTERSECT or EXCEPT is "
                                     "not supported yet: order in a query around it");
            keys.push_back(col);
            desc.push_back(item.descending);
        }
        op = std::make_unique<SortOp>(std::move(op), keys, desc);
    }
    if (select.limit || select.offset)
        op = std::make_unique<LimitOp>(std::move(op),
                                       select.limit ? bindConstant(*select.limit) : nullptr,
                                       select.offset ? bindConstant(*select.offset) : nullptr);
    result->root = std::move(op);
    return result;
}

std::shared_ptr<Plan> Planner::planSelectCore(const sql::SelectStmt &s, bool applyOrderLimit)
{
    m_levels.push_back({nullptr, false});
    const size_t myLevel = m_levels.size() - 1;
    const size_t pendingMark = m_pendingScans.size();
    const size_t fromScansMark = m_fromScans.size();
    struct Pop {
        std::vector<Level> &l;
        WindowContext *&window;
        WindowContext *outer;
        ~Pop()
        {
            l.pop_back();
            window = outer;
        }
    } pop{m_levels, m_window, std::exchange(m_window, nullptr)};
    WindowContext windows{{}, {}, &s.windows};

    std::vector<const Expr *> whereTerms;
    splitConjuncts(s.where.get(), whereTerms);
    FromResult from;
    std::optional<FromResult> joined;
    if (s.from && s.from->kind == sql::TableRef::Kind::Join)
        joined = planInnerJoins(*s.from, whereTerms, fromScansMark);
    if (joined) {
        from = std::move(*joined);
    } else if (s.from) {
        from = planFrom(*s.from, &whereTerms);
        if (s.from->kind == sql::TableRef::Kind::Join)
            pushTermsIntoScans(whereTerms, from.scope, fromScansMark);
    } else {
        from.op = std::make_unique<ValuesOp>(std::vector<Row>{Row{}});
    }
    const Scope &scope = from.scope;
    m_levels[myLevel].scope = &scope;
    OperatorPtr op = std::move(from.op);

    // WHERE: a single-table query filters inside the scan and may use an index.
    {
        BExprPtr filter;
        std::vector<const Expr *> remaining;
        for (const Expr *t : whereTerms)
            if (t)
                remaining.push_back(t);
        for (const Expr *t : remaining) {
            if (containsAggregate(*t))
                fail(t->pos, "aggregate functions are not allowed in WHERE");
            auto b = bind(*t, scope, nullptr);
            if (!filter) {
                filter = std::move(b);
            } else {
                auto both = std::make_unique<BExpr>();
                both->kind = BKind::And;
                both->type = LogicalType::Boolean;
                both->args.push_back(std::move(filter));
                both->args.push_back(std::move(b));
                filter = std::move(both);
            }
        }
        auto *scan = dynamic_cast<TableScan *>(op.get());
        if (scan && filter) {
            chooseIndex(*scan, scan->table(), remaining, scope);
            scan->setFilter(std::move(filter));
        } else if (filter) {
            op = std::make_unique<FilterOp>(std::move(op), std::move(filter));
        }
    }

    // Aggregation.
    bool aggregated = !s.groupBy.empty() || (s.having != nullptr);
    for (const auto &item : s.items)
        aggregated |= item.expr->kind != ExprKind::Star && containsAggregate(*item.expr);
    for (const auto &o : s.orderBy)
        aggregated |= containsAggregate(*o.expr);
    std::vector<AggregateSpec> aggregates;
    AggContext aggCtx{&aggregates, scope.size(), false};
    AggContext *agg = aggregated ? &aggCtx : nullptr;

    // Select list (window functions allowed: they read the rows after WHERE, GROUP BY and
    // HAVING).
    m_window = &windows;
    std::vector<BExprPtr> exprs;
    auto plan = std::make_shared<Plan>();
    for (const auto &item : s.items) {
        if (item.expr->kind == ExprKind::Star) {
            bool any = false;
            for (size_t i = 0; i < scope.size(); ++i) {
                if (!item.expr->table.empty()
                    && !equalsIgnoreCase(scope[i].table, item.expr->table))
                    continue;
                if (item.expr->table.empty() && scope[i].qualifiedOnly)
                    continue; // a USING pair shows once
                auto b = std::make_unique<BExpr>();
                b->kind = BKind::Column;
                b->index = static_cast<int>(i);
                b->type = scope[i].type;
                if (scope[i].usage)
                    (*scope[i].usage)[scope[i].usageIndex] = true;
                exprs.push_back(std::move(b));
                plan->names.push_back(scope[i].name);
                any = true;
            }
            if (!any)
                fail(item.expr->pos,
                     item.expr->table.empty() ? "SELECT * needs a FROM clause"
                                              : "no such table: " + item.expr->table,
                     item.expr->table.empty() ? StatusCode::Invalid : StatusCode::NotFound);
            continue;
        }
        exprs.push_back(bind(*item.expr, scope, agg));
        plan->names.push_back(!item.alias.empty()                   ? item.alias
                              : item.expr->kind == ExprKind::Column ? item.expr->name
                                                                    : expressionText(*item.expr));
    }
    m_window = nullptr;
    for (const auto &e : exprs)
        plan->types.push_back(e->type);
    const size_t visible = exprs.size();

    std::vector<BExprPtr> groupBy;
    for (const auto &g : s.groupBy) {
        // GROUP BY 2 and GROUP BY alias refer to the select list.
        if (g->kind == ExprKind::Literal && g->value.type == LogicalType::Integer) {
            const auto k = g->value.i;
            if (k < 1 || k > static_cast<int64_t>(visible))
                fail(g->pos,
                     "GROUP BY position " + std::to_string(k) + " is not in the select list");
            if (containsAggregate(*s.items[k - 1].expr))
                fail(g->pos, "cannot GROUP BY an aggregate");
            groupBy.push_back(bind(*s.items[k - 1].expr, scope, nullptr));
            continue;
        }
        if (g->kind == ExprKind::Column && g->table.empty()) {
            bool inScope = std::any_of(scope.begin(), scope.end(), [&](const ScopeColumn &c) {
                return equalsIgnoreCase(c.name, g->name);
            });
            if (!inScope) {
                for (size_t i = 0; i < s.items.size(); ++i) {
                    if (equalsIgnoreCase(s.items[i].alias, g->name)) {
                        groupBy.push_back(bind(*s.items[i].expr, scope, nullptr));
                        inScope = true;
                        break;
                    }
                }
                if (inScope)
                    continue;
            }
        }
        if (containsAggregate(*g))
            fail(g->pos, "cannot GROUP BY an aggregate");
        groupBy.push_back(bind(*g, scope, nullptr));
    }
    BExprPtr having = s.having ? bind(*s.having, scope, agg) : nullptr;

    // ORDER BY: output ordinals and aliases, else expressions as hidden columns.
    std::vector<int> sortKeys;
    std::vector<bool> sortDesc;
    m_window = &windows;
    if (applyOrderLimit) {
        for (const auto &o : s.orderBy) {
            int col = -1;
            if (o.expr->kind == ExprKind::Literal && o.expr->value.type == LogicalType::Integer) {
                col = static_cast<int>(o.expr->value.i) - 1;
                if (col < 0 || col >= static_cast<int>(visible))
                    fail(o.expr->pos, "ORDER BY position " + std::to_string(o.expr->value.i)
                                          + " is not in the select list");
            } else if (o.expr->kind == ExprKind::Column && o.expr->table.empty()) {
                for (size_t i = 0; i < s.items.size() && col < 0; ++i)
                    if (equalsIgnoreCase(s.items[i].alias, o.expr->name))
                        col = static_cast<int>(i);
            }
            const sql::Expr *sorted = o.expr.get();
            if (col >= 0 && col < static_cast<int>(s.items.size())
                && s.items[static_cast<size_t>(col)].expr->kind != ExprKind::Star)
                sorted = s.items[static_cast<size_t>(col)].expr.get();
            if (col < 0) {
                exprs.push_back(bind(*o.expr, scope, agg));
                col = static_cast<int>(exprs.size() - 1);
            }
            if (const auto nullsKey = nullsKeyDescending(o)) {
                if (o.expr->kind == ExprKind::Literal && sorted == o.expr.get())
                    fail(o.expr->pos, "NULLS FIRST or LAST needs the column itself here, not "
                                      "its position in a SELECT *");
                exprs.push_back(isNullKey(bind(*sorted, scope, agg)));
                sortKeys.push_back(static_cast<int>(exprs.size() - 1));
                sortDesc.push_back(*nullsKey);
            }
            sortKeys.push_back(col);
            sortDesc.push_back(o.descending);
        }
    }

    m_window = nullptr;
    const size_t rowWidth = aggregated ? scope.size() + aggregates.size() : scope.size();
    if (aggregated) {
        op = std::make_unique<AggregateOp>(std::move(op), scope.size(), std::move(groupBy),
                                           std::move(aggregates));
        if (having)
            op = std::make_unique<FilterOp>(std::move(op), std::move(having));
    }
    if (!windows.calls.empty()) {
        // Each call's value goes after the row's columns; calls over the same window share
        // one sort.
        std::function<void(BExpr &)> place = [&](BExpr &e) {
            if (e.kind == BKind::WindowRef) {
                e.kind = BKind::Column;
                e.index += static_cast<int>(rowWidth);
            }
            for (auto &a : e.args)
                if (a)
                    place(*a);
        };
        for (auto &e : exprs)
            place(*e);
        const size_t width = rowWidth + windows.calls.size();
        for (size_t k = 0; k < windows.calls.size(); ++k)
            windows.calls[k].slot = rowWidth + k;
        std::vector<bool> done(windows.calls.size(), false);
        for (size_t k = 0; k < windows.calls.size(); ++k) {
            if (done[k])
                continue;
            std::vector<WindowCall> group;
            for (size_t j = k; j < windows.calls.size(); ++j) {
                if (!done[j] && windows.keys[j] == windows.keys[k]) {
                    group.push_back(std::move(windows.calls[j]));
                    done[j] = true;
                }
            }
            op = std::make_unique<WindowOp>(std::move(op), std::move(group), width);
        }
    }
    // Only now are the column usage flags complete.
    for (size_t i = pendingMark; i < m_pendingScans.size(); ++i)
        m_pendingScans[i].scan->setNeeded(*m_pendingScans[i].usage);
    m_pendingScans.resize(pendingMark);
    m_fromScans.resize(fromScansMark);

    if (auto *scan = dynamic_cast<TableScan *>(op.get());
        scan && !aggregated && !s.distinct && sortKeys.empty() && !s.limit && !s.offset
        && applyOrderLimit && exprs.size() == visible
        && std::all_of(exprs.begin(), exprs.end(),
                       [](const BExprPtr &e) { return e->kind == BKind::Column; })) {
        plan->directScan = scan;
        for (const auto &e : exprs)
            plan->directColumns.push_back(static_cast<uint32_t>(e->index));
    }
    op = std::make_unique<ProjectOp>(std::move(op), std::move(exprs));
    if (s.distinct)
        op = std::make_unique<DistinctOp>(std::move(op), visible);
    if (!sortKeys.empty())
        op = std::make_unique<SortOp>(std::move(op), sortKeys, sortDesc);
    if (applyOrderLimit && (s.limit || s.offset)) {
        auto limit = s.limit ? bind(*s.limit, Scope{}, nullptr) : nullptr;
        auto offset = s.offset ? bind(*s.offset, Scope{}, nullptr) : nullptr;
        op = std::make_unique<LimitOp>(std::move(op), std::move(limit), std::move(offset));
    }
    plan->root = std::move(op);
    plan->correlated = m_levels[myLevel].correlated;
    return plan;
}

} // namespace strata::engine::exec
