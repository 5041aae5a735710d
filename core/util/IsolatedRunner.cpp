#include "core/util/IsolatedRunner.h"

#include "core/util/Frame.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <deque>

extern char** environ;

namespace sg::core {
namespace {

using Clock = std::chrono::steady_clock;

bool sendAll(int fd, const void* data, size_t size)
{
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        // MSG_NOSIGNAL: a child that died must not take this process down with SIGPIPE.
        const ssize_t n = ::send(fd, p, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

std::string describeExit(int status)
{
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* name = ::sigabbrev_np(sig);
        return std::string(" (killed by SIG") + (name ? name : std::to_string(sig).c_str()) + ")";
    }
    if (WIFEXITED(status))
        return " (exit status " + std::to_string(WEXITSTATUS(status)) + ")";
    return {};
}

std::string secondsText(double s)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", s);
    return text;
}

// Requests a child holds at once: while it works on one, the next is already in its
// socket, so it never waits for this process to be scheduled between two files.
constexpr size_t kPipelineDepth = 2;

struct Pending {
    int item;
    uint64_t id;
};

// One child and the items sent to it, answered in order.
struct Slot {
    IsolatedPool::Worker worker;
    std::deque<Pending> queue; // front: the item the child works on
    Clock::time_point startedAt; // of the front item
    FrameHead head;
    size_t headBytes = 0; // of `head` received
    bool inBody = false;
    char* body = nullptr;
    uint64_t bodyBytes = 0; // of head.length received
};

} // namespace

IsolatedPool::IsolatedPool(std::string executable, std::vector<std::string> arguments, int maxProcesses)
    : m_executable(std::move(executable)), m_arguments(std::move(arguments)), m_max(std::max(1, maxProcesses))
{
}

IsolatedPool::~IsolatedPool()
{
    std::lock_guard lock(m_mutex);
    for (Worker& w : m_idle) {
        ::close(w.fd); // end of input: the child leaves its loop and exits
        int status = 0;
        while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) { }
    }
    m_idle.clear();
}

Result<IsolatedPool::Worker> IsolatedPool::spawn()
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        return Error {std::string("cannot create a socket pair: ") + std::strerror(errno)};
    // A slice answer (1 MB for 512x512 floats) fits the child's send buffer in one write
    // where the system allows it (wmem_max), so the child is free again at once instead of
    // waiting, 200 KB at a time, for this process to be scheduled and drain it.
    const int sendBuffer = 4 << 20;
    ::setsockopt(fds[1], SOL_SOCKET, SO_SNDBUF, &sendBuffer, sizeof sendBuffer);
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawnattr_init(&attr);
    // The child's end becomes its stdin and stdout (dup2 clears close-on-exec on them);
    // every other descriptor of ours is close-on-exec or not the child's business.
    ::posix_spawn_file_actions_adddup2(&actions, fds[1], STDIN_FILENO);
    ::posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    if (!std::getenv("SPINEGRADE_READER_STDERR"))
        ::posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    // Start with default signal handling and nothing blocked, whatever this thread has.
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    ::posix_spawnattr_setsigmask(&attr, &none);
    ::posix_spawnattr_setsigdefault(&attr, &defaults);
    ::posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    std::vector<char*> argv;
    argv.push_back(m_executable.data());
    for (std::string& a : m_arguments)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, m_executable.c_str(), &actions, &attr, argv.data(), environ);
    ::posix_spawn_file_actions_destroy(&actions);
    ::posix_spawnattr_destroy(&attr);
    ::close(fds[1]);
    if (rc != 0) {
        ::close(fds[0]);
        return Error {"cannot start " + m_executable + ": " + std::strerror(rc)};
    }
    ++m_spawned;
    return Worker {pid, fds[0]};
}

std::vector<IsolatedPool::Worker> IsolatedPool::acquire(int wanted, std::string& error)
{
    std::vector<Worker> got;
    std::unique_lock lock(m_mutex);
    while (true) {
        while (static_cast<int>(got.size()) < wanted && !m_idle.empty()) {
            got.push_back(m_idle.back());
            m_idle.pop_back();
        }
        int toSpawn = std::min(wanted - static_cast<int>(got.size()), m_max - m_live);
        if (toSpawn > 0) {
            m_live += toSpawn; // reserved before the lock is let go
            lock.unlock();
            for (int k = 0; k < toSpawn; ++k) {
                Result<Worker> w = spawn();
                if (w) {
                    got.push_back(*w);
                    continue;
                }
                error = w.error();
                std::lock_guard relock(m_mutex);
                --m_live;
            }
            lock.lock();
        }
        if (!got.empty() || !error.empty())
            return got;
        m_freed.wait(lock); // every child is busy with another run
    }
}

void IsolatedPool::release(const Worker& w)
{
    {
        std::lock_guard lock(m_mutex);
        m_idle.push_back(w);
    }
    m_freed.notify_one();
}

void IsolatedPool::discard(Worker& w)
{
    if (w.pid > 0) {
        ::kill(w.pid, SIGKILL);
        int status = 0;
        while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) { }
    }
    if (w.fd >= 0)
        ::close(w.fd);
    w = Worker {};
    {
        std::lock_guard lock(m_mutex);
        --m_live;
    }
    m_freed.notify_one();
}

void IsolatedPool::run(int count, const std::function<IsolatedJob(int)>& job, const IsolatedHandler& handler,
    const IsolatedOptions& options, Progress& progress)
{
    if (count <= 0)
        return;
    std::string spawnError;
    std::vector<Slot> slots;
    for (const Worker& w : acquire(std::max(1, std::min(options.processes, count)), spawnError))
        slots.emplace_back().worker = w;
    int next = 0, done = 0;
    std::vector<int> retry; // sent to a child that died on an earlier item: not their fault
    uint64_t nextId = 1;
    const auto itemTime =
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.itemSeconds));
    auto finish = [&](int item, const std::string* reason) {
        if (reason)
            handler.fail(item, *reason);
        else
            handler.complete(item);
        progress.report(++done, count);
    };
    // Kills the slot's child (it broke the protocol, crashed, hung or the run stops) and
    // fails the item it was on with `reason`; items queued behind it go to another child.
    auto drop = [&](Slot& s, const std::string& reason) {
        discard(s.worker);
        s.inBody = false;
        s.headBytes = 0;
        if (s.queue.empty())
            return;
        const int item = s.queue.front().item;
        for (size_t k = s.queue.size(); k-- > 1;)
            retry.push_back(s.queue[k].item);
        s.queue.clear();
        finish(item, &reason);
    };
    auto reapDead = [&](Slot& s) {
        // The child closed its end: collect its exit status to say how it died.
        int status = 0;
        const pid_t pid = s.worker.pid;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
        s.worker.pid = -1;
        drop(s, options.crashMessage + describeExit(status));
    };
    auto cancelled = [&] { return progress.cancelled(); };
    auto workLeft = [&] { return !retry.empty() || next < count; };
    auto takeItem = [&] {
        if (!retry.empty()) {
            const int item = retry.back();
            retry.pop_back();
            return item;
        }
        return next++;
    };

    while (true) {
        const auto now = Clock::now();
        if (cancelled() || (options.deadline && now >= *options.deadline)) {
            const std::string reason = cancelled() ? std::string("cancelled") : options.deadlineMessage;
            for (Slot& s : slots) {
                std::deque<Pending> queued = std::move(s.queue);
                s.queue.clear();
                if (!queued.empty())
                    discard(s.worker);
                for (const Pending& p : queued)
                    finish(p.item, &reason);
            }
            while (workLeft())
                finish(takeItem(), &reason);
            break;
        }
        // Keep every child's queue full (a replacement child first, where one died).
        for (Slot& s : slots) {
            while (s.queue.size() < kPipelineDepth && workLeft()) {
                if (s.worker.pid < 0) {
                    Result<Worker> w = spawn();
                    if (!w) {
                        spawnError = w.error();
                        break;
                    }
                    {
                        std::lock_guard lock(m_mutex);
                        ++m_live;
                    }
                    s.worker = *w;
                }
                const int item = takeItem();
                const IsolatedJob j = job(item);
                FrameHead head;
                head.kind = j.kind;
                head.id = nextId++;
                head.length = j.payload.size();
                if (s.queue.empty())
                    s.startedAt = now;
                s.queue.push_back({item, head.id});
                if (!sendAll(s.worker.fd, &head, sizeof head) ||
                    !sendAll(s.worker.fd, j.payload.data(), j.payload.size())) {
                    reapDead(s); // it died before or while taking this request
                    break;
                }
            }
        }
        std::vector<pollfd> fds;
        std::vector<Slot*> owners;
        for (Slot& s : slots)
            if (!s.queue.empty()) {
                fds.push_back({s.worker.fd, POLLIN, 0});
                owners.push_back(&s);
            }
        if (fds.empty()) {
            if (!workLeft())
                break;
            if (spawnError.empty())
                continue; // a child died as it was given work (its item is failed): a new one goes on
            while (workLeft()) // no child can be started
                finish(takeItem(), &spawnError);
            break;
        }
        // Wake for the nearest deadline and to look at the cancel flag now and then.
        auto wake = now + std::chrono::milliseconds(100);
        for (Slot* s : owners)
            wake = std::min(wake, s->startedAt + itemTime);
        if (options.deadline)
            wake = std::min(wake, *options.deadline);
        const int timeout = static_cast<int>(
            std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::milliseconds>(wake - now).count() + 1));
        const int ready = ::poll(fds.data(), fds.size(), timeout);
        if (ready < 0 && errno != EINTR)
            break;
        for (size_t f = 0; f < fds.size(); ++f) {
            Slot& s = *owners[f];
            if (ready > 0 && (fds[f].revents & (POLLIN | POLLHUP | POLLERR))) {
                const Pending front = s.queue.front();
                ssize_t n;
                if (!s.inBody) {
                    n = ::read(
                        s.worker.fd, reinterpret_cast<char*>(&s.head) + s.headBytes, sizeof s.head - s.headBytes);
                    if (n > 0) {
                        s.headBytes += static_cast<size_t>(n);
                        if (s.headBytes == sizeof s.head) {
                            if (s.head.magic != kFrameMagic || s.head.id != front.id) {
                                drop(s, options.crashMessage + " (it sent a malformed answer)");
                                continue;
                            }
                            Result<char*> where = handler.receive(front.item, s.head.kind, s.head.length);
                            if (!where) {
                                drop(s, options.crashMessage + " (it sent a malformed answer: " + where.error() + ")");
                                continue;
                            }
                            s.inBody = true;
                            s.body = *where;
                            s.bodyBytes = 0;
                        }
                    }
                } else {
                    const uint64_t left = s.head.length - s.bodyBytes;
                    n = ::read(
                        s.worker.fd, s.body + s.bodyBytes, static_cast<size_t>(std::min<uint64_t>(left, 1 << 24)));
                    if (n > 0)
                        s.bodyBytes += static_cast<uint64_t>(n);
                }
                if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
                    reapDead(s);
                    continue;
                }
            }
            const auto after = Clock::now();
            if (s.inBody && s.bodyBytes == s.head.length) {
                const int item = s.queue.front().item;
                s.queue.pop_front();
                s.inBody = false;
                s.headBytes = 0;
                s.startedAt = after; // the child goes on with the next queued item now
                finish(item, nullptr);
                continue;
            }
            if (after - s.startedAt > itemTime)
                drop(s, "no answer within " + secondsText(options.itemSeconds) + " s (the per-file limit); stopped");
        }
    }
    for (Slot& s : slots)
        if (s.worker.pid > 0)
            release(s.worker);
}

} // namespace sg::core
