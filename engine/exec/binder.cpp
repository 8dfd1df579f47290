#include "engine/exec/planner.h"

#include "engine/common/ascii.h"
#include "engine/common/status.h"
#include "engine/mvcc/transaction.h"
#include "engine/sql/parser.h"

#include <algorithm>
#include <set>

// The binder half of the planner: names resolved against scopes, types decided, aggregates and
// subqueries bound (Planner::bind and what it needs). planner.cpp plans FROM and SELECT.

namespace strata::engine::exec {

using sql::Expr;
using sql::ExprKind;

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
    if (e.kind == ExprKind::Function && isAggregateFunction(e.op, e.args.size()))
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
               && (e.table.empty() || equalsIgnoreCase(c.table, e.table));
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
        b->type = e.op == "NOT" ? LogicalType::Boolean : b->args[0]->type;
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
        if (isAggregateFunction(e.op, e.args.size())) {
            if (!agg)
                fail(e.pos, "aggregate function " + e.op + "() is not allowed here");
            if (agg->inAggregate)
                fail(e.pos, "aggregate functions cannot be nested");
            AggregateSpec spec;
            spec.function = e.op == "STRING_AGG" ? "GROUP_CONCAT" : e.op;
            spec.distinct = e.distinct;
            const bool star = !e.args.empty() && e.args[0]->kind == ExprKind::Star;
            if (star && e.op != "COUNT")
                fail(e.pos, e.op + "(*) is not allowed; only COUNT(*)");
            if (e.args.empty() && e.op != "COUNT")
                fail(e.pos, e.op + "() needs an argument");
            agg->inAggregate = true;
            if (!star && !e.args.empty())
                spec.arg = bind(*e.args[0], scope, agg);
            if (e.args.size() > 1)
                spec.separator = bind(*e.args[1], scope, agg);
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
            else if (spec.function == "GROUP_CONCAT")
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
                   {"GROUP_CONCAT", AggKind::GroupConcat}};
            for (const auto &[name, kind] : kKinds)
                if (spec.function == name)
                    spec.kind = kind;
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
            if (!scalarFunctionType(e.op, types, b->type))
                fail(e.pos, "no such function: " + e.op + "()");
        } catch (const EngineError &err) {
            if (err.code() == StatusCode::Invalid
                && std::string(err.what()).find("(at ") == std::string::npos)
                fail(e.pos, err.what());
            throw;
        }
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

} // namespace strata::engine::exec
