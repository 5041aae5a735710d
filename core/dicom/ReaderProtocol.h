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

namespace sg::core::reader {

using sg::core::FrameHead;
constexpr uint32_t kMagic = kFrameMagic;

enum RequestKind : uint32_t { kReadHeader = 1, kReadPixels = 2 };
enum AnswerKind : uint32_t { kAnswerError = 0, kAnswerHeader = 1, kAnswerPixels = 2 };

// Largest payloads the program accepts for answers that are not pixels.
constexpr uint64_t kMaxErrorBytes = 64 * 1024;
constexpr uint64_t kMaxHeaderBytes = 1024 * 1024;
constexpr uint64_t kMaxRequestBytes = 64 * 1024; // a path and a few numbers
constexpr uint32_t kMaxStringBytes = 16 * 1024; // one header string (paths included)

struct HeaderRequest {
    std::string file;
    int32_t maxRows = 0;
    int32_t maxColumns = 0;
};

struct PixelRequest {
    std::string file;
    int32_t rows = 0; // what the scan found: the decoded slice must match
    int32_t columns = 0;
    double rescaleSlope = 1;
    double rescaleIntercept = 0;
    int32_t maxRows = 0;
    int32_t maxColumns = 0;
};

class ByteWriter {
public:
    void u32(uint32_t v) { raw(&v, sizeof v); }
    void i32(int32_t v) { raw(&v, sizeof v); }
    void f64(double v) { raw(&v, sizeof v); }
    void str(std::string_view s);
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
    double f64();
    std::string str();
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
std::optional<HeaderRequest> decodeHeaderRequest(std::string_view bytes);
std::optional<PixelRequest> decodePixelRequest(std::string_view bytes);

std::string encodeHeader(const SliceHeader& h);
// Only the layout is checked here; the values go through checkSliceHeader().
std::optional<SliceHeader> decodeHeader(std::string_view bytes);

} // namespace sg::core::reader
