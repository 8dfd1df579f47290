#include "engine/transfer/writer_thread.h"

namespace strata::transfer {

WriterThread::WriterThread(size_t capacity)
    : m_capacity(capacity)
{
    m_thread = std::thread([this] { run(); });
}

WriterThread::~WriterThread()
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.clear(); // an export that failed or was canceled: the rest is not wanted
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void WriterThread::post(std::function<void()> task)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_queue.size() < m_capacity || m_error; });
    if (m_error)
        return;
    m_queue.push_back(std::move(task));
    lock.unlock();
    m_changed.notify_all();
}

void WriterThread::drain()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return (m_queue.empty() && !m_running) || m_error; });
    if (m_error)
        std::rethrow_exception(m_error);
}

bool WriterThread::backlogged() const
{
    std::lock_guard lock(m_mutex);
    return !m_queue.empty();
}

bool WriterThread::failed() const
{
    std::lock_guard lock(m_mutex);
    return m_error != nullptr;
}

void WriterThread::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [&] { return !m_queue.empty() || m_stop; });
        if (m_queue.empty() && m_stop)
            break;
        auto task = std::move(m_queue.front());
        m_queue.pop_front();
        m_running = true;
        lock.unlock();
        m_changed.notify_all(); // room in the queue
        std::exception_ptr error;
        try {
            task();
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        m_running = false;
        if (error && !m_error) {
            m_error = error;
            m_queue.clear();
        }
        m_changed.notify_all();
    }
    auto last = std::move(m_last);
    lock.unlock();
    if (last) {
        try {
            last();
        } catch (...) {
            // destroying a writer after a failure: nothing more to report
        }
    }
}

} // namespace strata::transfer
