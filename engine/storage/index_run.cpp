#include "engine/storage/index_run.h"

#include "engine/common/bytes.h"
#include "engine/common/status.h"

#include <algorithm>
#include <cstring>
#include <queue>

namespace strata::engine {

namespace {

constexpr size_t kRunBlockBytes = 64u << 10; // raw; about 3,000 entries of an integer key

std::string whereOf(const BlockStore &store, const BlockRef &ref)
{
    return store.pathOf(ref.file) + ": index block at byte " + std::to_string(ref.offset);
}

std::shared_ptr<const IndexBlock> decodeIndexBlock(std::string bytes, const BlockRef &ref,
                                                   uint64_t tableId, const std::string &where)
{
    auto out = std::make_shared<IndexBlock>();
    out->bytes = std::move(bytes);
    ByteReader r(out->bytes, "index block");
    if (static_cast<BlockKind>(r.get<uint8_t>()) != BlockKind::IndexEntries)
        throwError(StatusCode::Corrupt, where + " is not an index block");
    if (r.get<uint64_t>() != tableId)
        throwError(StatusCode::Corrupt, where + " holds another table's keys");
    const auto count = r.get<uint32_t>();
    if (count != ref.rows)
        throwError(StatusCode::Corrupt,
                   where + " holds another entry count than the checkpoint names");
    out->entries.reserve(count);
    for (uint32_t k = 0; k < count; ++k) {
        const std::string_view key = r.getString();
        const auto slot = r.get<uint64_t>();
        if (slot > (1ULL << 40)
            || (!out->entries.empty()
                && std::make_pair(key, slot)
                       < std::make_pair(out->entries.back().first, out->entries.back().second)))
            throwError(StatusCode::Corrupt,
                       where + ": entry " + std::to_string(k + 1) + " is out of order");
        out->entries.emplace_back(key, slot);
    }
    return out;
}

} // namespace

void IndexRun::pinFiles(const BlockStore &store)
{
    for (const auto &b : m_blocks)
        if (!m_files.count(b.ref.file))
            m_files.emplace(b.ref.file, store.pin(b.ref.file));
}

const std::shared_ptr<File> &IndexRun::file(uint32_t number) const
{
    static const std::shared_ptr<File> none;
    auto it = m_files.find(number);
    return it == m_files.end() ? none : it->second;
}

bool KeyRange::aboveLow(std::string_view key) const
{
    if (!hasLow)
        return true;
    const int c = key.compare(0, low.size(), low);
    return c > 0 || (c == 0 && lowInclusive);
}

bool KeyRange::belowHigh(std::string_view key) const
{
    if (!hasHigh)
        return true;
    const int c = key.compare(0, high.size(), high);
    return c < 0 || (c == 0 && highInclusive);
}

size_t IndexBlock::lowerBound(std::string_view key) const
{
    auto it = std::lower_bound(entries.begin(), entries.end(), key,
                               [](const auto &e, std::string_view k) { return e.first < k; });
    return static_cast<size_t>(it - entries.begin());
}

std::shared_ptr<const IndexBlock> readIndexBlock(const BlockStore &store, const IndexRun &run,
                                                 size_t block, uint64_t tableId)
{
    const BlockRef &ref = run.blocks()[block].ref;
    BlockBuffers buffers;
    const std::string_view raw = store.read(ref, buffers, run.file(ref.file));
    return decodeIndexBlock(std::string(raw), ref, tableId, whereOf(store, ref));
}

std::shared_ptr<const IndexBlock> IndexBlockCache::get(const BlockStore &store, const IndexRun &run,
                                                       size_t block, uint64_t tableId)
{
    const BlockRef &ref = run.blocks()[block].ref;
    const std::pair<uint32_t, uint64_t> id{ref.file, ref.offset};
    {
        std::lock_guard lock(m_mutex);
        auto it = m_items.find(id);
        if (it != m_items.end()) {
            it->second.lastUse = ++m_clock;
            return it->second.block;
        }
    }
    auto decoded = readIndexBlock(store, run, block, tableId);
    std::lock_guard lock(m_mutex);
    auto [it, fresh] = m_items.emplace(id, Item{decoded, ++m_clock});
    if (!fresh)
        return it->second.block;
    m_bytes += decoded->bytes.size();
    while (m_bytes > m_budget && m_items.size() > 1) {
        auto oldest = m_items.begin();
        for (auto i = m_items.begin(); i != m_items.end(); ++i)
            if (i->second.lastUse < oldest->second.lastUse)
                oldest = i;
        m_bytes -= oldest->second.block->bytes.size();
        m_items.erase(oldest);
    }
    return decoded;
}

namespace {

//! The first block of `run` that may hold keys at or after `key` (its last key is not
//! below it, compared on key's length).
size_t firstBlockFor(const IndexRun &run, std::string_view key)
{
    const auto &blocks = run.blocks();
    auto it = std::lower_bound(blocks.begin(), blocks.end(), key,
                               [](const RunBlock &b, std::string_view k) {
                                   return std::string_view(b.lastKey).substr(0, k.size()) < k;
                               });
    return static_cast<size_t>(it - blocks.begin());
}

} // namespace

void forEachRunSlot(const BlockStore &store, IndexBlockCache &cache, const IndexRuns &runs,
                    uint64_t tableId, std::string_view key,
                    const std::function<void(uint64_t)> &visit)
{
    for (const auto &run : runs) {
        const auto &blocks = run->blocks();
        for (size_t b = firstBlockFor(*run, key); b < blocks.size() && blocks[b].firstKey <= key;
             ++b) {
            const auto block = cache.get(store, *run, b, tableId);
            for (size_t e = block->lowerBound(key);
                 e < block->entries.size() && block->entries[e].first == key; ++e)
                visit(block->entries[e].second);
        }
    }
}

bool collectRunRange(const BlockStore &store, IndexBlockCache &cache, const IndexRuns &runs,
                     uint64_t tableId, const KeyRange &range, size_t limit,
                     std::vector<uint64_t> &out)
{
    size_t found = 0;
    for (const auto &run : runs) {
        const auto &blocks = run->blocks();
        for (size_t b = range.hasLow ? firstBlockFor(*run, range.low) : 0;
             b < blocks.size() && range.belowHigh(blocks[b].firstKey); ++b) {
            const auto block = cache.get(store, *run, b, tableId);
            for (size_t e = range.hasLow ? block->lowerBound(range.low) : 0;
                 e < block->entries.size(); ++e) {
                const std::string_view key = block->entries[e].first;
                if (!range.belowHigh(key))
                    break;
                if (!range.aboveLow(key))
                    continue; // an exclusive low bound's own keys
                if (++found > limit)
                    return false;
                out.push_back(block->entries[e].second);
            }
        }
    }
    return true;
}

RunBuilder::RunBuilder(DataFileWriter &data, uint64_t tableId)
    : m_data(data)
    , m_tableId(tableId)
    , m_run(std::make_shared<IndexRun>(std::vector<RunBlock>{}))
{
}

void RunBuilder::add(std::string_view key, uint64_t slot)
{
    if (m_any && key == m_previousKey && slot == m_previousSlot)
        return; // the same entry from two runs
    STRATA_ASSERT(!m_any
                      || std::make_pair(std::string_view(m_previousKey), m_previousSlot)
                             < std::make_pair(key, slot),
                  "index run entries out of order");
    m_any = true;
    m_previousKey.assign(key);
    m_previousSlot = slot;
    if (m_block.empty()) {
        ByteWriter w(m_block);
        w.put<uint8_t>(static_cast<uint8_t>(BlockKind::IndexEntries));
        w.put<uint64_t>(m_tableId);
        w.put<uint32_t>(0); // the count, set by flush()
        m_firstKey.assign(key);
    }
    ByteWriter w(m_block);
    w.putString(key);
    w.put<uint64_t>(slot);
    ++m_count;
    m_lastKey.assign(key);
    if (m_block.size() >= kRunBlockBytes)
        flush();
}

void RunBuilder::flush()
{
    if (m_block.empty())
        return;
    std::memcpy(m_block.data() + 9, &m_count, 4);
    RunBlock block;
    block.ref.rows = m_count;
    block.firstKey = std::move(m_firstKey);
    block.lastKey = std::move(m_lastKey);
    m_run->m_blocks.push_back(std::move(block));
    m_run->m_entries += m_count;
    m_data.write(std::move(m_block),
                 [run = m_run, at = m_run->m_blocks.size() - 1](const BlockRef &placed) {
                     BlockRef &dst = run->m_blocks[at].ref;
                     dst.file = placed.file;
                     dst.offset = placed.offset;
                     dst.length = placed.length;
                     dst.crc = placed.crc;
                 });
    m_block.clear();
    m_firstKey.clear();
    m_lastKey.clear();
    m_count = 0;
}

std::shared_ptr<IndexRun> RunBuilder::finish()
{
    flush();
    return m_run->m_blocks.empty() ? nullptr : m_run;
}

void mergeRuns(const BlockStore &store, const IndexRuns &runs, uint64_t tableId,
               const std::vector<KeySlot> &fresh, RunBuilder &out)
{
    struct Cursor {
        const IndexRun *run;
        size_t block = 0;
        size_t entry = 0;
        std::shared_ptr<const IndexBlock> data;
        bool load(const BlockStore &store, uint64_t tableId)
        {
            while (!data || entry >= data->entries.size()) {
                if (data)
                    ++block;
                if (block >= run->blocks().size())
                    return false;
                data = readIndexBlock(store, *run, block, tableId);
                entry = 0;
            }
            return true;
        }
    };
    std::vector<Cursor> cursors;
    for (const auto &run : runs)
        cursors.push_back({run.get()});
    size_t freshAt = 0;
    // The entry a source stands at: a run's cursor, or (index cursors.size()) `fresh`.
    auto current = [&](size_t i) -> std::pair<std::string_view, uint64_t> {
        if (i == cursors.size())
            return {fresh[freshAt].key, fresh[freshAt].slot};
        return cursors[i].data->entries[cursors[i].entry];
    };
    auto after = [&](size_t a, size_t b) { return current(b) < current(a); };
    std::priority_queue<size_t, std::vector<size_t>, decltype(after)> heap(after);
    for (size_t i = 0; i < cursors.size(); ++i)
        if (cursors[i].load(store, tableId))
            heap.push(i);
    if (!fresh.empty())
        heap.push(cursors.size());
    while (!heap.empty()) {
        const size_t i = heap.top();
        heap.pop();
        const auto [key, slot] = current(i);
        out.add(key, slot);
        if (i == cursors.size()) {
            if (++freshAt < fresh.size())
                heap.push(i);
        } else {
            ++cursors[i].entry;
            if (cursors[i].load(store, tableId))
                heap.push(i);
        }
    }
}

} // namespace strata::engine
