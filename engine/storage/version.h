#pragma once

#include "engine/types/row_codec.h"

#include <atomic>
#include <cstdint>
#include <cstring>
#include <new>

namespace strata::engine {

//! Commit timestamps are microseconds (< 2^62). A timestamp field holding kTxnFlag|id
//! belongs to a transaction that has not committed; kInfinity means "not ended".
constexpr uint64_t kTxnFlag = 1ULL << 63;
constexpr uint64_t kInfinity = ~0ULL;

inline bool isCommittedTs(uint64_t ts)
{
    return (ts & kTxnFlag) == 0;
}

//! Versions allocated together: a checkpoint's row block is read into one of these when a
//! database opens, instead of one allocation per row (which cost a third of the open in
//! malloc and page faults). It is freed when the last version in it is.
struct VersionChunk {
    std::atomic<uint32_t> live{0};
    uint32_t unused = 0;

    static VersionChunk *create(size_t bytes)
    {
        return new (::operator new(sizeof(VersionChunk) + bytes)) VersionChunk;
    }
    char *data() { return reinterpret_cast<char *>(this + 1); }
};

//! One version of a row: the commit timestamps that created and ended it, and the row bytes.
//! Allocated in one block with its bytes (alone, or in a VersionChunk); `older` links to the
//! previous version of the row.
struct Version {
    std::atomic<uint64_t> begin;
    std::atomic<uint64_t> end;
    Version *older;
    uint32_t size;
    uint32_t chunkOffset; //!< bytes back to its VersionChunk; 0 when allocated alone

    char *bytes() { return reinterpret_cast<char *>(this + 1); }
    const char *bytes() const { return reinterpret_cast<const char *>(this + 1); }
    rowcodec::RowView view() const { return {bytes(), size}; }

    //! The room a version of `size` bytes takes in a chunk (8-byte aligned).
    static size_t footprint(uint32_t size) { return (sizeof(Version) + size + 7) & ~size_t(7); }

    static Version *create(const char *data, uint32_t size, uint64_t begin, Version *older)
    {
        void *mem = ::operator new(sizeof(Version) + size);
        auto *v = new (mem) Version;
        v->begin.store(begin, std::memory_order_relaxed);
        v->end.store(kInfinity, std::memory_order_relaxed);
        v->older = older;
        v->size = size;
        v->chunkOffset = 0;
        std::memcpy(v->bytes(), data, size);
        return v;
    }
    //! Places a version at `offset` in `chunk` (the caller sized the chunk with footprint())
    //! and moves `offset` past it.
    static Version *createIn(VersionChunk *chunk, size_t &offset, const char *data, uint32_t size,
                             uint64_t begin)
    {
        char *at = chunk->data() + offset;
        auto *v = new (at) Version;
        v->begin.store(begin, std::memory_order_relaxed);
        v->end.store(kInfinity, std::memory_order_relaxed);
        v->older = nullptr;
        v->size = size;
        v->chunkOffset = static_cast<uint32_t>(at - reinterpret_cast<char *>(chunk));
        std::memcpy(v->bytes(), data, size);
        offset += footprint(size);
        chunk->live.fetch_add(1, std::memory_order_relaxed);
        return v;
    }
    static void destroy(Version *v)
    {
        const uint32_t offset = v->chunkOffset;
        if (offset == 0) {
            v->~Version();
            ::operator delete(v);
            return;
        }
        auto *chunk = reinterpret_cast<VersionChunk *>(reinterpret_cast<char *>(v) - offset);
        v->~Version();
        if (chunk->live.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            chunk->~VersionChunk();
            ::operator delete(chunk);
        }
    }
};
static_assert(sizeof(Version) == 32, "a version's header stays 32 bytes");

//! What a reader sees: versions committed at or before `snapshotTs`, plus its own writes.
struct ReadView {
    uint64_t snapshotTs = 0;
    uint64_t txnMarker = 0; //!< kTxnFlag|txn id, or 0 for a pure snapshot

    bool beginVisible(uint64_t b) const
    {
        return b == txnMarker || (isCommittedTs(b) && b <= snapshotTs);
    }
    bool ended(uint64_t e) const { return e == txnMarker || (isCommittedTs(e) && e <= snapshotTs); }
    //! The version of a row this view sees, or nullptr.
    const Version *visible(const Version *head) const
    {
        for (const Version *v = head; v; v = v->older) {
            if (beginVisible(v->begin.load(std::memory_order_acquire)))
                return ended(v->end.load(std::memory_order_acquire)) ? nullptr : v;
        }
        return nullptr;
    }
};

} // namespace strata::engine
