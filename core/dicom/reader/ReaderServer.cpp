#include "core/dicom/reader/ReaderServer.h"

#include "core/dicom/reader/GdcmSlice.h"

#include <unistd.h>

#include <cerrno>
#include <memory>
#include <new>

namespace sg::core::reader {
namespace {

bool readAll(int fd, void* data, size_t size)
{
    char* p = static_cast<char*>(data);
    while (size > 0) {
        const ssize_t n = ::read(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

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

bool answer(int out, uint64_t id, uint32_t kind, const void* data, uint64_t length)
{
    FrameHead head;
    head.kind = kind;
    head.id = id;
    head.length = length;
    return writeAll(out, &head, sizeof head) && writeAll(out, data, length);
}

bool answerError(int out, uint64_t id, const std::string& message)
{
    return answer(out, id, kAnswerError, message.data(), std::min<uint64_t>(message.size(), kMaxErrorBytes));
}

bool serveHeader(int out, uint64_t id, const std::string& payload)
{
    const auto request = decodeHeaderRequest(payload);
    if (!request)
        return answerError(out, id, "malformed header request");
    const Result<SliceHeader> header = readSliceHeader(request->file, request->maxRows, request->maxColumns);
    if (!header)
        return answerError(out, id, header.error());
    const std::string bytes = encodeHeader(*header);
    return answer(out, id, kAnswerHeader, bytes.data(), bytes.size());
}

// A batch: every file gets its record (an error stays that file's), in one answer.
bool serveHeaders(int out, uint64_t id, const std::string& payload)
{
    const auto request = decodeHeadersRequest(payload);
    if (!request)
        return answerError(out, id, "malformed headers request");
    std::vector<HeaderRecord> records;
    records.reserve(request->files.size());
    for (const std::string& file : request->files) {
        HeaderRecord& r = records.emplace_back();
        Result<SliceHeader> header = Error {"not read"};
        try {
            header = readSliceHeader(file, request->maxRows, request->maxColumns);
        } catch (const std::bad_alloc&) {
            header = Error {"out of memory: the file needs more than the reader's memory limit"};
        } catch (const std::exception& e) {
            header = Error {std::string("the reader failed: ") + e.what()};
        }
        if (header) {
            r.kind = kAnswerHeader;
            r.bytes = encodeHeader(*header);
        } else {
            r.kind = kAnswerError;
            r.bytes = header.error().substr(0, kMaxErrorBytes);
        }
    }
    const std::string bytes = encodeHeaders(records);
    return answer(out, id, kAnswerHeaders, bytes.data(), bytes.size());
}

bool servePixels(int out, uint64_t id, const std::string& payload)
{
    const auto request = decodePixelRequest(payload);
    if (!request || request->rows <= 0 || request->columns <= 0 || request->rows > request->maxRows ||
        request->columns > request->maxColumns)
        return answerError(out, id, "malformed pixel request");
    // One buffer for the reader's life, grown as needed and never zeroed: decodeSlice
    // writes every pixel of it.
    static std::unique_ptr<uint16_t[]> buffer;
    static size_t capacity = 0;
    const size_t count = static_cast<size_t>(request->rows) * static_cast<size_t>(request->columns);
    if (count > capacity) {
        buffer.reset();
        buffer.reset(new uint16_t[count]);
        capacity = count;
    }
    AnswerKind kind = kAnswerError;
    const Status s = decodeSlice(*request, buffer.get(), kind);
    if (!s)
        return answerError(out, id, s.error());
    return answer(out, id, kind, buffer.get(), count * sizeof(uint16_t));
}

} // namespace

int serveRequests(int in, int out)
{
    silenceGdcm();
    while (true) {
        FrameHead head;
        if (!readAll(in, &head, sizeof head))
            return 0; // the program closed the pipe: done
        if (head.magic != kMagic || head.length > kMaxRequestBytes)
            return 2;
        std::string payload(head.length, '\0');
        if (!readAll(in, payload.data(), payload.size()))
            return 2;
        bool written = false;
        try {
            if (head.kind == kReadHeader)
                written = serveHeader(out, head.id, payload);
            else if (head.kind == kReadHeaders)
                written = serveHeaders(out, head.id, payload);
            else if (head.kind == kReadPixels)
                written = servePixels(out, head.id, payload);
            else
                written = answerError(out, head.id, "unknown request");
        } catch (const std::bad_alloc&) {
            // The address-space limit (RLIMIT_AS) stopped an allocation the file asked for.
            written = answerError(out, head.id, "out of memory: the file needs more than the reader's memory limit");
        } catch (const std::exception& e) {
            written = answerError(out, head.id, std::string("the reader failed: ") + e.what());
        }
        if (!written)
            return 3;
    }
}

} // namespace sg::core::reader
