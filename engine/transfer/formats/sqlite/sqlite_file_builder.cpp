#include "engine/transfer/formats/sqlite/sqlite_file_builder.h"

#include "engine/common/status.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace strata::transfer::sqlitefile {

namespace {

constexpr uint32_t kUsable = FileBuilder::kPageSize; // no reserved bytes per page
constexpr uint8_t kLeafTable = 0x0D;
constexpr uint8_t kInteriorTable = 0x05;
constexpr size_t kWriteChunk = 4 << 20;

//! SQLite's varint: 7 bits a byte, high bit set on all but the last, a 9th byte of 8 bits.
void putVarint(std::string &out, uint64_t v)
{
    if (v <= 0x7f) {
        out += static_cast<char>(v);
        return;
    }
    char buf[9];
    if (v > 0x00ffffffffffffffULL) {
        buf[8] = static_cast<char>(v & 0xff);
        v >>= 8;
        for (int i = 7; i >= 0; --i) {
            buf[i] = static_cast<char>((v & 0x7f) | 0x80);
            v >>= 7;
        }
        out.append(buf, 9);
        return;
    }
    int n = 0;
    while (v) {
        buf[n++] = static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    buf[0] = static_cast<char>(buf[0] & 0x7f);
    while (n > 0)
        out += buf[--n];
}

size_t varintLength(uint64_t v)
{
    size_t n = 1;
    while (n < 9 && v > 0x7f) {
        v >>= 7;
        ++n;
    }
    return n;
}

void putBigEndian(char *at, uint64_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i) {
        at[i] = static_cast<char>(v & 0xff);
        v >>= 8;
    }
}

void putBigEndian(std::string &out, uint64_t v, int bytes)
{
    char buf[8];
    putBigEndian(buf, v, bytes);
    out.append(buf, static_cast<size_t>(bytes));
}

//! How much of a payload of `size` bytes a table leaf cell holds itself (the rest goes to
//! overflow pages), as SQLite computes it.
size_t localPayload(size_t size)
{
    const size_t maxLocal = kUsable - 35;
    if (size <= maxLocal)
        return size;
    const size_t minLocal = (kUsable - 12) * 32 / 255 - 23;
    const size_t k = minLocal + (size - minLocal) % (kUsable - 4);
    return k <= maxLocal ? k : minLocal;
}

} // namespace

void RecordBuilder::clear()
{
    m_types.clear();
    m_body.clear();
}

void RecordBuilder::addType(uint64_t serialType)
{
    putVarint(m_types, serialType);
}

void RecordBuilder::addNull()
{
    addType(0);
}

void RecordBuilder::addInteger(int64_t v)
{
    if (v == 0 || v == 1) {
        addType(v == 0 ? 8 : 9); // schema format 4
        return;
    }
    static constexpr struct {
        int64_t limit;
        int bytes;
        uint64_t type;
    } sizes[] = {{INT64_C(0x7f), 1, 1},
                 {INT64_C(0x7fff), 2, 2},
                 {INT64_C(0x7fffff), 3, 3},
                 {INT64_C(0x7fffffff), 4, 4},
                 {INT64_C(0x7fffffffffff), 6, 5}};
    for (const auto &s : sizes) {
        if (v <= s.limit && v >= -s.limit - 1) {
            addType(s.type);
            putBigEndian(m_body, static_cast<uint64_t>(v), s.bytes);
            return;
        }
    }
    addType(6);
    putBigEndian(m_body, static_cast<uint64_t>(v), 8);
}

void RecordBuilder::addReal(double v)
{
    uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    addType(7);
    putBigEndian(m_body, bits, 8);
}

void RecordBuilder::addText(std::string_view s)
{
    addType(13 + 2 * static_cast<uint64_t>(s.size()));
    m_body.append(s);
}

void RecordBuilder::addBlob(std::string_view b)
{
    addType(12 + 2 * static_cast<uint64_t>(b.size()));
    m_body.append(b);
}

std::string_view RecordBuilder::finish()
{
    // The header's size counts its own varint.
    size_t sizeLength = 1;
    while (varintLength(m_types.size() + sizeLength) > sizeLength)
        ++sizeLength;
    const size_t headerSize = m_types.size() + sizeLength;
    m_record.clear();
    putVarint(m_record, headerSize);
    m_record += m_types;
    m_record += m_body;
    return m_record;
}

FileBuilder::FileBuilder(int fd, std::string path)
    : m_fd(fd)
    , m_path(std::move(path))
{
}

void FileBuilder::writeOut(uint64_t offset, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::pwrite(m_fd, data, size, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw engine::EngineError(engine::StatusCode::Io,
                                      "SQLite file " + m_path + ": cannot write ("
                                          + std::strerror(n < 0 ? errno : ENOSPC) + ")");
        data += n;
        size -= static_cast<size_t>(n);
        offset += static_cast<uint64_t>(n);
    }
}

void FileBuilder::writePage(uint32_t number, const std::string &page)
{
    const uint64_t offset = static_cast<uint64_t>(number - 1) * kPageSize;
    if (offset != m_pendingAt + m_pending.size()) {
        writeOut(m_pendingAt, m_pending.data(), m_pending.size());
        m_pending.clear();
        m_pendingAt = offset;
    }
    m_pending += page;
    if (m_pending.size() >= kWriteChunk) {
        writeOut(m_pendingAt, m_pending.data(), m_pending.size());
        m_pendingAt += m_pending.size();
        m_pending.clear();
    }
}

void FileBuilder::startLeaf(Leaves &leaves)
{
    leaves.page.assign(kPageSize, '\0');
    leaves.cells = 0;
    leaves.contentStart = kPageSize;
}

bool FileBuilder::addCell(Leaves &leaves, int64_t key, std::string_view payload)
{
    const size_t local = localPayload(payload.size());
    const bool overflows = local < payload.size();
    const size_t cellSize = varintLength(payload.size()) + varintLength(static_cast<uint64_t>(key))
                            + local + (overflows ? 4 : 0);
    const uint32_t pointers = leaves.headerAt + 8 + 2 * (leaves.cells + 1);
    if (pointers + cellSize > leaves.contentStart)
        return false;
    m_cell.clear();
    putVarint(m_cell, payload.size());
    putVarint(m_cell, static_cast<uint64_t>(key));
    m_cell.append(payload.substr(0, local));
    if (overflows) {
        // The rest on a chain of overflow pages, numbered one after the other.
        std::string_view rest = payload.substr(local);
        const size_t perPage = kUsable - 4;
        const auto count = static_cast<uint32_t>((rest.size() + perPage - 1) / perPage);
        const uint32_t first = m_nextPage;
        m_nextPage += count;
        putBigEndian(m_cell, first, 4);
        std::string page(kPageSize, '\0');
        for (uint32_t i = 0; i < count; ++i) {
            std::fill(page.begin(), page.end(), '\0');
            putBigEndian(page.data(), i + 1 < count ? first + i + 1 : 0, 4);
            const std::string_view part = rest.substr(i * perPage, perPage);
            std::memcpy(page.data() + 4, part.data(), part.size());
            writePage(first + i, page);
        }
    }
    leaves.contentStart -= static_cast<uint32_t>(cellSize);
    std::memcpy(leaves.page.data() + leaves.contentStart, m_cell.data(), cellSize);
    putBigEndian(leaves.page.data() + leaves.headerAt + 8 + 2 * leaves.cells, leaves.contentStart,
                 2);
    ++leaves.cells;
    leaves.lastKey = key;
    return true;
}

void FileBuilder::flushLeaf(Leaves &leaves)
{
    char *h = leaves.page.data() + leaves.headerAt;
    h[0] = static_cast<char>(kLeafTable);
    putBigEndian(h + 3, leaves.cells, 2);
    putBigEndian(h + 5, leaves.contentStart == 65536 ? 0 : leaves.contentStart, 2);
    const uint32_t number = allocatePage();
    writePage(number, leaves.page);
    leaves.written.push_back({number, leaves.lastKey});
}

void FileBuilder::beginTable(const std::string &name, const std::string &createSql)
{
    m_table = {};
    startLeaf(m_table);
    m_tableName = name;
    m_tableSql = createSql;
}

void FileBuilder::addRow(std::string_view record)
{
    const int64_t key = m_table.lastKey + 1;
    if (!addCell(m_table, key, record)) {
        flushLeaf(m_table);
        startLeaf(m_table);
        addCell(m_table, key, record); // a cell always fits an empty page
    }
}

void FileBuilder::endTable()
{
    if (m_table.cells > 0 || m_table.written.empty())
        flushLeaf(m_table); // an empty table is an empty leaf
    const uint32_t root
        = m_table.written.size() == 1 ? m_table.written[0].page : buildInterior(m_table.written, 0);
    m_schema.push_back({m_tableName, m_tableSql, root});
    m_table = {};
}

void FileBuilder::fillInterior(std::string &page, uint32_t headerAt,
                               const std::vector<Child> &children, size_t from, size_t to)
{
    char *h = page.data() + headerAt;
    h[0] = static_cast<char>(kInteriorTable);
    const auto cells = static_cast<uint32_t>(to - from - 1);
    putBigEndian(h + 3, cells, 2);
    putBigEndian(h + 8, children[to - 1].page, 4);
    uint32_t content = kPageSize;
    for (size_t i = from; i + 1 < to; ++i) {
        m_cell.clear();
        putBigEndian(m_cell, children[i].page, 4);
        putVarint(m_cell, static_cast<uint64_t>(children[i].maxKey));
        content -= static_cast<uint32_t>(m_cell.size());
        std::memcpy(page.data() + content, m_cell.data(), m_cell.size());
        putBigEndian(h + 12 + 2 * (i - from), content, 2);
    }
    putBigEndian(h + 5, content, 2);
}

uint32_t FileBuilder::buildInterior(std::vector<Child> children, uint32_t rootPage)
{
    for (;;) {
        const uint32_t headerAt = rootPage == 1 ? 100 : 0;
        // Children one page holds: a cell and a pointer each, the last one in the header.
        auto fits = [&](size_t from, size_t to) {
            size_t used = 0;
            for (size_t i = from; i + 1 < to; ++i)
                used += 4 + varintLength(static_cast<uint64_t>(children[i].maxKey)) + 2;
            return headerAt + 12 + used <= kPageSize;
        };
        if (fits(0, children.size())) {
            std::string page(kPageSize, '\0');
            fillInterior(page, headerAt, children, 0, children.size());
            const uint32_t number = rootPage ? rootPage : allocatePage();
            if (number == 1)
                m_pageOne = page;
            else
                writePage(number, page);
            return number;
        }
        // One level more: groups of at least two children, each on a page of its own.
        std::vector<std::pair<size_t, size_t>> groups;
        for (size_t i = 0; i < children.size();) {
            size_t used = 12, j = i;
            while (j + 1 < children.size()) {
                const size_t cell = 4 + varintLength(static_cast<uint64_t>(children[j].maxKey)) + 2;
                if (used + cell > kPageSize)
                    break;
                used += cell;
                ++j;
            }
            groups.emplace_back(i, j + 1);
            i = j + 1;
        }
        if (groups.size() > 1 && groups.back().second - groups.back().first < 2) {
            --groups[groups.size() - 2].second;
            --groups.back().first;
        }
        std::vector<Child> parents;
        for (const auto &[from, to] : groups) {
            std::string page(kPageSize, '\0');
            fillInterior(page, 0, children, from, to);
            const uint32_t number = allocatePage();
            writePage(number, page);
            parents.push_back({number, children[to - 1].maxKey});
        }
        children = std::move(parents);
    }
}

void FileBuilder::finish()
{
    // The schema table (sqlite_schema): its root is page 1, after the 100-byte header.
    RecordBuilder record;
    std::vector<std::string> rows;
    for (const auto &s : m_schema) {
        record.clear();
        record.addText("table");
        record.addText(s.name);
        record.addText(s.name);
        record.addInteger(s.root);
        record.addText(s.sql);
        rows.emplace_back(record.finish());
    }
    Leaves schema;
    schema.headerAt = 100;
    startLeaf(schema);
    bool onPageOne = true;
    for (size_t i = 0; i < rows.size() && onPageOne; ++i)
        onPageOne = addCell(schema, static_cast<int64_t>(i + 1), rows[i]);
    if (onPageOne) {
        char *h = schema.page.data() + 100;
        h[0] = static_cast<char>(kLeafTable);
        putBigEndian(h + 3, schema.cells, 2);
        putBigEndian(h + 5, schema.contentStart, 2);
        m_pageOne = schema.page;
    } else {
        // Leaves of their own (two at least, where the rows allow), and page 1 above them.
        std::vector<Child> leavesWritten;
        for (const size_t cap : {rows.size(), (rows.size() + 1) / 2}) {
            const uint32_t firstPage = m_nextPage;
            Leaves leaves;
            startLeaf(leaves);
            size_t inLeaf = 0;
            for (size_t i = 0; i < rows.size(); ++i) {
                const auto key = static_cast<int64_t>(i + 1);
                if (inLeaf == cap || !addCell(leaves, key, rows[i])) {
                    flushLeaf(leaves);
                    startLeaf(leaves);
                    inLeaf = 0;
                    addCell(leaves, key, rows[i]);
                }
                ++inLeaf;
            }
            flushLeaf(leaves);
            leavesWritten = std::move(leaves.written);
            if (leavesWritten.size() >= 2 || rows.size() < 2 || cap < rows.size())
                break;
            m_nextPage = firstPage; // again, fewer rows a leaf
        }
        buildInterior(std::move(leavesWritten), 1);
    }
    // The database header.
    const uint32_t pages = m_nextPage - 1;
    char *h = m_pageOne.data();
    std::memcpy(h, "SQLite format 3", 16);
    putBigEndian(h + 16, kPageSize, 2);
    h[18] = 1; // legacy (rollback journal) write and read versions
    h[19] = 1;
    h[20] = 0;
    h[21] = 64;
    h[22] = 32;
    h[23] = 32;
    putBigEndian(h + 24, 1, 4);     // file change counter
    putBigEndian(h + 28, pages, 4); // database size in pages
    putBigEndian(h + 40, 1, 4);     // schema cookie
    putBigEndian(h + 44, 4, 4);     // schema format
    putBigEndian(h + 56, 1, 4);     // UTF-8
    putBigEndian(h + 92, 1, 4);     // version-valid-for: the change counter
    putBigEndian(h + 96, 3040001, 4);
    writeOut(m_pendingAt, m_pending.data(), m_pending.size());
    m_pendingAt += m_pending.size();
    m_pending.clear();
    writeOut(0, m_pageOne.data(), m_pageOne.size());
    if (pages == 1 && ::ftruncate(m_fd, kPageSize) != 0)
        throw engine::EngineError(engine::StatusCode::Io, "SQLite file " + m_path
                                                              + ": cannot write ("
                                                              + std::strerror(errno) + ")");
}

} // namespace strata::transfer::sqlitefile
