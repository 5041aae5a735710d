#include "core/dicom/NativePixelCopy.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sg::core {
namespace {

struct Fd {
    int fd = -1;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

uint32_t le32(const unsigned char* p)
{
    return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

} // namespace

NativeCopy copyNativePixels(const std::string& file, const NativePixels& where, int rows, int columns, uint16_t* out)
{
    const NativeCopy askReader {NativeCopyOutcome::AskReader, {}};
    if (rows <= 0 || columns <= 0)
        return askReader;
    const uint64_t bytes = uint64_t(rows) * uint64_t(columns) * sizeof(uint16_t);
    const uint64_t headBytes = nativeElementHeaderBytes(where);
    if (where.offset < headBytes || bytes > 0xfffffffeu || where.offset + bytes > where.fileSize)
        return askReader;
    // O_NONBLOCK: a file replaced by a named pipe since the scan must not block the open.
    Fd f;
    f.fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (f.fd < 0)
        return {NativeCopyOutcome::Failed, std::string("cannot read the file: ") + std::strerror(errno)};
    struct stat st { };
    if (::fstat(f.fd, &st) != 0)
        return {NativeCopyOutcome::Failed, std::string("cannot read the file: ") + std::strerror(errno)};
    if (!S_ISREG(st.st_mode))
        return {NativeCopyOutcome::Failed, "cannot read the file: not a regular file"};
    const int64_t modified = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    if (uint64_t(st.st_size) != where.fileSize || modified != where.modifiedNs)
        return askReader; // changed since the scan
    // The element's header and its value in one call: the header proves the pixels are
    // still where the scan found them, at the length this slice needs.
    unsigned char head[12];
    iovec parts[2] = {{head, headBytes}, {out, bytes}};
    const uint64_t total = headBytes + bytes;
    uint64_t got = 0;
    int part = 0;
    while (got < total) {
        const ssize_t n = ::preadv(f.fd, parts + part, 2 - part, static_cast<off_t>(where.offset - headBytes + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return askReader; // shorter than at the scan, or unreadable now: the reader says which
        got += uint64_t(n);
        // Step the vector past what this call filled (regular files rarely return short).
        uint64_t left = uint64_t(n);
        while (part < 2 && left >= parts[part].iov_len) {
            left -= parts[part].iov_len;
            parts[part].iov_len = 0;
            ++part;
        }
        if (part < 2 && left > 0) {
            parts[part].iov_base = static_cast<char*>(parts[part].iov_base) + left;
            parts[part].iov_len -= left;
        }
    }
    const bool tag = head[0] == 0xe0 && head[1] == 0x7f && head[2] == 0x10 && head[3] == 0x00;
    const bool vr =
        where.implicitVr || (head[4] == 'O' && (head[5] == 'W' || head[5] == 'B') && head[6] == 0 && head[7] == 0);
    const uint32_t length = le32(head + headBytes - 4);
    if (!tag || !vr || length != bytes)
        return askReader;
    return {NativeCopyOutcome::Copied, {}};
}

} // namespace sg::core
