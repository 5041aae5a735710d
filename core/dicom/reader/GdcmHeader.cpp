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
#include <filesystem>
#include <limits>
#include <set>
#include <sstream>
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

// Multi-valued decimal strings such as "0.5\0.5" or the six numbers of IOP.
std::vector<double> numbersOf(const std::string& text)
{
    std::vector<double> values;
    std::string token;
    std::istringstream in(text);
    while (std::getline(in, token, '\\')) {
        try {
            size_t used = 0;
            const double v = std::stod(token, &used);
            if (!std::isfinite(v))
                return {};
            values.push_back(v);
        } catch (...) {
            return {};
        }
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

Result<PixelModule> preflight(const std::string& file, int maxRows, int maxColumns)
{
    silenceGdcm();
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        return Error {"cannot read the file: " + ec.message()};
    if (size == 0)
        return Error {"empty file (0 bytes)"};

    gdcm::Reader reader;
    reader.SetFileName(file.c_str());
    bool parsed = false;
    try {
        parsed = reader.ReadUpToTag(kPixelData);
    } catch (const std::exception& e) {
        return Error {std::string("not a readable DICOM file: ") + e.what()};
    }
    if (!parsed)
        return Error {"not a DICOM file (no readable DICOM header)"};
    const gdcm::File& df = reader.GetFile();
    const gdcm::DataSet& ds = df.GetDataSet();
    gdcm::MediaStorage ms;
    ms.SetFromFile(df);
    if (ms == gdcm::MediaStorage::MediaStorageDirectoryStorage)
        return Error {"DICOMDIR (a directory index, not an image)"};
    gdcm::StringFilter sf;
    sf.SetFile(df);

    PixelModule m;
    m.fileSize = size;
    m.rows = intOf(stringOf(ds, sf, 0x0028, 0x0010), kMissing);
    m.columns = intOf(stringOf(ds, sf, 0x0028, 0x0011), kMissing);
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

    const int frames = intOf(stringOf(ds, sf, 0x0028, 0x0008), 1);
    if (frames > 1)
        return Error {"multi-frame image (" + std::to_string(frames) + " frames); only single-frame slices are read"};
    m.samplesPerPixel = intOf(stringOf(ds, sf, 0x0028, 0x0002), 1);
    if (m.samplesPerPixel != 1)
        return Error {
            "colour image (" + std::to_string(m.samplesPerPixel) + " samples per pixel); MR slices are greyscale"};

    // GDCM's PixelFormat asserts on other values; MR is stored in 8 or 16 bits.
    m.bitsAllocated = intOf(stringOf(ds, sf, 0x0028, 0x0100), kMissing);
    if (m.bitsAllocated == kMissing)
        return Error {"no BitsAllocated (0028,0100): the pixel layout is unknown"};
    if (m.bitsAllocated != 8 && m.bitsAllocated != 16)
        return Error {"unsupported BitsAllocated " + std::to_string(m.bitsAllocated) + " (only 8 and 16 are read)"};
    m.bitsStored = intOf(stringOf(ds, sf, 0x0028, 0x0101), m.bitsAllocated);
    if (m.bitsStored < 1 || m.bitsStored > m.bitsAllocated)
        return Error {"BitsStored " + std::to_string(m.bitsStored) + " does not fit BitsAllocated " +
            std::to_string(m.bitsAllocated)};
    const int highBit = intOf(stringOf(ds, sf, 0x0028, 0x0102), m.bitsStored - 1);
    if (highBit != m.bitsStored - 1)
        return Error {"HighBit " + std::to_string(highBit) + " does not match BitsStored " +
            std::to_string(m.bitsStored) + " (it must be BitsStored - 1)"};
    const int representation = intOf(stringOf(ds, sf, 0x0028, 0x0103), 0);
    if (representation != 0 && representation != 1)
        return Error {"invalid PixelRepresentation " + std::to_string(representation)};
    // Checked before the full read, which would otherwise allocate what a short file declares.
    if (!m.encapsulated && !m.deflated && size < m.nativeBytes())
        return Error {"truncated: the file holds " + std::to_string(size) + " bytes, fewer than the " +
            std::to_string(m.nativeBytes()) + " its pixel data needs"};
    return m;
}

Result<SliceHeader> readSliceHeader(const std::string& file, int maxRows, int maxColumns)
{
    const Result<PixelModule> module = preflight(file, maxRows, maxColumns);
    if (!module)
        return Error {module.error()};
    const uint64_t size = module->fileSize;

    gdcm::Reader reader;
    reader.SetFileName(file.c_str());
    bool parsed = false;
    try {
        // A full read: the pixel data's real length is the only reliable truncation test
        // (GDCM accepts a short file and hands back short pixel data without an error).
        parsed = reader.Read();
    } catch (const std::exception& e) {
        return Error {std::string("not a readable DICOM file: ") + e.what()};
    }
    if (!parsed)
        return Error {"not a DICOM file (no readable DICOM header)"};

    const gdcm::File& df = reader.GetFile();
    const gdcm::DataSet& ds = df.GetDataSet();
    gdcm::StringFilter sf;
    sf.SetFile(df);
    SliceHeader h;
    h.file = file;
    h.rows = module->rows;
    h.columns = module->columns;
    if (!ds.FindDataElement(kPixelData))
        return Error {"no pixel data"};
    const gdcm::TransferSyntax ts = df.GetHeader().GetDataSetTransferSyntax();

    const gdcm::DataElement& pixels = ds.GetDataElement(kPixelData);
    if (!ts.IsEncapsulated()) {
        const uint64_t expected = module->nativeBytes();
        const gdcm::ByteValue* bytes = pixels.GetByteValue();
        const uint64_t available = bytes ? static_cast<uint64_t>(bytes->GetLength()) : 0;
        if (available < expected)
            return Error {"truncated: pixel data holds " + std::to_string(available) + " of the " +
                std::to_string(expected) + " bytes the header promises"};
        // Even padding aside, a longer element means the header's size is not the image's.
        if (available > expected + 1)
            return Error {"pixel data holds " + std::to_string(available) + " bytes where Rows x Columns x " +
                "BitsAllocated give " + std::to_string(expected)};
        // GDCM pads a cut pixel element to its declared length, so compare what the
        // elements declare with what the file holds (deflated files are smaller by design).
        if (ts != gdcm::TransferSyntax::DeflatedExplicitVRLittleEndian) {
            const uint64_t declared = df.GetHeader().GetFullLength() +
                (ts.IsImplicit() ? uint64_t(ds.GetLength<gdcm::ImplicitDataElement>())
                                 : uint64_t(ds.GetLength<gdcm::ExplicitDataElement>()));
            if (size < declared)
                return Error {"truncated: the file ends " + std::to_string(declared - size) +
                    " bytes before its pixel data does"};
        }
    } else {
        const gdcm::SequenceOfFragments* fragments = pixels.GetSequenceOfFragments();
        if (!fragments || fragments->GetNumberOfFragments() == 0)
            return Error {"truncated: compressed pixel data has no fragments"};
    }

    h.compressed = ts.IsEncapsulated() || ts == gdcm::TransferSyntax::DeflatedExplicitVRLittleEndian;
    h.studyInstanceUid = stringOf(ds, sf, 0x0020, 0x000d);
    h.studyDescription = stringOf(ds, sf, 0x0008, 0x1030);
    h.studyDate = stringOf(ds, sf, 0x0008, 0x0020);
    h.patientName = stringOf(ds, sf, 0x0010, 0x0010);
    h.patientId = stringOf(ds, sf, 0x0010, 0x0020);
    h.seriesInstanceUid = stringOf(ds, sf, 0x0020, 0x000e);
    h.seriesDescription = stringOf(ds, sf, 0x0008, 0x103e);
    h.modality = stringOf(ds, sf, 0x0008, 0x0060);
    h.seriesNumber = intOf(stringOf(ds, sf, 0x0020, 0x0011));
    h.sopInstanceUid = stringOf(ds, sf, 0x0008, 0x0018);
    h.instanceNumber = intOf(stringOf(ds, sf, 0x0020, 0x0013));
    if (h.studyInstanceUid.empty())
        h.studyInstanceUid = "(no study UID)";
    if (h.seriesInstanceUid.empty())
        h.seriesInstanceUid = "(no series UID)";
    if (h.sopInstanceUid.empty())
        h.sopInstanceUid = file; // still unique inside a scan

    const auto spacing = numbersOf(stringOf(ds, sf, 0x0028, 0x0030));
    if (spacing.size() == 2 && spacing[0] > 0 && spacing[1] > 0) {
        h.rowSpacing = spacing[0];
        h.columnSpacing = spacing[1];
    }
    const auto ipp = numbersOf(stringOf(ds, sf, 0x0020, 0x0032));
    const auto iop = numbersOf(stringOf(ds, sf, 0x0020, 0x0037));
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

    const auto slope = numbersOf(stringOf(ds, sf, 0x0028, 0x1053));
    const auto intercept = numbersOf(stringOf(ds, sf, 0x0028, 0x1052));
    if (!slope.empty() && slope[0] != 0)
        h.rescaleSlope = slope[0];
    if (!intercept.empty())
        h.rescaleIntercept = intercept[0];
    const auto center = numbersOf(stringOf(ds, sf, 0x0028, 0x1050));
    const auto width = numbersOf(stringOf(ds, sf, 0x0028, 0x1051));
    if (!center.empty() && !width.empty()) {
        const WindowLevel wl {center[0], width[0]};
        if (wl.valid() && wl.width > 1)
            h.window = wl;
    }
    return h;
}

} // namespace sg::core::reader
