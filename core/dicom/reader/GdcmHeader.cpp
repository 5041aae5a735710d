#include "core/dicom/reader/GdcmSlice.h"

#include <gdcmAttribute.h>
#include <gdcmDataSet.h>
#include <gdcmExplicitDataElement.h>
#include <gdcmImplicitDataElement.h>
#include <gdcmMediaStorage.h>
#include <gdcmReader.h>
#include <gdcmSequenceOfFragments.h>
#include <gdcmStringFilter.h>
#include <gdcmTrace.h>
#include <gdcmTransferSyntax.h>
#include <gdcmUIDs.h>

#include <algorithm>
#include <cmath>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <limits>
#include <optional>
#include <set>
#include <vector>

namespace sg::core::reader {
namespace {

const gdcm::Tag kPixelData(0x7fe0, 0x0010);

std::string trimmed(std::string s)
{
    while (!s.empty() && (s.back() == ' ' || s.back() == '\0'))
        s.pop_back();
    size_t start = 0;
    while (start < s.size() && s[start] == ' ')
        ++start;
    return s.substr(start);
}

std::string stringOf(const gdcm::DataSet& ds, const gdcm::StringFilter& sf, uint16_t group, uint16_t element)
{
    const gdcm::Tag tag(group, element);
    if (!ds.FindDataElement(tag) || ds.GetDataElement(tag).IsEmpty())
        return {};
    return trimmed(sf.ToString(tag));
}

// A text attribute (UI, LO, PN, DA, CS, SH, IS, DS) as its bytes: the same text the
// StringFilter gives for these VRs, without its per-call dictionary lookups and streams.
// Binary VRs (Rows, BitsAllocated, ...) go through stringOf.
std::string textOf(const gdcm::DataSet& ds, uint16_t group, uint16_t element)
{
    const gdcm::Tag tag(group, element);
    if (!ds.FindDataElement(tag))
        return {};
    const gdcm::ByteValue* bytes = ds.GetDataElement(tag).GetByteValue();
    if (!bytes || bytes->GetLength() == 0)
        return {};
    return trimmed(std::string(bytes->GetPointer(), bytes->GetLength()));
}

// An unsigned-short attribute of the image pixel module (Rows, BitsAllocated, ...) as text,
// like stringOf gives it. In a little-endian data set a US value (or one without a VR:
// implicit syntax, where the dictionary says US) is read from its two bytes directly; any
// other VR or byte order goes through the StringFilter (stringOf).
std::string ushortOf(
    const gdcm::DataSet& ds, const gdcm::StringFilter& sf, bool littleEndian, uint16_t group, uint16_t element)
{
    const gdcm::Tag tag(group, element);
    if (!ds.FindDataElement(tag))
        return {};
    const gdcm::DataElement& de = ds.GetDataElement(tag);
    const gdcm::VR vr = de.GetVR();
    const gdcm::ByteValue* bytes = de.GetByteValue();
    if (littleEndian && bytes && bytes->GetLength() >= 2 &&
        (vr == gdcm::VR::US || vr == gdcm::VR::INVALID || vr == gdcm::VR::UN)) {
        const auto* p = reinterpret_cast<const unsigned char*>(bytes->GetPointer());
        return std::to_string(unsigned(p[0]) | unsigned(p[1]) << 8);
    }
    return stringOf(ds, sf, group, element);
}

// Multi-valued decimal strings such as "0.5\0.5" or the six numbers of IOP. Each value
// reads as std::stod would (strtod in the C locale this process keeps: leading blanks, a
// sign, a prefix of digits), without a string stream per attribute.
std::vector<double> numbersOf(const std::string& text)
{
    std::vector<double> values;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\\', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string token = text.substr(start, end - start);
        char* used = nullptr;
        errno = 0;
        const double v = std::strtod(token.c_str(), &used);
        if (used == token.c_str() || errno == ERANGE || !std::isfinite(v))
            return {};
        values.push_back(v);
        start = end + 1;
    }
    return values;
}

// An integer attribute; `fallback` when absent, unreadable or outside the int range (so a
// hostile "1e300" never reaches a conversion that is undefined).
int intOf(const std::string& text, int fallback = 0)
{
    const auto v = numbersOf(text);
    if (v.empty() || !(v.front() > std::numeric_limits<int>::min() && v.front() < std::numeric_limits<int>::max()))
        return fallback;
    return static_cast<int>(std::lround(v.front()));
}

constexpr int kMissing = std::numeric_limits<int>::min();

std::string describeSopClass(gdcm::MediaStorage ms)
{
    const char* uid = gdcm::MediaStorage::GetMSString(ms);
    if (!uid)
        return "unknown SOP class";
    gdcm::UIDs uids;
    if (uids.SetFromUID(uid) && uids.GetName())
        return uids.GetName(); // "Comprehensive SR Storage" says more than its UID
    return uid;
}

} // namespace

void silenceGdcm()
{
    // GDCM prints warnings and errors to stderr for every odd file; reasons reach the
    // user through the skipped-file list instead.
    gdcm::Trace::SetDebug(false);
    gdcm::Trace::SetWarning(false);
    gdcm::Trace::SetError(false);
}

namespace {

// Parses `file` up to its pixel data element's header: the value itself is neither read
// nor allocated (ReadUpToTag with the pixel data skipped), so a header costs what its
// attributes take, whatever the image's size.
Status parseHeader(gdcm::Reader& reader, const std::string& file, uint64_t& size, int64_t* modifiedNs = nullptr)
{
    struct stat st { };
    if (::stat(file.c_str(), &st) != 0)
        return Status::failure(std::string("cannot read the file: ") + std::strerror(errno));
    if (!S_ISREG(st.st_mode))
        return Status::failure("cannot read the file: not a regular file");
    size = static_cast<uint64_t>(st.st_size);
    if (modifiedNs)
        *modifiedNs = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    if (size == 0)
        return Status::failure("empty file (0 bytes)");
    reader.SetFileName(file.c_str());
    bool parsed = false;
    try {
        parsed = reader.ReadUpToTag(kPixelData, {kPixelData});
    } catch (const std::exception& e) {
        return Status::failure(std::string("not a readable DICOM file: ") + e.what());
    }
    if (!parsed)
        return Status::failure("not a DICOM file (no readable DICOM header)");
    return Status::success();
}

Result<PixelModule> checkPixelModule(const gdcm::File& df, uint64_t size, int maxRows, int maxColumns)
{
    const gdcm::DataSet& ds = df.GetDataSet();
    gdcm::MediaStorage ms;
    ms.SetFromFile(df);
    if (ms == gdcm::MediaStorage::MediaStorageDirectoryStorage)
        return Error {"DICOMDIR (a directory index, not an image)"};
    gdcm::StringFilter sf;
    sf.SetFile(df);
    const bool littleEndian = df.GetHeader().GetDataSetTransferSyntax().GetSwapCode() == gdcm::SwapCode::LittleEndian;
    auto ushort = [&](uint16_t group, uint16_t element) { return ushortOf(ds, sf, littleEndian, group, element); };

    PixelModule m;
    m.fileSize = size;
    m.rows = intOf(ushort(0x0028, 0x0010), kMissing);
    m.columns = intOf(ushort(0x0028, 0x0011), kMissing);
    if (m.rows == kMissing || m.columns == kMissing) {
        if (ms != gdcm::MediaStorage::MS_END && !gdcm::MediaStorage::IsImage(ms))
            return Error {"not an image (" + describeSopClass(ms) + ")"};
        return Error {"no pixel data (no Rows or Columns)"};
    }
    if (m.rows <= 0 || m.columns <= 0)
        return Error {"invalid image size: Rows " + std::to_string(m.rows) + ", Columns " + std::to_string(m.columns)};
    if (m.rows > maxRows || m.columns > maxColumns)
        return Error {"slice of " + std::to_string(m.columns) + "x" + std::to_string(m.rows) +
            " pixels exceeds the limit of " + std::to_string(maxColumns) + "x" + std::to_string(maxRows) +
            " (--max-slice)"};

    const gdcm::TransferSyntax ts = df.GetHeader().GetDataSetTransferSyntax();
    if (!ts.IsValid() || ts == gdcm::TransferSyntax::TS_END)
        return Error {"unsupported transfer syntax " + stringOf(df.GetHeader(), sf, 0x0002, 0x0010)};
    m.encapsulated = ts.IsEncapsulated();
    m.deflated = ts == gdcm::TransferSyntax::DeflatedExplicitVRLittleEndian;

    const int frames = intOf(textOf(ds, 0x0028, 0x0008), 1);
    if (frames > 1)
        return Error {"multi-frame image (" + std::to_string(frames) + " frames); only single-frame slices are read"};
    m.samplesPerPixel = intOf(ushort(0x0028, 0x0002), 1);
    if (m.samplesPerPixel != 1)
        return Error {
            "colour image (" + std::to_string(m.samplesPerPixel) + " samples per pixel); MR slices are greyscale"};

    // GDCM's PixelFormat asserts on other values; MR is stored in 8 or 16 bits.
    m.bitsAllocated = intOf(ushort(0x0028, 0x0100), kMissing);
    if (m.bitsAllocated == kMissing)
        return Error {"no BitsAllocated (0028,0100): the pixel layout is unknown"};
    if (m.bitsAllocated != 8 && m.bitsAllocated != 16)
        return Error {"unsupported BitsAllocated " + std::to_string(m.bitsAllocated) + " (only 8 and 16 are read)"};
    m.bitsStored = intOf(ushort(0x0028, 0x0101), m.bitsAllocated);
    if (m.bitsStored < 1 || m.bitsStored > m.bitsAllocated)
        return Error {"BitsStored " + std::to_string(m.bitsStored) + " does not fit BitsAllocated " +
            std::to_string(m.bitsAllocated)};
    const int highBit = intOf(ushort(0x0028, 0x0102), m.bitsStored - 1);
    if (highBit != m.bitsStored - 1)
        return Error {"HighBit " + std::to_string(highBit) + " does not match BitsStored " +
            std::to_string(m.bitsStored) + " (it must be BitsStored - 1)"};
    const int representation = intOf(ushort(0x0028, 0x0103), 0);
    if (representation != 0 && representation != 1)
        return Error {"invalid PixelRepresentation " + std::to_string(representation)};
    m.pixelRepresentation = representation;
    // Checked before the full read, which would otherwise allocate what a short file declares.
    if (!m.encapsulated && !m.deflated && size < m.nativeBytes())
        return Error {"truncated: the file holds " + std::to_string(size) + " bytes, fewer than the " +
            std::to_string(m.nativeBytes()) + " its pixel data needs"};
    return m;
}

// Where the header parse left the stream: just past the pixel data element's header. For a
// native (not deflated, not encapsulated) file this reads that header from the file itself
// and checks the pixel data's length against Rows x Columns and against the file's size,
// without reading the pixels. nullopt: the layout is not the expected one (no pixel data,
// an undefined length, ...): the caller then makes a full read, which says what is wrong.
std::optional<Status> checkNativePixelLength(const gdcm::Reader& reader, const std::string& file, const PixelModule& m,
    const gdcm::TransferSyntax& ts, uint64_t& valueOffset, uint32_t& valueLength)
{
    if (m.encapsulated || m.deflated)
        return std::nullopt;
    const size_t end = reader.GetStreamCurrentPosition();
    const size_t headerBytes = ts.IsImplicit() ? 8 : 12; // tag, [VR, reserved,] 32-bit length
    if (end == static_cast<size_t>(-1) || end < headerBytes || end > m.fileSize)
        return std::nullopt;
    unsigned char head[12];
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    const ssize_t got = ::pread(fd, head, headerBytes, static_cast<off_t>(end - headerBytes));
    ::close(fd);
    if (got != static_cast<ssize_t>(headerBytes))
        return std::nullopt;
    const bool big = ts.GetSwapCode() == gdcm::SwapCode::BigEndian;
    auto u16 = [&](int at) {
        return big ? uint16_t(head[at] << 8 | head[at + 1]) : uint16_t(head[at + 1] << 8 | head[at]);
    };
    if (u16(0) != 0x7fe0 || u16(2) != 0x0010)
        return std::nullopt;
    if (!ts.IsImplicit() && !((head[4] == 'O' && (head[5] == 'W' || head[5] == 'B')) && head[6] == 0 && head[7] == 0))
        return std::nullopt; // a pixel element with a short VR: let the full read judge it
    const int at = static_cast<int>(headerBytes) - 4;
    const uint32_t length = big ? (uint32_t(u16(at)) << 16 | u16(at + 2)) : (uint32_t(u16(at + 2)) << 16 | u16(at));
    if (length == 0xffffffffu)
        return std::nullopt;
    const uint64_t expected = m.nativeBytes();
    if (length < expected)
        return Status::failure("truncated: pixel data holds " + std::to_string(length) + " of the " +
            std::to_string(expected) + " bytes the header promises");
    // Even padding aside, a longer element means the header's size is not the image's.
    if (length > expected + 1)
        return Status::failure("pixel data holds " + std::to_string(length) + " bytes where Rows x Columns x " +
            "BitsAllocated give " + std::to_string(expected));
    if (m.fileSize < end + uint64_t(length))
        return Status::failure("truncated: the file ends " + std::to_string(end + uint64_t(length) - m.fileSize) +
            " bytes before its pixel data does");
    valueOffset = end;
    valueLength = length;
    return Status::success();
}

} // namespace

Result<PixelModule> preflight(const std::string& file, int maxRows, int maxColumns)
{
    silenceGdcm();
    gdcm::Reader reader;
    uint64_t size = 0;
    if (const Status s = parseHeader(reader, file, size); !s)
        return Error {s.error()};
    return checkPixelModule(reader.GetFile(), size, maxRows, maxColumns);
}

namespace {

// The pixel data checks by a full read of the file (compressed, deflated or odd layouts):
// the pixel data's real length is the only reliable truncation test there (GDCM accepts a
// short file and hands back short pixel data without an error).
Status checkPixelsByFullRead(const std::string& file, const PixelModule& module)
{
    gdcm::Reader reader;
    reader.SetFileName(file.c_str());
    bool parsed = false;
    try {
        parsed = reader.Read();
    } catch (const std::exception& e) {
        return Status::failure(std::string("not a readable DICOM file: ") + e.what());
    }
    if (!parsed)
        return Status::failure("not a DICOM file (no readable DICOM header)");
    const gdcm::File& df = reader.GetFile();
    const gdcm::DataSet& ds = df.GetDataSet();
    if (!ds.FindDataElement(kPixelData))
        return Status::failure("no pixel data");
    const gdcm::TransferSyntax ts = df.GetHeader().GetDataSetTransferSyntax();
    const gdcm::DataElement& pixels = ds.GetDataElement(kPixelData);
    if (!ts.IsEncapsulated()) {
        const uint64_t expected = module.nativeBytes();
        const gdcm::ByteValue* bytes = pixels.GetByteValue();
        const uint64_t available = bytes ? static_cast<uint64_t>(bytes->GetLength()) : 0;
        if (available < expected)
            return Status::failure("truncated: pixel data holds " + std::to_string(available) + " of the " +
                std::to_string(expected) + " bytes the header promises");
        // Even padding aside, a longer element means the header's size is not the image's.
        if (available > expected + 1)
            return Status::failure("pixel data holds " + std::to_string(available) + " bytes where Rows x Columns x " +
                "BitsAllocated give " + std::to_string(expected));
        // GDCM pads a cut pixel element to its declared length, so compare what the
        // elements declare with what the file holds (deflated files are smaller by design).
        if (ts != gdcm::TransferSyntax::DeflatedExplicitVRLittleEndian) {
            const uint64_t declared = df.GetHeader().GetFullLength() +
                (ts.IsImplicit() ? uint64_t(ds.GetLength<gdcm::ImplicitDataElement>())
                                 : uint64_t(ds.GetLength<gdcm::ExplicitDataElement>()));
            if (module.fileSize < declared)
                return Status::failure("truncated: the file ends " + std::to_string(declared - module.fileSize) +
                    " bytes before its pixel data does");
        }
    } else {
        const gdcm::SequenceOfFragments* fragments = pixels.GetSequenceOfFragments();
        if (!fragments || fragments->GetNumberOfFragments() == 0)
            return Status::failure("truncated: compressed pixel data has no fragments");
    }
    return Status::success();
}

} // namespace

Result<SliceHeader> readSliceHeader(const std::string& file, int maxRows, int maxColumns)
{
    silenceGdcm();
    // One parse of the attributes serves the checks and the header; only a file whose pixel
    // data cannot be checked from its element header is read whole (checkNativePixelLength).
    gdcm::Reader reader;
    uint64_t size = 0;
    int64_t modifiedNs = 0;
    if (const Status s = parseHeader(reader, file, size, &modifiedNs); !s)
        return Error {s.error()};
    const Result<PixelModule> module = checkPixelModule(reader.GetFile(), size, maxRows, maxColumns);
    if (!module)
        return Error {module.error()};
    const gdcm::File& df = reader.GetFile();
    const gdcm::DataSet& ds = df.GetDataSet();
    const gdcm::TransferSyntax ts = df.GetHeader().GetDataSetTransferSyntax();
    uint64_t valueOffset = 0;
    uint32_t valueLength = 0;
    std::optional<Status> pixelCheck = checkNativePixelLength(reader, file, *module, ts, valueOffset, valueLength);
    const bool checkedInPlace = pixelCheck.has_value();
    if (!pixelCheck)
        pixelCheck = checkPixelsByFullRead(file, *module);
    if (!*pixelCheck)
        return Error {pixelCheck->error()};

    SliceHeader h;
    h.file = file;
    h.rows = module->rows;
    h.columns = module->columns;
    h.compressed = ts.IsEncapsulated() || ts == gdcm::TransferSyntax::DeflatedExplicitVRLittleEndian;
    h.studyInstanceUid = textOf(ds, 0x0020, 0x000d);
    h.studyDescription = textOf(ds, 0x0008, 0x1030);
    h.studyDate = textOf(ds, 0x0008, 0x0020);
    h.patientName = textOf(ds, 0x0010, 0x0010);
    h.patientId = textOf(ds, 0x0010, 0x0020);
    h.patientSex = textOf(ds, 0x0010, 0x0040);
    h.patientBirthDate = textOf(ds, 0x0010, 0x0030);
    h.patientAge = textOf(ds, 0x0010, 0x1010);
    h.studyTime = textOf(ds, 0x0008, 0x0030);
    h.studyId = textOf(ds, 0x0020, 0x0010);
    h.accessionNumber = textOf(ds, 0x0008, 0x0050);
    h.referringPhysician = textOf(ds, 0x0008, 0x0090);
    h.specificCharacterSet = textOf(ds, 0x0008, 0x0005);
    h.seriesInstanceUid = textOf(ds, 0x0020, 0x000e);
    h.seriesDescription = textOf(ds, 0x0008, 0x103e);
    h.modality = textOf(ds, 0x0008, 0x0060);
    h.seriesNumber = intOf(textOf(ds, 0x0020, 0x0011));
    h.sopInstanceUid = textOf(ds, 0x0008, 0x0018);
    h.instanceNumber = intOf(textOf(ds, 0x0020, 0x0013));
    if (h.studyInstanceUid.empty())
        h.studyInstanceUid = "(no study UID)";
    if (h.seriesInstanceUid.empty())
        h.seriesInstanceUid = "(no series UID)";
    if (h.sopInstanceUid.empty())
        h.sopInstanceUid = file; // still unique inside a scan

    const auto spacing = numbersOf(textOf(ds, 0x0028, 0x0030));
    if (spacing.size() == 2 && spacing[0] > 0 && spacing[1] > 0) {
        h.rowSpacing = spacing[0];
        h.columnSpacing = spacing[1];
    }
    const auto ipp = numbersOf(textOf(ds, 0x0020, 0x0032));
    const auto iop = numbersOf(textOf(ds, 0x0020, 0x0037));
    if (ipp.size() == 3 && iop.size() == 6) {
        const Vec3 row {iop[0], iop[1], iop[2]};
        const Vec3 col {iop[3], iop[4], iop[5]};
        // Orthonormal within rounding, or the geometry cannot be trusted.
        if (std::abs(norm(row) - 1) < 0.01 && std::abs(norm(col) - 1) < 0.01 && std::abs(dot(row, col)) < 0.01) {
            h.hasGeometry = true;
            h.position = {ipp[0], ipp[1], ipp[2]};
            h.orientation = {normalized(row), normalized(col)};
        }
    }

    const auto slope = numbersOf(textOf(ds, 0x0028, 0x1053));
    const auto intercept = numbersOf(textOf(ds, 0x0028, 0x1052));
    if (!slope.empty() && slope[0] != 0)
        h.rescaleSlope = slope[0];
    if (!intercept.empty())
        h.rescaleIntercept = intercept[0];
    const auto center = numbersOf(textOf(ds, 0x0028, 0x1050));
    const auto width = numbersOf(textOf(ds, 0x0028, 0x1051));
    if (!center.empty() && !width.empty()) {
        const WindowLevel wl {center[0], width[0]};
        if (wl.valid() && wl.width > 1)
            h.window = wl;
    }
    // The layout whose stored bytes are the decoded pixels, bit for bit (GDCM hands back the
    // element's bytes unchanged for it): the program may copy them from the file itself.
    // BitsStored below 16 is left to GDCM, which may clean bits above HighBit.
    const bool littleEndianNative =
        ts == gdcm::TransferSyntax::ExplicitVRLittleEndian || ts == gdcm::TransferSyntax::ImplicitVRLittleEndian;
    if (checkedInPlace && littleEndianNative && module->bitsAllocated == 16 && module->bitsStored == 16 &&
        module->samplesPerPixel == 1 && uint64_t(valueLength) == module->nativeBytes() &&
        textOf(ds, 0x0028, 0x0004) == "MONOCHROME2") {
        NativePixels native;
        native.offset = valueOffset;
        native.implicitVr = ts.IsImplicit();
        native.isSigned = module->pixelRepresentation == 1;
        native.fileSize = size;
        native.modifiedNs = modifiedNs;
        h.native = native;
    }
    return h;
}

} // namespace sg::core::reader
