#include "engine/mvcc/database_core.h"

#include "engine/common/bytes.h"
#include "engine/common/parallel.h"
#include "engine/common/timestamp.h"
#include "engine/mvcc/folder_files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

// Checkpoints: loading the checkpoint file at open, and writing a new one (a snapshot of
// every table, then the switch to it and the removal of the logs it covers).
namespace strata::engine {

using folder::BlockKind;
using folder::kCheckpointMagic;
using folder::kCheckpointMagicV2;
using folder::kCheckpointName;
using folder::ReadersLock;

namespace {

//! A row block of a format-1 checkpoint, to decode.
struct RowBlockSource {
    std::string_view bytes;
    uint32_t crc = 0;
    std::string where; //!< "file: block at byte N"
};

struct DecodedBlock {
    TableHeap *heap = nullptr;
    std::vector<std::pair<uint64_t, Version *>> rows;
    std::vector<std::vector<std::pair<uint64_t, uint64_t>>> keys; //!< per heap index
};

struct TableOfBlock {
    TableHeap *heap;
    const TableSchema *schema;
};

//! Decodes the row blocks of a format-1 checkpoint (read whole) on both cores into one
//! VersionChunk each, then puts the versions into their heaps' slots (on this thread) while
//! another thread loads the index keys.
void loadRowBlocks(
    const std::vector<RowBlockSource> &sources,
    const std::function<TableOfBlock(uint64_t tableId, const std::string &where)> &tableOf)
{
    std::vector<DecodedBlock> decoded(sources.size());
    std::vector<std::vector<BaseRow>> scratch(2);
    auto decodeBlock = [&](unsigned worker, size_t i) {
        const RowBlockSource &src = sources[i];
        if (crc32c(src.bytes.data(), src.bytes.size()) != src.crc)
            throwError(StatusCode::Corrupt, src.where + " fails its checksum");
        std::vector<BaseRow> &rows = scratch[worker];
        const TableOfBlock table
            = tableOf(parseRowBlock(src.bytes, nullptr, src.where, rows), src.where);
        DecodedBlock &out = decoded[i];
        out.heap = table.heap;
        const auto indexes = table.heap->indexesAsDeclared();
        out.keys.resize(indexes.size());
        out.rows.reserve(rows.size());
        // First the room every version takes, then one chunk for all of them.
        size_t room = 0;
        for (const BaseRow &row : rows)
            room += Version::footprint(static_cast<uint32_t>(row.bytes.size()));
        VersionChunk *chunk = rows.empty() ? nullptr : VersionChunk::create(room);
        size_t offset = 0;
        for (const BaseRow &row : rows) {
            Version *v = Version::createIn(chunk, offset, row.bytes.data(),
                                           static_cast<uint32_t>(row.bytes.size()), row.begin);
            out.rows.emplace_back(row.slot, v);
            for (size_t x = 0; x < indexes.size(); ++x) {
                const std::string key = encodeKey(v->view(), indexes[x]->columns(), *table.schema);
                out.keys[x].emplace_back(TableIndex::hashOf(key), row.slot);
            }
        }
    };
    try {
        forEachOnBothCores(decoded.size(), decodeBlock);
    } catch (...) {
        for (auto &d : decoded)
            for (auto &[slot, v] : d.rows)
                Version::destroy(v);
        throw;
    }
    // Slots and indexes are separate structures: one thread fills the slots while another
    // gathers and loads the index keys.
    auto loadIndexes = [&] {
        std::map<TableIndex *, std::vector<std::pair<uint64_t, uint64_t>>> indexEntries;
        for (auto &d : decoded) {
            const auto indexes = d.heap->indexesAsDeclared();
            for (size_t x = 0; x < indexes.size(); ++x) {
                auto &dst = indexEntries[indexes[x].get()];
                dst.insert(dst.end(), d.keys[x].begin(), d.keys[x].end());
                std::vector<std::pair<uint64_t, uint64_t>>().swap(d.keys[x]);
            }
        }
        for (auto &[index, pairs] : indexEntries)
            index->bulkLoad(pairs);
    };
    std::exception_ptr indexError;
    std::thread indexThread([&] {
        try {
            loadIndexes();
        } catch (...) {
            indexError = std::current_exception();
        }
    });
    for (auto &d : decoded) {
        TableHeap &heap = *d.heap;
        uint64_t last = 0;
        for (const auto &[slot, v] : d.rows)
            last = std::max(last, slot);
        if (!d.rows.empty())
            heap.ensureSlot(last);
        for (const auto &[slot, v] : d.rows) {
            if (Version *old = heap.slot(slot).exchange(v, std::memory_order_relaxed))
                Version::destroy(old); // a slot twice: keep the last (a damaged writer)
        }
    }
    indexThread.join();
    if (indexError)
        std::rethrow_exception(indexError);
}

//! Writes the rows of slots [from, to) that `view` sees as Rows blocks of about 1 MiB,
//! appending their references to `out` (completed as `data` places them; `out` must stay
//! until data.finish()). With `beginZero` the rows carry begin 0 (a spill: the commit
//! timestamp is not known yet).
void writeRowBlocks(DataFileWriter &data, TableHeap &heap, uint64_t tableId, const ReadView &view,
                    uint64_t from, uint64_t to, bool beginZero, std::vector<BlockRef> &out,
                    const std::function<void(uint64_t, rowcodec::RowView)> &onRow = {})
{
    uint64_t s = from;
    while (s < to) {
        std::string block;
        block.reserve((1u << 20) + (64u << 10));
        ByteWriter w(block);
        w.put<uint8_t>(static_cast<uint8_t>(BlockKind::Rows));
        w.put<uint64_t>(tableId);
        const size_t countPos = block.size();
        w.put<uint32_t>(0);
        uint32_t count = 0;
        const uint64_t first = s;
        {
            std::shared_lock gc(heap.gcLock());
            for (; s < to && block.size() < (1u << 20); ++s) {
                const Version *v = view.visible(heap.head(s));
                if (!v)
                    continue;
                w.put<uint64_t>(s);
                w.put<uint64_t>(beginZero ? 0 : v->begin.load(std::memory_order_acquire));
                w.putString({v->bytes(), v->size});
                ++count;
                if (onRow)
                    onRow(s, v->view());
            }
        }
        std::memcpy(block.data() + countPos, &count, 4);
        BlockRef ref;
        ref.rows = count;
        ref.firstSlot = first;
        ref.endSlot = s;
        out.push_back(ref);
        data.write(std::move(block), [&out, at = out.size() - 1](const BlockRef &placed) {
            BlockRef &dst = out[at];
            dst.file = placed.file;
            dst.offset = placed.offset;
            dst.length = placed.length;
            dst.crc = placed.crc;
        });
    }
}

//! What a checkpoint does for one index of a table: the entries of the rows it writes
//! (and, for a full build, of every row), and the runs it leaves.
struct IndexPlan {
    std::string name;
    std::shared_ptr<TableIndex> index;
    bool full = false;
    std::vector<KeySlot> fresh;
    std::shared_ptr<const IndexRuns> runs;
};

//! The indexes of `table` a checkpoint at `view` lists, each with what it will write: new
//! entries into a run of their own (merged with the newest runs while those are not more
//! than twice as big: a few runs, each entry rewritten a few times), or, for an index
//! without runs whose hash knows every row (or whose runs hold over twice the table's rows,
//! the rest being stale), every row's entry. An index that has neither stays without runs.
std::vector<IndexPlan> planIndexes(const TableEntry &table, const Catalog &catalog,
                                   const ReadView &view, uint64_t rowsBefore)
{
    std::vector<IndexPlan> plans;
    const TableSchema &schema = *table.schema;
    const auto declared = table.heap->indexesAsDeclared();
    auto add = [&](const std::string &name, std::shared_ptr<TableIndex> index) {
        if (!index)
            return;
        IndexPlan plan;
        plan.name = name;
        plan.index = std::move(index);
        if (plan.index->hasRuns()) {
            uint64_t entries = 0;
            for (const auto &run : *plan.index->runs())
                entries += run->entries();
            plan.full = entries > 2 * rowsBefore + 10000;
        } else if (plan.index->hashComplete()) {
            plan.full = true;
        } else {
            return;
        }
        plans.push_back(std::move(plan));
    };
    auto byName = [&](const std::string &name) -> std::shared_ptr<TableIndex> {
        for (const auto &i : declared)
            if (i->name() == name)
                return i;
        return nullptr;
    };
    if (!schema.primaryKey.empty())
        add("PRIMARY", byName("PRIMARY"));
    for (size_t u = 0; u < schema.uniqueKeys.size(); ++u) {
        const std::string name = "UNIQUE_" + std::to_string(u + 1);
        add(name, byName(name));
    }
    for (const auto &entry : catalog.indexesOf(schema.id, view))
        add(entry->def.name, entry->heapIndex);
    return plans;
}

//! Writes a plan's new run (its sorted fresh entries merged with the newest runs).
void buildRuns(DataFileWriter &data, const BlockStore &store, uint64_t tableId, IndexPlan &plan)
{
    std::sort(plan.fresh.begin(), plan.fresh.end());
    IndexRuns runs;
    if (!plan.full && plan.index->runs())
        runs = *plan.index->runs();
    uint64_t merged = plan.fresh.size();
    size_t keep = runs.size();
    while (keep > 0 && merged * 2 >= runs[keep - 1]->entries())
        merged += runs[--keep]->entries();
    if (keep < runs.size() || !plan.fresh.empty()) {
        RunBuilder builder(data, tableId);
        mergeRuns(store, IndexRuns(runs.begin() + static_cast<std::ptrdiff_t>(keep), runs.end()),
                  tableId, plan.fresh, builder);
        runs.resize(keep);
        if (auto run = builder.finish())
            runs.push_back(std::move(run));
    }
    std::vector<KeySlot>().swap(plan.fresh);
    plan.runs = std::make_shared<const IndexRuns>(std::move(runs));
}

} // namespace

int DatabaseCore::loadCheckpoint(const std::string &path, uint64_t &walSeq)
{
    const MappedFile mapped(path);
    const std::string_view data = mapped.data();
    auto hasMagic = [&](const char(&magic)[16]) {
        return data.size() >= sizeof magic
               && data.substr(0, sizeof magic) == std::string_view(magic, sizeof magic);
    };
    int format = 0;
    if (hasMagic(kCheckpointMagic))
        format = 1;
    else if (hasMagic(kCheckpointMagicV2))
        format = 2;
    else
        throwError(StatusCode::Corrupt, path + " is not a Strata checkpoint (bad header)");
    size_t pos = sizeof kCheckpointMagic;
    uint64_t ckptTs = 0;
    bool ended = false;
    std::map<uint64_t, std::shared_ptr<TableEntry>> tables;
    std::map<uint64_t, std::vector<BlockRef>> segments;
    std::vector<RowBlockSource> rowBlocks;
    struct LoadedRuns {
        uint64_t tableId;
        std::shared_ptr<TableIndex> index;
        std::shared_ptr<const IndexRuns> runs;
    };
    std::vector<LoadedRuns> indexRuns;
    uint64_t blocks = 0;
    while (pos < data.size() && !ended) {
        const std::string at = path + ": block at byte " + std::to_string(pos);
        if (data.size() - pos < 8)
            throwError(StatusCode::Corrupt, at + " is cut short");
        uint32_t len, crc;
        std::memcpy(&len, data.data() + pos, 4);
        std::memcpy(&crc, data.data() + pos + 4, 4);
        if (data.size() - pos - 8 < len)
            throwError(StatusCode::Corrupt, at + " is cut short");
        std::string_view block(data.data() + pos + 8, len);
        pos += 8 + len;
        ++blocks;
        if (format == 1 && !block.empty() && static_cast<BlockKind>(block[0]) == BlockKind::Rows) {
            // Row blocks are checked and decoded afterwards, on all cores.
            rowBlocks.push_back({block, crc, at});
            continue;
        }
        if (crc32c(block.data(), block.size()) != crc)
            throwError(StatusCode::Corrupt, at + " fails its checksum");
        ByteReader r(block, "checkpoint block");
        switch (static_cast<BlockKind>(r.get<uint8_t>())) {
        case BlockKind::Meta:
            ckptTs = r.get<uint64_t>();
            walSeq = r.get<uint64_t>();
            m_catalog.noteTableId(r.get<uint64_t>());
            if (format == 2)
                m_nextDataFile = std::max(m_nextDataFile.load(), r.get<uint32_t>());
            break;
        case BlockKind::Table: {
            auto entry = std::make_shared<TableEntry>();
            entry->schema = std::make_shared<TableSchema>(readSchema(r));
            entry->heap = std::make_shared<TableHeap>(entry->schema->id);
            entry->heap->addKeyIndexes(*entry->schema);
            entry->begin.store(
                std::min<uint64_t>(ckptTs, static_cast<uint64_t>(entry->schema->createdAt)));
            m_catalog.noteTableId(entry->schema->id);
            m_catalog.addTable(entry);
            tables[entry->schema->id] = entry;
            break;
        }
        case BlockKind::Index: {
            auto entry = std::make_shared<IndexEntry>();
            entry->def = readIndexDef(r);
            auto it = tables.find(entry->def.tableId);
            if (it == tables.end())
                throwError(StatusCode::Corrupt,
                           path + ": index " + entry->def.name + " names a missing table");
            entry->heapIndex = it->second->heap->addIndex(entry->def.name, entry->def.columns,
                                                          entry->def.unique);
            entry->begin.store(ckptTs);
            m_catalog.addIndex(entry);
            break;
        }
        case BlockKind::Segments: {
            const uint64_t tableId = r.get<uint64_t>();
            if (!tables.count(tableId) || segments.count(tableId))
                throwError(StatusCode::Corrupt, at + ": blocks of a missing table");
            auto &refs = segments[tableId];
            const auto count = r.get<uint32_t>();
            uint64_t expectFirst = 0;
            for (uint32_t k = 0; k < count; ++k) {
                BlockRef ref;
                ref.file = r.get<uint32_t>();
                ref.length = r.get<uint32_t>();
                ref.offset = r.get<uint64_t>();
                ref.crc = r.get<uint32_t>();
                ref.rows = r.get<uint32_t>();
                ref.firstSlot = r.get<uint64_t>();
                ref.endSlot = r.get<uint64_t>();
                if (ref.firstSlot != expectFirst || ref.endSlot <= ref.firstSlot
                    || ref.endSlot > (1ULL << 40) || ref.rows > ref.endSlot - ref.firstSlot)
                    throwError(StatusCode::Corrupt,
                               at + ": block " + std::to_string(k + 1) + " of table "
                                   + tables[tableId]->schema->name + " covers a wrong slot range");
                expectFirst = ref.endSlot;
                refs.push_back(ref);
            }
            break;
        }
        case BlockKind::Begins: {
            auto it = segments.find(r.get<uint64_t>());
            if (it == segments.end())
                throwError(StatusCode::Corrupt, at + ": begin timestamps of a missing table");
            const auto count = r.get<uint32_t>();
            for (uint32_t k = 0; k < count; ++k) {
                const auto index = r.get<uint32_t>();
                const auto ts = r.get<uint64_t>();
                if (index >= it->second.size() || !ts || !isCommittedTs(ts))
                    throwError(StatusCode::Corrupt, at + ": a wrong begin timestamp");
                it->second[index].beginTs = ts;
            }
            break;
        }
        case BlockKind::IndexRuns: {
            auto table = tables.find(r.get<uint64_t>());
            if (table == tables.end())
                throwError(StatusCode::Corrupt, at + ": index runs of a missing table");
            const std::string name(r.getString());
            std::shared_ptr<TableIndex> index;
            for (const auto &i : table->second->heap->indexesAsDeclared())
                if (i->name() == name)
                    index = i;
            if (!index)
                throwError(StatusCode::Corrupt, at + ": runs of a missing index " + name);
            IndexRuns runs;
            const auto count = r.get<uint32_t>();
            for (uint32_t k = 0; k < count; ++k) {
                std::vector<RunBlock> blocks(r.get<uint32_t>());
                for (auto &b : blocks) {
                    b.ref.file = r.get<uint32_t>();
                    b.ref.length = r.get<uint32_t>();
                    b.ref.offset = r.get<uint64_t>();
                    b.ref.crc = r.get<uint32_t>();
                    b.ref.rows = r.get<uint32_t>();
                    b.firstKey = r.getString();
                    b.lastKey = r.getString();
                }
                runs.push_back(std::make_shared<IndexRun>(std::move(blocks)));
            }
            indexRuns.push_back({table->second->schema->id, index,
                                 std::make_shared<const IndexRuns>(std::move(runs))});
            break;
        }
        case BlockKind::Deletions: {
            auto it = tables.find(r.get<uint64_t>());
            if (it == tables.end())
                throwError(StatusCode::Corrupt, path + ": deletions for a missing table");
            const auto count = r.get<uint32_t>();
            for (uint32_t k = 0; k < count; ++k) {
                const uint64_t ts = r.get<uint64_t>();
                it->second->heap->recordDeletion(ts, std::string(r.getString()));
            }
            break;
        }
        case BlockKind::View: {
            auto entry = std::make_shared<ViewEntry>();
            entry->def = readViewDef(r);
            entry->begin.store(
                std::min<uint64_t>(ckptTs, static_cast<uint64_t>(entry->def.createdAt)));
            m_catalog.addView(entry);
            break;
        }
        case BlockKind::End:
            if (r.get<uint64_t>() != blocks - 1)
                throwError(StatusCode::Corrupt, path + ": block count does not match");
            ended = true;
            break;
        default:
            throwError(StatusCode::Corrupt, at + ": unknown block kind");
        }
    }
    if (!ended)
        throwError(StatusCode::Corrupt, path + " ends without its end block");
    m_lastCommitTs.store(ckptTs);
    if (format == 1) {
        loadRowBlocks(rowBlocks, [&](uint64_t id, const std::string &where) {
            auto it = tables.find(id);
            if (it == tables.end())
                throwError(StatusCode::Corrupt, where + " holds rows of a missing table");
            return TableOfBlock{it->second->heap.get(), it->second->schema.get()};
        });
        return format;
    }
    // The data files are opened now, while a read-only opener holds READERS: afterwards a
    // writer's checkpoint may delete them, and the open descriptors still read them.
    std::set<uint32_t> files;
    for (const auto &[id, refs] : segments)
        for (const auto &ref : refs)
            files.insert(ref.file);
    for (const auto &loaded : indexRuns)
        for (const auto &run : *loaded.runs)
            for (const auto &b : run->blocks())
                files.insert(b.ref.file);
    m_blocks->open(files);
    // An index with runs needs no build: they hold every row of this checkpoint.
    for (const auto &loaded : indexRuns) {
        for (const auto &run : *loaded.runs)
            const_cast<IndexRun &>(*run).pinFiles(*m_blocks);
        loaded.index->setRuns(loaded.runs, m_blocks, m_indexCache, loaded.tableId);
    }
    for (auto &[id, refs] : segments) {
        const auto &entry = tables[id];
        entry->heap->setBase(std::move(refs), m_blocks, schemaSource(*entry->heap, entry->schema));
    }
    return format;
}

TableHeap::SchemaSource DatabaseCore::schemaSource(const TableHeap &heap,
                                                   std::shared_ptr<TableSchema> schemaAtOpen)
{
    // The heap's newest schema knows every column its indexes may use.
    return [this, &heap, schemaAtOpen]() -> std::shared_ptr<const TableSchema> {
        std::shared_ptr<TableSchema> schema = schemaAtOpen;
        for (const auto &t : m_catalog.newestPerHeap())
            if (t->heap.get() == &heap)
                schema = t->schema;
        return schema;
    };
}

// ---- checkpoint ---------------------------------------------------------------------------

void DatabaseCore::spill(Transaction &txn)
{
    if (inMemory() || readOnly())
        return;
    // Tables this transaction made and wrote only by inserts: nobody else can see them.
    std::vector<std::shared_ptr<TableHeap>> made;
    std::set<const TableHeap *> excluded;
    std::map<const TableHeap *, std::shared_ptr<TableSchema>> schemaOf;
    for (const auto &op : txn.m_ops) {
        const TableHeap *heap = op.entry ? op.entry->heap.get() : nullptr;
        switch (op.kind) {
        case OpKind::CreateTable:
        case OpKind::AlterTable:
            schemaOf[heap] = op.entry->schema;
            if (op.kind == OpKind::CreateTable)
                made.push_back(op.entry->heap);
            break;
        case OpKind::Update:
        case OpKind::Delete:
            excluded.insert(heap);
            break;
        case OpKind::DropTable:
            excluded.insert(op.oldEntry->heap.get());
            break;
        default:
            break;
        }
    }
    for (const auto &heap : made) {
        if (excluded.count(heap.get()))
            continue; // changed in place: it stays in memory
        const uint64_t from = heap->baseEnd();
        const uint64_t to = heap->slotCount();
        if (to <= from)
            continue;
        const uint32_t number = m_nextDataFile.fetch_add(1);
        {
            std::lock_guard lock(m_spillMutex);
            m_spillFiles.insert(number);
        }
        txn.m_spillFiles.push_back(number);
        std::vector<BlockRef> refs;
        {
            DataFileWriter data(*m_blocks, number);
            writeRowBlocks(data, *heap, heap->tableId(), txn.m_view, from, to, true, refs);
            data.finish();
        }
        syncDirectory(m_dir);
        m_blocks->open({number});
        for (auto &ref : refs)
            ref.beginTs = txn.m_view.txnMarker;
        heap->spill(std::move(refs), to, m_blocks, schemaSource(*heap, schemaOf[heap.get()]));
        std::erase_if(txn.m_ops, [&](const TxnOp &op) {
            return op.kind == OpKind::Insert && op.entry->heap == heap && op.slot < to;
        });
        if (std::find(txn.m_spillHeaps.begin(), txn.m_spillHeaps.end(), heap)
            == txn.m_spillHeaps.end())
            txn.m_spillHeaps.push_back(heap);
        txn.m_spilled = true;
    }
}

void DatabaseCore::stampSpilled(Transaction &txn, uint64_t ts)
{
    const uint64_t marker = txn.m_view.txnMarker;
    for (const auto &heap : txn.m_spillHeaps) {
        heap->resolveSpilledBase(marker, ts);
        // Spilled rows read back into memory (resident blocks) have no ops.
        std::shared_lock gc(heap->gcLock());
        for (const auto &[first, end] : heap->residentRanges())
            for (uint64_t s = first; s < end; ++s)
                for (Version *v = heap->slot(s).load(std::memory_order_acquire); v; v = v->older) {
                    if (v->begin.load(std::memory_order_relaxed) == marker)
                        v->begin.store(ts, std::memory_order_release);
                    if (v->end.load(std::memory_order_relaxed) == marker)
                        v->end.store(ts, std::memory_order_release);
                }
    }
}

void DatabaseCore::releaseSpillFiles(Transaction &txn, bool remove) noexcept
{
    std::lock_guard lock(m_spillMutex);
    for (uint32_t n : txn.m_spillFiles) {
        m_spillFiles.erase(n);
        if (remove)
            ::unlink(m_blocks->pathOf(n).c_str()); // best effort: a checkpoint removes it else
    }
    txn.m_spillFiles.clear();
}

void DatabaseCore::checkpoint()
{
    if (inMemory() || readOnly() || closed())
        return;
    std::lock_guard once(m_checkpointMutex);
    writeCheckpoint();
}

DatabaseCore::ChangeMarks DatabaseCore::takeChangeMarks()
{
    ChangeMarks marks;
    for (const auto &t : m_catalog.newestPerHeap())
        marks.emplace_back(t->heap, t->heap->takeChanged());
    return marks;
}

void DatabaseCore::writeCheckpoint()
{
    uint64_t snapshot, walSeq;
    ChangeMarks marks;
    {
        // New commits go to a fresh log file; everything up to `snapshot` is in the old ones,
        // and so are the change marks taken with it.
        std::lock_guard lock(m_commitMutex);
        snapshot = acquireSnapshot();
        walSeq = m_log->seq() + 1;
        m_log->rotate(walSeq);
        marks = takeChangeMarks();
        m_indexMadeSinceCheckpoint.store(false, std::memory_order_relaxed);
    }
    struct Release {
        DatabaseCore *core;
        uint64_t ts;
        ~Release() { core->releaseSnapshot(ts); }
    } release{this, snapshot};
    writeCheckpointFile(snapshot, walSeq, std::move(marks));
}

void DatabaseCore::writeCheckpointFile(uint64_t snapshot, uint64_t walSeq, ChangeMarks marks)
{
    try {
        const ReadView view{snapshot, 0};
        const uint32_t dataNumber = m_nextDataFile++;
        DataFileWriter data(*m_blocks, dataNumber);
        auto marksOf = [&](const TableHeap *heap) -> const std::vector<uint64_t> * {
            for (const auto &[h, m] : marks)
                if (h.get() == heap)
                    return &m;
            return nullptr;
        };
        const auto tables = m_catalog.tables(view);
        // Each table's blocks: kept where nothing changed, written anew where something did;
        // each index's runs: the entries of the rows written, as a run (see planIndexes).
        std::vector<std::vector<BlockRef>> newBase(tables.size());
        std::vector<std::vector<bool>> written(tables.size());
        std::vector<std::vector<IndexPlan>> indexPlans(tables.size());
        for (size_t t = 0; t < tables.size(); ++t) {
            TableHeap &heap = *tables[t]->heap;
            const TableSchema &schema = *tables[t]->schema;
            const uint64_t tableId = schema.id;
            auto &out = newBase[t];
            const std::vector<uint64_t> none;
            const std::vector<uint64_t> &changed = marksOf(&heap) ? *marksOf(&heap) : none;
            // A block not resident has not changed since the checkpoint that wrote it; a
            // resident one is written again from memory where a change reached it.
            auto old = heap.baseBlocksWithResidency();
            const uint64_t slots = heap.slotCount();
            const uint64_t baseEnd = old.empty() ? 0 : old.back().first.endSlot;
            uint64_t rowsBefore = slots - baseEnd;
            for (const auto &[ref, resident] : old)
                rowsBefore += ref.rows;
            auto &plans = indexPlans[t] = planIndexes(*tables[t], m_catalog, view, rowsBefore);
            auto addKeys = [&](uint64_t slot, rowcodec::RowView row, bool fullOnly) {
                for (auto &plan : plans) {
                    if (fullOnly && !plan.full)
                        continue;
                    std::string key = encodeKey(row, plan.index->columns(), schema);
                    if (!key.empty())
                        plan.fresh.push_back({std::move(key), slot});
                }
            };
            const std::function<void(uint64_t, rowcodec::RowView)> onRow
                = plans.empty()
                      ? std::function<void(uint64_t, rowcodec::RowView)>()
                      : [&](uint64_t slot, rowcodec::RowView row) { addKeys(slot, row, false); };
            auto writeRange = [&](uint64_t from, uint64_t to) {
                writeRowBlocks(data, heap, tableId, view, from, to, false, out, onRow);
                written[t].resize(out.size(), true);
            };
            std::vector<std::pair<BlockRef, bool>> kept;
            auto keep = [&](const BlockRef &ref, bool resident) {
                out.push_back(ref);
                written[t].push_back(false);
                kept.emplace_back(ref, resident);
            };
            // A small last block is written again with the rows after it, so that many small
            // imports do not leave many small blocks.
            if (!old.empty() && slots > baseEnd && old.back().first.length < (256u << 10)) {
                if (!old.back().second)
                    heap.ensureResident(old.back().first.firstSlot);
                old.back().second = true;
            }
            for (size_t b = 0; b < old.size(); ++b) {
                const auto &[ref, resident] = old[b];
                if (resident && b + 1 == old.size() && slots > baseEnd
                    && ref.length < (256u << 10)) {
                    writeRange(ref.firstSlot, slots);
                    break;
                }
                if (resident && TableHeap::anyMarked(changed, ref.firstSlot, ref.endSlot))
                    writeRange(ref.firstSlot, ref.endSlot);
                else
                    keep(ref, resident);
                if (b + 1 == old.size())
                    writeRange(baseEnd, slots);
            }
            if (old.empty())
                writeRange(0, slots);
            // A full build also takes the rows of the blocks kept as they were.
            if (std::any_of(plans.begin(), plans.end(), [](const auto &p) { return p.full; })) {
                BlockBuffers buffers;
                std::vector<BaseRow> rows;
                for (const auto &[ref, resident] : kept) {
                    if (resident) {
                        std::shared_lock gc(heap.gcLock());
                        for (uint64_t s = ref.firstSlot; s < ref.endSlot; ++s)
                            if (const Version *v = view.visible(heap.head(s)))
                                addKeys(s, v->view(), true);
                        continue;
                    }
                    for (const BaseRow &row : readRowBlock(*m_blocks, ref, tableId, buffers, rows))
                        addKeys(row.slot,
                                rowcodec::RowView(row.bytes.data(),
                                                  static_cast<uint32_t>(row.bytes.size())),
                                true);
                }
            }
            for (auto &plan : plans)
                buildRuns(data, *m_blocks, tableId, plan);
        }
        data.finish();

        const std::string tmp = m_dir + "/" + kCheckpointName + ".tmp";
        std::string block;
        File file(tmp, File::Mode::Create);
        file.writeAll(kCheckpointMagicV2, sizeof kCheckpointMagicV2);
        uint64_t blocks = 0;
        auto flushBlock = [&] {
            std::string framed;
            ByteWriter w(framed);
            w.put<uint32_t>(static_cast<uint32_t>(block.size()));
            w.put<uint32_t>(crc32c(block.data(), block.size()));
            file.writeAll(framed);
            file.writeAll(block);
            block.clear();
            ++blocks;
        };
        block.clear();
        ByteWriter w(block);
        w.put<uint8_t>(static_cast<uint8_t>(BlockKind::Meta));
        w.put<uint64_t>(snapshot);
        w.put<uint64_t>(walSeq);
        w.put<uint64_t>(m_catalog.nextTableId());
        w.put<uint32_t>(m_nextDataFile.load());
        flushBlock();
        for (const auto &t : tables) {
            w.put<uint8_t>(static_cast<uint8_t>(BlockKind::Table));
            writeSchema(w, *t->schema);
            flushBlock();
        }
        for (const auto &t : tables) {
            for (const auto &i : m_catalog.indexesOf(t->schema->id, view)) {
                w.put<uint8_t>(static_cast<uint8_t>(BlockKind::Index));
                writeIndexDef(w, i->def);
                flushBlock();
            }
        }
        for (const auto &v : m_catalog.views(view)) {
            w.put<uint8_t>(static_cast<uint8_t>(BlockKind::View));
            writeViewDef(w, v->def);
            flushBlock();
        }
        std::set<uint32_t> referenced;
        for (size_t t = 0; t < tables.size(); ++t) {
            w.put<uint8_t>(static_cast<uint8_t>(BlockKind::Segments));
            w.put<uint64_t>(tables[t]->schema->id);
            w.put<uint32_t>(static_cast<uint32_t>(newBase[t].size()));
            for (const auto &ref : newBase[t]) {
                w.put<uint32_t>(ref.file);
                w.put<uint32_t>(ref.length);
                w.put<uint64_t>(ref.offset);
                w.put<uint32_t>(ref.crc);
                w.put<uint32_t>(ref.rows);
                w.put<uint64_t>(ref.firstSlot);
                w.put<uint64_t>(ref.endSlot);
                referenced.insert(ref.file);
            }
            flushBlock();
            uint32_t begins = 0;
            for (const auto &ref : newBase[t])
                begins += ref.beginTs != 0;
            if (begins) {
                w.put<uint8_t>(static_cast<uint8_t>(BlockKind::Begins));
                w.put<uint64_t>(tables[t]->schema->id);
                w.put<uint32_t>(begins);
                for (uint32_t k = 0; k < newBase[t].size(); ++k) {
                    if (!newBase[t][k].beginTs)
                        continue;
                    STRATA_ASSERT(isCommittedTs(newBase[t][k].beginTs),
                                  "a checkpoint names spilled rows of an uncommitted transaction");
                    w.put<uint32_t>(k);
                    w.put<uint64_t>(newBase[t][k].beginTs);
                }
                flushBlock();
            }
            for (const auto &plan : indexPlans[t]) {
                w.put<uint8_t>(static_cast<uint8_t>(BlockKind::IndexRuns));
                w.put<uint64_t>(tables[t]->schema->id);
                w.putString(plan.name);
                w.put<uint32_t>(static_cast<uint32_t>(plan.runs->size()));
                for (const auto &run : *plan.runs) {
                    w.put<uint32_t>(static_cast<uint32_t>(run->blocks().size()));
                    for (const auto &b : run->blocks()) {
                        w.put<uint32_t>(b.ref.file);
                        w.put<uint32_t>(b.ref.length);
                        w.put<uint64_t>(b.ref.offset);
                        w.put<uint32_t>(b.ref.crc);
                        w.put<uint32_t>(b.ref.rows);
                        w.putString(b.firstKey);
                        w.putString(b.lastKey);
                        referenced.insert(b.ref.file);
                    }
                }
                flushBlock();
            }
        }
        for (const auto &t : tables) {
            const auto deletions = t->heap->allDeletions();
            w.put<uint8_t>(static_cast<uint8_t>(BlockKind::Deletions));
            w.put<uint64_t>(t->schema->id);
            const size_t countPos = block.size();
            w.put<uint32_t>(0);
            uint32_t count = 0;
            for (const auto &d : deletions) {
                if (d.commitTs > snapshot)
                    continue;
                w.put<uint64_t>(d.commitTs);
                w.putString(d.keyRow);
                ++count;
            }
            std::memcpy(block.data() + countPos, &count, 4);
            flushBlock();
        }
        w.put<uint8_t>(static_cast<uint8_t>(BlockKind::End));
        w.put<uint64_t>(blocks);
        flushBlock();
        file.dataSync();
        file.close();
        if (data.used()) {
            syncDirectory(m_dir); // the data file's name is durable before a manifest names it
            m_blocks->open({dataNumber});
        }
        renameFile(tmp, m_dir + "/" + kCheckpointName);
        syncDirectory(m_dir);
        for (size_t t = 0; t < tables.size(); ++t) {
            TableHeap &heap = *tables[t]->heap;
            if (heap.spilling()) // its transaction commits: its rows are all in blocks now
                heap.resetToBase(std::move(newBase[t]), m_blocks,
                                 schemaSource(heap, tables[t]->schema));
            else
                heap.replaceBase(std::move(newBase[t]), written[t], m_blocks,
                                 schemaSource(heap, tables[t]->schema));
            for (const auto &plan : indexPlans[t]) {
                for (const auto &run : *plan.runs)
                    const_cast<IndexRun &>(*run).pinFiles(*m_blocks);
                plan.index->setRuns(plan.runs, m_blocks, m_indexCache, tables[t]->schema->id);
            }
            if (!indexPlans[t].empty())
                heap.pruneIndexHashes(snapshot);
        }
        releaseUnchangedBlocks();
        // Descriptors stay open for files any heap still names (a snapshot from before a
        // DROP TABLE may load the dropped table yet).
        std::set<uint32_t> named;
        {
            std::lock_guard spills(m_spillMutex);
            named = m_spillFiles;
        }
        for (const auto &t : m_catalog.allTables()) {
            for (const auto &ref : t->heap->baseBlocks())
                named.insert(ref.file);
            for (const auto &index : t->heap->indexesAsDeclared())
                if (const auto runs = index->runs())
                    for (const auto &run : *runs)
                        for (const auto &b : run->blocks())
                            named.insert(b.ref.file);
        }
        m_blocks->keepOnly(named);
        // Old logs and data files go only while no read-only opener is opening; else the next
        // checkpoint deletes them (recovery skips logs older than the checkpoint's).
        ReadersLock deleting(m_dir, true);
        if (deleting.held()) {
            for (uint64_t seq : listLogFiles(m_dir))
                if (seq < walSeq)
                    removeFile(m_dir + "/" + logFileName(seq));
            std::lock_guard spills(m_spillMutex); // files of transactions yet to commit stay
            for (uint32_t n : BlockStore::listFiles(m_dir))
                if (!referenced.count(n) && !m_spillFiles.count(n))
                    removeFile(m_blocks->pathOf(n));
        }
    } catch (...) {
        for (const auto &[heap, m] : marks)
            heap->restoreChanged(m);
        throw;
    }
}

// ---- garbage collection and background work -------------------------------------------------

} // namespace strata::engine
