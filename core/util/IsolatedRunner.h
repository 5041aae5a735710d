#pragma once
// Runs work that may crash, hang or run away (third-party parsers meeting foreign files)
// in helper processes started with posix_spawn: a pool of persistent children, each
// answering one request at a time on its stdin/stdout (a socket pair). A fork() of this
// process would copy a process that runs Qt, OpenMP and Torch threads, whose locks the
// child could inherit held; a spawned helper starts clean.
//
// Records both ways are a FrameHead (core/util/Frame.h: magic, kind, id, 64-bit
// length) and the payload. A child is as untrusted as the input it read: its
// answers are checked (magic, id, kind and length through the caller's `receive`), and a
// child that breaks the protocol is killed and its item fails, like one that crashed.
#include "core/util/Progress.h"
#include "core/util/Result.h"

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace sg::core {

struct IsolatedJob {
    uint32_t kind = 0;
    std::string payload;
};

struct IsolatedHandler {
    // The head of the answer to `item`: where its `length` payload bytes go (memory the
    // caller owns until complete or fail), or why such an answer is refused.
    std::function<Result<char*>(int item, uint32_t kind, uint64_t length)> receive;
    std::function<void(int item)> complete; // the payload is in place
    std::function<void(int item, const std::string& reason)> fail; // crash, hang, bad answer, deadline, cancel
};

struct IsolatedOptions {
    int processes = 1; // children working at once for this run
    double itemSeconds = 30; // one item's deadline, from the request to the whole answer
    std::optional<std::chrono::steady_clock::time_point> deadline; // the whole run's
    std::string deadlineMessage = "not read: the deadline passed";
    std::string crashMessage = "the helper process crashed on this input";
};

class IsolatedPool {
public:
    // `maxProcesses` children at most, over all runs at once (runs wait for a free one).
    IsolatedPool(std::string executable, std::vector<std::string> arguments, int maxProcesses);
    ~IsolatedPool(); // closes the idle children's input; they exit
    IsolatedPool(const IsolatedPool&) = delete;
    IsolatedPool& operator=(const IsolatedPool&) = delete;

    // Sends job(i) for every i < count and hands each answer to `handler`; every item ends
    // in exactly one complete() or fail(). Safe to call from several threads at once.
    // `progress` hears (items done, count) in the calling thread; once it is cancelled,
    // items not answered fail with "cancelled".
    void run(int count, const std::function<IsolatedJob(int)>& job, const IsolatedHandler& handler,
        const IsolatedOptions& options, Progress& progress = Progress::none());

    int spawnedCount() const { return m_spawned.load(); } // children ever started
    const std::string& executable() const { return m_executable; }

    struct Worker {
        pid_t pid = -1;
        int fd = -1;
    };

private:
    Result<Worker> spawn();
    std::vector<Worker> acquire(int wanted, std::string& error);
    void release(const Worker& w);
    void discard(Worker& w); // kill and reap

    std::string m_executable;
    std::vector<std::string> m_arguments;
    int m_max;
    std::mutex m_mutex;
    std::condition_variable m_freed;
    std::vector<Worker> m_idle;
    int m_live = 0;
    std::atomic<int> m_spawned {0};
};

} // namespace sg::core
