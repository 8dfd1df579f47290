#include "engine/mvcc/database_core.h"

#include "engine/common/bytes.h"
#include "engine/common/timestamp.h"
#include "engine/mvcc/folder_files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

// Checkpoints: loading the checkpoint file at open, and writing a new one (a snapshot of
// every table, then the switch to it and the removal of the logs it covers).
namespace strata::engine {

using folder::BlockKind;
using folder::kCheckpointMagic;
using folder::kCheckpointName;
using folder::ReadersLock;

void DatabaseCore::loadCheckpoint(const std::string &path, uint64_t &walSeq)
{
    const MappedFile mapped(path);
    const std::string_view data = mapped.data();
    // Index entries are gathered per index and loaded in one sorted pass at the end.
    std::map<HashIndex *, std::vector<std::pair<uint64_t, uint64_t>>> indexEntries;
    struct RowBlock {
        std::string_view block;
        uint32_t crc;
        size_t pos;
    };
    std::vector<RowBlock> rowBlocks;
    if (data.size() < sizeof kCheckpointMagic
        || data.substr(0, sizeof kCheckpointMagic)
               != std::string_view(kCheckpointMagic, sizeof kCheckpointMagic))
        throwError(StatusCode::Corrupt, path + " is not a Strata checkpoint (bad header)");
    size_t pos = sizeof kCheckpointMagic;
    uint64_t ckptTs = 0;
    bool ended = false;
    std::map<uint64_t, std::shared_ptr<TableEntry>> tables;
    uint64_t blocks = 0;
    while (pos < data.size() && !ended) {
        if (data.size() - pos < 8)
            throwError(StatusCode::Corrupt,
                       path + ": block at byte " + std::to_string(pos) + " is cut short");
        uint32_t len, crc;
        std::memcpy(&len, data.data() + pos, 4);
        std::memcpy(&crc, data.data() + pos + 4, 4);
        if (data.size() - pos - 8 < len)
            throwError(StatusCode::Corrupt,
                       path + ": block at byte " + std::to_string(pos) + " is cut short");
        std::string_view block(data.data() + pos + 8, len);
        if (!block.empty() && static_cast<BlockKind>(block[0]) == BlockKind::Rows) {
            // Row blocks are checked and decoded afterwards, on all cores.
            rowBlocks.push_back({block, crc, pos});
            pos += 8 + len;
            ++blocks;
            continue;
        }
        if (crc32c(block.data(), block.size()) != crc)
            throwError(StatusCode::Corrupt,
                       path + ": block at byte " + std::to_string(pos) + " fails its checksum");
        pos += 8 + len;
        ++blocks;
        ByteReader r(block, "checkpoint block");
        switch (static_cast<BlockKind>(r.get<uint8_t>())) {
        case BlockKind::Meta:
            ckptTs = r.get<uint64_t>();
            walSeq = r.get<uint64_t>();
            m_catalog.noteTableId(r.get<uint64_t>());
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
        case BlockKind::End:
            if (r.get<uint64_t>() != blocks - 1)
                throwError(StatusCode::Corrupt, path + ": block count does not match");
            ended = true;
            break;
        default:
            throwError(StatusCode::Corrupt, path + ": unknown block kind");
        }
    }
    if (!ended)
        throwError(StatusCode::Corrupt, path + " ends without its end block");
    // Decode row blocks on all cores: each block's versions and index keys go to its own
    // result, and are put into the tables afterwards in one pass.
    struct Loaded {
        TableEntry *table = nullptr;
        std::vector<std::pair<uint64_t, Version *>> rows;
        std::vector<std::vector<std::pair<uint64_t, uint64_t>>> keys; //!< per heap index
    };
    std::vector<Loaded> loaded(rowBlocks.size());
    auto decodeBlock = [&](size_t i) {
        const RowBlock &rb = rowBlocks[i];
        if (crc32c(rb.block.data(), rb.block.size()) != rb.crc)
            throwError(StatusCode::Corrupt,
                       path + ": block at byte " + std::to_string(rb.pos) + " fails its checksum");
        ByteReader r(rb.block, "checkpoint block");
        r.get<uint8_t>();
        auto it = tables.find(r.get<uint64_t>());
        if (it == tables.end())
            throwError(StatusCode::Corrupt, path + ": rows for a missing table");
        Loaded &out = loaded[i];
        out.table = it->second.get();
        const TableSchema &schema = *it->second->schema;
        const auto indexes = it->second->heap->indexes();
        out.keys.resize(indexes.size());
        const auto count = r.get<uint32_t>();
        out.rows.reserve(count);
        // First the room every version takes, then one chunk for all of them.
        size_t room = 0;
        {
            ByteReader sizes = r;
            for (uint32_t k = 0; k < count; ++k) {
                sizes.get<uint64_t>();
                sizes.get<uint64_t>();
                const std::string_view bytes = sizes.getString();
                if (bytes.size() < 2 || bytes.size() > (1u << 30))
                    throwError(StatusCode::Corrupt, path + ": a row at block byte "
                                                        + std::to_string(rb.pos) + " is malformed");
                room += Version::footprint(static_cast<uint32_t>(bytes.size()));
            }
        }
        VersionChunk *chunk = count ? VersionChunk::create(room) : nullptr;
        size_t offset = 0;
        for (uint32_t k = 0; k < count; ++k) {
            const uint64_t slot = r.get<uint64_t>();
            const uint64_t begin = r.get<uint64_t>();
            std::string_view bytes = r.getString();
            if (slot > (1ULL << 40)) {
                if (chunk && chunk->live.load() == 0)
                    ::operator delete(chunk);
                throwError(StatusCode::Corrupt, path + ": a row at block byte "
                                                    + std::to_string(rb.pos) + " is malformed");
            }
            Version *v = Version::createIn(chunk, offset, bytes.data(),
                                           static_cast<uint32_t>(bytes.size()), begin);
            out.rows.emplace_back(slot, v);
            for (size_t x = 0; x < indexes.size(); ++x) {
                const std::string key = encodeKey(v->view(), indexes[x]->columns(), schema);
                if (!key.empty())
                    out.keys[x].emplace_back(HashIndex::hashOf(key), slot);
            }
        }
    };
    std::exception_ptr error;
    std::mutex errorMutex;
    const unsigned workers = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
    auto worker = [&](unsigned w) {
        for (size_t i = w; i < loaded.size(); i += workers) {
            try {
                decodeBlock(i);
            } catch (...) {
                std::lock_guard lock(errorMutex);
                if (!error)
                    error = std::current_exception();
                return;
            }
        }
    };
    std::vector<std::thread> threads;
    for (unsigned w = 1; w < workers; ++w)
        threads.emplace_back(worker, w);
    worker(0);
    for (auto &t : threads)
        t.join();
    if (error) {
        for (auto &l : loaded)
            for (auto &[slot, v] : l.rows)
                Version::destroy(v);
        std::rethrow_exception(error);
    }
    // Slots and indexes are separate structures: one thread fills the slots while another
    // gathers and loads the index keys.
    auto loadIndexes = [&] {
        for (auto &l : loaded) {
            const auto indexes = l.table->heap->indexes();
            for (size_t x = 0; x < indexes.size(); ++x) {
                auto &dst = indexEntries[indexes[x].get()];
                dst.insert(dst.end(), l.keys[x].begin(), l.keys[x].end());
                std::vector<std::pair<uint64_t, uint64_t>>().swap(l.keys[x]);
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
    for (auto &l : loaded) {
        TableHeap &heap = *l.table->heap;
        uint64_t last = 0;
        for (const auto &[slot, v] : l.rows)
            last = std::max(last, slot);
        if (!l.rows.empty())
            heap.ensureSlot(last);
        for (const auto &[slot, v] : l.rows) {
            if (Version *old = heap.slot(slot).exchange(v, std::memory_order_relaxed))
                Version::destroy(old); // a slot twice: keep the last (a damaged writer)
        }
    }
    indexThread.join();
    if (indexError)
        std::rethrow_exception(indexError);
    m_lastCommitTs.store(ckptTs);
}

// ---- checkpoint ---------------------------------------------------------------------------

void DatabaseCore::checkpoint()
{
    if (inMemory() || readOnly() || closed())
        return;
    std::lock_guard once(m_checkpointMutex);
    writeCheckpoint();
}

void DatabaseCore::writeCheckpoint()
{
    uint64_t snapshot, walSeq;
    {
        // New commits go to a fresh log file; everything up to `snapshot` is in the old ones.
        std::lock_guard lock(m_commitMutex);
        snapshot = acquireSnapshot();
        walSeq = m_log->seq() + 1;
        m_log->rotate(walSeq);
    }
    struct Release {
        DatabaseCore *core;
        uint64_t ts;
        ~Release() { core->releaseSnapshot(ts); }
    } release{this, snapshot};
    writeCheckpointFile(snapshot, walSeq);
}

void DatabaseCore::writeCheckpointFile(uint64_t snapshot, uint64_t walSeq)
{
    const ReadView view{snapshot, 0};
    const std::string tmp = m_dir + "/" + kCheckpointName + ".tmp";
    File file(tmp, File::Mode::Create);
    file.writeAll(kCheckpointMagic, sizeof kCheckpointMagic);
    std::string block;
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
    ByteWriter w(block);
    w.put<uint8_t>(static_cast<uint8_t>(BlockKind::Meta));
    w.put<uint64_t>(snapshot);
    w.put<uint64_t>(walSeq);
    w.put<uint64_t>(m_catalog.nextTableId());
    flushBlock();
    const auto tables = m_catalog.tables(view);
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
    for (const auto &t : tables) {
        TableHeap &heap = *t->heap;
        const uint64_t slots = heap.slotCount();
        uint64_t s = 0;
        while (s < slots) {
            w.put<uint8_t>(static_cast<uint8_t>(BlockKind::Rows));
            w.put<uint64_t>(t->schema->id);
            const size_t countPos = block.size();
            w.put<uint32_t>(0);
            uint32_t count = 0;
            std::shared_lock gc(heap.gcLock());
            for (; s < slots && block.size() < (1u << 20); ++s) {
                const Version *v = view.visible(heap.slot(s).load(std::memory_order_acquire));
                if (!v)
                    continue;
                w.put<uint64_t>(s);
                w.put<uint64_t>(v->begin.load(std::memory_order_acquire));
                w.putString({v->bytes(), v->size});
                ++count;
            }
            std::memcpy(block.data() + countPos, &count, 4);
            flushBlock();
        }
        const auto deletions = heap.allDeletions();
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
    renameFile(tmp, m_dir + "/" + kCheckpointName);
    syncDirectory(m_dir);
    // Old logs go only while no read-only opener is reading; else the next checkpoint
    // deletes them (recovery skips logs older than the checkpoint's).
    ReadersLock deleting(m_dir, true);
    if (deleting.held())
        for (uint64_t seq : listLogFiles(m_dir))
            if (seq < walSeq)
                removeFile(m_dir + "/" + logFileName(seq));
}

// ---- garbage collection and background work -------------------------------------------------

} // namespace strata::engine
