#include "engine/storage/table_heap.h"

#include "engine/storage/block_store.h"
#include "engine/storage/index_run.h"

#include "engine/common/parallel.h"
#include "engine/common/status.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <thread>
#include <utility>

namespace strata::engine {

namespace {

void appendBigEndian(std::string &key, uint64_t u)
{
    for (int shift = 56; shift >= 0; shift -= 8)
        key.push_back(static_cast<char>(u >> shift));
}

void appendInteger(std::string &key, int64_t i)
{
    appendBigEndian(key, static_cast<uint64_t>(i) ^ (1ULL << 63));
}

void appendDouble(std::string &key, double d)
{
    if (d == 0)
        d = 0; // -0.0 equals 0.0
    if (std::isnan(d))
        d = std::numeric_limits<double>::quiet_NaN();
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    appendBigEndian(key, (bits >> 63) ? ~bits : bits | (1ULL << 63));
}

void appendBytes(std::string &key, std::string_view bytes)
{
    // NUL bytes escaped, then a terminator below every escaped byte: shorter sorts first.
    for (const char c : bytes) {
        key.push_back(c);
        if (c == 0)
            key.push_back(static_cast<char>(0xFF));
    }
    key.push_back(0);
    key.push_back(0);
}

// Each column's part starts with a tag: NULL sorts before every value.
constexpr char kNullPart = 1;
constexpr char kValuePart = 2;

void appendKeyPart(std::string &key, LogicalType type, const Value &v)
{
    key.push_back(kValuePart);
    switch (type) {
    case LogicalType::Text:
    case LogicalType::Blob:
        appendBytes(key, v.s);
        break;
    case LogicalType::Double:
        appendDouble(key, v.type == LogicalType::Double ? v.d : static_cast<double>(v.i));
        break;
    default:
        appendInteger(key, v.i);
        break;
    }
}

} // namespace

std::string encodeKey(const rowcodec::RowView &row, const std::vector<uint32_t> &columns,
                      const TableSchema &schema, bool *hasNull)
{
    std::string key;
    if (hasNull)
        *hasNull = false;
    for (auto c : columns) {
        const bool known = c < schema.columns.size(); // else added by a newer schema: NULL
        if (!known || row.isNull(c)) {
            if (known && c >= row.columnCount() && schema.columns[c].hasDefault
                && !schema.columns[c].defaultValue.isNull()) {
                appendKeyPart(key, schema.columns[c].type, schema.columns[c].defaultValue);
                continue;
            }
            key.push_back(kNullPart);
            if (hasNull)
                *hasNull = true;
            continue;
        }
        key.push_back(kValuePart);
        switch (schema.columns[c].type) {
        case LogicalType::Text:
        case LogicalType::Blob:
            appendBytes(key, row.getBytes(c));
            break;
        case LogicalType::Double:
            appendDouble(key, row.getDouble(c));
            break;
        default:
            appendInteger(key, row.getInt(c));
            break;
        }
    }
    return key;
}

Value columnValue(const rowcodec::RowView &row, uint32_t c, const TableSchema &schema)
{
    const ColumnDef &col = schema.columns[c];
    if (c >= row.columnCount())
        return col.hasDefault && !col.defaultIsNow ? col.defaultValue : Value();
    return row.get(c, col.type);
}

std::string encodeKeyValues(const std::vector<Value> &values)
{
    std::string key;
    for (const auto &v : values) {
        if (v.isNull())
            return {};
        appendKeyPart(key, v.type, v);
    }
    return key;
}

uint64_t TableIndex::hashOf(const std::string &key)
{
    // std::hash of the bytes, then a finaliser so that sequential integer keys spread.
    uint64_t h = std::hash<std::string_view>()(key);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

void TableIndex::grow()
{
    std::vector<Entry> old;
    old.swap(m_entries);
    m_entries.assign(std::max<size_t>(64, old.size() * 2), Entry{0, kEmpty});
    m_used = 0;
    for (const Entry &e : old)
        if (e.slot != kEmpty && e.slot != kRemoved)
            addUnlocked(e.hash, e.slot);
}

void TableIndex::reserveUnlocked(size_t more)
{
    while ((m_used + more) * 10 > m_entries.size() * 7)
        grow();
}

void TableIndex::addUnlocked(uint64_t hash, uint64_t slot)
{
    if ((m_used + 1) * 10 > m_entries.size() * 7)
        grow();
    const size_t mask = m_entries.size() - 1;
    size_t reuse = SIZE_MAX;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        Entry &e = m_entries[i];
        if (e.slot == kEmpty) {
            if (reuse == SIZE_MAX) {
                e = {hash, slot};
                ++m_used;
            } else {
                m_entries[reuse] = {hash, slot};
            }
            return;
        }
        if (e.slot == kRemoved) {
            if (reuse == SIZE_MAX)
                reuse = i;
        } else if (e.hash == hash && e.slot == slot) {
            return; // already there
        }
    }
}

void TableIndex::clear()
{
    std::unique_lock lock(m_mutex);
    std::vector<Entry>().swap(m_entries);
    m_used = 0;
}

void TableIndex::bulkLoad(std::vector<std::pair<uint64_t, uint64_t>> &pairs)
{
    std::unique_lock lock(m_mutex);
    size_t capacity = 64;
    while ((m_used + pairs.size()) * 10 > capacity * 7)
        capacity *= 2;
    if (capacity > m_entries.size()) {
        std::vector<Entry> old;
        old.swap(m_entries);
        m_entries.assign(capacity, Entry{0, kEmpty});
        m_used = 0;
        for (const Entry &e : old)
            if (e.slot != kEmpty && e.slot != kRemoved)
                addUnlocked(e.hash, e.slot);
    }
    // A counting partition on the bucket's top bits: each part covers a cache-sized stretch
    // of the table, so the inserts below walk it front to back instead of at random.
    const size_t mask = m_entries.size() - 1;
    unsigned bits = 0;
    while ((size_t(1) << bits) < m_entries.size())
        ++bits;
    const unsigned partBits = std::min(bits, 12u);
    const unsigned shift = bits - partBits;
    std::vector<size_t> starts((size_t(1) << partBits) + 1, 0);
    for (const auto &p : pairs)
        ++starts[((p.first & mask) >> shift) + 1];
    for (size_t i = 1; i < starts.size(); ++i)
        starts[i] += starts[i - 1];
    std::vector<std::pair<uint64_t, uint64_t>> ordered(pairs.size());
    for (const auto &p : pairs)
        ordered[starts[(p.first & mask) >> shift]++] = p; // starts[i] is now part i's end
    // Big loads fill the two halves of the table on two threads. A probe that would run past
    // its half's end (into the other thread's half, or around the table) is left for after.
    const size_t parts = size_t(1) << partBits;
    const size_t half = parts / 2;
    const size_t split = half == 0 ? 0 : starts[half - 1];
    if (ordered.size() < 200000 || half == 0 || m_used != 0) {
        for (const auto &[hash, slot] : ordered)
            addUnlocked(hash, slot);
        return;
    }
    auto fill = [&](size_t from, size_t to, size_t end, std::vector<size_t> &deferred) {
        size_t used = 0;
        for (size_t k = from; k < to; ++k) {
            const auto [hash, slot] = ordered[k];
            for (size_t i = hash & mask;; ++i) {
                if (i >= end) {
                    deferred.push_back(k);
                    break;
                }
                Entry &e = m_entries[i];
                if (e.slot == kEmpty) {
                    e = {hash, slot};
                    ++used;
                    break;
                }
                if (e.hash == hash && e.slot == slot)
                    break; // already there
            }
        }
        return used;
    };
    std::vector<size_t> deferredLow, deferredHigh;
    size_t usedHigh = 0;
    std::thread high(
        [&] { usedHigh = fill(split, ordered.size(), m_entries.size(), deferredHigh); });
    const size_t usedLow = fill(0, split, half << shift, deferredLow);
    high.join();
    m_used += usedLow + usedHigh;
    for (size_t k : deferredLow)
        addUnlocked(ordered[k].first, ordered[k].second);
    for (size_t k : deferredHigh)
        addUnlocked(ordered[k].first, ordered[k].second);
}

void TableIndex::add(const std::string &key, uint64_t slot)
{
    if (key.empty())
        return;
    std::unique_lock lock(m_mutex);
    addUnlocked(hashOf(key), slot);
}

void TableIndex::remove(const std::string &key, uint64_t slot)
{
    if (key.empty())
        return;
    const uint64_t hash = hashOf(key);
    std::unique_lock lock(m_mutex);
    if (m_entries.empty())
        return;
    const size_t mask = m_entries.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        Entry &e = m_entries[i];
        if (e.slot == kEmpty)
            return;
        if (e.slot == slot && e.hash == hash) {
            e.slot = kRemoved;
            return;
        }
    }
}

std::vector<uint64_t> TableIndex::find(const std::string &key) const
{
    std::vector<uint64_t> out;
    if (key.empty())
        return out;
    forEachCandidate(key, [&](uint64_t s) { out.push_back(s); });
    forEachRunSlot(key, [&](uint64_t s) { out.push_back(s); });
    return out;
}

void TableIndex::setRuns(std::shared_ptr<const IndexRuns> runs,
                         std::shared_ptr<const BlockStore> store,
                         std::shared_ptr<IndexBlockCache> cache, uint64_t tableId)
{
    std::lock_guard lock(m_runsMutex);
    m_runs = std::move(runs);
    m_store = std::move(store);
    m_cache = std::move(cache);
    m_tableId = tableId;
    m_hasRuns.store(m_runs != nullptr, std::memory_order_release);
}

std::shared_ptr<const IndexRuns> TableIndex::runs() const
{
    std::lock_guard lock(m_runsMutex);
    return m_runs;
}

TableIndex::RunsView TableIndex::runsView() const
{
    std::lock_guard lock(m_runsMutex);
    return {m_runs, m_store, m_cache};
}

void TableIndex::forEachRunSlot(const std::string &key,
                                const std::function<void(uint64_t)> &f) const
{
    if (!hasRuns() || key.empty())
        return;
    if (const RunsView view = runsView(); view.runs)
        strata::engine::forEachRunSlot(*view.store, *view.cache, *view.runs, m_tableId, key, f);
}

bool TableIndex::findRange(const KeyRange &range, size_t limit, std::vector<uint64_t> &out) const
{
    const RunsView view = runsView();
    if (!view.runs)
        return false;
    {
        std::shared_lock lock(m_mutex);
        if (m_used > limit)
            return false;
        for (const Entry &e : m_entries)
            if (e.slot != kEmpty && e.slot != kRemoved)
                out.push_back(e.slot);
    }
    return collectRunRange(*view.store, *view.cache, *view.runs, m_tableId, range, limit, out);
}

void TableIndex::pruneHash(const std::function<bool(uint64_t)> &keep)
{
    std::unique_lock lock(m_mutex);
    m_complete.store(false, std::memory_order_release); // the runs hold the rest
    std::vector<Entry> old;
    old.swap(m_entries);
    m_used = 0;
    size_t kept = 0;
    for (const Entry &e : old)
        kept += e.slot != kEmpty && e.slot != kRemoved && keep(e.slot);
    if (kept == 0)
        return;
    size_t capacity = 64;
    while (kept * 10 > capacity * 7)
        capacity *= 2;
    m_entries.assign(capacity, Entry{0, kEmpty});
    for (const Entry &e : old)
        if (e.slot != kEmpty && e.slot != kRemoved && keep(e.slot))
            addUnlocked(e.hash, e.slot);
}

TableHeap::~TableHeap()
{
    freeSlotStorage();
    for (auto *v : m_retired)
        Version::destroy(v);
}

TableHeap::Chunk *TableHeap::emptyChunk()
{
    // Stands for the chunks of spilled slots: every slot null, never written.
    static Chunk empty;
    return &empty;
}

void TableHeap::freeSlotStorage()
{
    auto destroyChain = [](Version *v) {
        while (v) {
            Version *older = v->older;
            Version::destroy(v);
            v = older;
        }
    };
    for (auto &head : m_head)
        destroyChain(head.exchange(nullptr, std::memory_order_relaxed));
    if (auto *dir = m_dir.exchange(nullptr)) {
        for (size_t d = 0; d < (1u << kDirBits); ++d) {
            auto *chunks = dir[d].load();
            if (!chunks)
                continue;
            for (size_t i = 0; i < (1u << kDirBits); ++i) {
                Chunk *chunk = chunks[i].load();
                if (!chunk || chunk == emptyChunk())
                    continue;
                for (auto &slot : chunk->slots)
                    destroyChain(slot.load(std::memory_order_relaxed));
                delete chunk;
            }
            delete[] chunks;
        }
        delete[] dir;
    }
    m_slotCount.store(0, std::memory_order_release);
}

uint64_t TableHeap::appendSlot()
{
    return appendSlots(1);
}

std::atomic<std::atomic<TableHeap::Chunk *> *> &TableHeap::chunkEntry(uint64_t chunk)
{
    auto *directory = m_dir.load(std::memory_order_acquire);
    if (!directory) {
        directory = new std::atomic<std::atomic<Chunk *> *>[1u << kDirBits];
        for (size_t i = 0; i < (1u << kDirBits); ++i)
            directory[i].store(nullptr, std::memory_order_relaxed);
        m_dir.store(directory, std::memory_order_release);
    }
    const uint64_t dir = chunk >> kDirBits;
    if (dir >= (1u << kDirBits))
        throwError(StatusCode::Invalid, "table has too many rows");
    auto *row = directory[dir].load(std::memory_order_acquire);
    if (!row) {
        row = new std::atomic<Chunk *>[1u << kDirBits];
        for (size_t i = 0; i < (1u << kDirBits); ++i)
            row[i].store(nullptr, std::memory_order_relaxed);
        directory[dir].store(row, std::memory_order_release);
    }
    return directory[dir];
}

void TableHeap::realChunks(uint64_t first, uint64_t end)
{
    // Slots below kHeadSlots live in m_head; chunk 0 starts past them.
    first = std::max(first, kHeadSlots);
    if (first >= end)
        return;
    for (uint64_t c = first >> kChunkBits; c <= ((end - 1) >> kChunkBits); ++c) {
        auto &entry = chunkEntry(c).load(std::memory_order_acquire)[c & kDirMask];
        Chunk *chunk = entry.load(std::memory_order_acquire);
        if (!chunk || chunk == emptyChunk())
            entry.store(new Chunk, std::memory_order_release);
    }
}

uint64_t TableHeap::appendSlots(uint64_t n)
{
    reserveBase();
    std::lock_guard lock(m_growMutex);
    const uint64_t first = m_slotCount.load(std::memory_order_relaxed);
    realChunks(first, first + n);
    m_slotCount.store(first + n, std::memory_order_release);
    return first;
}

void TableHeap::reserveBase()
{
    const uint64_t end = baseEnd();
    if (m_slotCount.load(std::memory_order_acquire) >= end)
        return;
    std::lock_guard lock(m_growMutex);
    if (m_slotCount.load(std::memory_order_relaxed) >= end)
        return;
    if (end > kHeadSlots) {
        for (uint64_t c = 0; c <= ((end - 1) >> kChunkBits); ++c) {
            auto &entry = chunkEntry(c).load(std::memory_order_acquire)[c & kDirMask];
            if (!entry.load(std::memory_order_acquire))
                entry.store(emptyChunk(), std::memory_order_release);
        }
    }
    m_slotCount.store(end, std::memory_order_release);
}

void TableHeap::ensureSlot(uint64_t s)
{
    if (s < baseEnd()) {
        ensureResident(s);
        return;
    }
    const uint64_t n = slotCount();
    if (s >= n)
        appendSlots(s + 1 - n);
}

size_t TableHeap::blockOf(uint64_t slot) const
{
    auto it = std::upper_bound(m_base.begin(), m_base.end(), slot,
                               [](uint64_t s, const BlockRef &ref) { return s < ref.endSlot; });
    if (it == m_base.end() || slot < it->firstSlot)
        return SIZE_MAX;
    return static_cast<size_t>(it - m_base.begin());
}

void TableHeap::updateAllResident()
{
    m_allResident.store(std::find(m_resident.begin(), m_resident.end(), 0) == m_resident.end(),
                        std::memory_order_release);
}

bool TableHeap::isResident(uint64_t slot) const
{
    if (allResident())
        return true;
    std::lock_guard lock(m_baseMutex);
    const size_t i = blockOf(slot);
    return i == SIZE_MAX || m_resident[i];
}

bool TableHeap::currentBlock(uint64_t slot, BlockRef &ref, std::shared_ptr<const BlockStore> &store,
                             std::shared_ptr<File> &file) const
{
    // Under the base lock: the files of the current base are not closed before a newer base
    // replaces it, and the pin keeps this one open after that.
    std::lock_guard lock(m_baseMutex);
    const size_t i = blockOf(slot);
    if (i == SIZE_MAX)
        return false;
    ref = m_base[i];
    store = m_store;
    file = m_store->pin(ref.file);
    return true;
}

void TableHeap::ensureResident(uint64_t slot)
{
    if (allResident())
        return;
    std::lock_guard load(m_loadMutex);
    size_t i;
    {
        std::lock_guard lock(m_baseMutex);
        i = blockOf(slot);
        if (i == SIZE_MAX || m_resident[i])
            return;
    }
    materialize(i);
}

void TableHeap::materialize(size_t index)
{
    BlockRef ref;
    std::shared_ptr<const BlockStore> store;
    {
        std::lock_guard lock(m_baseMutex);
        ref = m_base[index];
        store = m_store;
    }
    BlockBuffers buffers;
    std::vector<BaseRow> rows;
    readRowBlock(*store, ref, m_tableId, buffers, rows);
    // One allocation for the block's versions, freed when the last of them is.
    size_t room = 0;
    for (const BaseRow &row : rows)
        room += Version::footprint(static_cast<uint32_t>(row.bytes.size()));
    VersionChunk *chunk = rows.empty() ? nullptr : VersionChunk::create(room);
    size_t offset = 0;
    std::vector<Version *> versions;
    versions.reserve(rows.size());
    for (const BaseRow &row : rows)
        versions.push_back(Version::createIn(chunk, offset, row.bytes.data(),
                                             static_cast<uint32_t>(row.bytes.size()), row.begin));
    reserveBase();
    {
        std::lock_guard lock(m_growMutex);
        realChunks(ref.firstSlot, ref.endSlot);
    }
    // Nobody uses a slot of a block that is not resident: the slots are empty.
    for (size_t k = 0; k < rows.size(); ++k)
        if (Version *old = slot(rows[k].slot).exchange(versions[k], std::memory_order_release))
            Version::destroy(old); // a slot twice in a block: keep the last
    std::lock_guard lock(m_baseMutex);
    m_resident[index] = 1;
    updateAllResident();
    m_materialized.fetch_add(1, std::memory_order_relaxed);
}

size_t TableHeap::residentBlocks() const
{
    std::lock_guard lock(m_baseMutex);
    return static_cast<size_t>(std::count(m_resident.begin(), m_resident.end(), 1));
}

void TableHeap::pin() const
{
    // Under the base lock, where the release checks the pins: a pin taken after that check
    // finds the blocks released.
    std::lock_guard lock(m_baseMutex);
    m_pins.fetch_add(1, std::memory_order_acq_rel);
}

void TableHeap::unpin() const
{
    m_pins.fetch_sub(1, std::memory_order_acq_rel);
}

size_t TableHeap::releaseUnchangedBlocks(uint64_t oldest)
{
    if (spilling() || baseEnd() == 0)
        return 0; // its rows are its transaction's; or it has no block
    // The collector's lock keeps readers off the versions; the load lock keeps loads,
    // fills and base replacements out. Taken in that order, the second without waiting
    // (a writer holding the first shared may be waiting for it; a fill holding it takes the
    // first).
    std::unique_lock gc(m_gcLock);
    std::unique_lock load(m_loadMutex, std::try_to_lock);
    if (!load)
        return 0;
    std::vector<uint64_t> marks;
    {
        std::lock_guard lock(m_changedMutex);
        marks = m_changed;
    }
    std::lock_guard base(m_baseMutex);
    if (m_pins.load(std::memory_order_acquire) != 0)
        return 0;
    size_t released = 0;
    for (size_t i = 0; i < m_base.size(); ++i) {
        const BlockRef &ref = m_base[i];
        if (!m_resident[i] || ref.beginTs || anyMarked(marks, ref.firstSlot, ref.endSlot))
            continue;
        bool same = true;
        for (uint64_t s = ref.firstSlot; s < ref.endSlot && same; ++s) {
            const Version *v = head(s);
            if (!v)
                continue; // gone before the checkpoint that wrote the block
            const uint64_t begin = v->begin.load(std::memory_order_acquire);
            same = !v->older && isCommittedTs(begin) && begin <= oldest
                   && v->end.load(std::memory_order_acquire) == kInfinity;
        }
        if (!same)
            continue;
        for (uint64_t s = ref.firstSlot; s < ref.endSlot; ++s)
            if (s < m_slotCount.load(std::memory_order_relaxed))
                if (Version *v = slot(s).exchange(nullptr, std::memory_order_acq_rel))
                    Version::destroy(v);
        m_resident[i] = 0;
        ++released;
    }
    if (!released)
        return 0;
    updateAllResident();
    // Chunks of slot pointers now wholly in blocks not resident give their memory back.
    std::lock_guard grow(m_growMutex);
    auto *dir = m_dir.load(std::memory_order_acquire);
    const uint64_t end = std::min(baseEnd(), m_slotCount.load(std::memory_order_relaxed));
    for (uint64_t c = kHeadSlots >> kChunkBits; dir && ((c + 1) << kChunkBits) <= end; ++c) {
        auto *row = dir[c >> kDirBits].load(std::memory_order_acquire);
        Chunk *chunk = row ? row[c & kDirMask].load(std::memory_order_acquire) : nullptr;
        if (!chunk || chunk == emptyChunk())
            continue;
        const uint64_t first = std::max<uint64_t>(c << kChunkBits, kHeadSlots);
        bool free = true;
        for (size_t b = blockOf(first);
             free && b < m_base.size() && m_base[b].firstSlot < ((c + 1) << kChunkBits); ++b)
            free = !m_resident[b];
        for (uint64_t s = first; free && s < ((c + 1) << kChunkBits); ++s)
            free = !chunk->slots[s & kChunkMask].load(std::memory_order_relaxed);
        if (free) {
            row[c & kDirMask].store(emptyChunk(), std::memory_order_release);
            delete chunk;
        }
    }
    return released;
}

std::vector<std::pair<uint64_t, uint64_t>> TableHeap::residentRanges() const
{
    std::vector<std::pair<uint64_t, uint64_t>> out;
    auto add = [&](uint64_t first, uint64_t end) {
        if (first >= end)
            return;
        if (!out.empty() && out.back().second == first)
            out.back().second = end;
        else
            out.emplace_back(first, end);
    };
    uint64_t base = 0;
    {
        std::lock_guard lock(m_baseMutex);
        for (size_t i = 0; i < m_base.size(); ++i)
            if (m_resident[i])
                add(m_base[i].firstSlot, m_base[i].endSlot);
        base = m_base.empty() ? 0 : m_base.back().endSlot;
    }
    add(base, std::max(base, m_slotCount.load(std::memory_order_acquire)));
    return out;
}

uint64_t TableHeap::countVisible(const ReadView &view, const std::function<void()> &poll) const
{
    // Under the collector's lock throughout: no block is released between the look at
    // which blocks are resident and the count of their slots.
    std::shared_lock gc(const_cast<TableHeap *>(this)->m_gcLock);
    uint64_t rows = 0;
    {
        // Blocks not resident now have not changed since the open: every snapshot since sees
        // their rows (a block made resident after this look changes only after our snapshot).
        std::lock_guard lock(m_baseMutex);
        for (size_t i = 0; i < m_base.size(); ++i)
            if (!m_resident[i])
                rows += m_base[i].rows;
    }
    for (const auto &[first, end] : residentRanges()) {
        for (uint64_t from = first; from < end; from += 65536) {
            if (poll)
                poll();
            for (uint64_t s = from; s < std::min(end, from + 65536); ++s)
                rows += view.visible(head(s)) != nullptr;
        }
    }
    return rows;
}

void TableHeap::addKeyIndexes(const TableSchema &schema)
{
    if (!schema.primaryKey.empty())
        addIndex("PRIMARY", schema.primaryKey, true);
    for (size_t u = 0; u < schema.uniqueKeys.size(); ++u)
        addIndex("UNIQUE_" + std::to_string(u + 1), schema.uniqueKeys[u], true);
}

std::shared_ptr<TableIndex> TableHeap::addIndex(const std::string &name,
                                                std::vector<uint32_t> columns, bool unique)
{
    auto index = std::make_shared<TableIndex>(name, std::move(columns), unique);
    std::lock_guard lock(m_indexMutex);
    m_indexes.push_back(index);
    return index;
}

void TableHeap::dropIndex(const TableIndex *index)
{
    std::lock_guard lock(m_indexMutex);
    std::erase_if(m_indexes, [&](const auto &i) { return i.get() == index; });
}

std::shared_ptr<TableIndex> TableHeap::findIndex(const std::string &name) const
{
    ensureIndexed();
    std::lock_guard lock(m_indexMutex);
    for (const auto &i : m_indexes)
        if (equalsIgnoreCase(i->name(), name))
            return i;
    return nullptr;
}

std::vector<std::shared_ptr<TableIndex>> TableHeap::indexes() const
{
    ensureIndexed();
    return indexesAsDeclared();
}

std::vector<std::shared_ptr<TableIndex>> TableHeap::indexesAsDeclared() const
{
    std::lock_guard lock(m_indexMutex);
    return m_indexes;
}

void TableHeap::ensureIndexed() const
{
    auto incomplete = [&] {
        std::vector<std::shared_ptr<TableIndex>> out;
        for (const auto &index : indexesAsDeclared())
            if (!index->complete())
                out.push_back(index);
        return out;
    };
    if (incomplete().empty())
        return;
    std::shared_ptr<const TableSchema> schema;
    {
        std::lock_guard lock(m_baseMutex);
        schema = m_schema ? m_schema() : nullptr;
    }
    STRATA_ASSERT(schema, "an incomplete index without a schema to read its keys with");
    std::lock_guard load(m_loadMutex);
    const auto todo = incomplete(); // filled meanwhile, if empty
    if (!todo.empty())
        fillIndexesLocked(todo, *schema);
}

void TableHeap::pruneIndexHashes(uint64_t snapshot)
{
    std::shared_lock gc(m_gcLock);
    for (const auto &index : indexesAsDeclared()) {
        if (!index->hasRuns())
            continue;
        index->pruneHash([&](uint64_t s) {
            const Version *v = head(s);
            if (!v)
                return false; // in a block, so in the runs; or gone
            const uint64_t begin = v->begin.load(std::memory_order_acquire);
            return v->older || !isCommittedTs(begin) || begin > snapshot
                   || v->end.load(std::memory_order_acquire) != kInfinity;
        });
    }
}

void TableHeap::fillIndexes(const std::vector<std::shared_ptr<TableIndex>> &indexes,
                            const TableSchema &schema) const
{
    std::lock_guard load(m_loadMutex);
    fillIndexesLocked(indexes, schema);
}

void TableHeap::fillIndexesLocked(const std::vector<std::shared_ptr<TableIndex>> &todo,
                                  const TableSchema &schema) const
{
    std::vector<BlockRef> refs;
    std::shared_ptr<const BlockStore> store;
    {
        std::lock_guard lock(m_baseMutex);
        for (size_t i = 0; i < m_base.size(); ++i)
            if (!m_resident[i])
                refs.push_back(m_base[i]);
        store = m_store;
    }
    using Pairs = std::vector<std::pair<uint64_t, uint64_t>>;
    auto addKeys = [&](std::vector<Pairs> &out, rowcodec::RowView view, uint64_t slot) {
        for (size_t x = 0; x < todo.size(); ++x) {
            const std::string key = encodeKey(view, todo[x]->columns(), schema);
            if (!key.empty())
                out[x].emplace_back(TableIndex::hashOf(key), slot);
        }
    };
    // The blocks' keys on both cores; their rows stay in the files.
    if (!refs.empty())
        m_indexFills.fetch_add(todo.size(), std::memory_order_relaxed);
    std::vector<std::vector<Pairs>> found(2, std::vector<Pairs>(todo.size()));
    std::vector<BlockBuffers> buffers(2);
    std::vector<std::vector<BaseRow>> rows(2);
    forEachOnBothCores(refs.size(), [&](unsigned w, size_t i) {
        for (const BaseRow &row : readRowBlock(*store, refs[i], m_tableId, buffers[w], rows[w]))
            addKeys(found[w],
                    rowcodec::RowView(row.bytes.data(), static_cast<uint32_t>(row.bytes.size())),
                    row.slot);
    });
    // Every version in memory (entries of old versions stay until the collector frees them).
    {
        std::shared_lock gc(const_cast<TableHeap *>(this)->m_gcLock);
        for (const auto &[first, end] : residentRanges())
            for (uint64_t s = first; s < end; ++s)
                for (const Version *v = head(s); v; v = v->older)
                    addKeys(found[0], v->view(), s);
    }
    for (size_t x = 0; x < todo.size(); ++x) {
        Pairs pairs = std::move(found[0][x]);
        pairs.insert(pairs.end(), found[1][x].begin(), found[1][x].end());
        Pairs().swap(found[1][x]);
        todo[x]->bulkLoad(pairs);
        todo[x]->setComplete(true);
    }
}

void TableHeap::forEachVisibleRow(
    const ReadView &view, const std::function<void(uint64_t, rowcodec::RowView)> &visit) const
{
    // Under the collector's lock throughout: no block is released meanwhile.
    std::shared_lock gc(const_cast<TableHeap *>(this)->m_gcLock);
    auto reader = baseReader();
    std::vector<std::pair<uint64_t, uint64_t>> ranges;
    for (size_t b = 0; reader && b < reader->blockCount(); ++b) {
        const BlockRef &ref = reader->ref(b);
        if (isResident(ref.firstSlot)) {
            ranges.emplace_back(ref.firstSlot, ref.endSlot);
            continue;
        }
        for (const BaseRow &row : reader->read(b))
            visit(row.slot,
                  rowcodec::RowView(row.bytes.data(), static_cast<uint32_t>(row.bytes.size())));
    }
    const uint64_t tail = reader ? reader->ref(reader->blockCount() - 1).endSlot : 0;
    ranges.emplace_back(tail, std::max(tail, slotCount()));
    for (const auto &[first, end] : ranges)
        for (uint64_t s = first; s < end; ++s)
            if (const Version *v = view.visible(head(s)))
                visit(s, v->view());
}

void TableHeap::indexVersion(const Version *v, uint64_t slotNo, const TableSchema &schema)
{
    for (const auto &index : indexesAsDeclared())
        index->add(encodeKey(v->view(), index->columns(), schema), slotNo);
}

void TableHeap::unindexVersion(const Version *gone, const Version *keepChain, uint64_t slotNo,
                               const TableSchema &schema)
{
    for (const auto &index : indexesAsDeclared()) {
        const std::string key = encodeKey(gone->view(), index->columns(), schema);
        if (key.empty())
            continue;
        bool stillHeld = false;
        const uint64_t hash = TableIndex::hashOf(key);
        for (const Version *k = keepChain; k && !stillHeld; k = k->older) {
            if (k == gone)
                continue;
            const std::string other = encodeKey(k->view(), index->columns(), schema);
            stillHeld = !other.empty() && TableIndex::hashOf(other) == hash;
        }
        if (!stillHeld)
            index->remove(key, slotNo);
    }
}

void TableHeap::recordDeletion(uint64_t commitTs, std::string keyRow)
{
    std::lock_guard lock(m_deletionMutex);
    m_deletions.push_back({commitTs, std::move(keyRow)});
}

std::vector<DeletionRecord> TableHeap::deletionsAfter(uint64_t ts) const
{
    std::lock_guard lock(m_deletionMutex);
    std::vector<DeletionRecord> out;
    for (const auto &d : m_deletions)
        if (d.commitTs > ts)
            out.push_back(d);
    return out;
}

std::vector<DeletionRecord> TableHeap::allDeletions() const
{
    std::lock_guard lock(m_deletionMutex);
    return {m_deletions.begin(), m_deletions.end()};
}

void TableHeap::pruneDeletions(uint64_t olderThanTs)
{
    std::lock_guard lock(m_deletionMutex);
    while (!m_deletions.empty() && m_deletions.front().commitTs < olderThanTs)
        m_deletions.pop_front();
}

void TableHeap::retire(Version *v)
{
    std::lock_guard lock(m_retiredMutex);
    m_retired.push_back(v);
}

size_t TableHeap::trimSlot(uint64_t s, uint64_t oldestTs, const TableSchema &schema)
{
    if (s >= m_slotCount.load(std::memory_order_acquire))
        return 0; // no storage (any more): nothing to free
    auto &head = slot(s);
    Version *h = head.load(std::memory_order_acquire);
    if (!h)
        return 0;
    // The newest version every reader sees as its candidate (begin <= oldest).
    Version *floor = h;
    while (floor) {
        const uint64_t b = floor->begin.load(std::memory_order_acquire);
        if (isCommittedTs(b) && b <= oldestTs)
            break;
        floor = floor->older;
    }
    if (!floor)
        return 0;
    const uint64_t e = floor->end.load(std::memory_order_acquire);
    const bool floorDead = floor == h && isCommittedTs(e) && e <= oldestTs;
    Version *victims = floorDead ? floor : floor->older;
    if (!victims)
        return 0;
    if (floorDead)
        head.store(nullptr, std::memory_order_release);
    else
        floor->older = nullptr;
    const Version *keep = floorDead ? nullptr : h;
    size_t freed = 0;
    for (Version *v = victims; v;) {
        Version *older = v->older;
        unindexVersion(v, keep, s, schema);
        Version::destroy(v);
        ++freed;
        v = older;
    }
    return freed;
}

void TableHeap::noteEnded(uint64_t slot, uint64_t commitTs)
{
    std::lock_guard lock(m_endedMutex);
    m_ended.emplace_back(commitTs, slot);
}

size_t TableHeap::freeRetired()
{
    std::lock_guard lock(m_retiredMutex);
    for (auto *v : m_retired)
        Version::destroy(v);
    const size_t freed = m_retired.size();
    m_retired.clear();
    return freed;
}

size_t TableHeap::collectGarbage(uint64_t oldestTs, const TableSchema &schema)
{
    // Only rows whose versions were ended (updated or deleted) can hold garbage; they are
    // visited in small batches so readers and writers wait at most for one batch.
    std::vector<std::pair<uint64_t, uint64_t>> ended;
    {
        std::lock_guard lock(m_endedMutex);
        ended.swap(m_ended);
    }
    std::vector<std::pair<uint64_t, uint64_t>> later;
    size_t freed = 0;
    {
        std::unique_lock gc(m_gcLock);
        freed += freeRetired();
    }
    constexpr size_t kBatch = 256;
    for (size_t i = 0; i < ended.size(); i += kBatch) {
        std::unique_lock gc(m_gcLock);
        for (size_t k = i; k < std::min(ended.size(), i + kBatch); ++k) {
            const auto [ts, s] = ended[k];
            if (ts > oldestTs) {
                later.push_back(ended[k]); // a snapshot may still read the old version
                continue;
            }
            freed += trimSlot(s, oldestTs, schema);
        }
    }
    if (!later.empty()) {
        std::lock_guard lock(m_endedMutex);
        m_ended.insert(m_ended.end(), later.begin(), later.end());
    }
    return freed;
}

size_t TableHeap::collectAll(uint64_t oldestTs, const TableSchema &schema)
{
    std::unique_lock gc(m_gcLock);
    size_t freed = freeRetired();
    for (const auto &[first, end] : residentRanges()) // blocks not resident hold no garbage
        for (uint64_t s = first; s < end; ++s)
            freed += trimSlot(s, oldestTs, schema);
    std::lock_guard lock(m_endedMutex);
    m_ended.clear();
    return freed;
}

void TableHeap::setBase(std::vector<BlockRef> blocks, std::shared_ptr<const BlockStore> store,
                        SchemaSource schema)
{
    std::lock_guard load(m_loadMutex);
    {
        std::lock_guard lock(m_baseMutex);
        m_base = std::move(blocks);
        m_resident.assign(m_base.size(), 0);
        m_store = std::move(store);
        m_schema = std::move(schema);
        m_baseEnd.store(m_base.empty() ? 0 : m_base.back().endSlot, std::memory_order_release);
        updateAllResident();
    }
    if (!allResident())
        for (const auto &index : indexesAsDeclared())
            index->setComplete(false);
}

std::unique_ptr<BaseRowReader> TableHeap::baseReader() const
{
    std::lock_guard lock(m_baseMutex);
    if (m_base.empty())
        return nullptr;
    return std::make_unique<BaseRowReader>(m_store, m_base, m_tableId);
}

std::vector<BlockRef> TableHeap::baseBlocks() const
{
    std::lock_guard lock(m_baseMutex);
    return m_base;
}

std::vector<std::pair<BlockRef, bool>> TableHeap::baseBlocksWithResidency() const
{
    std::lock_guard lock(m_baseMutex);
    std::vector<std::pair<BlockRef, bool>> out;
    out.reserve(m_base.size());
    for (size_t i = 0; i < m_base.size(); ++i)
        out.emplace_back(m_base[i], m_resident[i] != 0);
    return out;
}

void TableHeap::replaceBase(std::vector<BlockRef> blocks, const std::vector<bool> &fromMemory,
                            std::shared_ptr<const BlockStore> store, SchemaSource schema)
{
    std::lock_guard load(m_loadMutex);
    std::lock_guard lock(m_baseMutex);
    // A block kept from the old base keeps its residency (it may have become resident since
    // the checkpoint looked).
    std::map<std::pair<uint32_t, uint64_t>, uint8_t> old;
    for (size_t i = 0; i < m_base.size(); ++i)
        old[{m_base[i].file, m_base[i].offset}] = m_resident[i];
    std::vector<uint8_t> resident(blocks.size(), 0);
    for (size_t i = 0; i < blocks.size(); ++i) {
        if (i < fromMemory.size() && fromMemory[i]) {
            resident[i] = 1;
        } else {
            auto it = old.find({blocks[i].file, blocks[i].offset});
            resident[i] = it != old.end() && it->second;
        }
    }
    m_base = std::move(blocks);
    m_resident = std::move(resident);
    m_store = std::move(store);
    m_schema = std::move(schema);
    m_baseEnd.store(m_base.empty() ? 0 : m_base.back().endSlot, std::memory_order_release);
    updateAllResident();
}

void TableHeap::spill(std::vector<BlockRef> blocks, uint64_t end,
                      std::shared_ptr<const BlockStore> store, SchemaSource schema)
{
    std::lock_guard load(m_loadMutex);
    std::unique_lock gc(m_gcLock);
    const uint64_t from = baseEnd();
    for (uint64_t s = from; s < end; ++s) {
        Version *v = slot(s).exchange(nullptr, std::memory_order_relaxed);
        while (v) {
            Version *older = v->older;
            Version::destroy(v);
            v = older;
        }
    }
    // Chunks wholly spilled give their memory back (8 bytes a row).
    if (auto *dir = m_dir.load()) {
        for (uint64_t c = from >> kChunkBits; ((c + 1) << kChunkBits) <= end; ++c) {
            if (std::max<uint64_t>(c << kChunkBits, kHeadSlots) < from)
                continue; // part of it stays
            auto *row = dir[c >> kDirBits].load();
            Chunk *chunk = row ? row[c & kDirMask].load() : nullptr;
            if (chunk && chunk != emptyChunk()) {
                row[c & kDirMask].store(emptyChunk(), std::memory_order_release);
                delete chunk;
            }
        }
    }
    std::lock_guard lock(m_baseMutex);
    m_base.insert(m_base.end(), blocks.begin(), blocks.end());
    m_resident.resize(m_base.size(), 0);
    m_store = std::move(store);
    m_schema = std::move(schema);
    m_baseEnd.store(m_base.empty() ? 0 : m_base.back().endSlot, std::memory_order_release);
    updateAllResident();
    m_spilling.store(true, std::memory_order_release);
}

void TableHeap::resolveSpilledBase(uint64_t marker, uint64_t ts)
{
    std::lock_guard lock(m_baseMutex);
    for (auto &ref : m_base)
        if (ref.beginTs == marker)
            ref.beginTs = ts;
}

void TableHeap::resetToBase(std::vector<BlockRef> blocks, std::shared_ptr<const BlockStore> store,
                            SchemaSource schema)
{
    {
        std::lock_guard load(m_loadMutex);
        std::unique_lock gc(m_gcLock);
        freeSlotStorage();
        for (const auto &index : indexesAsDeclared())
            index->clear();
        takeChanged();
        std::lock_guard ended(m_endedMutex); // those versions went with the slots
        m_ended.clear();
    }
    setBase(std::move(blocks), std::move(store), std::move(schema));
    m_spilling.store(false, std::memory_order_release);
}

void TableHeap::markChanged(uint64_t slot)
{
    const uint64_t granule = slot >> kGranuleBits;
    std::lock_guard lock(m_changedMutex);
    if (m_changed.size() <= granule / 64)
        m_changed.resize(granule / 64 + 1);
    m_changed[granule / 64] |= 1ULL << (granule % 64);
}

std::vector<uint64_t> TableHeap::takeChanged()
{
    std::lock_guard lock(m_changedMutex);
    return std::exchange(m_changed, {});
}

void TableHeap::restoreChanged(const std::vector<uint64_t> &marks)
{
    std::lock_guard lock(m_changedMutex);
    if (m_changed.size() < marks.size())
        m_changed.resize(marks.size());
    for (size_t i = 0; i < marks.size(); ++i)
        m_changed[i] |= marks[i];
}

bool TableHeap::anyMarked(const std::vector<uint64_t> &marks, uint64_t first, uint64_t end)
{
    if (first >= end)
        return false;
    const uint64_t last = (end - 1) >> kGranuleBits;
    for (uint64_t g = first >> kGranuleBits; g <= last; ++g) {
        if (g / 64 >= marks.size())
            return false;
        if (marks[g / 64] & (1ULL << (g % 64)))
            return true;
    }
    return false;
}

} // namespace strata::engine
