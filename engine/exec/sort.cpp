#include "engine/exec/operators.h"

#include "engine/common/status.h"
#include "engine/mvcc/transaction.h"
#include "engine/storage/file.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <queue>
#include <unistd.h>

// ORDER BY, in memory or as an external merge sort: sorted runs of at most the sort's memory
// written to one temporary file (made with O_TMPFILE, so a crash leaves nothing behind),
// then merged by a heap of run cursors, each reading its run in 256 KiB pieces.
namespace strata::engine::exec {

namespace {

constexpr size_t kWriteBuffer = 1u << 20;
std::atomic<uint64_t> g_runsWritten{0};
constexpr size_t kReadPiece = 256u << 10;

//! Memory a row takes, about: what the budget counts.
size_t rowBytes(const Row &row)
{
    size_t bytes = sizeof(Row) + row.size() * sizeof(Value);
    for (const Value &v : row)
        if (v.s.capacity() > 15) // past the short-string buffer
            bytes += v.s.capacity();
    return bytes;
}

void putValue(std::string &out, const Value &v)
{
    out.push_back(static_cast<char>(v.type));
    switch (v.type) {
    case LogicalType::Null:
        break;
    case LogicalType::Text:
    case LogicalType::Blob: {
        const auto n = static_cast<uint32_t>(v.s.size());
        out.append(reinterpret_cast<const char *>(&n), 4);
        out.append(v.s);
        break;
    }
    case LogicalType::Double:
        out.append(reinterpret_cast<const char *>(&v.d), 8);
        break;
    default:
        out.append(reinterpret_cast<const char *>(&v.i), 8);
        break;
    }
}

//! Reads the values of one record (written by putRecord) from [p, end).
void getRecord(const char *p, const char *end, Row &out)
{
    uint32_t count;
    std::memcpy(&count, p, 4);
    p += 4;
    out.resize(count);
    for (uint32_t i = 0; i < count; ++i) {
        Value &v = out[i];
        v.type = static_cast<LogicalType>(*p++);
        switch (v.type) {
        case LogicalType::Null:
            break;
        case LogicalType::Text:
        case LogicalType::Blob: {
            uint32_t n;
            std::memcpy(&n, p, 4);
            p += 4;
            v.s.assign(p, n);
            p += n;
            break;
        }
        case LogicalType::Double:
            std::memcpy(&v.d, p, 8);
            p += 8;
            break;
        default:
            std::memcpy(&v.i, p, 8);
            p += 8;
            break;
        }
    }
    STRATA_ASSERT(p == end, "a sort run record read past its length");
}

int openTemporary(const std::string &preferred)
{
    // Beside the database (same disk as the data it sorts), else the system's folder.
    if (!preferred.empty()) {
        const int fd = ::open(preferred.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
        if (fd >= 0)
            return fd;
    }
    const char *env = std::getenv("TMPDIR");
    const std::string base = env && *env ? env : "/tmp";
    int fd = ::open(base.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
    std::string path = base + "/strata-sort-XXXXXX";
    fd = ::mkstemp(path.data());
    if (fd < 0)
        throwError(StatusCode::Io,
                   "cannot make a temporary file to sort in (in " + base + "): " + systemError());
    ::unlink(path.c_str());
    return fd;
}

} // namespace

//! The sorted runs of one sort in a temporary file, and their merge.
class SortRuns {
public:
    explicit SortRuns(const std::string &directory)
        : m_fd(openTemporary(directory))
    {
    }
    ~SortRuns() { ::close(m_fd); }
    SortRuns(const SortRuns &) = delete;
    SortRuns &operator=(const SortRuns &) = delete;

    size_t count() const { return m_runs.size(); }

    //! Appends `rows` (sorted) as a run.
    void write(const std::vector<Row> &rows, ExecContext &ctx)
    {
        const uint64_t begin = m_size;
        std::string buffer;
        buffer.reserve(kWriteBuffer + 4096);
        for (const Row &row : rows) {
            const size_t at = buffer.size();
            buffer.append(8, '\0'); // the record's length, then its value count
            const auto count = static_cast<uint32_t>(row.size());
            std::memcpy(buffer.data() + at + 4, &count, 4);
            for (const Value &v : row)
                putValue(buffer, v);
            const auto length = static_cast<uint32_t>(buffer.size() - at - 4);
            std::memcpy(buffer.data() + at, &length, 4);
            if (buffer.size() >= kWriteBuffer) {
                checkCancel(&ctx);
                append(buffer);
                buffer.clear();
            }
        }
        append(buffer);
        m_runs.push_back({begin, m_size});
        g_runsWritten.fetch_add(1, std::memory_order_relaxed);
    }

    //! Starts merging the runs written.
    void startMerge(const SortOp *sort)
    {
        m_sort = sort;
        m_cursors.assign(m_runs.size(), {});
        for (size_t i = 0; i < m_runs.size(); ++i) {
            m_cursors[i].pos = m_runs[i].begin;
            m_cursors[i].end = m_runs[i].end;
            if (advance(m_cursors[i]))
                m_heap.push_back(i);
        }
        std::make_heap(m_heap.begin(), m_heap.end(), after());
    }

    bool next(Row &out)
    {
        if (m_heap.empty())
            return false;
        std::pop_heap(m_heap.begin(), m_heap.end(), after());
        const size_t i = m_heap.back();
        out = std::move(m_cursors[i].row);
        if (advance(m_cursors[i]))
            std::push_heap(m_heap.begin(), m_heap.end(), after());
        else
            m_heap.pop_back();
        return true;
    }

private:
    struct Run {
        uint64_t begin, end;
    };
    struct Cursor {
        uint64_t pos = 0, end = 0; //!< file offsets of the part not yet in `piece`
        std::string piece;
        size_t at = 0; //!< the next record in `piece`
        Row row;
    };

    //! The heap's order: the run whose row sorts later is lower; ties go to the earlier run.
    struct After {
        const SortRuns *runs;
        bool operator()(size_t a, size_t b) const
        {
            const auto &c = runs->m_cursors;
            if (runs->m_sort->lessRows(c[b].row, c[a].row))
                return true;
            if (runs->m_sort->lessRows(c[a].row, c[b].row))
                return false;
            return a > b;
        }
    };
    After after() const { return {this}; }

    void append(const std::string &bytes)
    {
        size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::pwrite(m_fd, bytes.data() + done, bytes.size() - done,
                                       static_cast<off_t>(m_size + done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                throwError(StatusCode::Io,
                           "cannot write the sort's temporary file: " + systemError());
            done += static_cast<size_t>(n);
        }
        m_size += bytes.size();
    }

    //! Reads the cursor's next row; false at the end of its run.
    bool advance(Cursor &c)
    {
        auto available = [&] { return c.piece.size() - c.at; };
        auto need = [&](size_t bytes) {
            if (available() >= bytes)
                return true;
            c.piece.erase(0, c.at);
            c.at = 0;
            while (c.piece.size() < bytes && c.pos < c.end) {
                const size_t want = static_cast<size_t>(
                    std::min<uint64_t>(std::max(kReadPiece, bytes), c.end - c.pos));
                const size_t old = c.piece.size();
                c.piece.resize(old + want);
                const ssize_t n
                    = ::pread(m_fd, c.piece.data() + old, want, static_cast<off_t>(c.pos));
                if (n < 0 && errno == EINTR) {
                    c.piece.resize(old);
                    continue;
                }
                if (n <= 0)
                    throwError(StatusCode::Io,
                               "cannot read the sort's temporary file: " + systemError());
                c.piece.resize(old + static_cast<size_t>(n));
                c.pos += static_cast<uint64_t>(n);
            }
            return available() >= bytes;
        };
        if (!need(4))
            return false;
        uint32_t length;
        std::memcpy(&length, c.piece.data() + c.at, 4);
        STRATA_ASSERT(need(4 + size_t(length)), "a sort run ends inside a record");
        const char *record = c.piece.data() + c.at + 4;
        getRecord(record, record + length, c.row);
        c.at += 4 + size_t(length);
        return true;
    }

    int m_fd;
    uint64_t m_size = 0;
    std::vector<Run> m_runs;
    const SortOp *m_sort = nullptr;
    std::vector<Cursor> m_cursors;
    std::vector<size_t> m_heap;
};

uint64_t sortRunsWritten()
{
    return g_runsWritten.load(std::memory_order_relaxed);
}

SortOp::SortOp(OperatorPtr child, std::vector<int> keyColumns, std::vector<bool> descending)
    : m_child(std::move(child))
    , m_keys(std::move(keyColumns))
    , m_desc(std::move(descending))
{
}

SortOp::~SortOp() = default;

bool SortOp::lessRows(const Row &a, const Row &b) const
{
    for (size_t k = 0; k < m_keys.size(); ++k) {
        const int c = compareValues(a[m_keys[k]], b[m_keys[k]]);
        if (c != 0)
            return m_desc[k] ? c > 0 : c < 0;
    }
    return false;
}

size_t SortOp::spilledRuns() const
{
    return m_runs ? m_runs->count() : 0;
}

void SortOp::open(ExecContext &ctx)
{
    m_child->open(ctx);
    m_rows.clear();
    m_pos = 0;
    m_runs.reset();
    // A sort of millions of rows takes seconds: it stops when the statement is canceled.
    uint64_t comparisons = 0;
    auto sortRows = [&] {
        std::stable_sort(m_rows.begin(), m_rows.end(), [&](const Row &a, const Row &b) {
            if ((++comparisons & 0xFFFF) == 0)
                checkCancel(&ctx);
            return lessRows(a, b);
        });
    };
    const uint64_t budget = ctx.txn ? ctx.txn->sortMemoryBytes() : uint64_t(256) << 20;
    uint64_t held = 0;
    Row row;
    while (m_child->next(row)) {
        held += rowBytes(row);
        m_rows.push_back(std::move(row));
        if (held > budget) {
            sortRows();
            if (!m_runs)
                m_runs = std::make_unique<SortRuns>(ctx.txn ? ctx.txn->temporaryDirectory()
                                                            : std::string());
            m_runs->write(m_rows, ctx);
            m_rows.clear();
            held = 0;
        }
    }
    sortRows();
    if (m_runs) {
        if (!m_rows.empty())
            m_runs->write(m_rows, ctx);
        std::vector<Row>().swap(m_rows);
        m_runs->startMerge(this);
    }
}

bool SortOp::next(Row &out)
{
    if (m_runs)
        return m_runs->next(out);
    if (m_pos >= m_rows.size())
        return false;
    out = std::move(m_rows[m_pos++]);
    return true;
}

} // namespace strata::engine::exec
