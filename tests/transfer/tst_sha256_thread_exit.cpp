// A thread that hashed something and outlives main(), as an idle thread of Qt's pool does,
// must not leak libcrypto's per-thread state: in the sanitizer build LeakSanitizer fails this
// process when it does. It also checks the digest of "abc" against FIPS 180-2's.
#include "engine/transfer/sha256.h"
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

namespace {

std::mutex mutex;
std::condition_variable changed;
bool stopping = false;
std::string digest;
std::thread *worker = nullptr;

//! Runs after main() returns, as the pool's threads end after QCoreApplication's teardown:
//! with the bug, libcrypto's own exit handler has deleted its thread-state key by then.
void stopWorker()
{
    {
        std::lock_guard lock(mutex);
        stopping = true;
    }
    changed.notify_all();
    worker->join();
    delete worker;
}

void hashThenIdle()
{
    strata::transfer::Sha256 hash;
    hash.add("abc");
    std::string hex = hash.hex();
    std::unique_lock lock(mutex);
    digest = hex;
    changed.notify_all();
    changed.wait(lock, [] { return stopping; });
}

} // namespace

int main()
{
    // Registered before libcrypto initialises, so it runs after libcrypto's handler would.
    std::atexit(stopWorker);
    worker = new std::thread(hashThenIdle);
    std::string seen;
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [] { return !digest.empty(); });
        seen = digest;
    }
    std::printf("sha256(abc) = %s\n", seen.c_str());
    const bool right = seen == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    if (!right)
        std::printf("FAIL: expected FIPS 180-2's digest of \"abc\"\n");
    return right ? 0 : 1;
}
