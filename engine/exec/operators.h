#pragma once

#include "engine/catalog/catalog.h"
#include "engine/exec/exec_context.h"
#include "engine/exec/expression.h"
#include "engine/storage/block_store.h"
#include "engine/types/row_batch.h"

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace strata::engine::exec {

//! A pull-based operator. open() (re)starts it; next() yields rows until it returns false.
class Operator {
public:
    virtual ~Operator() = default;
    virtual void open(ExecContext &ctx) = 0;
    virtual bool next(Row &out) = 0;
    //! Passes over up to `n` rows; returns how many there were. Operators that can count
    //! rows without making them (a plain table scan) override it: OFFSET uses it, so a
    //! table browser's jump to row 9,000,000 does not decode 9,000,000 rows.
    virtual uint64_t skip(uint64_t n);
    //! For EXPLAIN: what this step does ("SCAN t", "HASH JOIN ..."), and the steps it reads.
    virtual std::string describe() const = 0;
    virtual std::vector<const Operator *> inputs() const { return {}; }
};
using OperatorPtr = std::unique_ptr<Operator>;

//! An executable query: its operator tree and output columns. Hidden trailing columns (sort
//! keys) are cut off by the cursor.
class Plan {
public:
    OperatorPtr root;
    std::vector<std::string> names;
    std::vector<LogicalType> types;
    bool correlated = false; //!< reads columns of an enclosing query
    //! Set when the query only picks columns of one table (optionally filtered): the cursor
    //! then fills batches straight from stored rows.
    class TableScan *directScan = nullptr;
    std::vector<uint32_t> directColumns;
    //! What the operators may point into (a view's parsed text).
    std::vector<std::shared_ptr<const void>> keepAlive;
};

//! Reads the rows of one table visible to the transaction, decoding only `needed` columns.
class TableScan : public Operator {
public:
    TableScan(std::shared_ptr<TableEntry> table, std::vector<bool> needed, BExprPtr filter);
    void open(ExecContext &ctx) override;
    bool next(Row &out) override;
    uint64_t skip(uint64_t n) override;
    //! Every visible row, counted without decoding any (COUNT(*) with nothing else): when
    //! the table has not been loaded since the open, the count of its checkpointed blocks,
    //! read without loading it. Nullopt when the scan filters or reads columns.
    std::optional<uint64_t> countAll(ExecContext &ctx);
    //! Appends up to `maxRows` matching rows' `columns` to `batch` straight from the stored
    //! bytes; false when the scan is exhausted (rows may still have been appended).
    bool nextBatch(RowBatch &batch, size_t maxRows, const std::vector<uint32_t> &columns);
    //! Where the last row came from (for UPDATE and DELETE).
    uint64_t lastSlot() const { return m_lastSlot; }
    const Version *lastVersion() const { return m_lastVersion; }
    const std::shared_ptr<TableEntry> &table() const { return m_table; }
    void setNeeded(std::vector<bool> needed) { m_needed = std::move(needed); }
    void setFilter(BExprPtr filter) { m_filter = std::move(filter); }
    bool hasFilter() const { return m_filter != nullptr; }
    //! Whether an index narrows the rows read (a key, or a range of keys).
    bool hasIndexLookup() const { return m_index || m_range.index; }
    //! Yields only versions committed after `ts` (change tracking).
    void setChangedSince(uint64_t ts) { m_changedSince = ts; }
    //! Restricts the scan to the rows an index finds for these key values.
    void setCandidateKeys(std::vector<BExprPtr> keyExprs, std::shared_ptr<TableIndex> index);
    //! A range of an index's first column: bounds (null: open) of its values.
    struct RangeLookup {
        std::shared_ptr<TableIndex> index;
        BExprPtr low, high;
        bool lowInclusive = true, highInclusive = true;
    };
    //! Restricts the scan to the rows whose index entries lie in the range, when the index's
    //! runs can say so for a small part of the table (else it reads every row, as without).
    void setCandidateRange(RangeLookup lookup) { m_range = std::move(lookup); }
    //! Marks a scan whose rows are only read: a row read from a block that is not resident
    //! is yielded as it is (lastVersion() null) instead of making its block resident.
    void allowBlockReads() { m_mayReadBlocks = true; }

    std::string describe() const override;

private:
    //! A row to yield: its slot, its version (null when read from a block), its bytes and
    //! begin timestamp.
    struct Candidate {
        uint64_t slot;
        const Version *version;
        rowcodec::RowView row;
        uint64_t begin;
    };
    bool changedEnough(const Candidate &c) const
    {
        return !m_changedSince || !(isCommittedTs(c.begin) && c.begin <= m_changedSince);
    }
    void decode(rowcodec::RowView view, Row &out) const;
    std::shared_ptr<TableEntry> m_table;
    std::vector<bool> m_needed;
    BExprPtr m_filter;
    std::vector<BExprPtr> m_keyExprs;
    std::shared_ptr<TableIndex> m_index;
    RangeLookup m_range;
    //! Candidates from a range lookup: rows are checked by the filter, not by their key.
    bool m_rangeCandidates = false;
    bool openRange(ExecContext &ctx);
    //! Buffers the rows of slots [from, to) that the base block holding `from` now has (a
    //! block not resident: its rows are what every snapshot since the open sees); returns
    //! where that block's part of the range ends.
    uint64_t takeFromBlocks(uint64_t from, uint64_t to);
    BlockRef m_lastBlock;            //!< the block takeFromBlocks read last
    bool m_lastBlockRead = false;    //!< m_lastRows holds its rows
    std::vector<BaseRow> m_lastRows; //!< views m_lastBuffers
    BlockBuffers m_lastBuffers;
    //! What the scan reads next: Memory, a resident base block or the slots past the blocks,
    //! now [m_next, m_rangeEnd); Block, base block m_baseBlock, not resident (read from its
    //! file; the caller moves past it); or End.
    enum class Stretch { Memory, Block, End };
    Stretch nextStretch();
    std::vector<uint64_t> m_candidates;
    bool m_useIndex = false;
    size_t m_candidatePos = 0;
    ExecContext *m_ctx = nullptr;
    uint64_t m_next = 0;
    uint64_t m_end = 0;
    uint64_t m_lastSlot = 0;
    const Version *m_lastVersion = nullptr;
    std::string m_indexKey;
    uint64_t m_changedSince = 0;
    //! Visible rows collected under one lock acquisition (or from one block), consumed row
    //! by row.
    std::vector<Candidate> m_buffer;
    bool m_mayReadBlocks = false;
    std::unique_ptr<BaseRowReader> m_baseRows; //!< the base blocks at open (null: none)
    size_t m_baseBlock = 0;                    //!< the next base block
    uint64_t m_rangeEnd = 0;             //!< slots [m_next, m_rangeEnd) are read from memory next
    uint64_t m_tailStart = 0;            //!< the first slot past the base blocks at open
    bool m_tailTaken = false;            //!< whether [m_tailStart, m_end) was begun
    std::deque<std::string> m_blockRows; //!< rows copied from blocks for the buffer
    size_t m_bufferPos = 0;
    bool fillBuffer();
    Row m_filterRow;
};

//! One empty row (SELECT without FROM), or fixed rows.
class ValuesOp : public Operator {
public:
    explicit ValuesOp(std::vector<Row> rows)
        : m_rows(std::move(rows))
    {
    }
    void open(ExecContext &) override { m_pos = 0; }
    bool next(Row &out) override;

    std::string describe() const override
    {
        return "VALUES (" + std::to_string(m_rows.size()) + " rows)";
    }

private:
    std::vector<Row> m_rows;
    size_t m_pos = 0;
};

class FilterOp : public Operator {
public:
    FilterOp(OperatorPtr child, BExprPtr predicate)
        : m_child(std::move(child))
        , m_predicate(std::move(predicate))
    {
    }
    void open(ExecContext &ctx) override;
    bool next(Row &out) override;

    std::string describe() const override { return "FILTER"; }
    std::vector<const Operator *> inputs() const override { return {m_child.get()}; }

private:
    OperatorPtr m_child;
    BExprPtr m_predicate;
    ExecContext *m_ctx = nullptr;
};

class ProjectOp : public Operator {
public:
    ProjectOp(OperatorPtr child, std::vector<BExprPtr> exprs);
    void open(ExecContext &ctx) override;
    bool next(Row &out) override;
    uint64_t skip(uint64_t n) override { return m_child->skip(n); } // one row out per row in

    std::string describe() const override
    {
        return "COMPUTE " + std::to_string(m_exprs.size()) + " columns";
    }
    std::vector<const Operator *> inputs() const override { return {m_child.get()}; }

private:
    OperatorPtr m_child;
    std::vector<BExprPtr> m_exprs;
    std::vector<bool> m_moveColumn; //!< a plain column projected once can be moved
    ExecContext *m_ctx = nullptr;
    Row m_in;
};

//! Joins left rows with right rows; the right side is read once and kept. With equality
//! keys it hashes the right side; otherwise it compares every pair.
class JoinOp : public Operator {
public:
    //! Which unmatched rows a join keeps (with NULLs for the other side).
    struct Outer {
        bool left = false;  //!< LEFT and FULL
        bool right = false; //!< RIGHT and FULL
    };
    JoinOp(OperatorPtr left, OperatorPtr right, size_t leftWidth, size_t rightWidth, Outer outer,
           std::vector<BExprPtr> leftKeys, std::vector<BExprPtr> rightKeys, BExprPtr residual);
    void open(ExecContext &ctx) override;
    bool next(Row &out) override;

    std::string describe() const override;
    std::vector<const Operator *> inputs() const override { return {m_left.get(), m_right.get()}; }

private:
    OperatorPtr m_left, m_right;
    size_t m_leftWidth, m_rightWidth;
    Outer m_outer;
    std::vector<bool> m_rightMatched; //!< RIGHT and FULL: which right rows met a left row
    size_t m_unmatchedPos = 0;        //!< after the left rows: the next right row to check
    std::vector<BExprPtr> m_leftKeys, m_rightKeys;
    BExprPtr m_residual;
    ExecContext *m_ctx = nullptr;
    std::vector<Row> m_rightRows;
    std::unordered_multimap<size_t, size_t> m_hash;
    Row m_leftRow;
    bool m_haveLeft = false;
    bool m_matched = false;
    std::vector<size_t> m_candidates;
    size_t m_candidatePos = 0;
    uint64_t m_steps = 0;
};

//! A table-valued function (json_each): its rows, once, or for each row of `left` (a FROM item
//! right of it may read its columns: t, json_each(t.doc)), each left row followed by the
//! function's columns. `condition` (ON) filters the pairs; `keepUnmatched` (LEFT JOIN) keeps a
//! left row that had none, with NULLs.
class TableFunctionOp : public Operator {
public:
    TableFunctionOp(OperatorPtr left, std::vector<BExprPtr> args, BExprPtr condition,
                    bool keepUnmatched)
        : m_left(std::move(left))
        , m_args(std::move(args))
        , m_condition(std::move(condition))
        , m_keepUnmatched(keepUnmatched)
    {
    }
    void open(ExecContext &ctx) override;
    bool next(Row &out) override;
    std::string describe() const override
    {
        return m_left ? "JSON_EACH for each row of its input" : "JSON_EACH";
    }
    std::vector<const Operator *> inputs() const override
    {
        return m_left ? std::vector<const Operator *>{m_left.get()}
                      : std::vector<const Operator *>{};
    }

private:
    bool nextLeft();
    OperatorPtr m_left;
    std::vector<BExprPtr> m_args;
    BExprPtr m_condition;
    bool m_keepUnmatched;
    ExecContext *m_ctx = nullptr;
    Row m_leftRow;
    std::vector<Row> m_rows;
    size_t m_pos = 0;
    bool m_matched = false;
    bool m_done = false;
};

enum class AggKind { Count, Sum, Avg, Total, Min, Max, GroupConcat, JsonArray, JsonObject };

//! An aggregate function being computed.
struct AggregateSpec {
    std::string function; //!< COUNT, SUM, AVG, TOTAL, MIN, MAX, GROUP_CONCAT
    AggKind kind = AggKind::Count;
    BExprPtr arg;       //!< null for COUNT(*)
    BExprPtr separator; //!< GROUP_CONCAT / STRING_AGG separator; JSON_GROUP_OBJECT's value
    //! string_agg(x, ',' ORDER BY k): the order the values are joined in.
    std::vector<BExprPtr> orderKeys;
    std::vector<bool> orderDescending;
    bool distinct = false;
    LogicalType type = LogicalType::Null;
};

//! One window function call of a SELECT, bound: the function, its arguments, its window.
struct WindowCall {
    std::string function; //!< upper case: ROW_NUMBER, RANK, ..., or an aggregate's name
    bool aggregate = false;
    AggregateSpec agg;          //!< an aggregate's argument, DISTINCT, separator
    std::vector<BExprPtr> args; //!< LAG, LEAD, NTILE, FIRST_VALUE, LAST_VALUE, NTH_VALUE
    std::vector<BExprPtr> partition;
    std::vector<BExprPtr> order;
    std::vector<bool> descending;
    enum class Bound { UnboundedPreceding, Preceding, CurrentRow, Following, UnboundedFollowing };
    bool hasFrame = false;
    bool rows = false; //!< ROWS, else RANGE
    Bound start = Bound::UnboundedPreceding, end = Bound::CurrentRow;
    BExprPtr startOffset, endOffset;
    LogicalType type = LogicalType::Null;
    size_t slot = 0; //!< where its value goes in the row
};

//! Window functions over one window (the same PARTITION BY and ORDER BY): the input's rows
//! are held, sorted by partition and order (stable), and each call's value for each row goes
//! into its slot; the rows come out in that order, `width` wide.
class WindowOp : public Operator {
public:
    WindowOp(OperatorPtr child, std::vector<WindowCall> calls, size_t width)
        : m_child(std::move(child))
        , m_calls(std::move(calls))
        , m_width(width)
    {
    }
    void open(ExecContext &ctx) override;
    bool next(Row &out) override;

    std::string describe() const override
    {
        return "WINDOW (" + std::to_string(m_calls.size()) + " functions, one sort)";
    }
    std::vector<const Operator *> inputs() const override { return {m_child.get()}; }

private:
    void computePartition(size_t first, size_t end, ExecContext &ctx);
    OperatorPtr m_child;
    std::vector<WindowCall> m_calls;
    size_t m_width;
    std::vector<Row> m_rows;
    std::vector<size_t> m_order;                 //!< rows in partition and window order
    std::vector<std::vector<Value>> m_orderKeys; //!< per row
    size_t m_pos = 0;
};

//! Groups rows; each output row is the group's first input row followed by the aggregates.
class AggregateOp : public Operator {
public:
    AggregateOp(OperatorPtr child, size_t inputWidth, std::vector<BExprPtr> groupBy,
                std::vector<AggregateSpec> aggregates);
    void open(ExecContext &ctx) override;
    bool next(Row &out) override;

    std::string describe() const override;
    std::vector<const Operator *> inputs() const override { return {m_child.get()}; }

private:
    //! COUNT(*) alone over a plain table scan: counted without making rows.
    bool openCountOnly(ExecContext &ctx);
    OperatorPtr m_child;
    size_t m_inputWidth;
    std::vector<BExprPtr> m_groupBy;
    std::vector<AggregateSpec> m_aggregates;
    std::vector<Row> m_results;
    size_t m_pos = 0;
};

struct SortKey {
    BExprPtr expr; //!< evaluated on the input row
    bool descending = false;
};

class SortRuns;

//! ORDER BY: sorts its input in memory, or, past Transaction::sortMemoryBytes() of rows, as
//! sorted runs written to a temporary file and merged as they are read (an external merge
//! sort), so that sorting a table bigger than memory holds a bounded part of it. Equal keys
//! keep their input order.
class SortOp : public Operator {
public:
    SortOp(OperatorPtr child, std::vector<int> keyColumns, std::vector<bool> descending);
    ~SortOp() override;
    void open(ExecContext &ctx) override;
    bool next(Row &out) override;
    //! Runs written to the temporary file by the last open (tests).
    size_t spilledRuns() const;
    //! Whether `a` sorts before `b` by the sort's keys.
    bool lessRows(const Row &a, const Row &b) const;

    std::string describe() const override
    {
        return "SORT by " + std::to_string(m_keys.size()) + " keys";
    }
    std::vector<const Operator *> inputs() const override { return {m_child.get()}; }

private:
    OperatorPtr m_child;
    std::vector<int> m_keys;
    std::vector<bool> m_desc;
    std::vector<Row> m_rows;
    size_t m_pos = 0;
    std::unique_ptr<SortRuns> m_runs; //!< set when the input did not fit
};

class DistinctOp : public Operator {
public:
    DistinctOp(OperatorPtr child, size_t width)
        : m_child(std::move(child))
        , m_width(width)
    {
    }
    void open(ExecContext &ctx) override;
    bool next(Row &out) override;

    std::string describe() const override { return "DISTINCT (hashed)"; }
    std::vector<const Operator *> inputs() const override { return {m_child.get()}; }

private:
    OperatorPtr m_child;
    size_t m_width;
    std::unordered_multimap<size_t, Row> m_seen;
};

class LimitOp : public Operator {
public:
    LimitOp(OperatorPtr child, BExprPtr limit, BExprPtr offset)
        : m_child(std::move(child))
        , m_limitExpr(std::move(limit))
        , m_offsetExpr(std::move(offset))
    {
    }
    void open(ExecContext &ctx) override;
    bool next(Row &out) override;

    std::string describe() const override { return m_offset ? "LIMIT, OFFSET" : "LIMIT"; }
    std::vector<const Operator *> inputs() const override { return {m_child.get()}; }

private:
    OperatorPtr m_child;
    BExprPtr m_limitExpr, m_offsetExpr;
    int64_t m_limit = -1;
    int64_t m_offset = 0;
    int64_t m_produced = 0;
};

//! Two queries' rows combined: UNION [ALL] (the left's rows, then the right's), INTERSECT
//! [ALL] (the left's rows the right has too), EXCEPT [ALL] (the left's rows the right lacks).
//! Without ALL the result has no duplicates; with ALL a row comes as many times as it does
//! in the left, the right's count added (UNION), its lesser count (INTERSECT) or taken away
//! (EXCEPT). Rows are cast to `types`; NULLs compare equal, as in DISTINCT.
class CompoundOp : public Operator {
public:
    enum class Kind { Union, UnionAll, Intersect, IntersectAll, Except, ExceptAll };
    CompoundOp(OperatorPtr left, OperatorPtr right, Kind kind, std::vector<LogicalType> types)
        : m_left(std::move(left))
        , m_right(std::move(right))
        , m_kind(kind)
        , m_types(std::move(types))
    {
    }
    void open(ExecContext &ctx) override;
    bool next(Row &out) override;

    std::string describe() const override;
    std::vector<const Operator *> inputs() const override { return {m_left.get(), m_right.get()}; }

private:
    void cast(Row &row) const;
    //! The index of `row` in m_rows, or SIZE_MAX; `add` inserts it when missing.
    size_t find(const Row &row, bool add);
    OperatorPtr m_left, m_right;
    Kind m_kind;
    std::vector<LogicalType> m_types;
    ExecContext *m_ctx = nullptr;
    bool m_onRight = false;        //!< UNION: the left is done
    std::vector<Row> m_rows;       //!< distinct rows seen (the right's, or emitted)
    std::vector<int64_t> m_counts; //!< per row of m_rows: how many the right has left
    std::unordered_multimap<size_t, size_t> m_index; //!< hash -> index in m_rows
    std::vector<bool> m_emitted;                     //!< INTERSECT / EXCEPT: rows already given
};

//! WITH RECURSIVE: the anchor's rows, then, for each row produced (taken from a queue, one at
//! a time, as SQLite does), the rows the recursive steps give when the table they read holds
//! that row alone; with UNION, rows already produced are dropped. Rows are produced as they
//! are asked for, so a LIMIT above stops an endless recursion.
class RecursiveOp : public Operator {
public:
    RecursiveOp(OperatorPtr anchor, std::vector<OperatorPtr> steps,
                std::shared_ptr<std::vector<Row>> working, bool distinct,
                std::vector<LogicalType> types)
        : m_anchor(std::move(anchor))
        , m_steps(std::move(steps))
        , m_working(std::move(working))
        , m_distinct(distinct)
        , m_types(std::move(types))
    {
    }
    void open(ExecContext &ctx) override;
    bool next(Row &out) override;

    std::string describe() const override { return "RECURSIVE (a WITH RECURSIVE query)"; }
    std::vector<const Operator *> inputs() const override
    {
        std::vector<const Operator *> all{m_anchor.get()};
        for (const auto &s : m_steps)
            all.push_back(s.get());
        return all;
    }

private:
    //! Queues `row` to give and to recur on, unless UNION has seen it.
    void produce(Row row);
    OperatorPtr m_anchor;
    std::vector<OperatorPtr> m_steps;
    std::shared_ptr<std::vector<Row>> m_working;
    bool m_distinct;
    std::vector<LogicalType> m_types;
    ExecContext *m_ctx = nullptr;
    std::deque<Row> m_out, m_queue;
    std::unordered_multimap<size_t, Row> m_seen;
};

//! Hash of the first `width` values of a row.
//! Throws Canceled when the statement's cancel flag is set.
void checkCancel(ExecContext *ctx);
//! Sorted runs written to temporary files by sorts in this process.
uint64_t sortRunsWritten();
size_t hashRow(const Row &row, size_t width);
bool sameRow(const Row &a, const Row &b, size_t width);

} // namespace strata::engine::exec
