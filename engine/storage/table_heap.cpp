#include "engine/storage/table_heap.h"

#include "engine/storage/block_store.h"

#include "engine/common/status.h"

#include <algorithm>
#include <thread>
#include <utility>

namespace strata::engine {

namespace {

void appendKeyPart(std::string &key, const Value &v)
{
    key.push_back(static_cast<char>(v.type));
    if (v.type == LogicalType::Text || v.type == LogicalType::Blob) {
        const auto n = static_cast<uint32_t>(v.s.size());
        key.append(reinterpret_cast<const char *>(&n), 4);
        key.append(v.s);
    } else {
        key.append(reinterpret_cast<const char *>(&v.i), 8);
    }
}

} // namespace

std::string encodeKey(const rowcodec::RowView &row, const std::vector<uint32_t> &columns,
                      const TableSchema &schema)
{
    std::string key;
    for (auto c : columns) {
        if (c >= schema.columns.size())
            return {}; // a column added by a newer schema: these rows hold NULL there
        if (row.isNull(c)) {
            if (c >= row.columnCount() && schema.columns[c].hasDefault
                && !schema.columns[c].defaultValue.isNull()) {
                appendKeyPart(key, schema.columns[c].defaultValue);
                continue;
            }
            return {};
        }
        const auto type = schema.columns[c].type;
        key.push_back(static_cast<char>(type));
        if (type == LogicalType::Text || type == LogicalType::Blob) {
            auto b = row.getBytes(c);
            const auto n = static_cast<uint32_t>(b.size());
            key.append(reinterpret_cast<const char *>(&n), 4);
            key.append(b);
        } else {
            const int64_t i = row.getInt(c);
            key.append(reinterpret_cast<const char *>(&i), 8);
        }
    }
    return key;
}

std::string encodeKeyValues(const std::vector<Value> &values)
{
    std::string key;
    for (const auto &v : values) {
        if (v.isNull())
            return {};
        appendKeyPart(key, v);
    }
    return key;
}

uint64_t HashIndex::hashOf(const std::string &key)
{
    // std::hash of the bytes, then a finaliser so that sequential integer keys spread.
    uint64_t h = std::hash<std::string_view>()(key);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

void HashIndex::grow()
{
    std::vector<Entry> old;
    old.swap(m_entries);
    m_entries.assign(std::max<size_t>(64, old.size() * 2), Entry{0, kEmpty});
    m_used = 0;
    for (const Entry &e : old)
        if (e.slot != kEmpty && e.slot != kRemoved)
            addUnlocked(e.hash, e.slot);
}

void HashIndex::reserveUnlocked(size_t more)
{
    while ((m_used + more) * 10 > m_entries.size() * 7)
        grow();
}

void HashIndex::addUnlocked(uint64_t hash, uint64_t slot)
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

void HashIndex::clear()
{
    std::unique_lock lock(m_mutex);
    std::vector<Entry>().swap(m_entries);
    m_used = 0;
}

void HashIndex::bulkLoad(std::vector<std::pair<uint64_t, uint64_t>> &pairs)
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

void HashIndex::add(const std::string &key, uint64_t slot)
{
    if (key.empty())
        return;
    std::unique_lock lock(m_mutex);
    addUnlocked(hashOf(key), slot);
}

void HashIndex::remove(const std::string &key, uint64_t slot)
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

std::vector<uint64_t> HashIndex::find(const std::string &key) const
{
    std::vector<uint64_t> out;
    if (key.empty())
        return out;
    forEachCandidate(key, [&](uint64_t s) { out.push_back(s); });
    return out;
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

uint64_t TableHeap::appendSlots(uint64_t n)
{
    if (!loaded() && !spilling() && !appending() && !startAppending())
        ensureLoaded();
    std::lock_guard lock(m_growMutex);
    const uint64_t first = m_slotCount.load(std::memory_order_relaxed);
    if (n == 0 || first + n <= kHeadSlots) {
        m_slotCount.store(first + n, std::memory_order_release);
        return first;
    }
    auto *directory = m_dir.load(std::memory_order_acquire);
    if (!directory) {
        directory = new std::atomic<std::atomic<Chunk *> *>[1u << kDirBits];
        for (size_t i = 0; i < (1u << kDirBits); ++i)
            directory[i].store(nullptr, std::memory_order_relaxed);
        m_dir.store(directory, std::memory_order_release);
    }
    const uint64_t from = std::max(first, kHeadSlots);
    for (uint64_t chunk = from >> kChunkBits; chunk <= ((first + n - 1) >> kChunkBits); ++chunk) {
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
        auto &entry = row[chunk & kDirMask];
        if (!entry.load(std::memory_order_acquire))
            entry.store(new Chunk, std::memory_order_release);
    }
    m_slotCount.store(first + n, std::memory_order_release);
    return first;
}

void TableHeap::ensureSlot(uint64_t s)
{
    // Past the unloaded blocks (recovery's inserts), the heap appends without loading.
    const bool append
        = !loaded() && s >= residentFrom() && (spilling() || appending() || startAppending());
    const uint64_t n = append ? storedSlotCount() : slotCount();
    if (s >= n)
        appendSlots(s + 1 - n);
}

bool TableHeap::startAppending()
{
    std::lock_guard lock(m_loadMutex);
    if (loaded() || appending() || spilling())
        return true;
    if (m_loading || !indexesAsDeclared().empty())
        return false; // an index must know every row: loading builds it
    const uint64_t end = baseEnd();
    reserveUnloaded(end);
    m_residentFrom.store(end, std::memory_order_release);
    m_appending.store(true, std::memory_order_release);
    return true;
}

void TableHeap::reserveUnloaded(uint64_t end)
{
    std::lock_guard lock(m_growMutex);
    if (end > kHeadSlots) {
        auto *directory = m_dir.load(std::memory_order_acquire);
        if (!directory) {
            directory = new std::atomic<std::atomic<Chunk *> *>[1u << kDirBits];
            for (size_t i = 0; i < (1u << kDirBits); ++i)
                directory[i].store(nullptr, std::memory_order_relaxed);
            m_dir.store(directory, std::memory_order_release);
        }
        for (uint64_t c = 0; c <= ((end - 1) >> kChunkBits); ++c) {
            if ((c >> kDirBits) >= (1u << kDirBits))
                throwError(StatusCode::Invalid, "table has too many rows");
            auto *row = directory[c >> kDirBits].load(std::memory_order_acquire);
            if (!row) {
                row = new std::atomic<Chunk *>[1u << kDirBits];
                for (size_t i = 0; i < (1u << kDirBits); ++i)
                    row[i].store(nullptr, std::memory_order_relaxed);
                directory[c >> kDirBits].store(row, std::memory_order_release);
            }
            auto &entry = row[c & kDirMask];
            if (!entry.load(std::memory_order_acquire))
                entry.store(((c + 1) << kChunkBits) <= end ? emptyChunk() : new Chunk,
                            std::memory_order_release);
        }
    }
    if (m_slotCount.load(std::memory_order_relaxed) < end)
        m_slotCount.store(end, std::memory_order_release);
}

void TableHeap::addKeyIndexes(const TableSchema &schema)
{
    if (!schema.primaryKey.empty())
        addIndex("PRIMARY", schema.primaryKey, true);
    for (size_t u = 0; u < schema.uniqueKeys.size(); ++u)
        addIndex("UNIQUE_" + std::to_string(u + 1), schema.uniqueKeys[u], true);
}

std::shared_ptr<HashIndex> TableHeap::addIndex(const std::string &name,
                                               std::vector<uint32_t> columns, bool unique)
{
    ensureLoaded(); // a new index is filled by its creator from the rows
    auto index = std::make_shared<HashIndex>(name, std::move(columns), unique);
    std::lock_guard lock(m_indexMutex);
    m_indexes.push_back(index);
    return index;
}

void TableHeap::dropIndex(const HashIndex *index)
{
    std::lock_guard lock(m_indexMutex);
    std::erase_if(m_indexes, [&](const auto &i) { return i.get() == index; });
}

std::shared_ptr<HashIndex> TableHeap::findIndex(const std::string &name) const
{
    ensureLoaded();
    std::lock_guard lock(m_indexMutex);
    for (const auto &i : m_indexes)
        if (equalsIgnoreCase(i->name(), name))
            return i;
    return nullptr;
}

std::vector<std::shared_ptr<HashIndex>> TableHeap::indexes() const
{
    ensureLoaded();
    return indexesAsDeclared();
}

std::vector<std::shared_ptr<HashIndex>> TableHeap::indexesForWrite() const
{
    return spilling() || appending() ? indexesAsDeclared() : indexes();
}

std::vector<std::shared_ptr<HashIndex>> TableHeap::indexesAsDeclared() const
{
    std::lock_guard lock(m_indexMutex);
    return m_indexes;
}

void TableHeap::indexVersion(const Version *v, uint64_t slotNo, const TableSchema &schema)
{
    for (const auto &index : indexesForWrite())
        index->add(encodeKey(v->view(), index->columns(), schema), slotNo);
}

void TableHeap::unindexVersion(const Version *gone, const Version *keepChain, uint64_t slotNo,
                               const TableSchema &schema)
{
    for (const auto &index : indexesForWrite()) {
        const std::string key = encodeKey(gone->view(), index->columns(), schema);
        if (key.empty())
            continue;
        bool stillHeld = false;
        const uint64_t hash = HashIndex::hashOf(key);
        for (const Version *k = keepChain; k && !stillHeld; k = k->older) {
            if (k == gone)
                continue;
            const std::string other = encodeKey(k->view(), index->columns(), schema);
            stillHeld = !other.empty() && HashIndex::hashOf(other) == hash;
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
    const uint64_t n = m_slotCount.load(); // an unloaded heap has nothing to collect
    for (uint64_t s = 0; s < n; ++s)
        freed += trimSlot(s, oldestTs, schema);
    std::lock_guard lock(m_endedMutex);
    m_ended.clear();
    return freed;
}

void TableHeap::setBase(std::vector<BlockRef> blocks, std::shared_ptr<const BlockStore> store,
                        std::function<void(TableHeap &)> load)
{
    {
        std::lock_guard lock(m_baseMutex);
        m_base = std::move(blocks);
        m_store = std::move(store);
        m_residentFrom.store(m_base.empty() ? 0 : m_base.back().endSlot, std::memory_order_release);
    }
    std::lock_guard lock(m_loadMutex);
    m_loader = std::move(load);
    m_loaded.store(false, std::memory_order_release);
}

void TableHeap::loadSlow() const
{
    std::lock_guard lock(m_loadMutex);
    if (m_loaded.load(std::memory_order_acquire) || m_loading)
        return; // loaded meanwhile, or the loader itself calling back
    m_loading = true;
    struct Done {
        bool &loading;
        ~Done() { loading = false; }
    } done{m_loading};
    m_loader(const_cast<TableHeap &>(*this));
    m_loader = nullptr;
    m_spilling.store(false, std::memory_order_release);
    m_appending.store(false, std::memory_order_release);
    m_loaded.store(true, std::memory_order_release);
}

std::unique_ptr<BaseRowReader> TableHeap::baseReader() const
{
    if (loaded())
        return nullptr;
    std::lock_guard load(m_loadMutex);
    if (loaded() || m_loading)
        return nullptr;
    std::lock_guard lock(m_baseMutex);
    return std::make_unique<BaseRowReader>(m_store, unloadedBlocksLocked(), m_tableId);
}

std::vector<BlockRef> TableHeap::baseBlocks() const
{
    std::lock_guard lock(m_baseMutex);
    return m_base;
}

std::vector<BlockRef> TableHeap::unloadedBlocks() const
{
    std::lock_guard lock(m_baseMutex);
    return unloadedBlocksLocked();
}

std::vector<BlockRef> TableHeap::unloadedBlocksLocked() const
{
    const uint64_t resident = residentFrom();
    std::vector<BlockRef> out;
    for (const auto &b : m_base)
        if (b.endSlot <= resident)
            out.push_back(b);
    return out;
}

void TableHeap::replaceBase(std::vector<BlockRef> blocks)
{
    std::lock_guard lock(m_baseMutex);
    m_base = std::move(blocks);
}

uint64_t TableHeap::baseRowCount() const
{
    std::lock_guard lock(m_baseMutex);
    const uint64_t resident = residentFrom();
    uint64_t rows = 0;
    for (const auto &b : m_base)
        if (b.endSlot <= resident)
            rows += b.rows;
    return rows;
}

uint64_t TableHeap::baseEnd() const
{
    std::lock_guard lock(m_baseMutex);
    return m_base.empty() ? 0 : m_base.back().endSlot;
}

void TableHeap::spill(std::vector<BlockRef> blocks, uint64_t end,
                      std::shared_ptr<const BlockStore> store,
                      std::function<void(TableHeap &)> load)
{
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
    {
        std::lock_guard lock(m_baseMutex);
        m_base.insert(m_base.end(), blocks.begin(), blocks.end());
        m_store = std::move(store);
        m_residentFrom.store(m_base.empty() ? 0 : m_base.back().endSlot, std::memory_order_release);
    }
    std::lock_guard lock(m_loadMutex);
    m_loader = std::move(load);
    m_spilling.store(true, std::memory_order_release);
    m_loaded.store(false, std::memory_order_release);
}

void TableHeap::resolveSpilledBase(uint64_t marker, uint64_t ts)
{
    std::lock_guard lock(m_baseMutex);
    for (auto &ref : m_base)
        if (ref.beginTs == marker)
            ref.beginTs = ts;
}

void TableHeap::resetToBase(std::vector<BlockRef> blocks, std::shared_ptr<const BlockStore> store,
                            std::function<void(TableHeap &)> load)
{
    {
        std::unique_lock gc(m_gcLock);
        freeSlotStorage();
        for (const auto &index : indexesAsDeclared())
            index->clear();
        takeChanged();
    }
    setBase(std::move(blocks), std::move(store), std::move(load));
    m_spilling.store(false, std::memory_order_release);
}

void TableHeap::materializeSlots(uint64_t end)
{
    std::lock_guard lock(m_growMutex);
    auto *dir = m_dir.load();
    if (!dir)
        return;
    for (uint64_t c = 0; (c << kChunkBits) < end; ++c) {
        auto *row = dir[c >> kDirBits].load();
        if (row && row[c & kDirMask].load() == emptyChunk())
            row[c & kDirMask].store(new Chunk, std::memory_order_release);
    }
}

bool TableHeap::spilledRow(uint64_t s, std::string &bytes) const
{
    std::vector<BlockRef> refs;
    std::shared_ptr<const BlockStore> store;
    {
        std::lock_guard lock(m_baseMutex);
        refs = m_base;
        store = m_store;
    }
    if (!store)
        return false;
    BaseRowReader reader(store, std::move(refs), m_tableId);
    const BaseRow *row = reader.find(s);
    if (!row)
        return false;
    bytes.assign(row->bytes);
    return true;
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
