#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace strata::transfer {

//! Runs one output's writer on a thread of its own: the export job posts the writer's calls,
//! this thread makes them in order. The queue is bounded, so a slow writer makes the reader
//! wait instead of piling up batches; the first exception stops the thread and is rethrown
//! to the job by drain().
class WriterThread {
public:
    explicit WriterThread(size_t capacity = 4);
    //! Discards what is still queued, runs `last` (if given) on the thread, and joins.
    ~WriterThread();
    WriterThread(const WriterThread &) = delete;
    WriterThread &operator=(const WriterThread &) = delete;

    //! Queues a call; waits while the queue is full. Ignored after a failure.
    void post(std::function<void()> task);
    //! Waits until every queued call ran; rethrows the first exception of one.
    void drain();
    bool failed() const;
    //! A call is queued behind the running one (the thread is behind).
    bool backlogged() const;
    //! Set before destruction: runs on the thread as its very last call (destroying the writer
    //! where it was made).
    void setLast(std::function<void()> last) { m_last = std::move(last); }

private:
    void run();

    mutable std::mutex m_mutex; //!< guards everything below but m_thread
    std::condition_variable m_changed;
    std::deque<std::function<void()>> m_queue;
    size_t m_capacity;
    bool m_running = false; //!< a task is executing
    bool m_stop = false;
    std::exception_ptr m_error;
    std::function<void()> m_last;
    std::thread m_thread;
};

} // namespace strata::transfer
