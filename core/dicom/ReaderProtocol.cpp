#include "core/dicom/ReaderProtocol.h"

#include <cstring>

namespace sg::core::reader {

void ByteWriter::str(std::string_view s)
{
    const auto n = static_cast<uint32_t>(std::min<size_t>(s.size(), kMaxStringBytes));
    u32(n);
    raw(s.data(), n);
}

bool ByteReader::take(void* out, size_t n)
{
    if (!m_ok || m_bytes.size() - m_pos < n) {
        m_ok = false;
        std::memset(out, 0, n);
        return false;
    }
    std::memcpy(out, m_bytes.data() + m_pos, n);
    m_pos += n;
    return true;
}

uint32_t ByteReader::u32()
{
    uint32_t v;
    take(&v, sizeof v);
    return v;
}

int32_t ByteReader::i32()
{
    int32_t v;
    take(&v, sizeof v);
    return v;
}

uint64_t ByteReader::u64()
{
    uint64_t v;
    take(&v, sizeof v);
    return v;
}

int64_t ByteReader::i64()
{
    int64_t v;
    take(&v, sizeof v);
    return v;
}

double ByteReader::f64()
{
    double v;
    take(&v, sizeof v);
    return v;
}

std::string ByteReader::str()
{
    const uint32_t n = u32();
    if (!m_ok || n > kMaxStringBytes || m_bytes.size() - m_pos < n) {
        m_ok = false;
        return {};
    }
    std::string s(m_bytes.substr(m_pos, n));
    m_pos += n;
    return s;
}

std::string ByteReader::blob(uint64_t maxBytes)
{
    const uint32_t n = u32();
    if (!m_ok || n > maxBytes || m_bytes.size() - m_pos < n) {
        m_ok = false;
        return {};
    }
    std::string s(m_bytes.substr(m_pos, n));
    m_pos += n;
    return s;
}

std::string encode(const HeadersRequest& r)
{
    ByteWriter w;
    w.i32(r.maxRows);
    w.i32(r.maxColumns);
    w.u32(static_cast<uint32_t>(r.files.size()));
    for (const std::string& f : r.files)
        w.str(f);
    return w.take();
}

std::optional<HeadersRequest> decodeHeadersRequest(std::string_view bytes)
{
    ByteReader in(bytes);
    HeadersRequest r;
    r.maxRows = in.i32();
    r.maxColumns = in.i32();
    const uint32_t count = in.u32();
    if (!in.ok() || count == 0 || count > kMaxBatchFiles)
        return std::nullopt;
    for (uint32_t i = 0; i < count && in.ok(); ++i)
        r.files.push_back(in.str());
    if (!in.ok() || !in.atEnd())
        return std::nullopt;
    return r;
}

std::string encodeHeaders(const std::vector<HeaderRecord>& records)
{
    ByteWriter w;
    w.u32(static_cast<uint32_t>(records.size()));
    for (const HeaderRecord& r : records) {
        w.u32(r.kind);
        w.blob(r.bytes);
    }
    return w.take();
}

std::optional<std::vector<HeaderRecord>> decodeHeaders(std::string_view bytes, size_t count)
{
    ByteReader in(bytes);
    if (in.u32() != count || !in.ok())
        return std::nullopt;
    std::vector<HeaderRecord> out(count);
    for (HeaderRecord& r : out) {
        r.kind = in.u32();
        if (r.kind == kAnswerError)
            r.bytes = in.blob(kMaxErrorBytes);
        else if (r.kind == kAnswerHeader)
            r.bytes = in.blob(kMaxHeaderBytes);
        else
            return std::nullopt;
        if (!in.ok())
            return std::nullopt;
    }
    if (!in.atEnd())
        return std::nullopt;
    return out;
}

std::string encode(const HeaderRequest& r)
{
    ByteWriter w;
    w.str(r.file);
    w.i32(r.maxRows);
    w.i32(r.maxColumns);
    return w.take();
}

std::string encode(const PixelRequest& r)
{
    ByteWriter w;
    w.str(r.file);
    w.i32(r.rows);
    w.i32(r.columns);
    w.i32(r.maxRows);
    w.i32(r.maxColumns);
    return w.take();
}

std::optional<HeaderRequest> decodeHeaderRequest(std::string_view bytes)
{
    ByteReader in(bytes);
    HeaderRequest r;
    r.file = in.str();
    r.maxRows = in.i32();
    r.maxColumns = in.i32();
    if (!in.ok() || !in.atEnd())
        return std::nullopt;
    return r;
}

std::optional<PixelRequest> decodePixelRequest(std::string_view bytes)
{
    ByteReader in(bytes);
    PixelRequest r;
    r.file = in.str();
    r.rows = in.i32();
    r.columns = in.i32();
    r.maxRows = in.i32();
    r.maxColumns = in.i32();
    if (!in.ok() || !in.atEnd())
        return std::nullopt;
    return r;
}

namespace {

void vec(ByteWriter& w, const Vec3& v)
{
    for (double x : v)
        w.f64(x);
}

Vec3 vec(ByteReader& in)
{
    Vec3 v;
    for (double& x : v)
        x = in.f64();
    return v;
}

} // namespace

std::string encodeHeader(const SliceHeader& h)
{
    ByteWriter w;
    for (const std::string* s : {&h.file, &h.studyInstanceUid, &h.studyDescription, &h.studyDate, &h.patientName,
             &h.patientId, &h.seriesInstanceUid, &h.seriesDescription, &h.modality, &h.sopInstanceUid})
        w.str(*s);
    w.i32(h.seriesNumber);
    w.i32(h.instanceNumber);
    w.i32(h.rows);
    w.i32(h.columns);
    w.f64(h.rowSpacing);
    w.f64(h.columnSpacing);
    w.u32(h.hasGeometry ? 1 : 0);
    vec(w, h.position);
    vec(w, h.orientation.row);
    vec(w, h.orientation.column);
    w.f64(h.rescaleSlope);
    w.f64(h.rescaleIntercept);
    w.u32(h.window ? 1 : 0);
    w.f64(h.window ? h.window->center : 0);
    w.f64(h.window ? h.window->width : 0);
    w.u32(h.compressed ? 1 : 0);
    for (const std::string* s : {&h.patientSex, &h.patientBirthDate, &h.patientAge, &h.studyTime, &h.studyId,
             &h.accessionNumber, &h.referringPhysician, &h.specificCharacterSet})
        w.str(*s);
    w.u32(h.native ? 1 : 0);
    const NativePixels native = h.native.value_or(NativePixels {});
    w.u64(native.offset);
    w.u32(native.implicitVr ? 1 : 0);
    w.u32(native.isSigned ? 1 : 0);
    w.u64(native.fileSize);
    w.i64(native.modifiedNs);
    return w.take();
}

std::optional<SliceHeader> decodeHeader(std::string_view bytes)
{
    ByteReader in(bytes);
    SliceHeader h;
    for (std::string* s : {&h.file, &h.studyInstanceUid, &h.studyDescription, &h.studyDate, &h.patientName,
             &h.patientId, &h.seriesInstanceUid, &h.seriesDescription, &h.modality, &h.sopInstanceUid})
        *s = in.str();
    h.seriesNumber = in.i32();
    h.instanceNumber = in.i32();
    h.rows = in.i32();
    h.columns = in.i32();
    h.rowSpacing = in.f64();
    h.columnSpacing = in.f64();
    const uint32_t geometry = in.u32();
    h.position = vec(in);
    h.orientation.row = vec(in);
    h.orientation.column = vec(in);
    h.rescaleSlope = in.f64();
    h.rescaleIntercept = in.f64();
    const uint32_t hasWindow = in.u32();
    const double center = in.f64(), width = in.f64();
    const uint32_t compressed = in.u32();
    for (std::string* s : {&h.patientSex, &h.patientBirthDate, &h.patientAge, &h.studyTime, &h.studyId,
             &h.accessionNumber, &h.referringPhysician, &h.specificCharacterSet})
        *s = in.str();
    const uint32_t hasNative = in.u32();
    NativePixels native;
    native.offset = in.u64();
    const uint32_t implicitVr = in.u32(), isSigned = in.u32();
    native.fileSize = in.u64();
    native.modifiedNs = in.i64();
    if (!in.ok() || !in.atEnd() || geometry > 1 || hasWindow > 1 || compressed > 1 || hasNative > 1 || implicitVr > 1 ||
        isSigned > 1)
        return std::nullopt;
    if (hasNative) {
        native.implicitVr = implicitVr == 1;
        native.isSigned = isSigned == 1;
        h.native = native;
    }
    h.hasGeometry = geometry == 1;
    if (hasWindow)
        h.window = WindowLevel {center, width};
    h.compressed = compressed == 1;
    return h;
}

} // namespace sg::core::reader
