#include "core/util/IsolatedRunner.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <vector>

namespace sg::core {
namespace {

bool writeAll(int fd, const void* data, size_t size)
{
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

// Record: int32 index, int32 ok, uint32 length, payload.
[[noreturn]] void childMain(
    int fd, const std::vector<int>& items, size_t start, const std::function<Result<std::string>(int)>& work)
{
    for (size_t k = start; k < items.size(); ++k) {
        Result<std::string> r = [&]() -> Result<std::string> {
            try {
                return work(items[k]);
            } catch (const std::exception& e) {
                return Error {e.what()};
            } catch (...) {
                return Error {"unknown failure"};
            }
        }();
        const std::string& text = r.ok() ? r.value() : r.error();
        const int32_t head[2] = {static_cast<int32_t>(k), r.ok() ? 1 : 0};
        const uint32_t length = static_cast<uint32_t>(text.size());
        if (!writeAll(fd, head, sizeof head) || !writeAll(fd, &length, sizeof length) ||
            !writeAll(fd, text.data(), text.size()))
            ::_exit(3);
    }
    ::_exit(0); // no atexit handlers or static destructors of the parent's libraries
}

struct Child {
    pid_t pid = -1;
    int fd = -1;
    std::vector<int> items; // item indices this child owns, in order
    size_t next = 0; // position in `items` of the next result expected
    std::string buffer;
    std::chrono::steady_clock::time_point lastProgress;
};

bool spawn(Child& c, const std::function<Result<std::string>(int)>& work)
{
    int fds[2];
    if (::pipe(fds) != 0)
        return false;
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return false;
    }
    if (pid == 0) {
        ::close(fds[0]);
        childMain(fds[1], c.items, c.next, work);
    }
    ::close(fds[1]);
    c.pid = pid;
    c.fd = fds[0];
    c.buffer.clear();
    c.lastProgress = std::chrono::steady_clock::now();
    return true;
}

void reap(Child& c, bool kill)
{
    if (c.fd >= 0)
        ::close(c.fd);
    c.fd = -1;
    if (c.pid > 0) {
        if (kill)
            ::kill(c.pid, SIGKILL);
        int status = 0;
        while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) { }
    }
    c.pid = -1;
}

} // namespace

std::vector<Result<std::string>> runIsolated(
    int count, const std::function<Result<std::string>(int)>& work, const IsolatedOptions& options)
{
    std::vector<Result<std::string>> results(
        static_cast<size_t>(std::max(count, 0)), Result<std::string>(Error {"cancelled"}));
    if (count <= 0)
        return results;
    const int nproc = std::max(1, std::min(options.processes, count));
    std::vector<Child> children(static_cast<size_t>(nproc));
    // Contiguous shares keep each child's files close together on disk.
    for (int i = 0; i < count; ++i)
        children[static_cast<size_t>(i * nproc / count)].items.push_back(i);
    int done = 0;
    for (Child& c : children)
        if (!spawn(c, work))
            for (int item : c.items)
                results[static_cast<size_t>(item)] = Error {"cannot start a reader process"};

    auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    while (true) {
        std::vector<pollfd> fds;
        std::vector<Child*> owners;
        for (Child& c : children)
            if (c.fd >= 0) {
                fds.push_back({c.fd, POLLIN, 0});
                owners.push_back(&c);
            }
        if (fds.empty())
            break;
        if (cancelled()) {
            for (Child* c : owners)
                reap(*c, true);
            break;
        }
        const int ready = ::poll(fds.data(), fds.size(), 100);
        if (ready < 0 && errno != EINTR)
            break;
        const auto now = std::chrono::steady_clock::now();
        for (size_t f = 0; f < fds.size(); ++f) {
            Child& c = *owners[f];
            bool ended = false;
            if (fds[f].revents & (POLLIN | POLLHUP | POLLERR)) {
                static thread_local std::vector<char> chunk(1 << 20);
                const ssize_t n = ::read(c.fd, chunk.data(), chunk.size());
                if (n > 0) {
                    c.buffer.append(chunk.data(), static_cast<size_t>(n));
                    c.lastProgress = now;
                } else if (n == 0 || errno != EINTR) {
                    ended = true;
                }
            }
            // Parse every complete record in the buffer.
            size_t pos = 0;
            while (!cancelled() && c.buffer.size() - pos >= 12) {
                int32_t head[2];
                uint32_t length;
                std::memcpy(head, c.buffer.data() + pos, sizeof head);
                std::memcpy(&length, c.buffer.data() + pos + 8, sizeof length);
                if (c.buffer.size() - pos - 12 < length)
                    break;
                std::string payload = c.buffer.substr(pos + 12, length);
                const int item = c.items[static_cast<size_t>(head[0])];
                results[static_cast<size_t>(item)] =
                    head[1] ? Result<std::string>(std::move(payload)) : Result<std::string>(Error {std::move(payload)});
                c.next = static_cast<size_t>(head[0]) + 1;
                pos += 12 + length;
                if (options.progress)
                    options.progress(++done, count);
            }
            c.buffer.erase(0, pos);
            const bool hung = !ended && now - c.lastProgress > std::chrono::seconds(options.itemTimeoutSeconds);
            if (!ended && !hung)
                continue;
            reap(c, hung);
            if (c.next < c.items.size()) {
                // The child died (or hung) on the item it was working on: blame that one
                // item and let a fresh child go on with the rest.
                const int culprit = c.items[c.next];
                results[static_cast<size_t>(culprit)] = Error {hung
                        ? options.crashMessage + " (no answer in " + std::to_string(options.itemTimeoutSeconds) + " s)"
                        : options.crashMessage};
                ++c.next;
                if (options.progress)
                    options.progress(++done, count);
                if (c.next < c.items.size() && !spawn(c, work))
                    for (size_t k = c.next; k < c.items.size(); ++k)
                        results[static_cast<size_t>(c.items[k])] = Error {"cannot start a reader process"};
            }
        }
    }
    return results;
}

} // namespace sg::core
