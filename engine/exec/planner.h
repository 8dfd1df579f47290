#pragma once

#include "engine/common/status.h"
#include "engine/exec/operators.h"
#include "engine/sql/ast.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine {
class Transaction;
}

namespace strata::engine::exec {

//! NULLS FIRST descending and NULLS LAST ascending go against where NULLs sort (first): such
//! an ORDER BY item is sorted first by whether its value is NULL. That key's direction, or
//! nullopt for an item that needs none.
std::optional<bool> nullsKeyDescending(const sql::OrderItem &item);
//! `value` IS NULL, as that sort key.
BExprPtr isNullKey(BExprPtr value);

//! A column a name can resolve to.
struct ScopeColumn {
    std::string table; //!< alias or table name
    std::string name;
    LogicalType type = LogicalType::Null;
    //! Marks the column as read, so a table scan decodes it (null for derived tables).
    std::shared_ptr<std::vector<bool>> usage;
    int usageIndex = 0;
    //! Found only by table.name (an upsert's excluded.x: a plain x is the table's).
    bool qualifiedOnly = false;
};
using Scope = std::vector<ScopeColumn>;

//! Whether a query reads a table (or view) of this name anywhere: FROM, subqueries, WITH.
bool queryReadsTable(const sql::SelectStmt &s, const std::string &name);

//! Turns parsed statements into bound expressions and operator trees for one transaction.
class Planner {
public:
    Planner(Transaction &txn, std::string_view sqlText)
        : m_txn(txn)
        , m_sql(sqlText)
    {
    }

    std::shared_ptr<Plan> planSelect(const sql::SelectStmt &select);
    //! Binds an expression over one table's columns (UPDATE SET, DEFAULT, CHECK).
    BExprPtr bindExpr(const sql::Expr &expr, const Scope &scope);
    //! A scan of `table` that yields rows matching `where`, using an index when it can.
    std::unique_ptr<TableScan> planTableScan(const std::shared_ptr<TableEntry> &table,
                                             const std::string &alias, const sql::Expr *where,
                                             Scope &scope);
    //! A constant expression (DEFAULT, VALUES): no columns.
    BExprPtr bindConstant(const sql::Expr &expr);

    [[noreturn]] void fail(uint32_t pos, const std::string &what,
                           StatusCode code = StatusCode::Invalid) const;

private:
    struct Level {
        const Scope *scope = nullptr;
        bool correlated = false;
    };
    struct AggContext {
        std::vector<AggregateSpec> *aggregates;
        size_t inputWidth;
        bool inAggregate = false;
    };
    struct FromResult {
        OperatorPtr op;
        Scope scope;
    };

    BExprPtr bind(const sql::Expr &e, const Scope &scope, AggContext *agg);
    //! An aggregate call's spec; `inner`: its argument may not hold an aggregate.
    AggregateSpec bindAggregate(const sql::Expr &e, const Scope &scope, AggContext *agg,
                                bool inner);
    //! The window functions of the select list and ORDER BY being bound.
    struct WindowContext {
        std::vector<WindowCall> calls;
        std::vector<std::string> keys; //!< per call: its window, as text (equal: shared)
        const std::vector<std::pair<std::string, std::shared_ptr<sql::WindowSpec>>> *named;
        bool binding = false; //!< inside a window call: another one there is nested
    };
    WindowContext *m_window = nullptr; //!< null where window functions are not allowed
    BExprPtr bindWindowCall(const sql::Expr &e, const Scope &scope, AggContext *agg);
    BExprPtr bindColumn(const sql::Expr &e, const Scope &scope);
    BExprPtr bindSubquery(const sql::Expr &e, BKind kind, const Scope &scope, AggContext *agg);
    FromResult planFrom(const sql::TableRef &ref, std::vector<const sql::Expr *> *whereTerms);
    std::shared_ptr<Plan> planSelectCore(const sql::SelectStmt &s, bool applyOrderLimit);
    void chooseIndex(TableScan &scan, const std::shared_ptr<TableEntry> &table,
                     std::vector<const sql::Expr *> &terms, const Scope &scope);
    std::string describe(const sql::Expr &e) const;

    struct PendingScan {
        TableScan *scan;
        std::shared_ptr<std::vector<bool>> usage;
    };
    //! A table scan of the FROM clause being planned: its alias, and whether a LEFT JOIN may
    //! fill its columns with NULLs (then WHERE terms cannot move into it).
    struct FromScan {
        std::string alias;
        TableScan *scan;
        bool nullable = false;
    };
    //! Moves WHERE terms that read one table of a join into that table's scan (its filter,
    //! and an index for it): a join then sees only the rows each table keeps.
    void pushTermsIntoScans(std::vector<const sql::Expr *> &terms, const Scope &scope,
                            size_t fromScansMark);
    //! A FROM clause of inner joins only (comma, CROSS, JOIN ... ON): its tables joined in an
    //! order of their own (the smallest first, then each table linked to those before by an
    //! equality, with hash joins on those; a table far bigger than the rest streams first),
    //! ON and WHERE terms applied as soon as their tables are joined (and taken out of
    //! `terms`), the columns given back in FROM order. Null when the clause has a LEFT JOIN.
    std::optional<FromResult> planInnerJoins(const sql::TableRef &ref,
                                             std::vector<const sql::Expr *> &terms,
                                             size_t fromScansMark);

    Transaction &m_txn;
    std::string_view m_sql;
    std::vector<Level> m_levels;
    //! Scans whose needed columns are known only once their query is bound.
    std::vector<PendingScan> m_pendingScans;
    std::vector<FromScan> m_fromScans;

    // WITH: the common tables visible where the planner is, innermost last.
    struct CommonTableInScope {
        const sql::CommonTable *table;
        bool recursive;        //!< its WITH said RECURSIVE
        bool planning = false; //!< its query is being planned (a reference is recursion)
        std::shared_ptr<std::vector<Row>> working; //!< the row a recursive step reads
        std::vector<std::string> workingNames;
        std::vector<LogicalType> workingTypes;
    };
    std::vector<CommonTableInScope> m_commonTables;
    FromResult planCommonTable(CommonTableInScope &table, const sql::TableRef &ref);
    FromResult planView(const ViewEntry &view, const sql::TableRef &ref);
    std::vector<BExprPtr> bindTableFunctionArgs(const sql::TableRef &ref, const Scope &scope);
    FromResult planTableFunctionJoin(const sql::TableRef &ref,
                                     std::vector<const sql::Expr *> *whereTerms);
    //! A WITH RECURSIVE table whose query reads itself: anchor members, then recursive ones.
    std::shared_ptr<Plan> planRecursive(CommonTableInScope &table);
    //! Members of a compound combined left to right (their links' operators).
    std::shared_ptr<Plan> planCompound(const std::vector<const sql::SelectStmt *> &members);
    //! A derived table's rows with the names it is known by.
    FromResult derivedTable(std::shared_ptr<Plan> plan, const std::string &alias,
                            const std::vector<std::string> &names);
};

//! The type two branches of a result share (CASE, UNION): numbers widen to DOUBLE, others
//! meet in TEXT, NULL takes the other's.
LogicalType commonType(LogicalType a, LogicalType b);
//! Splits a condition at its top-level ANDs.
void splitConjuncts(const sql::Expr *e, std::vector<const sql::Expr *> &out);
//! True when the expression (outside subqueries) calls an aggregate function.
bool containsAggregate(const sql::Expr &e);
//! A readable form of an expression, for result column names ("count(*)", "a + 1").
std::string expressionText(const sql::Expr &e);

} // namespace strata::engine::exec
