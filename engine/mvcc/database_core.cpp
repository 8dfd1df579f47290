#include "engine/mvcc/database_core.h"

#include "engine/mvcc/folder_files.h"

#include "engine/common/bytes.h"
#include "engine/common/timestamp.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <optional>
#include <set>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine {

using folder::kCheckpointName;
using folder::ReadersLock;

bool DatabaseCore::holdsDatabase(const std::string &dir)
{
    // A folder that is not there holds nothing (asking is no error).
    return pathExists(dir + "/" + kCheckpointName)
           || (pathExists(dir) && !listLogFiles(dir).empty());
}

std::string DatabaseCore::folderGeneration(const std::string &dir)
{
    std::string out;
    struct stat st {};
    if (::stat((dir + "/" + kCheckpointName).c_str(), &st) == 0)
        out = std::to_string(st.st_ino) + "." + std::to_string(st.st_mtim.tv_nsec) + "."
              + std::to_string(st.st_mtim.tv_sec);
    if (DIR *d = ::opendir(dir.c_str())) {
        std::vector<std::string> names;
        while (const dirent *e = ::readdir(d))
            if (std::strncmp(e->d_name, "wal-", 4) == 0)
                names.emplace_back(e->d_name);
        ::closedir(d);
        std::sort(names.begin(), names.end());
        for (const auto &n : names)
            out += "|" + n;
    }
    return out;
}

DatabaseCore::DatabaseCore()
{
    m_options.background = true;
    m_lastCommitTs.store(static_cast<uint64_t>(nowMicros()));
    m_background = std::thread([this] { backgroundLoop(); });
}

DatabaseCore::DatabaseCore(const std::string &dir, const DatabaseOptions &options)
    : m_dir(dir)
    , m_options(options)
    , m_blocks(std::make_shared<BlockStore>(dir))
{
    if (m_options.readOnly) {
        if (!pathExists(dir))
            throwError(StatusCode::NotFound, "no database at " + dir);
    } else {
        makeDirectories(dir);
        lockDirectory();
    }
    try {
        recover();
    } catch (...) {
        if (m_lockFd >= 0)
            ::close(m_lockFd);
        throw;
    }
    if (m_options.background && !m_options.readOnly)
        m_background = std::thread([this] { backgroundLoop(); });
}

DatabaseCore::~DatabaseCore()
{
    try {
        close();
    } catch (const EngineError &) {
        // The log is durable up to the last acknowledged commit; nothing else to save.
    }
}

void DatabaseCore::close()
{
    if (m_closed.exchange(true))
        return;
    {
        std::lock_guard wait(m_commitMutex);
    } // a commit under way finishes first
    {
        std::lock_guard lock(m_bgMutex);
        m_stop = true;
    }
    m_bgWake.notify_all();
    if (m_background.joinable())
        m_background.join();
    struct Unlock {
        int &fd;
        ~Unlock()
        {
            if (fd >= 0)
                ::close(fd);
            fd = -1;
        }
    } unlock{m_lockFd};
    if (m_log) {
        // A checkpoint on close keeps the next open fast: a small log replays quickly (one
        // audit row is not worth a manifest), but a new index would be filled again.
        if (m_log->bytesSinceRotate() > (4u << 20) || m_indexMadeSinceCheckpoint.load()) {
            std::lock_guard once(m_checkpointMutex);
            writeCheckpoint();
        }
        m_log->sync();
    }
}

void DatabaseCore::lockDirectory()
{
    const std::string path = m_dir + "/LOCK";
    m_lockFd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_lockFd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
        throwError(StatusCode::Locked, "database " + m_dir + " cannot be opened for writing ("
                                           + path + ": " + systemError()
                                           + "): its folder or files are read-only; open it "
                                             "read-only");
    if (m_lockFd < 0)
        throwError(StatusCode::Io, "cannot open " + path + ": " + systemError());
    if (::flock(m_lockFd, LOCK_EX | LOCK_NB) != 0) {
        char buf[512] = {};
        const ssize_t n = ::pread(m_lockFd, buf, sizeof buf - 1, 0);
        std::string holder = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "another process";
        while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' '))
            holder.pop_back();
        ::close(m_lockFd);
        m_lockFd = -1;
        throwError(StatusCode::Locked, "database " + m_dir + " is open for writing by " + holder
                                           + "; open it read-only or close the other program");
    }
    const std::string who = m_options.programName + " (pid " + std::to_string(::getpid())
                            + ", since " + formatTimestamp(nowMicros()) + ")\n";
    if (::ftruncate(m_lockFd, 0) != 0
        || ::pwrite(m_lockFd, who.data(), who.size(), 0) != static_cast<ssize_t>(who.size()))
        throwError(StatusCode::Io, "cannot write " + path + ": " + systemError());
}

uint64_t DatabaseCore::nextCommitTs()
{
    const uint64_t now = static_cast<uint64_t>(nowMicros());
    return std::max(m_lastCommitTs.load() + 1, now);
}

std::unique_ptr<Transaction> DatabaseCore::begin()
{
    const uint64_t snap = acquireSnapshot();
    return std::make_unique<Transaction>(*this, nextTxnId(), snap);
}

uint64_t DatabaseCore::acquireSnapshot()
{
    std::lock_guard lock(m_snapshotMutex);
    const uint64_t ts = m_lastCommitTs.load(std::memory_order_acquire);
    ++m_activeSnapshots[ts];
    return ts;
}

void DatabaseCore::releaseSnapshot(uint64_t ts)
{
    std::lock_guard lock(m_snapshotMutex);
    auto it = m_activeSnapshots.find(ts);
    if (it != m_activeSnapshots.end() && --it->second == 0)
        m_activeSnapshots.erase(it);
}

uint64_t DatabaseCore::oldestActiveSnapshot()
{
    std::lock_guard lock(m_snapshotMutex);
    if (m_activeSnapshots.empty())
        return m_lastCommitTs.load(std::memory_order_acquire);
    return m_activeSnapshots.begin()->first;
}

void DatabaseCore::writeOps(const Transaction &txn)
{
    std::string out;
    ByteWriter w(out);
    for (const auto &op : txn.m_ops) {
        if (out.size() > (64u << 10)) {
            m_log->write(out);
            out.clear();
        }
        w.put<uint8_t>(static_cast<uint8_t>(op.kind));
        switch (op.kind) {
        case OpKind::Insert:
        case OpKind::Update:
            w.put<uint64_t>(op.entry->schema->id);
            w.put<uint64_t>(op.slot);
            w.putString({op.newVersion->bytes(), op.newVersion->size});
            break;
        case OpKind::Delete:
            w.put<uint64_t>(op.entry->schema->id);
            w.put<uint64_t>(op.slot);
            break;
        case OpKind::CreateTable:
        case OpKind::AlterTable:
            writeSchema(w, *op.entry->schema);
            break;
        case OpKind::DropTable:
            w.put<uint64_t>(op.oldEntry->schema->id);
            break;
        case OpKind::CreateIndex:
            writeIndexDef(w, op.index->def);
            break;
        case OpKind::DropIndex:
            w.putString(op.index->def.name);
            break;
        case OpKind::CreateView:
            writeViewDef(w, op.view->def);
            break;
        case OpKind::DropView:
            w.putString(op.view->def.name);
            break;
        }
    }
    m_log->write(out);
}

namespace {

std::string identityKeyRow(const Version *v, const TableSchema &schema)
{
    Row key;
    for (auto c : schema.identityColumns())
        key.push_back(v->view().get(c, schema.columns[c].type));
    std::string out;
    rowcodec::encode(key, out);
    return out;
}

bool sameIdentity(const Version *a, const Version *b, const TableSchema &schema)
{
    return encodeKey(a->view(), schema.identityColumns(), schema)
           == encodeKey(b->view(), schema.identityColumns(), schema);
}

} // namespace

void DatabaseCore::stamp(Transaction &txn, uint64_t ts)
{
    bool schemaChanged = false;
    const TableHeap *lastHeap = nullptr;
    uint64_t lastGranule = 0;
    for (auto &op : txn.m_ops) {
        if (op.kind <= OpKind::Delete) {
            // The next checkpoint writes the blocks these rows are in (a batch marks each
            // granule once).
            TableHeap *heap = op.entry->heap.get();
            const uint64_t granule = op.slot >> TableHeap::kGranuleBits;
            if (heap != lastHeap || granule != lastGranule)
                heap->markChanged(op.slot);
            lastHeap = heap;
            lastGranule = granule;
        }
        switch (op.kind) {
        case OpKind::Insert:
            op.newVersion->begin.store(ts, std::memory_order_release);
            break;
        case OpKind::Update:
            op.newVersion->begin.store(ts, std::memory_order_release);
            op.oldVersion->end.store(ts, std::memory_order_release);
            op.entry->heap->noteEnded(op.slot, ts);
            if (!sameIdentity(op.oldVersion, op.newVersion, *op.entry->schema))
                op.entry->heap->recordDeletion(ts,
                                               identityKeyRow(op.oldVersion, *op.entry->schema));
            break;
        case OpKind::Delete:
            op.oldVersion->end.store(ts, std::memory_order_release);
            op.entry->heap->noteEnded(op.slot, ts);
            op.entry->heap->recordDeletion(ts, identityKeyRow(op.oldVersion, *op.entry->schema));
            break;
        case OpKind::CreateTable:
            op.entry->schema->createdAt = static_cast<int64_t>(ts);
            op.entry->begin.store(ts);
            schemaChanged = true;
            break;
        case OpKind::DropTable:
            op.oldEntry->end.store(ts);
            schemaChanged = true;
            break;
        case OpKind::AlterTable:
            op.oldEntry->end.store(ts);
            op.entry->begin.store(ts);
            schemaChanged = true;
            break;
        case OpKind::CreateIndex:
            op.index->begin.store(ts);
            schemaChanged = true;
            // Replaying it would fill the index from every block: a checkpoint writes its
            // runs instead (in the background, or at close).
            m_indexMadeSinceCheckpoint.store(true, std::memory_order_relaxed);
            break;
        case OpKind::DropIndex:
            op.index->end.store(ts);
            if (op.entry)
                op.entry->heap->dropIndex(op.index->heapIndex.get());
            schemaChanged = true;
            break;
        case OpKind::CreateView:
            op.view->def.createdAt = static_cast<int64_t>(ts);
            op.view->begin.store(ts);
            schemaChanged = true;
            break;
        case OpKind::DropView:
            op.view->end.store(ts);
            schemaChanged = true;
            break;
        }
    }
    if (schemaChanged)
        m_catalog.noteSchemaCommit(ts);
}

Status DatabaseCore::commit(Transaction &txn) noexcept
{
    if (!txn.m_active)
        return {StatusCode::Invalid, "the transaction has already ended"};
    if (!txn.m_doomed.isOk()) {
        Status why = txn.m_doomed;
        rollback(txn);
        return why;
    }
    if (txn.m_ops.empty()) {
        rollback(txn);
        return {};
    }
    try {
        {
            // A transaction that spilled commits by a checkpoint, whatever it takes: the
            // checkpoint lock first, as a checkpoint takes it before the commit lock.
            std::unique_lock spillCheckpoint(m_checkpointMutex, std::defer_lock);
            if (txn.m_spilled)
                spillCheckpoint.lock();
            std::lock_guard lock(m_commitMutex);
            if (closed()) {
                rollback(txn);
                return {StatusCode::ReadOnly, "the database is closed"};
            }
            // A table written through must not have been dropped or altered meanwhile.
            for (const auto &op : txn.m_ops) {
                if (op.kind > OpKind::Delete)
                    continue;
                const uint64_t e = op.entry->end.load();
                if (e != kInfinity && e != txn.m_view.txnMarker) {
                    Status why(StatusCode::Conflict, "table " + op.entry->schema->name
                                                         + " was changed by a concurrent "
                                                           "transaction");
                    txn.m_doomed = why;
                    throw EngineError(why);
                }
            }
            const uint64_t ts = nextCommitTs();
            std::unique_lock checkpointing(m_checkpointMutex, std::defer_lock);
            if (txn.m_spilled
                || (m_log && rowBytes(txn) > m_options.checkpointLogBytes
                    && checkpointing.try_lock())) {
                commitByCheckpoint(txn, ts);
            } else {
                if (m_log) {
                    m_log->beginRecord();
                    writeOps(txn);
                    m_log->endRecord(ts);
                }
                stamp(txn, ts);
            }
            m_lastCommitTs.store(ts, std::memory_order_release);
        }
    } catch (const EngineError &e) {
        rollback(txn);
        return e.toStatus();
    } catch (const std::exception &e) {
        rollback(txn);
        return {StatusCode::Internal, e.what()};
    }
    if (txn.m_holdsSchema)
        m_catalog.releaseSchema(txn.m_view.txnMarker);
    txn.m_active = false;
    txn.unpinHeaps();
    releaseSnapshot(txn.m_view.snapshotTs);
    size_t garbage = 0;
    for (const auto &op : txn.m_ops)
        garbage
            += op.kind == OpKind::Update || op.kind == OpKind::Delete || op.kind > OpKind::Delete;
    if (garbage)
        noteGarbage(garbage);
    if (m_log && m_log->bytesSinceRotate() > m_options.checkpointLogBytes)
        m_bgWake.notify_all();
    return {};
}

uint64_t DatabaseCore::rowBytes(const Transaction &txn)
{
    uint64_t bytes = 0;
    for (const auto &op : txn.m_ops)
        if (op.newVersion)
            bytes += op.newVersion->size;
    return bytes;
}

void DatabaseCore::commitByCheckpoint(Transaction &txn, uint64_t ts)
{
    // A transaction this big would fill the log past the checkpoint threshold, and the
    // checkpoint that follows writes every row again. Instead its rows are written once: the
    // transaction is stamped (still invisible: m_lastCommitTs is published only after this
    // returns, and no other commit can run meanwhile) and a checkpoint as of its timestamp
    // makes it durable. The rename of that checkpoint is the commit point.
    stamp(txn, ts);
    stampSpilled(txn, ts);
    const uint64_t walSeq = m_log->seq() + 1;
    try {
        m_log->rotate(walSeq);
        m_indexMadeSinceCheckpoint.store(false, std::memory_order_relaxed);
        txn.m_reachedCommitPoint = true; // from here its spill files may be named
        writeCheckpointFile(ts, walSeq, takeChangeMarks());
        releaseSpillFiles(txn, false);
        return;
    } catch (const EngineError &e) {
        // The stamps cannot be undone; the log is the other way to make them durable, but
        // not for rows that went to data files.
        if (txn.m_spilled) {
            m_closed.store(true, std::memory_order_release);
            throwError(e.code(), std::string(e.what())
                                     + " (the transaction could not be saved; the database is "
                                       "closed for writing: open it again)");
        }
    }
    try {
        m_log->beginRecord();
        writeOps(txn);
        m_log->endRecord(ts);
    } catch (const EngineError &e) {
        // Committed in memory but on disk nowhere: no later commit may make it visible.
        m_closed.store(true, std::memory_order_release);
        throwError(e.code(), std::string(e.what())
                                 + " (the transaction could not be saved; the database is "
                                   "closed for writing: open it again)");
    }
}

void DatabaseCore::rollback(Transaction &txn) noexcept
{
    if (!txn.m_active)
        return;
    try {
        txn.rollbackTo(0);
    } catch (const std::exception &e) {
        // Undo only restores pointers it saved; failing here means memory is corrupt.
        std::fprintf(stderr, "strata: rollback failed: %s\n", e.what());
        std::abort();
    }
    txn.m_ops.clear();
    // Spill files are deleted unless a checkpoint that may name them was being written.
    releaseSpillFiles(txn, !txn.m_reachedCommitPoint);
    if (txn.m_holdsSchema)
        m_catalog.releaseSchema(txn.m_view.txnMarker);
    txn.m_active = false;
    txn.unpinHeaps();
    releaseSnapshot(txn.m_view.snapshotTs);
}

// ---- recovery -----------------------------------------------------------------------------

void DatabaseCore::recover()
{
    // A reader without the file (an older folder, a read-only copy) relies on reopening.
    std::optional<ReadersLock> reading;
    if (m_options.readOnly)
        reading.emplace(m_dir, false);
    uint64_t walSeq = 1;
    const std::string ckpt = m_dir + "/" + kCheckpointName;
    if (!m_options.readOnly)
        removeFile(ckpt + ".tmp"); // an unfinished checkpoint is never trusted
    const bool haveCheckpoint = pathExists(ckpt);
    int format = 0;
    if (haveCheckpoint)
        format = loadCheckpoint(ckpt, walSeq);
    // Numbers of data files left by a transaction that never committed are not reused.
    for (uint32_t n : BlockStore::listFiles(m_dir))
        m_nextDataFile = std::max(m_nextDataFile.load(), n + 1);
    std::vector<uint64_t> logs = listLogFiles(m_dir);
    logs.erase(std::remove_if(logs.begin(), logs.end(), [&](uint64_t s) { return s < walSeq; }),
               logs.end());
    // A checkpoint creates its log before it is renamed into place, and logs follow one
    // another: a missing one means commits are gone, and opening anyway would hide that.
    if ((haveCheckpoint && (logs.empty() || logs.front() != walSeq))
        || (!haveCheckpoint && !logs.empty() && logs.front() != 1))
        throwError(StatusCode::Corrupt, "log file " + logFileName(walSeq) + " is missing from "
                                            + m_dir
                                            + " (the commits it held are lost; restore "
                                              "a backup, or move the folder aside)");
    for (size_t i = 1; i < logs.size(); ++i)
        if (logs[i] != logs[i - 1] + 1)
            throwError(StatusCode::Corrupt, "log file " + logFileName(logs[i - 1] + 1)
                                                + " is missing from " + m_dir
                                                + " (later logs need it)");
    uint64_t lastSeq = walSeq;
    uint64_t lastValid = 0;
    for (size_t i = 0; i < logs.size(); ++i) {
        const std::string path = m_dir + "/" + logFileName(logs[i]);
        const LogTail tail = readLogFile(
            path, [&](uint64_t ts, std::string_view payload) { applyRecord(ts, payload); },
            !m_options.readOnly); // the writer holds the lock: nobody truncates its logs
        lastSeq = logs[i];
        lastValid = tail.validBytes;
        if (tail.torn) {
            if (i + 1 != logs.size())
                throwError(StatusCode::Corrupt,
                           path + ": " + tail.reason + ", but later log files exist");
            // A reader may simply have caught the writer appending; only the writer, which
            // knows no one else is, reports a torn tail.
            if (!m_options.readOnly) {
                m_warnings.push_back(path + ": ignored an incomplete last record (" + tail.reason
                                     + "); the database is as of the last whole commit");
                File f(path, File::Mode::ReadWrite);
                f.truncate(tail.validBytes); // the damaged bytes go; new records follow
                f.dataSync();
            }
        }
    }
    if (m_lastCommitTs.load() == 0)
        m_lastCommitTs.store(static_cast<uint64_t>(nowMicros()));
    if (!m_options.readOnly) {
        // Versions replaced during replay are unreachable: no snapshot predates the open.
        for (const auto &t : m_catalog.newestPerHeap())
            t->heap->collectAll(m_lastCommitTs.load(), *t->schema);
        m_log = std::make_unique<LogWriter>(m_dir, lastSeq, m_options.sync, lastValid);
        // A new database starts with an (empty) checkpoint naming its first log, so that a
        // log deleted later is always noticed, even before the first real checkpoint.
        if (!haveCheckpoint && logs.empty()) {
            std::lock_guard once(m_checkpointMutex);
            writeCheckpointFile(m_lastCommitTs.load(), lastSeq, {});
        }
        // A format-1 checkpoint (read whole) is converted at once: the new manifest's rename
        // replaces it only after the new files are synced.
        if (format == 1) {
            std::lock_guard once(m_checkpointMutex);
            writeCheckpoint();
        }
    }
}

void DatabaseCore::applyRecord(uint64_t ts, std::string_view payload)
{
    ByteReader r(payload, "log record");
    ReadView latest{kInfinity - 1, 0};
    std::shared_ptr<TableEntry> cached;
    auto tableById = [&](uint64_t id) {
        if (cached && cached->schema->id == id && cached->end.load() == kInfinity)
            return cached;
        for (const auto &t : m_catalog.allTables())
            if (t->schema->id == id && t->end.load() == kInfinity)
                return cached = t;
        throwError(StatusCode::Corrupt,
                   "log record at commit " + formatTimestamp(static_cast<int64_t>(ts))
                       + " names table id " + std::to_string(id) + ", which does not exist");
    };
    while (!r.atEnd()) {
        const auto kind = static_cast<OpKind>(r.get<uint8_t>());
        switch (kind) {
        case OpKind::Insert:
        case OpKind::Update: {
            auto table = tableById(r.get<uint64_t>());
            const uint64_t slot = r.get<uint64_t>();
            std::string_view bytes = r.getString();
            TableHeap &heap = *table->heap;
            heap.ensureSlot(slot);  // a slot of a block makes it resident; past them, appends
            heap.markChanged(slot); // only the log holds this change
            Version *old = heap.slot(slot).load();
            if (kind == OpKind::Update && !old)
                throwError(StatusCode::Corrupt, "log updates a missing row");
            Version *v
                = Version::create(bytes.data(), static_cast<uint32_t>(bytes.size()), ts, old);
            if (old) {
                old->end.store(ts);
                if (!sameIdentity(old, v, *table->schema))
                    heap.recordDeletion(ts, identityKeyRow(old, *table->schema));
            }
            heap.slot(slot).store(v);
            heap.indexVersion(v, slot, *table->schema);
            break;
        }
        case OpKind::Delete: {
            auto table = tableById(r.get<uint64_t>());
            const uint64_t slot = r.get<uint64_t>();
            if (slot >= table->heap->slotCount())
                throwError(StatusCode::Corrupt, "log deletes a missing row");
            table->heap->ensureResident(slot);
            if (!table->heap->head(slot))
                throwError(StatusCode::Corrupt, "log deletes a missing row");
            Version *old = table->heap->slot(slot).load();
            old->end.store(ts);
            table->heap->markChanged(slot);
            table->heap->recordDeletion(ts, identityKeyRow(old, *table->schema));
            break;
        }
        case OpKind::CreateTable: {
            auto entry = std::make_shared<TableEntry>();
            entry->schema = std::make_shared<TableSchema>(readSchema(r));
            entry->schema->createdAt = static_cast<int64_t>(ts);
            entry->heap = std::make_shared<TableHeap>(entry->schema->id);
            entry->heap->addKeyIndexes(*entry->schema);
            entry->begin.store(ts);
            m_catalog.noteTableId(entry->schema->id);
            m_catalog.addTable(entry);
            break;
        }
        case OpKind::AlterTable: {
            auto schema = std::make_shared<TableSchema>(readSchema(r));
            auto old = tableById(schema->id);
            old->end.store(ts);
            auto entry = std::make_shared<TableEntry>();
            entry->schema = schema;
            entry->heap = old->heap;
            entry->begin.store(ts);
            m_catalog.addTable(entry);
            break;
        }
        case OpKind::DropTable: {
            // Its indexes follow as DropIndex operations (Transaction::dropTable logs them).
            auto table = tableById(r.get<uint64_t>());
            table->end.store(ts);
            break;
        }
        case OpKind::CreateIndex: {
            auto entry = std::make_shared<IndexEntry>();
            entry->def = readIndexDef(r);
            auto table = tableById(entry->def.tableId);
            auto index
                = table->heap->addIndex(entry->def.name, entry->def.columns, entry->def.unique);
            // From the blocks and the versions in memory.
            table->heap->fillIndexes({index}, *table->schema);
            entry->heapIndex = index;
            entry->begin.store(ts);
            m_catalog.addIndex(entry);
            break;
        }
        case OpKind::DropIndex: {
            const std::string name(r.getString());
            auto index = m_catalog.findIndex(name, latest);
            if (!index)
                throwError(StatusCode::Corrupt, "log drops a missing index " + name);
            index->end.store(ts);
            if (auto table = m_catalog.findTableById(index->def.tableId, latest))
                table->heap->dropIndex(index->heapIndex.get());
            break;
        }
        case OpKind::CreateView: {
            auto entry = std::make_shared<ViewEntry>();
            entry->def = readViewDef(r);
            entry->def.createdAt = static_cast<int64_t>(ts);
            entry->begin.store(ts);
            m_catalog.addView(entry);
            break;
        }
        case OpKind::DropView: {
            const std::string name(r.getString());
            auto view = m_catalog.findView(name, latest);
            if (!view)
                throwError(StatusCode::Corrupt, "log drops a missing view " + name);
            view->end.store(ts);
            break;
        }
        default:
            throwError(StatusCode::Corrupt,
                       "unknown operation " + std::to_string(int(kind)) + " in a log record");
        }
    }
    if (ts > m_lastCommitTs.load())
        m_lastCommitTs.store(ts);
}

size_t DatabaseCore::collectGarbage()
{
    const uint64_t oldest = oldestActiveSnapshot();
    size_t freed = 0;
    // A heap only an uncommitted CREATE TABLE knows is left to its transaction.
    std::set<TableHeap *> committed;
    for (const auto &t : m_catalog.allTables())
        if (isCommittedTs(t->begin.load()))
            committed.insert(t->heap.get());
    for (const auto &t : m_catalog.newestPerHeap()) {
        if (!committed.count(t->heap.get()))
            continue;
        freed += t->heap->collectGarbage(oldest, *t->schema);
        const int64_t cutoff = static_cast<int64_t>(oldest) - m_options.deletionRetentionMicros;
        if (cutoff > 0)
            t->heap->pruneDeletions(static_cast<uint64_t>(cutoff));
    }
    freed += m_catalog.collectGarbage(oldest).size();
    if (std::unique_lock checkpointing(m_checkpointMutex, std::try_to_lock); checkpointing)
        releaseUnchangedBlocks();
    return freed;
}

void DatabaseCore::releaseUnchangedBlocks()
{
    // Rows every snapshot sees, unchanged since the checkpoint that wrote their block, go
    // back to their files (the caller keeps checkpoints out: they read resident blocks).
    const uint64_t oldest = oldestActiveSnapshot();
    for (const auto &t : m_catalog.newestPerHeap())
        if (isCommittedTs(t->begin.load()))
            t->heap->releaseUnchangedBlocks(oldest);
}

void DatabaseCore::storageCounts(size_t &tables, size_t &inMemory, uint64_t &blocksInMemory,
                                 uint64_t &indexFills, uint64_t &blocksResident,
                                 uint64_t &bytesRead) const
{
    tables = inMemory = 0;
    blocksInMemory = indexFills = blocksResident = 0;
    std::set<const TableHeap *> seen;
    for (const auto &t : m_catalog.newestPerHeap()) {
        if (!isCommittedTs(t->begin.load()) || !seen.insert(t->heap.get()).second)
            continue;
        ++tables;
        inMemory += t->heap->blocksMaterialized() > 0 ? 1 : 0;
        blocksInMemory += t->heap->blocksMaterialized();
        indexFills += t->heap->indexFills();
        blocksResident += t->heap->residentBlocks();
    }
    bytesRead = m_blocks ? m_blocks->bytesRead() : 0;
}

void DatabaseCore::backgroundLoop()
{
    using namespace std::chrono_literals;
    std::unique_lock lock(m_bgMutex);
    int idleRounds = 0;
    while (!m_stop) {
        m_bgWake.wait_for(lock, 50ms);
        if (m_stop)
            break;
        lock.unlock();
        try {
            if (m_log && m_options.sync == SyncMode::Normal) {
                std::lock_guard commit(m_commitMutex);
                m_log->sync();
            }
            // Changed rows are collected soon; rows a snapshot still pinned, within a second.
            if (m_garbage.exchange(0) > 0 || ++idleRounds >= 20) {
                idleRounds = 0;
                collectGarbage();
            }
            if (m_log
                && (m_log->bytesSinceRotate() > m_options.checkpointLogBytes
                    || m_indexMadeSinceCheckpoint.load(std::memory_order_relaxed)))
                checkpoint();
        } catch (const std::exception &e) {
            m_warnings.push_back(std::string("background maintenance failed: ") + e.what());
        }
        lock.lock();
    }
}

} // namespace strata::engine
