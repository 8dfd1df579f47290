#pragma once

#include "engine/types/value.h"

#include <memory>
#include <string>
#include <vector>

namespace strata::engine::sql {

struct SelectStmt;

enum class ExprKind {
    Literal,
    Param,    //!< `?`, numbered from 0 in order of appearance
    Column,   //!< [table.]name
    Star,     //!< * or table.* (select list and COUNT(*) only)
    Unary,    //!< op: "-", "+", "NOT"
    Binary,   //!< op: arithmetic, comparison, AND, OR, ||
    Function, //!< scalar or aggregate call
    Case,     //!< args: [operand], when1, then1, ..., [else] (flags below)
    Cast,
    Between,        //!< args: value, low, high
    InList,         //!< args: value, item...
    InSubquery,     //!< args: value; subquery
    Exists,         //!< subquery
    ScalarSubquery, //!< subquery
    IsNull,         //!< args: value
    Like,           //!< args: value, pattern, [escape]
};

//! A parsed expression. One node type keeps the parser and binder short.
struct Expr;
struct WindowSpec;
struct OrderItem;

struct Expr {
    ExprKind kind = ExprKind::Literal;
    uint32_t pos = 0;  //!< byte offset in the statement text
    std::string op;    //!< operator or function name (upper case)
    std::string table; //!< qualifier of a column reference
    std::string name;  //!< column name
    Value value;       //!< literal
    int paramIndex = -1;
    LogicalType castType = LogicalType::Null;
    bool negated = false;    //!< NOT BETWEEN / NOT IN / NOT LIKE / IS NOT NULL / NOT EXISTS
    bool distinct = false;   //!< COUNT(DISTINCT x)
    bool hasOperand = false; //!< CASE x WHEN ...
    bool hasElse = false;
    std::vector<std::unique_ptr<Expr>> args;
    std::shared_ptr<SelectStmt> subquery;
    //! A window function's OVER clause (a Function called over a window of rows).
    std::shared_ptr<WindowSpec> over;
    //! string_agg(x, ',' ORDER BY y): the order an aggregate takes its rows in.
    std::shared_ptr<std::vector<OrderItem>> aggregateOrder;
};
using ExprPtr = std::unique_ptr<Expr>;

struct OrderItem {
    ExprPtr expr;
    bool descending = false;
    //! NULLS FIRST / LAST; by default NULLs sort first ascending and last descending
    enum class Nulls { Default, First, Last } nulls = Nulls::Default;
};

//! OVER (...) or a WINDOW clause's definition.
struct WindowSpec {
    std::string base; //!< OVER w / OVER (w ...): the named window this one starts from
    std::vector<ExprPtr> partitionBy;
    std::vector<OrderItem> orderBy;
    //! ROWS or RANGE BETWEEN start AND end (without a frame: RANGE BETWEEN UNBOUNDED
    //! PRECEDING AND CURRENT ROW when ordered, the whole partition otherwise).
    bool hasFrame = false;
    bool rows = false; //!< ROWS, else RANGE
    struct Bound {
        enum class Kind {
            UnboundedPreceding,
            Preceding,
            CurrentRow,
            Following,
            UnboundedFollowing
        };
        Kind kind = Kind::CurrentRow;
        ExprPtr offset; //!< N PRECEDING / N FOLLOWING
    };
    Bound start, end;
    uint32_t pos = 0;
};

struct SelectItem {
    ExprPtr expr; //!< Star for * and t.*
    std::string alias;
};

struct TableRef {
    //! Function: a table-valued function (json_each(doc [, path])): name and args.
    enum class Kind { Table, Subquery, Join, Function } kind = Kind::Table;
    std::vector<ExprPtr> args;
    uint32_t pos = 0;
    std::string name;
    std::string alias;
    std::shared_ptr<SelectStmt> subquery;
    enum class JoinType { Inner, Left, Cross, Right, Full } joinType = JoinType::Inner;
    std::unique_ptr<TableRef> left, right;
    ExprPtr on;
    std::vector<std::string> usingColumns; //!< JOIN ... USING (a, b)
    bool natural = false;                  //!< NATURAL JOIN: USING every shared column
};

struct SelectStmt;

//! A common table expression of WITH: a name (and column names) for a query.
struct CommonTable {
    std::string name;
    std::vector<std::string> columns; //!< renames the query's columns, when given
    std::shared_ptr<SelectStmt> query;
    uint32_t pos = 0;
};

struct SelectStmt {
    //! WITH: tables named for this query (and its members, subqueries and ORDER BY). With
    //! RECURSIVE, a table's query may read itself (see Planner::planRecursive).
    std::vector<CommonTable> with;
    bool withRecursive = false;
    bool distinct = false;
    std::vector<SelectItem> items;
    std::unique_ptr<TableRef> from;
    ExprPtr where;
    std::vector<ExprPtr> groupBy;
    ExprPtr having;
    //! WINDOW name AS (...), ...
    std::vector<std::pair<std::string, std::shared_ptr<WindowSpec>>> windows;
    std::vector<OrderItem> orderBy;
    ExprPtr limit;
    ExprPtr offset;
    //! A compound SELECT: this SELECT's rows combined with `compoundNext`'s by `compoundOp`
    //! (UNION, INTERSECT, EXCEPT, each [ALL]), left to right as SQLite does:
    //! A UNION B INTERSECT C is (A UNION B) INTERSECT C. ORDER BY and LIMIT of the whole
    //! compound are the head's.
    enum class CompoundOp { Union, UnionAll, Intersect, IntersectAll, Except, ExceptAll };
    std::shared_ptr<SelectStmt> compoundNext;
    CompoundOp compoundOp = CompoundOp::Union;
};

struct ColumnSpec {
    std::string name;
    std::string typeName; //!< as written, e.g. "VARCHAR(40)"
    LogicalType type = LogicalType::Text;
    uint32_t maxLength = 0;
    bool notNull = false;
    bool primaryKey = false;
    bool unique = false;
    bool sensitive = false;
    ExprPtr defaultExpr;
    uint32_t pos = 0;
};

enum class StatementKind {
    Select,
    Insert,
    Update,
    Delete,
    CreateTable,
    DropTable,
    AlterTable,
    CreateIndex,
    DropIndex,
    Begin,
    Commit,
    Rollback,
    CreateView, //!< table: the name; columns: names given; select: the query (from bodyPos)
    DropView,
    Reindex, //!< indexes never go stale here: checks the name, changes nothing
    Explain, //!< EXPLAIN [QUERY PLAN] query: select holds the query
};

struct Statement {
    StatementKind kind = StatementKind::Select;
    uint32_t pos = 0;                   //!< where the statement starts in the script
    uint32_t end = 0;                   //!< one past its end
    uint32_t bodyPos = 0;               //!< CREATE VIEW: where its query starts
    std::shared_ptr<SelectStmt> select; //!< Select, and INSERT ... SELECT
    std::string table;
    bool ifExists = false;
    bool ifNotExists = false;
    // INSERT
    std::vector<std::string> columns;
    std::vector<std::vector<ExprPtr>> values;
    //! INSERT OR ... / REPLACE INTO: what a row that breaks a unique key does.
    enum class OnConflict { Fail, Ignore, Replace } orAction = OnConflict::Fail;
    //! ON CONFLICT [(target)] DO NOTHING | DO UPDATE SET ... [WHERE ...]
    bool hasUpsert = false;
    uint32_t upsertPos = 0;
    std::vector<std::string> conflictTarget; //!< empty: any unique key (DO NOTHING only)
    bool doNothing = false;
    std::vector<std::pair<std::string, ExprPtr>> upsertSets;
    ExprPtr upsertWhere;
    //! INSERT, UPDATE, DELETE ... RETURNING: what each written row gives back.
    std::vector<SelectItem> returning;
    // UPDATE
    std::vector<std::pair<std::string, ExprPtr>> assignments;
    ExprPtr where;
    // CREATE TABLE
    std::vector<ColumnSpec> columnSpecs;
    std::vector<std::string> primaryKey;
    std::vector<std::vector<std::string>> uniqueKeys;
    // ALTER TABLE
    enum class AlterAction {
        AddColumn,
        RenameTable,
        RenameColumn,
        DropColumn
    } alter
        = AlterAction::AddColumn;
    std::string newName;
    std::string oldName;
    // CREATE INDEX
    std::string indexName;
    bool unique = false;
    int paramCount = 0;
};

} // namespace strata::engine::sql
