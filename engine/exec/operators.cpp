#include "engine/exec/operators.h"

#include "engine/common/ascii.h"
#include "engine/common/status.h"
#include "engine/exec/text_functions.h"
#include "engine/mvcc/transaction.h"

#include <algorithm>
#include <cmath>
#include <shared_mutex>

namespace strata::engine::exec {

size_t hashRow(const Row &row, size_t width)
{
    size_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < width && i < row.size(); ++i)
        h = (h ^ hashValue(row[i])) * 1099511628211ULL;
    return h;
}

bool sameRow(const Row &a, const Row &b, size_t width)
{
    for (size_t i = 0; i < width; ++i)
        if (!sameValue(a[i], b[i]))
            return false;
    return true;
}

void checkCancel(ExecContext *ctx)
{
    if (ctx && ctx->cancel && ctx->cancel->load(std::memory_order_relaxed))
        throwError(StatusCode::Canceled, "the statement was canceled");
}

uint64_t Operator::skip(uint64_t n)
{
    Row row;
    uint64_t passed = 0;
    while (passed < n && next(row))
        ++passed;
    return passed;
}

// ---- simple operators -----------------------------------------------------------------------

bool ValuesOp::next(Row &out)
{
    if (m_pos >= m_rows.size())
        return false;
    out = m_rows[m_pos++];
    return true;
}

void FilterOp::open(ExecContext &ctx)
{
    m_ctx = &ctx;
    m_child->open(ctx);
}

bool FilterOp::next(Row &out)
{
    while (m_child->next(out))
        if (evalPredicate(*m_predicate, out, *m_ctx))
            return true;
    return false;
}

ProjectOp::ProjectOp(OperatorPtr child, std::vector<BExprPtr> exprs)
    : m_child(std::move(child))
    , m_exprs(std::move(exprs))
    , m_moveColumn(m_exprs.size())
{
    std::unordered_map<int, int> uses;
    for (const auto &e : m_exprs)
        if (e->kind == BKind::Column)
            ++uses[e->index];
    for (size_t i = 0; i < m_exprs.size(); ++i)
        m_moveColumn[i] = m_exprs[i]->kind == BKind::Column && uses[m_exprs[i]->index] == 1;
}

void ProjectOp::open(ExecContext &ctx)
{
    m_ctx = &ctx;
    m_child->open(ctx);
}

bool ProjectOp::next(Row &out)
{
    if (!m_child->next(m_in))
        return false;
    out.resize(m_exprs.size());
    // Computed values first: moving a column out must not starve an expression that reads it.
    for (size_t i = 0; i < m_exprs.size(); ++i)
        if (m_exprs[i]->kind != BKind::Column)
            out[i] = eval(*m_exprs[i], m_in, *m_ctx);
    for (size_t i = 0; i < m_exprs.size(); ++i) {
        if (m_exprs[i]->kind != BKind::Column)
            continue;
        if (m_moveColumn[i])
            out[i] = std::move(m_in[m_exprs[i]->index]);
        else
            out[i] = m_in[m_exprs[i]->index];
    }
    return true;
}

// ---- JoinOp ---------------------------------------------------------------------------------

JoinOp::JoinOp(OperatorPtr left, OperatorPtr right, size_t leftWidth, size_t rightWidth,
               Outer outer, std::vector<BExprPtr> leftKeys, std::vector<BExprPtr> rightKeys,
               BExprPtr residual)
    : m_left(std::move(left))
    , m_right(std::move(right))
    , m_leftWidth(leftWidth)
    , m_rightWidth(rightWidth)
    , m_outer(outer)
    , m_leftKeys(std::move(leftKeys))
    , m_rightKeys(std::move(rightKeys))
    , m_residual(std::move(residual))
{
}

void JoinOp::open(ExecContext &ctx)
{
    m_ctx = &ctx;
    m_left->open(ctx);
    m_right->open(ctx);
    m_rightRows.clear();
    m_hash.clear();
    Row r;
    while (m_right->next(r)) {
        if (!m_rightKeys.empty()) {
            size_t h = 0;
            bool hasNull = false;
            for (const auto &k : m_rightKeys) {
                Value v = eval(*k, r, ctx);
                hasNull |= v.isNull();
                h = h * 31 + hashValue(v);
            }
            if (!hasNull) // NULL keys never match (a RIGHT or FULL join still keeps the row)
                m_hash.emplace(h, m_rightRows.size());
            else if (!m_outer.right)
                continue;
        }
        m_rightRows.push_back(r);
    }
    m_rightMatched.assign(m_outer.right ? m_rightRows.size() : 0, false);
    m_unmatchedPos = 0;
    m_haveLeft = false;
}

bool JoinOp::next(Row &out)
{
    for (;;) {
        if (!m_haveLeft) {
            if (!m_left->next(m_leftRow)) {
                // RIGHT and FULL: the right rows no left row met, after all the left rows.
                while (m_unmatchedPos < m_rightMatched.size()) {
                    const size_t i = m_unmatchedPos++;
                    if (m_rightMatched[i])
                        continue;
                    out.assign(m_leftWidth, Value::null());
                    out.insert(out.end(), m_rightRows[i].begin(), m_rightRows[i].end());
                    return true;
                }
                return false;
            }
            m_haveLeft = true;
            m_matched = false;
            m_candidates.clear();
            m_candidatePos = 0;
            if (!m_rightKeys.empty()) {
                size_t h = 0;
                bool hasNull = false;
                for (const auto &k : m_leftKeys) {
                    Value v = eval(*k, m_leftRow, *m_ctx);
                    hasNull |= v.isNull();
                    h = h * 31 + hashValue(v);
                }
                if (!hasNull) {
                    auto range = m_hash.equal_range(h);
                    for (auto it = range.first; it != range.second; ++it)
                        m_candidates.push_back(it->second);
                    std::sort(m_candidates.begin(), m_candidates.end());
                }
            } else {
                m_candidates.resize(m_rightRows.size());
                for (size_t i = 0; i < m_rightRows.size(); ++i)
                    m_candidates[i] = i;
            }
        }
        while (m_candidatePos < m_candidates.size()) {
            if ((++m_steps & 4095) == 0)
                checkCancel(m_ctx);
            const size_t rightIndex = m_candidates[m_candidatePos++];
            const Row &r = m_rightRows[rightIndex];
            out = m_leftRow;
            out.insert(out.end(), r.begin(), r.end());
            bool keysEqual = true;
            for (size_t k = 0; k < m_leftKeys.size() && keysEqual; ++k) {
                Value a = eval(*m_leftKeys[k], m_leftRow, *m_ctx);
                Value b = eval(*m_rightKeys[k], r, *m_ctx);
                keysEqual = !a.isNull() && !b.isNull() && compareForPredicate(a, b) == 0;
            }
            if (!keysEqual)
                continue;
            if (m_residual && !evalPredicate(*m_residual, out, *m_ctx))
                continue;
            m_matched = true;
            if (m_outer.right)
                m_rightMatched[rightIndex] = true;
            return true;
        }
        m_haveLeft = false;
        if (m_outer.left && !m_matched) {
            out = m_leftRow;
            out.resize(out.size() + m_rightWidth);
            return true;
        }
    }
}

void TableFunctionOp::open(ExecContext &ctx)
{
    m_ctx = &ctx;
    m_done = false;
    m_rows.clear();
    m_pos = 0;
    if (m_left) {
        m_left->open(ctx);
        m_done = !nextLeft();
    } else {
        m_leftRow.clear();
        const Value doc = eval(*m_args[0], m_leftRow, ctx);
        const Value path = m_args.size() > 1 ? eval(*m_args[1], m_leftRow, ctx) : Value();
        m_rows = jsonEachRows(doc, path);
    }
}

bool TableFunctionOp::nextLeft()
{
    if (!m_left->next(m_leftRow))
        return false;
    const Value doc = eval(*m_args[0], m_leftRow, *m_ctx);
    const Value path = m_args.size() > 1 ? eval(*m_args[1], m_leftRow, *m_ctx) : Value();
    m_rows = jsonEachRows(doc, path);
    m_pos = 0;
    m_matched = false;
    return true;
}

bool TableFunctionOp::next(Row &out)
{
    while (!m_done) {
        while (m_pos < m_rows.size()) {
            out = m_leftRow;
            const Row &r = m_rows[m_pos++];
            out.insert(out.end(), r.begin(), r.end());
            if (m_condition && !evalPredicate(*m_condition, out, *m_ctx))
                continue;
            m_matched = true;
            return true;
        }
        if (!m_left) {
            m_done = true;
            return false;
        }
        const bool emitUnmatched = m_keepUnmatched && !m_matched;
        if (emitUnmatched) {
            out = m_leftRow;
            out.resize(out.size() + jsonEachColumns().size());
        }
        m_done = !nextLeft();
        if (emitUnmatched)
            return true;
    }
    return false;
}

std::string JoinOp::describe() const
{
    std::string kind = m_outer.left && m_outer.right ? "FULL OUTER "
                       : m_outer.left                ? "LEFT OUTER "
                       : m_outer.right               ? "RIGHT OUTER "
                                                     : "";
    if (!m_leftKeys.empty())
        return kind + "HASH JOIN on " + std::to_string(m_leftKeys.size())
               + (m_leftKeys.size() == 1 ? " key" : " keys") + " (the second input hashed)"
               + (m_residual ? ", then a condition" : "");
    return kind + "NESTED LOOP JOIN (every pair" + (m_residual ? " tested)" : ")");
}

// ---- AggregateOp ----------------------------------------------------------------------------

namespace {

__extension__ typedef __int128 WideInt;

struct AggState {
    int64_t count = 0;
    bool isDouble = false;
    bool any = false;
    //! Wider than the values, so only a total outside 64 bits fails, whatever the row order.
    WideInt isum = 0;
    double dsum = 0;
    Value extreme;
    std::string text;
    //! An ordered string_agg / json_group_*: each value's text (with the separator before
    //! it), joined in the order of its keys when finished.
    struct Piece {
        Row keys;
        std::string separator, text;
    };
    std::vector<Piece> pieces;
    std::vector<Value> distinctSeen;
    std::unordered_multimap<size_t, size_t> distinctIndex;
};

//! Appends a value's text to a string-building aggregate, or keeps it with its keys when the
//! aggregate has an ORDER BY.
void addPiece(const AggregateSpec &spec, AggState &st, const Row &row, ExecContext &ctx,
              std::string separator, std::string text)
{
    if (!spec.orderKeys.empty()) {
        AggState::Piece piece;
        for (const auto &k : spec.orderKeys)
            piece.keys.push_back(eval(*k, row, ctx));
        piece.separator = std::move(separator);
        piece.text = std::move(text);
        st.pieces.push_back(std::move(piece));
        st.any = true;
        return;
    }
    if (st.any)
        st.text += separator;
    st.text += text;
    st.any = true;
}

//! The text of an ordered aggregate's pieces, in the order of their keys.
std::string orderedText(const AggregateSpec &spec, const AggState &st)
{
    std::vector<const AggState::Piece *> order;
    for (const auto &p : st.pieces)
        order.push_back(&p);
    std::stable_sort(order.begin(), order.end(), [&](const auto *a, const auto *b) {
        for (size_t k = 0; k < a->keys.size(); ++k)
            if (const int c = compareValues(a->keys[k], b->keys[k]))
                return spec.orderDescending[k] ? c > 0 : c < 0;
        return false;
    });
    std::string text;
    for (size_t i = 0; i < order.size(); ++i)
        text += (i ? order[i]->separator : std::string()) + order[i]->text;
    return text;
}

bool seenBefore(AggState &st, const Value &v)
{
    const size_t h = hashValue(v);
    auto range = st.distinctIndex.equal_range(h);
    for (auto it = range.first; it != range.second; ++it)
        if (sameValue(st.distinctSeen[it->second], v))
            return true;
    st.distinctIndex.emplace(h, st.distinctSeen.size());
    st.distinctSeen.push_back(v);
    return false;
}

void accumulate(const AggregateSpec &spec, AggState &st, const Row &row, ExecContext &ctx)
{
    if (!spec.arg) { // COUNT(*)
        ++st.count;
        return;
    }
    Value scratch;
    const Value *arg;
    if (spec.arg->kind == BKind::Column) {
        arg = &row[spec.arg->index];
    } else {
        scratch = eval(*spec.arg, row, ctx);
        arg = &scratch;
    }
    if (spec.kind == AggKind::JsonArray || spec.kind == AggKind::JsonObject) {
        // NULLs too: they are JSON nulls in the array, or an object's null values
        if (spec.distinct && seenBefore(st, *arg))
            return;
        std::string piece;
        if (spec.kind == AggKind::JsonObject) {
            if (arg->isNull())
                throwError(StatusCode::Invalid, "json_group_object() keys must not be NULL");
            piece = jsonOf(Value::text(arg->toString())) + ":"
                    + jsonOf(eval(*spec.separator, row, ctx));
        } else {
            piece = jsonOf(*arg);
        }
        addPiece(spec, st, row, ctx, ",", std::move(piece));
        return;
    }
    if (arg->isNull())
        return;
    if (spec.distinct && seenBefore(st, *arg))
        return;
    ++st.count;
    const AggKind kind = spec.kind;
    if (kind == AggKind::Count)
        return;
    if ((kind == AggKind::Sum || kind == AggKind::Avg || kind == AggKind::Total)
        && (arg->type == LogicalType::Integer || arg->type == LogicalType::Double)) {
        if (arg->type == LogicalType::Double || st.isDouble) {
            if (!st.isDouble) {
                st.dsum = static_cast<double>(st.isum);
                st.isDouble = true;
            }
            st.dsum += arg->asDouble();
        } else {
            st.isum += arg->i;
        }
        st.any = true;
        return;
    }
    Value v = *arg;
    const std::string &f = spec.function;
    if (f == "SUM" || f == "AVG" || f == "TOTAL") {
        if (v.type == LogicalType::Text) {
            try {
                v = castValue(v, LogicalType::Double);
            } catch (const EngineError &) {
                throwError(StatusCode::Invalid, f + "() of a non-numeric value '" + v.s + "'");
            }
        }
        if (v.type == LogicalType::Double || st.isDouble) {
            if (!st.isDouble) {
                st.dsum = static_cast<double>(st.isum);
                st.isDouble = true;
            }
            st.dsum += v.asDouble();
        } else {
            st.isum += v.i;
        }
        st.any = true;
        return;
    }
    if (f == "MIN" || f == "MAX") {
        if (!st.any
            || (f == "MIN" ? compareValues(v, st.extreme) < 0 : compareValues(v, st.extreme) > 0))
            st.extreme = std::move(v);
        st.any = true;
        return;
    }
    // GROUP_CONCAT / STRING_AGG
    std::string sep = ",";
    if (spec.separator) {
        Value s = eval(*spec.separator, row, ctx);
        sep = s.isNull() ? "" : s.toString();
    }
    addPiece(spec, st, row, ctx, std::move(sep), v.toString());
}

Value finish(const AggregateSpec &spec, const AggState &st)
{
    const std::string &f = spec.function;
    if (f == "COUNT")
        return Value::integer(st.count);
    if (f == "SUM") {
        if (!st.any)
            return Value::null();
        if (st.isDouble)
            return Value::real(st.dsum);
        if (st.isum > INT64_MAX || st.isum < INT64_MIN)
            throwError(StatusCode::Invalid, f + "() overflowed 64-bit integers");
        return Value::integer(static_cast<int64_t>(st.isum));
    }
    if (f == "TOTAL")
        return Value::real(st.isDouble ? st.dsum : static_cast<double>(st.isum));
    if (f == "AVG") {
        if (!st.any)
            return Value::null();
        return Value::real((st.isDouble ? st.dsum : static_cast<double>(st.isum))
                           / static_cast<double>(st.count));
    }
    if (f == "MIN" || f == "MAX")
        return st.any ? st.extreme : Value::null();
    const std::string text = spec.orderKeys.empty() ? st.text : orderedText(spec, st);
    if (spec.kind == AggKind::JsonArray)
        return Value::text("[" + text + "]");
    if (spec.kind == AggKind::JsonObject)
        return Value::text("{" + text + "}");
    return st.any ? Value::text(text) : Value::null();
}

} // namespace

std::string AggregateOp::describe() const
{
    std::string functions;
    for (const auto &a : m_aggregates)
        functions += (functions.empty() ? "" : ", ") + asciiLower(a.function);
    return "AGGREGATE " + (functions.empty() ? std::string("(groups only)") : functions)
           + (m_groupBy.empty()
                  ? std::string(" over all rows")
                  : " GROUP BY " + std::to_string(m_groupBy.size())
                        + (m_groupBy.size() == 1 ? " key (hashed)" : " keys (hashed)"));
}

AggregateOp::AggregateOp(OperatorPtr child, size_t inputWidth, std::vector<BExprPtr> groupBy,
                         std::vector<AggregateSpec> aggregates)
    : m_child(std::move(child))
    , m_inputWidth(inputWidth)
    , m_groupBy(std::move(groupBy))
    , m_aggregates(std::move(aggregates))
{
}

void AggregateOp::open(ExecContext &ctx)
{
    m_results.clear();
    m_pos = 0;
    if (openCountOnly(ctx))
        return;
    m_child->open(ctx);
    struct Group {
        Row first;
        std::vector<AggState> states;
    };
    std::vector<Group> groups;
    std::unordered_multimap<size_t, size_t> index;
    std::vector<Row> keys;
    Row row;
    Row key;
    const size_t nAgg = m_aggregates.size();
    while (m_child->next(row)) {
        size_t g = 0;
        if (m_groupBy.empty()) {
            if (groups.empty())
                groups.push_back({row, std::vector<AggState>(nAgg)});
        } else {
            key.clear();
            for (const auto &e : m_groupBy)
                key.push_back(eval(*e, row, ctx));
            const size_t h = hashRow(key, key.size());
            bool found = false;
            auto range = index.equal_range(h);
            for (auto it = range.first; it != range.second; ++it) {
                if (sameRow(keys[it->second], key, key.size())) {
                    g = it->second;
                    found = true;
                    break;
                }
            }
            if (!found) {
                g = groups.size();
                index.emplace(h, g);
                keys.push_back(key);
                groups.push_back({row, std::vector<AggState>(nAgg)});
            }
        }
        Group &group = groups[g];
        for (size_t a = 0; a < nAgg; ++a)
            accumulate(m_aggregates[a], group.states[a], row, ctx);
    }
    if (groups.empty() && m_groupBy.empty()) // aggregates over no rows still give one row
        groups.push_back({Row(m_inputWidth), std::vector<AggState>(nAgg)});
    for (auto &group : groups) {
        Row out = std::move(group.first);
        out.resize(m_inputWidth);
        for (size_t a = 0; a < nAgg; ++a)
            out.push_back(finish(m_aggregates[a], group.states[a]));
        m_results.push_back(std::move(out));
    }
}

bool AggregateOp::openCountOnly(ExecContext &ctx)
{
    auto *scan = dynamic_cast<TableScan *>(m_child.get());
    if (!scan || !m_groupBy.empty())
        return false;
    for (const auto &a : m_aggregates)
        if (a.kind != AggKind::Count || a.arg || a.distinct)
            return false;
    const std::optional<uint64_t> rows = scan->countAll(ctx);
    if (!rows)
        return false;
    Row out(m_inputWidth); // the scan reads no column, so its first row is all NULL too
    for (size_t a = 0; a < m_aggregates.size(); ++a)
        out.push_back(Value::integer(static_cast<int64_t>(*rows)));
    m_results.push_back(std::move(out));
    return true;
}

bool AggregateOp::next(Row &out)
{
    if (m_pos >= m_results.size())
        return false;
    out = std::move(m_results[m_pos++]);
    return true;
}

// ---- WindowOp -------------------------------------------------------------------------------

void WindowOp::open(ExecContext &ctx)
{
    m_child->open(ctx);
    m_rows.clear();
    m_pos = 0;
    Row row;
    while (m_child->next(row)) {
        if (row.size() < m_width)
            row.resize(m_width);
        m_rows.push_back(row);
        if ((m_rows.size() & 0xFFF) == 0)
            checkCancel(&ctx);
    }
    // Every call of this operator shares its window's PARTITION BY and ORDER BY.
    const WindowCall &window = m_calls.front();
    std::vector<std::vector<Value>> partitionKeys(m_rows.size());
    m_orderKeys.assign(m_rows.size(), {});
    for (size_t r = 0; r < m_rows.size(); ++r) {
        for (const auto &p : window.partition)
            partitionKeys[r].push_back(eval(*p, m_rows[r], ctx));
        for (const auto &o : window.order)
            m_orderKeys[r].push_back(eval(*o, m_rows[r], ctx));
    }
    m_order.resize(m_rows.size());
    for (size_t r = 0; r < m_rows.size(); ++r)
        m_order[r] = r;
    uint64_t comparisons = 0;
    std::stable_sort(m_order.begin(), m_order.end(), [&](size_t a, size_t b) {
        if ((++comparisons & 0xFFFF) == 0)
            checkCancel(&ctx);
        for (size_t k = 0; k < partitionKeys[a].size(); ++k)
            if (const int c = compareValues(partitionKeys[a][k], partitionKeys[b][k]))
                return c < 0;
        for (size_t k = 0; k < m_orderKeys[a].size(); ++k)
            if (const int c = compareValues(m_orderKeys[a][k], m_orderKeys[b][k]))
                return window.descending[k] ? c > 0 : c < 0;
        return false;
    });
    for (size_t first = 0; first < m_order.size();) {
        size_t end = first + 1;
        while (end < m_order.size()) {
            bool same = true;
            for (size_t k = 0; k < partitionKeys[m_order[first]].size() && same; ++k)
                same = compareValues(partitionKeys[m_order[first]][k],
                                     partitionKeys[m_order[end]][k])
                       == 0;
            if (!same)
                break;
            ++end;
        }
        computePartition(first, end, ctx);
        first = end;
    }
}

void WindowOp::computePartition(size_t first, size_t end, ExecContext &ctx)
{
    const size_t n = end - first;
    // Peer groups: rows with equal ORDER BY values (all rows, without ORDER BY).
    std::vector<size_t> peerStart(n), peerEnd(n), peerGroup(n);
    size_t groups = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n
               && std::equal(
                   m_orderKeys[m_order[first + i]].begin(), m_orderKeys[m_order[first + i]].end(),
                   m_orderKeys[m_order[first + j]].begin(),
                   [](const Value &a, const Value &b) { return compareValues(a, b) == 0; }))
            ++j;
        ++groups;
        for (size_t k = i; k < j; ++k) {
            peerStart[k] = i;
            peerEnd[k] = j;
            peerGroup[k] = groups;
        }
        i = j;
    }
    auto rowAt = [&](size_t i) -> Row & { return m_rows[m_order[first + i]]; };
    auto offsetOf = [&](const BExprPtr &e, const Row &row) -> int64_t {
        Value v = eval(*e, row, ctx);
        if (v.isNull() || v.type != LogicalType::Integer)
            v = v.isNull() ? v : castValue(v, LogicalType::Integer);
        if (v.isNull() || v.i < 0)
            throwError(StatusCode::Invalid, "a window frame's offset must be a number of rows, "
                                            "0 or more");
        return v.i;
    };
    for (const WindowCall &call : m_calls) {
        // The frame of row i: [frameStart, frameEnd) within the partition.
        const bool ordered = !call.order.empty();
        auto frameOf = [&](size_t i, size_t &from, size_t &to) {
            using B = WindowCall::Bound;
            if (!call.hasFrame) {
                from = 0;
                to = ordered ? peerEnd[i] : n;
                return;
            }
            auto position = [&](B kind, const BExprPtr &offset, bool isEnd) -> int64_t {
                switch (kind) {
                case B::UnboundedPreceding:
                    return 0;
                case B::UnboundedFollowing:
                    return static_cast<int64_t>(n);
                case B::CurrentRow:
                    if (call.rows)
                        return static_cast<int64_t>(isEnd ? i + 1 : i);
                    return static_cast<int64_t>(isEnd ? peerEnd[i] : peerStart[i]);
                case B::Preceding:
                    return static_cast<int64_t>(i) - offsetOf(offset, rowAt(i)) + (isEnd ? 1 : 0);
                case B::Following:
                    return static_cast<int64_t>(i) + offsetOf(offset, rowAt(i)) + (isEnd ? 1 : 0);
                }
                return 0;
            };
            const int64_t a = std::clamp<int64_t>(position(call.start, call.startOffset, false), 0,
                                                  static_cast<int64_t>(n));
            const int64_t b = std::clamp<int64_t>(position(call.end, call.endOffset, true), 0,
                                                  static_cast<int64_t>(n));
            from = static_cast<size_t>(a);
            to = static_cast<size_t>(std::max(a, b));
        };
        const std::string &f = call.function;
        if (call.aggregate) {
            // Frames that start at the partition's first row only grow: accumulated as they
            // go; others are computed anew for each row.
            const bool growing
                = !call.hasFrame || call.start == WindowCall::Bound::UnboundedPreceding;
            AggState state;
            size_t taken = 0;
            for (size_t i = 0; i < n; ++i) {
                size_t from, to;
                frameOf(i, from, to);
                if (!growing) {
                    state = AggState();
                    taken = from;
                }
                for (; taken < to; ++taken)
                    accumulate(call.agg, state, rowAt(taken), ctx);
                rowAt(i)[call.slot] = finish(call.agg, state);
            }
            continue;
        }
        for (size_t i = 0; i < n; ++i) {
            Value v;
            if (f == "ROW_NUMBER") {
                v = Value::integer(static_cast<int64_t>(i + 1));
            } else if (f == "RANK") {
                v = Value::integer(static_cast<int64_t>(peerStart[i] + 1));
            } else if (f == "DENSE_RANK") {
                v = Value::integer(static_cast<int64_t>(peerGroup[i]));
            } else if (f == "PERCENT_RANK") {
                v = Value::real(n > 1 ? double(peerStart[i]) / double(n - 1) : 0.0);
            } else if (f == "CUME_DIST") {
                v = Value::real(double(peerEnd[i]) / double(n));
            } else if (f == "NTILE") {
                Value buckets = eval(*call.args[0], rowAt(i), ctx);
                if (!buckets.isNull() && buckets.type != LogicalType::Integer)
                    buckets = castValue(buckets, LogicalType::Integer);
                if (buckets.isNull() || buckets.i < 1)
                    throwError(StatusCode::Invalid, "ntile() needs a number of buckets, 1 or more");
                const auto k = static_cast<size_t>(buckets.i);
                // The first n % k buckets hold one row more than the others.
                const size_t small = n / k, big = small + 1, bigCount = n % k;
                const size_t bucket
                    = i < bigCount * big
                          ? i / big
                          : bigCount + (i - bigCount * big) / std::max<size_t>(small, 1);
                v = Value::integer(static_cast<int64_t>(bucket + 1));
            } else if (f == "LAG" || f == "LEAD") {
                int64_t offset = 1;
                if (call.args.size() > 1)
                    offset = offsetOf(call.args[1], rowAt(i));
                const int64_t at = f == "LAG" ? static_cast<int64_t>(i) - offset
                                              : static_cast<int64_t>(i) + offset;
                if (at >= 0 && at < static_cast<int64_t>(n))
                    v = eval(*call.args[0], rowAt(static_cast<size_t>(at)), ctx);
                else if (call.args.size() > 2)
                    v = eval(*call.args[2], rowAt(i), ctx);
            } else { // FIRST_VALUE, LAST_VALUE, NTH_VALUE: over the frame
                size_t from, to;
                frameOf(i, from, to);
                size_t at = SIZE_MAX;
                if (f == "FIRST_VALUE" && from < to)
                    at = from;
                else if (f == "LAST_VALUE" && from < to)
                    at = to - 1;
                else if (f == "NTH_VALUE") {
                    const int64_t nth = offsetOf(call.args[1], rowAt(i));
                    if (nth < 1)
                        throwError(StatusCode::Invalid, "nth_value() counts rows from 1");
                    if (from + static_cast<size_t>(nth) - 1 < to)
                        at = from + static_cast<size_t>(nth) - 1;
                }
                if (at != SIZE_MAX)
                    v = eval(*call.args[0], rowAt(at), ctx);
            }
            if (!v.isNull() && call.type != LogicalType::Null && v.type != call.type
                && (call.type == LogicalType::Integer || call.type == LogicalType::Double))
                v = castValue(v, call.type);
            rowAt(i)[call.slot] = std::move(v);
        }
    }
}

bool WindowOp::next(Row &out)
{
    if (m_pos >= m_order.size())
        return false;
    out = std::move(m_rows[m_order[m_pos++]]);
    return true;
}

// ---- SortOp, DistinctOp, LimitOp, UnionOp -----------------------------------------------------

void DistinctOp::open(ExecContext &ctx)
{
    m_child->open(ctx);
    m_seen.clear();
}

bool DistinctOp::next(Row &out)
{
    while (m_child->next(out)) {
        const size_t h = hashRow(out, m_width);
        bool dup = false;
        auto range = m_seen.equal_range(h);
        for (auto it = range.first; it != range.second && !dup; ++it)
            dup = sameRow(it->second, out, m_width);
        if (!dup) {
            m_seen.emplace(h, out);
            return true;
        }
    }
    return false;
}

void LimitOp::open(ExecContext &ctx)
{
    m_child->open(ctx);
    Row empty;
    auto number = [&](const BExprPtr &e, const char *what) -> int64_t {
        if (!e)
            return -1;
        Value v = eval(*e, empty, ctx);
        if (v.isNull())
            return -1;
        if (v.type != LogicalType::Integer)
            v = castValue(v, LogicalType::Integer);
        if (v.i < 0 && std::string(what) == "OFFSET")
            throwError(StatusCode::Invalid, "OFFSET must not be negative");
        return v.i;
    };
    m_limit = number(m_limitExpr, "LIMIT");
    m_offset = std::max<int64_t>(0, number(m_offsetExpr, "OFFSET"));
    m_produced = 0;
}

bool LimitOp::next(Row &out)
{
    if (m_offset > 0) {
        const auto wanted = static_cast<uint64_t>(m_offset);
        m_offset = 0;
        if (m_child->skip(wanted) < wanted)
            return false;
    }
    if (m_limit >= 0 && m_produced >= m_limit)
        return false;
    if (!m_child->next(out))
        return false;
    ++m_produced;
    return true;
}

void RecursiveOp::produce(Row row)
{
    row.resize(m_types.size());
    for (size_t c = 0; c < m_types.size(); ++c)
        if (!row[c].isNull() && m_types[c] != LogicalType::Null && row[c].type != m_types[c])
            row[c] = castValue(row[c], m_types[c]);
    if (m_distinct) {
        const size_t h = hashRow(row, row.size());
        auto range = m_seen.equal_range(h);
        for (auto it = range.first; it != range.second; ++it)
            if (sameRow(it->second, row, row.size()))
                return;
        m_seen.emplace(h, row);
    }
    m_queue.push_back(row);
    m_out.push_back(std::move(row));
}

void RecursiveOp::open(ExecContext &ctx)
{
    m_ctx = &ctx;
    m_out.clear();
    m_queue.clear();
    m_seen.clear();
    m_anchor->open(ctx);
    Row row;
    while (m_anchor->next(row))
        produce(row);
}

bool RecursiveOp::next(Row &out)
{
    while (m_out.empty()) {
        if (m_queue.empty())
            return false;
        checkCancel(m_ctx);
        m_working->assign(1, std::move(m_queue.front()));
        m_queue.pop_front();
        Row row;
        for (auto &step : m_steps) {
            step->open(*m_ctx);
            while (step->next(row))
                produce(row);
        }
    }
    out = std::move(m_out.front());
    m_out.pop_front();
    return true;
}

void CompoundOp::cast(Row &row) const
{
    row.resize(m_types.size());
    for (size_t c = 0; c < m_types.size(); ++c)
        if (!row[c].isNull() && m_types[c] != LogicalType::Null && row[c].type != m_types[c])
            row[c] = castValue(row[c], m_types[c]);
}

size_t CompoundOp::find(const Row &row, bool add)
{
    const size_t h = hashRow(row, row.size());
    auto range = m_index.equal_range(h);
    for (auto it = range.first; it != range.second; ++it)
        if (sameRow(m_rows[it->second], row, row.size()))
            return it->second;
    if (!add)
        return SIZE_MAX;
    m_index.emplace(h, m_rows.size());
    m_rows.push_back(row);
    m_counts.push_back(0);
    m_emitted.push_back(false);
    return m_rows.size() - 1;
}

std::string CompoundOp::describe() const
{
    switch (m_kind) {
    case Kind::Union:
        return "UNION (duplicates removed)";
    case Kind::UnionAll:
        return "UNION ALL";
    case Kind::Intersect:
        return "INTERSECT";
    case Kind::IntersectAll:
        return "INTERSECT ALL";
    case Kind::Except:
        return "EXCEPT";
    case Kind::ExceptAll:
        return "EXCEPT ALL";
    }
    return "COMPOUND";
}

void CompoundOp::open(ExecContext &ctx)
{
    m_ctx = &ctx;
    m_onRight = false;
    m_rows.clear();
    m_counts.clear();
    m_index.clear();
    m_emitted.clear();
    m_left->open(ctx);
    if (m_kind == Kind::Union || m_kind == Kind::UnionAll)
        return; // the right opens when the left is done
    // INTERSECT / EXCEPT: the right's rows counted first.
    m_right->open(ctx);
    Row row;
    uint64_t read = 0;
    while (m_right->next(row)) {
        if ((++read & 0xFFF) == 0)
            checkCancel(&ctx);
        cast(row);
        ++m_counts[find(row, true)];
    }
}

bool CompoundOp::next(Row &out)
{
    for (;;) {
        if (m_kind == Kind::Union || m_kind == Kind::UnionAll) {
            if (!m_onRight && !m_left->next(out)) {
                m_onRight = true;
                m_right->open(*m_ctx);
                continue;
            }
            if (m_onRight && !m_right->next(out))
                return false;
            cast(out);
            if (m_kind == Kind::UnionAll)
                return true;
            const size_t before = m_rows.size();
            if (find(out, true) == before)
                return true; // not seen before
            continue;
        }
        if (!m_left->next(out))
            return false;
        cast(out);
        const size_t at = find(out, false);
        const bool inRight = at != SIZE_MAX && m_counts[at] > 0;
        switch (m_kind) {
        case Kind::IntersectAll:
            if (inRight) {
                --m_counts[at];
                return true;
            }
            break;
        case Kind::Intersect:
            if (inRight && !m_emitted[at]) {
                m_emitted[at] = true;
                return true;
            }
            break;
        case Kind::ExceptAll:
            if (inRight)
                --m_counts[at];
            else
                return true;
            break;
        default: { // EXCEPT: a left row the right lacks, once
            if (at != SIZE_MAX)
                break;
            find(out, true); // remembered (count 0) so that it is given once
            return true;
        }
        }
    }
}

} // namespace strata::engine::exec
