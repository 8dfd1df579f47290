#pragma once

#include "engine/types/row_codec.h"

#include <atomic>
#include <cstdint>
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

//! One version of a row: the commit timestamps that created and ended it, and the row bytes.
//! Allocated in one block with its bytes; `older` links to the previous version of the row.
struct Version {
    std::atomic<uint64_t> begin;
    std::atomic<uint64_t> end;
    Version *older;
    uint32_t size;

    char *bytes() { return reinterpret_cast<char *>(this + 1); }
    const char *bytes() const { return reinterpret_cast<const char *>(this + 1); }
    rowcodec::RowView view() const { return {bytes(), size}; }

    static Version *create(const char *data, uint32_t size, uint64_t begin, Version *older)
    {
        void *mem = ::operator new(sizeof(Version) + size);
        auto *v = new (mem) Version;
        v->begin.store(begin, std::memory_order_relaxed);
        v->end.store(kInfinity, std::memory_order_relaxed);
        v->older = older;
        v->size = size;
        std::memcpy(v->bytes(), data, size);
        return v;
    }
    static void destroy(Version *v)
    {
        v->~Version();
        ::operator delete(v);
    }
};

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
