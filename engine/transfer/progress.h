#pragma once

#include <cstdint>
#include <string>

namespace strata::transfer {

//! Receives progress from a running job; also asked whether to stop.
class ProgressSink {
public:
    virtual ~ProgressSink() = default;
    //! Total rows the job expects to read (0 when unknown).
    virtual void setTotal(int64_t rows) = 0;
    //! Rows read so far, and what the job is on ("users", "writing users.csv").
    virtual void advance(int64_t rows, const std::string &step) = 0;
    //! Bytes written (an export) or read (an import) so far, when the job knows them.
    virtual void setBytes(int64_t bytes) { (void)bytes; }
    virtual bool isCanceled() const = 0;
};

} // namespace strata::transfer
