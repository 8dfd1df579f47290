#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace strata::engine {

//! Calls `work(worker, item)` for items 0..count-1 on up to two threads (this one and a
//! helper; this machine's kind has two cores), item i on worker i % workers. The first
//! exception thrown stops that worker and is rethrown here once both have finished.
template<typename Work>
void forEachOnBothCores(size_t count, Work &&work)
{
    const unsigned workers
        = count > 1 ? std::max(1u, std::min(2u, std::thread::hardware_concurrency())) : 1;
    std::exception_ptr error;
    std::mutex errorMutex;
    auto run = [&](unsigned w) {
        try {
            for (size_t i = w; i < count; i += workers)
                work(w, i);
        } catch (...) {
            std::lock_guard lock(errorMutex);
            if (!error)
                error = std::current_exception();
        }
    };
    std::vector<std::thread> helpers;
    for (unsigned w = 1; w < workers; ++w)
        helpers.emplace_back(run, w);
    run(0);
    for (auto &t : helpers)
        t.join();
    if (error)
        std::rethrow_exception(error);
}

} // namespace strata::engine
