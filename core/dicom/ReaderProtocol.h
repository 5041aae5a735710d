#pragma once
// The wire format between the program and spinegrade-dicom-reader, its helper process.
// Every record is a FrameHead (core/util/Frame.h) and its payload. The
// program treats everything a reader sends as hostile as the file it read: ByteReader
// bounds-checks every field and the caller checks every value.
#include "core/dicom/SliceHeader.h"
#include "core/util/Frame.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sg::core::reader {

using sg::core::FrameHead;
constexpr uint32_t kMagic = kFrameMagic;

// kReadHeaders asks for the headers of several files in one round trip (a folder of
// thousands of files costs a few hundred requests, not thousands).
enum RequestKind : uint32_t { kReadHeader = 1, kReadPixels = 2, kReadHeaders = 3 };
// Pixels travel as the file stores them, 16 bits a pixel (8-bit files widened), in this
// machine's byte order; the kind says how to read them. The program applies the rescale.
enum AnswerKind : uint32_t {
    kAnswerError = 0,
    kAnswerHeader = 1,
    kAnswerPixelsInt16 = 2,
    kAnswerPixelsUInt16 = 3,
    kAnswerHeaders = 4, // one record per file of a kReadHeaders: its kind (error or header) and bytes
};

// Largest payloads the program accepts for answers that are not pixels.
constexpr uint64_t kMaxErrorBytes = 64 * 1024;
constexpr uint64_t kMaxHeaderBytes = 1024 * 1024;
constexpr uint64_t kMaxRequestBytes = 64 * 1024; // a path and a few numbers
constexpr uint32_t kMaxStringBytes = 16 * 1024; // one header string (paths included)
constexpr uint32_t kMaxBatchFiles = 64; // files in one kReadHeaders
constexpr uint64_t kMaxHeadersBytes = 16 * 1024 * 1024; // a kAnswerHeaders

struct HeaderRequest {
    std::string file;
    int32_t maxRows = 0;
    int32_t maxColumns = 0;
};

struct HeadersRequest {
    std::vector<std::string> files; // 1..kMaxBatchFiles
    int32_t maxRows = 0;
    int32_t maxColumns = 0;
};

// One file's part of a kAnswerHeaders: kAnswerError with the reason, or kAnswerHeader with
// an encodeHeader() record.
struct HeaderRecord {
    uint32_t kind = kAnswerError;
    std::string bytes;
};

struct PixelRequest {
    std::string file;
    int32_t rows = 0; // what the scan found: the decoded slice must match
    int32_t columns = 0;
    int32_t maxRows = 0;
    int32_t maxColumns = 0;
};

class ByteWriter {
public:
    void u32(uint32_t v) { raw(&v, sizeof v); }
    void i32(int32_t v) { raw(&v, sizeof v); }
    void u64(uint64_t v) { raw(&v, sizeof v); }
    void i64(int64_t v) { raw(&v, sizeof v); }
    void f64(double v) { raw(&v, sizeof v); }
    void str(std::string_view s);
    void blob(std::string_view s)
    {
        u32(static_cast<uint32_t>(s.size()));
        raw(s.data(), s.size());
    }
    const std::string& bytes() const { return m_bytes; }
    std::string take() { return std::move(m_bytes); }

private:
    void raw(const void* p, size_t n) { m_bytes.append(static_cast<const char*>(p), n); }
    std::string m_bytes;
};

// Reads fields in order; any read past the end, or a string longer than kMaxStringBytes,
// makes ok() false for good.
class ByteReader {
public:
    explicit ByteReader(std::string_view bytes) : m_bytes(bytes) { }
    uint32_t u32();
    int32_t i32();
    uint64_t u64();
    int64_t i64();
    double f64();
    std::string str();
    std::string blob(uint64_t maxBytes); // a u32 length (at most maxBytes) and that many bytes
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_bytes.size(); }

private:
    bool take(void* out, size_t n);
    std::string_view m_bytes;
    size_t m_pos = 0;
    bool m_ok = true;
};

std::string encode(const HeaderRequest& r);
std::string encode(const PixelRequest& r);
std::string encode(const HeadersRequest& r);
std::optional<HeadersRequest> decodeHeadersRequest(std::string_view bytes);
std::optional<HeaderRequest> decodeHeaderRequest(std::string_view bytes);
std::optional<PixelRequest> decodePixelRequest(std::string_view bytes);

std::string encodeHeader(const SliceHeader& h);
// Only the layout is checked here; the values go through checkSliceHeader().
std::optional<SliceHeader> decodeHeader(std::string_view bytes);

std::string encodeHeaders(const std::vector<HeaderRecord>& records);
// nullopt unless the layout holds exactly `count` records of known kinds within their limits.
std::optional<std::vector<HeaderRecord>> decodeHeaders(std::string_view bytes, size_t count);

} // namespace sg::core::reader
