#pragma once
// The files of a database folder, shared by DatabaseCore's commit and recovery
// (database_core.cpp) and its checkpoints (checkpoint.cpp). Internal to engine/mvcc.

#include "engine/storage/block_store.h"

#include <cstdint>
#include <fcntl.h>
#include <string>
#include <sys/file.h>
#include <unistd.h>

namespace strata::engine::folder {

inline constexpr char kCheckpointName[] = "checkpoint.db";
inline constexpr char kCheckpointMagic[16]
    = {'S', 'T', 'R', 'A', 'T', 'A', '-', 'C', 'K', 'P', 'T', '-', 'v', '1', '\n', 0};
//! Format 2: the manifest names row blocks in data files (format 1 held the rows itself).
inline constexpr char kCheckpointMagicV2[16]
    = {'S', 'T', 'R', 'A', 'T', 'A', '-', 'C', 'K', 'P', 'T', '-', 'v', '2', '\n', 0};
using engine::BlockKind; // the manifest's and the data files' block kinds (storage)

//! A flock on the folder's READERS file for as long as it lives: shared while a read-only
//! opener reads the checkpoint and its logs, exclusive (never waiting) while a checkpoint
//! deletes old logs, so that no opener loses a log it is about to read.
class ReadersLock {
public:
    ReadersLock(const std::string &dir, bool exclusive)
    {
        m_fd = ::open((dir + "/READERS").c_str(),
                      exclusive ? O_RDWR | O_CREAT | O_CLOEXEC : O_RDONLY | O_CLOEXEC, 0644);
        if (m_fd >= 0 && ::flock(m_fd, exclusive ? LOCK_EX | LOCK_NB : LOCK_SH) == 0)
            m_held = true;
    }
    ~ReadersLock()
    {
        if (m_fd >= 0)
            ::close(m_fd); // releases the lock
    }
    bool held() const { return m_held; }

private:
    int m_fd = -1;
    bool m_held = false;
};

} // namespace strata::engine::folder
