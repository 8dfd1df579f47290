#include "engine/exec/planner.h"

#include "engine/common/ascii.h"
#include "engine/common/status.h"
#include "engine/exec/time_functions.h"
#include "engine/mvcc/transaction.h"
#include "engine/sql/parser.h"

#include <algorithm>
#include <set>

// The binder half of the planner: names resolved against scopes, types decided, aggregates and
// subqueries bound (Planner::bind and what it needs). planner.cpp plans FROM and SELECT.

namespace strata::engine::exec {

namespace {

struct WindowFunction {
    const char *name;
    size_t least, most; //!< arguments
};

//! The functions that exist only with OVER (aggregates work with it too).
const WindowFunction *findWindowFunction(const std::string &upperName)
{
    static const WindowFunction kFunctions[] = {
        {"ROW_NUMBER", 0, 0},  {"RANK", 0, 0},       {"DENSE_RANK", 0, 0}, {"PERCENT_RANK", 0, 0},
        {"CUME_DIST", 0, 0},   {"NTILE", 1, 1},      {"LAG", 1, 3},        {"LEAD", 1, 3},
        {"FIRST_VALUE", 1, 1}, {"LAST_VALUE", 1, 1}, {"NTH_VALUE", 2, 2}};
    for (const auto &f : kFunctions)
        if (upperName == f.name)
            return &f;
    return nullptr;
}

} // namespace

using sql::Expr;
using sql::ExprKind;

std::optional<bool> nullsKeyDescending(const sql::OrderItem &item)
{
    using Nulls = sql::OrderItem::Nulls;
    const bool nullsFirst
        = item.nulls == Nulls::Default ? !item.descending : item.nulls == Nulls::First;
    if (nullsFirst != item.descending)
        return std::nullopt;
    return nullsFirst;
}

BExprPtr isNullKey(BExprPtr value)
{
    auto isNull = std::make_unique<BExpr>();
    isNull->kind = BKind::IsNull;
    isNull->type = LogicalType::Boolean;
    isNull->args.push_back(std::move(value));
    return isNull;
}

void splitConjuncts(const Expr *e, std::vector<const Expr *> &out)
{
    if (!e)
        return;
    if (e->kind == ExprKind::Binary && e->op == "AND") {
        splitConjuncts(e->args[0].get(), out);
        splitConjuncts(e->args[1].get(), out);
    } else {
        out.push_back(e);
    }
}

bool containsAggregate(const Expr &e)
{
    if (e.kind == ExprKind::Function && !e.over && isAggregateFunction(e.op, e.args.size()))
        return true;
    for (const auto &a : e.args)
        if (a && containsAggregate(*a))
            return true;
    return false;
}

std::string expressionText(const Expr &e)
{
    switch (e.kind) {
    case ExprKind::Literal:
        return e.value.type == LogicalType::Text ? e.value.toSqlLiteral() : e.value.toString();
    case ExprKind::Param:
        return "?";
    case ExprKind::Column:
        return e.table.empty() ? e.name : e.table + "." + e.name;
    case ExprKind::Star:
        return e.table.empty() ? "*" : e.table + ".*";
    case ExprKind::Unary:
        return (e.op == "NOT" ? "NOT " : e.op) + expressionText(*e.args[0]);
    case ExprKind::Binary:
        return expressionText(*e.args[0]) + " " + e.op + " " + expressionText(*e.args[1]);
    case ExprKind::Function: {
        // The operators the parser makes calls of read as they were written.
        if ((e.op == "JSON_ARROW" || e.op == "JSON_EXTRACT_TEXT") && e.args.size() == 2)
            return expressionText(*e.args[0]) + (e.op == "JSON_ARROW" ? " -> " : " ->> ")
                   + expressionText(*e.args[1]);
        if ((e.op == "ADD_INTERVAL" || e.op == "SUBTRACT_INTERVAL") && e.args.size() == 2)
            return expressionText(*e.args[0]) + (e.op == "ADD_INTERVAL" ? " + " : " - ")
                   + "INTERVAL " + expressionText(*e.args[1]);
        std::string out = asciiLower(e.op) + "(";
        if (e.distinct)
            out += "DISTINCT ";
        for (size_t i = 0; i < e.args.size(); ++i)
            out += (i ? ", " : "") + expressionText(*e.args[i]);
        return out + ")";
    }
    case ExprKind::Cast:
        return "CAST(" + expressionText(*e.args[0]) + " AS " + typeName(e.castType) + ")";
    case ExprKind::Case:
        return "CASE";
    case ExprKind::IsNull:
        return expressionText(*e.args[0]) + (e.negated ? " IS NOT NULL" : " IS NULL");
    case ExprKind::Between:
        return expressionText(*e.args[0]) + (e.negated ? " NOT BETWEEN " : " BETWEEN ")
               + expressionText(*e.args[1]) + " AND " + expressionText(*e.args[2]);
    case ExprKind::Like:
        return expressionText(*e.args[0]) + (e.negated ? " NOT LIKE " : " LIKE ")
               + expressionText(*e.args[1]);
    case ExprKind::InList:
    case ExprKind::InSubquery:
        return expressionText(*e.args[0]) + (e.negated ? " NOT IN" : " IN");
    case ExprKind::Exists:
        return e.negated ? "NOT EXISTS" : "EXISTS";
    case ExprKind::ScalarSubquery:
        return "(subquery)";
    }
    return "?";
}

void Planner::fail(uint32_t pos, const std::string &what, StatusCode code) const
{
    throwError(code, what + " (at " + sql::describePosition(m_sql, pos) + ")");
}

std::string Planner::describe(const Expr &e) const
{
    return expressionText(e);
}

// ---- expressions ----------------------------------------------------------------------------

BExprPtr Planner::bindColumn(const Expr &e, const Scope &scope)
{
    auto matches = [&](const ScopeColumn &c) {
        return equalsIgnoreCase(c.name, e.name)
               && (e.table.empty() ? !c.qualifiedOnly : equalsIgnoreCase(c.table, e.table));
    };
    auto resolve = [&](const Scope &s, int &found) {
        found = -1;
        for (size_t i = 0; i < s.size(); ++i) {
            if (!matches(s[i]))
                continue;
            if (found >= 0)
                fail(e.pos,
                     "column name " + e.name + " is ambiguous; qualify it with a table name");
            found = static_cast<int>(i);
        }
    };
    auto markUsed = [](const ScopeColumn &c) {
        if (c.usage)
            (*c.usage)[c.usageIndex] = true;
    };
    int found;
    resolve(scope, found);
    if (found >= 0) {
        auto b = std::make_unique<BExpr>();
        b->kind = BKind::Column;
        b->index = found;
        b->type = scope[found].type;
        b->pos = e.pos;
        markUsed(scope[found]);
        return b;
    }
    // Enclosing queries, innermost first: a correlated reference.
    for (int level = static_cast<int>(m_levels.size()) - 2; level >= 0; --level) {
        const Scope *outer = m_levels[level].scope;
        if (!outer)
            continue;
        resolve(*outer, found);
        if (found < 0)
            continue;
        for (size_t l = level + 1; l < m_levels.size(); ++l)
            m_levels[l].correlated = true;
        auto b = std::make_unique<BExpr>();
        b->kind = BKind::OuterColumn;
        b->index = found;
        b->depth = static_cast<int>(m_levels.size()) - 1 - level;
        b->type = (*outer)[found].type;
        b->pos = e.pos;
        markUsed((*outer)[found]);
        return b;
    }
    fail(e.pos, "no such column: " + (e.table.empty() ? e.name : e.table + "." + e.name),
         StatusCode::NotFound);
}

BExprPtr Planner::bindSubquery(const Expr &e, BKind kind, const Scope &scope, AggContext *agg)
{
    auto b = std::make_unique<BExpr>();
    b->kind = kind;
    b->pos = e.pos;
    b->negated = e.negated;
    if (kind == BKind::InSubquery)
        b->args.push_back(bind(*e.args[0], scope, agg));
    // The enclosing row at run time is the row this expression is evaluated on.
    m_levels.back().scope = &scope;
    b->subplan = planSelect(*e.subquery);
    b->correlated = b->subplan->correlated;
    if (kind == BKind::ScalarSubquery) {
        if (b->subplan->types.size() != 1)
            fail(e.pos, "a scalar subquery must return one column, not "
                            + std::to_string(b->subplan->types.size()));
        b->type = b->subplan->types[0];
    } else if (kind == BKind::InSubquery) {
        if (b->subplan->types.size() != 1)
            fail(e.pos, "an IN subquery must return one column, not "
                            + std::to_string(b->subplan->types.size()));
        b->type = LogicalType::Boolean;
    } else {
        b->type = LogicalType::Boolean;
    }
    return b;
}

LogicalType commonType(LogicalType a, LogicalType b)
{
    if (a == LogicalType::Null)
        return b;
    if (b == LogicalType::Null || a == b)
        return a;
    if (isNumeric(a) && isNumeric(b))
        return LogicalType::Double;
    return LogicalType::Text;
}

BExprPtr Planner::bind(const Expr &e, const Scope &scope, AggContext *agg)
{
    auto b = std::make_unique<BExpr>();
    b->pos = e.pos;
    switch (e.kind) {
    case ExprKind::Literal:
        b->kind = BKind::Const;
        b->value = e.value;
        b->type = e.value.type;
        return b;
    case ExprKind::Param:
        b->kind = BKind::Param;
        b->index = e.paramIndex;
        return b;
    case ExprKind::Column:
        return bindColumn(e, scope);
    case ExprKind::Star:
        fail(e.pos, "* is allowed only in a select list or COUNT(*)");
    case ExprKind::Unary:
        b->kind = e.op == "NOT" ? BKind::Not : BKind::Negate;
        b->args.push_back(bind(*e.args[0], scope, agg));
        if (e.op == "+")
            return std::move(b->args[0]);
        b->op = e.op == "~" ? '~' : '-';
        b->type = e.op == "NOT" ? LogicalType::Boolean
                  : e.op == "~" ? LogicalType::Integer
                                : b->args[0]->type;
        return b;
    case ExprKind::Binary: {
        b->args.push_back(bind(*e.args[0], scope, agg));
        b->args.push_back(bind(*e.args[1], scope, agg));
        const auto lt = b->args[0]->type, rt = b->args[1]->type;
        const std::string &op = e.op;
        if (op == "AND" || op == "OR") {
            b->kind = op == "AND" ? BKind::And : BKind::Or;
            b->type = LogicalType::Boolean;
        } else if (op == "||") {
            b->kind = BKind::Concat;
            b->type = LogicalType::Text;
        } else if (op == "<<" || op == ">>" || op == "&" || op == "|") {
            b->kind = BKind::Arith;
            b->op = op == "<<" ? 'L' : op == ">>" ? 'R' : op[0];
            b->type = LogicalType::Integer;
        } else if (op == "IS" || op == "IS NOT") {
            b->kind = BKind::Compare;
            b->op = op == "IS" ? 'i' : 'I';
            b->type = LogicalType::Boolean;
        } else if (op == "+" || op == "-" || op == "*" || op == "/" || op == "%") {
            b->kind = BKind::Arith;
            b->op = op[0];
            if ((lt == LogicalType::Date || lt == LogicalType::Timestamp) && rt == lt && op == "-")
                b->type = LogicalType::Integer;
            else if (lt == LogicalType::Date || lt == LogicalType::Timestamp)
                b->type = lt;
            else if (lt == LogicalType::Double || rt == LogicalType::Double)
                b->type = LogicalType::Double;
            else if (lt == LogicalType::Integer && rt == LogicalType::Integer)
                b->type = LogicalType::Integer;
            else
                b->type = lt == LogicalType::Null ? rt : lt;
            if (b->type == LogicalType::Text || b->type == LogicalType::Boolean)
                b->type = LogicalType::Null; // decided by the values at run time
        } else {
            b->kind = BKind::Compare;
            b->type = LogicalType::Boolean;
            if (op == "=")
                b->op = '=';
            else if (op == "<>")
                b->op = '!';
            else if (op == "<")
                b->op = '<';
            else if (op == "<=")
                b->op = 'l';
            else if (op == ">")
                b->op = '>';
            else
                b->op = 'g';
        }
        return b;
    }
    case ExprKind::Function: {
        if (e.over)
            return bindWindowCall(e, scope, agg);
        if (isAggregateFunction(e.op, e.args.size())) {
            if (!agg)
                fail(e.pos, "aggregate function " + e.op + "() is not allowed here");
            if (agg->inAggregate)
                fail(e.pos, "aggregate functions cannot be nested");
            AggregateSpec spec = bindAggregate(e, scope, agg, true);
            b->kind = BKind::AggregateRef;
            b->type = spec.type;
            b->index = static_cast<int>(agg->inputWidth + agg->aggregates->size());
            agg->aggregates->push_back(std::move(spec));
            return b;
        }
        b->kind = BKind::Function;
        b->name = e.op;
        std::vector<LogicalType> types;
        for (const auto &a : e.args) {
            if (a->kind == ExprKind::Star)
                fail(a->pos, "* is not an argument of " + e.op + "()");
            b->args.push_back(bind(*a, scope, agg));
            types.push_back(b->args.back()->type);
        }
        try {
            if (!scalarFunctionType(e.op, types, b->type)) {
                if (findWindowFunction(e.op))
                    fail(e.pos, asciiLower(e.op) + "() is a window function: it needs OVER (...)");
                if (e.op == "INTERVAL")
                    fail(e.pos, "an INTERVAL is only added to or subtracted from a date or "
                                "timestamp (d + INTERVAL '1 day')");
                fail(e.pos, "no such function: " + e.op + "()");
            }
        } catch (const EngineError &err) {
            if (err.code() == StatusCode::Invalid
                && std::string(err.what()).find("(at ") == std::string::npos)
                fail(e.pos, err.what());
            throw;
        }
        // EXTRACT(YEAR FROM d) is a whole number; seconds and epoch have fractions.
        if (e.op == "DATE_PART" && b->args[0]->kind == BKind::Const
            && b->args[0]->value.type == LogicalType::Text && isWholeDatePart(b->args[0]->value.s))
            b->type = LogicalType::Integer;
        return b;
    }
    case ExprKind::Case: {
        b->kind = BKind::Case;
        b->hasOperand = e.hasOperand;
        b->hasElse = e.hasElse;
        LogicalType t = LogicalType::Null;
        for (size_t i = 0; i < e.args.size(); ++i) {
            b->args.push_back(bind(*e.args[i], scope, agg));
            const size_t offset = e.hasOperand ? 1 : 0;
            const bool isThen = i >= offset && (i - offset) % 2 == 1;
            const bool isElse = e.hasElse && i + 1 == e.args.size();
            if (isThen || isElse)
                t = commonType(t, b->args.back()->type);
        }
        b->type = t;
        return b;
    }
    case ExprKind::Cast:
        b->kind = BKind::Cast;
        b->type = e.castType;
        b->args.push_back(bind(*e.args[0], scope, agg));
        // Fold casts of literals now, so DATE 'x' errors point at the statement.
        if (b->args[0]->kind == BKind::Const) {
            try {
                b->value = castValue(b->args[0]->value, e.castType);
            } catch (const EngineError &err) {
                fail(e.pos, err.what());
            }
            b->kind = BKind::Const;
            b->args.clear();
        }
        return b;
    case ExprKind::Between:
        b->kind = BKind::Between;
        b->negated = e.negated;
        b->type = LogicalType::Boolean;
        for (const auto &a : e.args)
            b->args.push_back(bind(*a, scope, agg));
        return b;
    case ExprKind::InList:
        b->kind = BKind::InList;
        b->negated = e.negated;
        b->type = LogicalType::Boolean;
        for (const auto &a : e.args)
            b->args.push_back(bind(*a, scope, agg));
        return b;
    case ExprKind::InSubquery:
        return bindSubquery(e, BKind::InSubquery, scope, agg);
    case ExprKind::Exists:
        return bindSubquery(e, BKind::Exists, scope, agg);
    case ExprKind::ScalarSubquery:
        return bindSubquery(e, BKind::ScalarSubquery, scope, agg);
    case ExprKind::IsNull:
        b->kind = BKind::IsNull;
        b->negated = e.negated;
        b->type = LogicalType::Boolean;
        b->args.push_back(bind(*e.args[0], scope, agg));
        return b;
    case ExprKind::Like:
        b->kind = BKind::Like;
        b->negated = e.negated;
        b->type = LogicalType::Boolean;
        for (const auto &a : e.args)
            b->args.push_back(bind(*a, scope, agg));
        return b;
    }
    fail(e.pos, "unsupported expression");
}

BExprPtr Planner::bindExpr(const Expr &expr, const Scope &scope)
{
    m_levels.push_back({&scope, false});
    struct Pop {
        std::vector<Level> &l;
        ~Pop() { l.pop_back(); }
    } pop{m_levels};
    return bind(expr, scope, nullptr);
}

BExprPtr Planner::bindConstant(const Expr &expr)
{
    static const Scope kEmpty;
    return bindExpr(expr, kEmpty);
}

AggregateSpec Planner::bindAggregate(const Expr &e, const Scope &scope, AggContext *agg, bool inner)
{
    AggregateSpec spec;
    spec.function = e.op == "STRING_AGG" ? "GROUP_CONCAT" : e.op;
    spec.distinct = e.distinct;
    const bool star = !e.args.empty() && e.args[0]->kind == ExprKind::Star;
    if (star && e.op != "COUNT")
        fail(e.pos, e.op + "(*) is not allowed; only COUNT(*)");
    if (e.args.empty() && e.op != "COUNT")
        fail(e.pos, e.op + "() needs an argument");
    if ((e.op == "JSON_GROUP_OBJECT") != (e.args.size() == 2) && e.op.rfind("JSON_GROUP", 0) == 0)
        fail(e.pos, asciiLower(e.op)
                        + (e.op == "JSON_GROUP_OBJECT" ? "() takes a key and a value"
                                                       : "() takes one argument"));
    // An aggregate's argument is read per input row: no aggregate within (a window
    // function's argument may hold one: it reads the aggregated rows).
    if (agg && inner)
        agg->inAggregate = true;
    if (!star && !e.args.empty())
        spec.arg = bind(*e.args[0], scope, agg);
    if (e.args.size() > 1)
        spec.separator = bind(*e.args[1], scope, agg);
    if (e.aggregateOrder)
        for (const auto &item : *e.aggregateOrder) {
            if (const auto nullsKey = nullsKeyDescending(item)) {
                spec.orderKeys.push_back(isNullKey(bind(*item.expr, scope, agg)));
                spec.orderDescending.push_back(*nullsKey);
            }
            spec.orderKeys.push_back(bind(*item.expr, scope, agg));
            spec.orderDescending.push_back(item.descending);
        }
    if (agg && inner)
        agg->inAggregate = false;
    const auto argType = spec.arg ? spec.arg->type : LogicalType::Null;
    if (spec.function == "COUNT")
        spec.type = LogicalType::Integer;
    else if (spec.function == "AVG" || spec.function == "TOTAL")
        spec.type = LogicalType::Double;
    else if (spec.function == "SUM")
        spec.type = argType == LogicalType::Integer || argType == LogicalType::Boolean
                        ? LogicalType::Integer
                        : LogicalType::Double;
    else if (spec.function == "GROUP_CONCAT" || spec.function == "JSON_GROUP_ARRAY"
             || spec.function == "JSON_GROUP_OBJECT")
        spec.type = LogicalType::Text;
    else
        spec.type = argType;
    static const std::pair<const char *, AggKind> kKinds[]
        = {{"COUNT", AggKind::Count},
           {"SUM", AggKind::Sum},
           {"AVG", AggKind::Avg},
           {"TOTAL", AggKind::Total},
           {"MIN", AggKind::Min},
           {"MAX", AggKind::Max},
           {"GROUP_CONCAT", AggKind::GroupConcat},
           {"JSON_GROUP_ARRAY", AggKind::JsonArray},
           {"JSON_GROUP_OBJECT", AggKind::JsonObject}};
    for (const auto &[name, kind] : kKinds)
        if (spec.function == name)
            spec.kind = kind;
    return spec;
}

BExprPtr Planner::bindWindowCall(const Expr &e, const Scope &scope, AggContext *agg)
{
    if (!m_window)
        fail(e.pos, "window function " + asciiLower(e.op)
                        + "() is allowed only in the select list and ORDER BY");
    if (m_window->binding)
        fail(e.pos, "window functions cannot be nested");
    // Its arguments, PARTITION BY and ORDER BY are bound with this set.
    struct Binding {
        bool &flag;
        explicit Binding(bool &f)
            : flag(f)
        {
            flag = true;
        }
        ~Binding() { flag = false; }
    } binding(m_window->binding);
    // The window: OVER (...) on its own, or starting from a named one (whose PARTITION BY
    // it keeps, and whose ORDER BY and frame it keeps unless it gives its own).
    const sql::WindowSpec &own = *e.over;
    const sql::WindowSpec *base = nullptr;
    if (!own.base.empty()) {
        for (const auto &[name, spec] : *m_window->named)
            if (equalsIgnoreCase(name, own.base))
                base = spec.get();
        if (!base)
            fail(own.pos, "no such window: " + own.base);
        if (!own.partitionBy.empty())
            fail(own.pos,
                 "a window that starts from " + own.base + " cannot change its PARTITION BY");
    }
    const auto &partition = base ? base->partitionBy : own.partitionBy;
    const auto &order = own.orderBy.empty() && base ? base->orderBy : own.orderBy;
    const sql::WindowSpec &frame = own.hasFrame || !base ? own : *base;
    WindowCall call;
    call.function = e.op;
    if (isAggregateFunction(e.op, e.args.size())) {
        call.aggregate = true;
        call.agg = bindAggregate(e, scope, agg, false);
        call.type = call.agg.type;
    } else {
        const WindowFunction *known = findWindowFunction(e.op);
        if (!known)
            fail(e.pos, "no such window function: " + asciiLower(e.op) + "()");
        if (e.args.size() < known->least || e.args.size() > known->most || e.distinct)
            fail(e.pos, asciiLower(e.op) + "() takes "
                            + (known->least == known->most ? std::to_string(known->least)
                                                           : std::to_string(known->least) + " to "
                                                                 + std::to_string(known->most))
                            + " arguments");
        for (const auto &a : e.args) {
            if (a->kind == ExprKind::Star)
                fail(a->pos, "* is not an argument of " + asciiLower(e.op) + "()");
            call.args.push_back(bind(*a, scope, agg));
        }
        const std::string &f = call.function;
        call.type = f == "PERCENT_RANK" || f == "CUME_DIST" ? LogicalType::Double
                    : call.args.empty() || f == "NTILE"     ? LogicalType::Integer
                                                            : call.args[0]->type;
    }
    std::string key;
    for (const auto &p : partition) {
        call.partition.push_back(bind(*p, scope, agg));
        key += expressionText(*p) + ",";
    }
    key += "|";
    for (const auto &o : order) {
        call.order.push_back(bind(*o.expr, scope, agg));
        call.descending.push_back(o.descending);
        key += expressionText(*o.expr) + (o.descending ? " DESC," : ",");
    }
    if (frame.hasFrame) {
        using B = sql::WindowSpec::Bound::Kind;
        auto kind = [](B k) {
            switch (k) {
            case B::UnboundedPreceding:
                return WindowCall::Bound::UnboundedPreceding;
            case B::Preceding:
                return WindowCall::Bound::Preceding;
            case B::CurrentRow:
                return WindowCall::Bound::CurrentRow;
            case B::Following:
                return WindowCall::Bound::Following;
            default:
                return WindowCall::Bound::UnboundedFollowing;
            }
        };
        call.hasFrame = true;
        call.rows = frame.rows;
        call.start = kind(frame.start.kind);
        call.end = kind(frame.end.kind);
        if (call.start == WindowCall::Bound::UnboundedFollowing
            || call.end == WindowCall::Bound::UnboundedPreceding)
            fail(frame.pos, "a frame cannot start at UNBOUNDED FOLLOWING or end at UNBOUNDED "
                            "PRECEDING");
        if (!frame.rows && (frame.start.offset || frame.end.offset))
            fail(frame.pos, "RANGE with an offset is not supported yet: use ROWS");
        if (frame.start.offset)
            call.startOffset = bind(*frame.start.offset, Scope{}, nullptr);
        if (frame.end.offset)
            call.endOffset = bind(*frame.end.offset, Scope{}, nullptr);
    }
    auto b = std::make_unique<BExpr>();
    b->kind = BKind::WindowRef;
    b->type = call.type;
    b->pos = e.pos;
    b->index = static_cast<int>(m_window->calls.size());
    m_window->calls.push_back(std::move(call));
    m_window->keys.push_back(std::move(key));
    return b;
}

} // namespace strata::engine::exec
