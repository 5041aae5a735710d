// A helper process for tst_IsolatedRunner that misbehaves on request: it answers each
// request (kind 1, payload = a command word) the way the command says, to prove that the
// pool survives children that crash, hang, lie about lengths or ids, or send garbage.
#include "core/util/Frame.h"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>

using sg::core::FrameHead;

namespace {

bool readAll(void* data, size_t size)
{
    char* p = static_cast<char*>(data);
    while (size > 0) {
        const ssize_t n = ::read(STDIN_FILENO, p, size);
        if (n <= 0)
            return false;
        p += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

void writeAll(const void* data, size_t size)
{
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        const ssize_t n = ::write(STDOUT_FILENO, p, size);
        if (n <= 0)
            std::_Exit(3);
        p += n;
        size -= static_cast<size_t>(n);
    }
}

void answer(uint64_t id, uint32_t kind, const std::string& payload, uint64_t claimedLength)
{
    FrameHead head;
    head.kind = kind;
    head.id = id;
    head.length = claimedLength;
    writeAll(&head, sizeof head);
    writeAll(payload.data(), payload.size());
}

} // namespace

int main()
{
    while (true) {
        FrameHead head;
        if (!readAll(&head, sizeof head))
            return 0;
        std::string command(head.length, '\0');
        if (!readAll(command.data(), command.size()))
            return 2;
        const uint64_t id = head.id;
        if (command == "abort")
            std::abort(); // what GDCM's assert() does
        if (command == "segv")
            std::raise(SIGSEGV);
        if (command == "hang")
            ::pause();
        if (command == "exit")
            std::_Exit(0); // quits without answering
        if (command == "error") {
            answer(id, 0, "bad item", 8);
        } else if (command == "huge-length") {
            answer(id, 1, "", uint64_t(1) << 62); // claims 4 EB: must be refused, not allocated
        } else if (command == "wrong-id") {
            answer(id + 7, 1, "x", 1);
        } else if (command == "bad-magic") {
            FrameHead bad;
            bad.magic = 0xdeadbeef;
            bad.id = id;
            writeAll(&bad, sizeof bad);
        } else if (command == "short") {
            answer(id, 1, "abc", 10); // promises 10 bytes, sends 3, then exits
            std::_Exit(0);
        } else if (command == "pid") {
            answer(id, 1, std::to_string(::getpid()), std::to_string(::getpid()).size());
        } else if (command.rfind("big ", 0) == 0) {
            const size_t n = std::strtoull(command.c_str() + 4, nullptr, 10);
            answer(id, 1, std::string(n, 'a'), n); // larger than a socket buffer
        } else {
            answer(id, 1, command, command.size());
        }
    }
}
