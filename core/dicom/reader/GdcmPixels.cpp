#include "core/dicom/reader/GdcmSlice.h"

#include <gdcmImage.h>
#include <gdcmImageReader.h>
#include <gdcmPhotometricInterpretation.h>
#include <gdcmPixelFormat.h>

#include <cstring>
#include <vector>

namespace sg::core::reader {
namespace {

// Copies (16-bit) or widens (8-bit) the decoded values into 16-bit cells; an int16 cell
// holds the bit pattern of the signed value.
template <typename T>
void widen(const char* raw, size_t count, uint16_t* out)
{
    if constexpr (sizeof(T) == sizeof(uint16_t)) {
        std::memcpy(out, raw, count * sizeof(T));
    } else {
        for (size_t i = 0; i < count; ++i) {
            T v;
            std::memcpy(&v, raw + i * sizeof(T), sizeof(T));
            out[i] = static_cast<uint16_t>(static_cast<int16_t>(v)); // sign-extends int8
        }
    }
}

// Native little-endian pixels that use every allocated bit can be copied straight from
// GDCM's copy of the file, saving a second copy of the pixel data (GetBuffer).
const char* directPixels(const gdcm::Image& image, size_t expected)
{
    const gdcm::TransferSyntax ts = image.GetTransferSyntax();
    const gdcm::PixelFormat pf = image.GetPixelFormat();
    if (ts != gdcm::TransferSyntax::ExplicitVRLittleEndian && ts != gdcm::TransferSyntax::ImplicitVRLittleEndian)
        return nullptr;
    if (pf.GetBitsStored() != pf.GetBitsAllocated() ||
        image.GetPhotometricInterpretation() != gdcm::PhotometricInterpretation::MONOCHROME2)
        return nullptr;
    const gdcm::ByteValue* bytes = image.GetDataElement().GetByteValue();
    if (!bytes || bytes->GetLength() < expected)
        return nullptr;
    return bytes->GetPointer();
}

} // namespace

Status decodeSlice(const PixelRequest& request, uint16_t* out, AnswerKind& kind)
{
    // The header is checked again: the file may have changed since the scan, and GDCM's
    // pixel code asserts on layouts the check refuses.
    const Result<PixelModule> module = preflight(request.file, request.maxRows, request.maxColumns);
    if (!module)
        return Status::failure(module.error());
    if (module->rows != request.rows || module->columns != request.columns)
        return Status::failure("the image size (" + std::to_string(module->columns) + "x" +
            std::to_string(module->rows) + ") differs from the scan's (" + std::to_string(request.columns) + "x" +
            std::to_string(request.rows) + "): the file changed");
    gdcm::ImageReader reader;
    reader.SetFileName(request.file.c_str());
    try {
        if (!reader.Read())
            return Status::failure("cannot read the image");
    } catch (const std::exception& e) {
        return Status::failure(std::string("cannot read the image: ") + e.what());
    }
    const gdcm::Image& image = reader.GetImage();
    const unsigned int* dims = image.GetDimensions();
    if (static_cast<int>(dims[0]) != request.columns || static_cast<int>(dims[1]) != request.rows)
        return Status::failure("the image size differs from its header");
    const gdcm::PixelFormat pf = image.GetPixelFormat();
    if (pf.GetSamplesPerPixel() != 1)
        return Status::failure("colour image; MR slices are greyscale");
    // A codec may report its own layout (a 12-bit JPEG stream): check it again before
    // GetPixelSize, which asserts on it.
    if (pf.GetBitsAllocated() != 8 && pf.GetBitsAllocated() != 16)
        return Status::failure("unsupported decoded BitsAllocated " + std::to_string(pf.GetBitsAllocated()));

    const size_t count = static_cast<size_t>(request.rows) * static_cast<size_t>(request.columns);
    const size_t expected = count * pf.GetPixelSize();
    const size_t length = image.GetBufferLength();
    if (length < expected)
        return Status::failure(
            "truncated: pixel data holds " + std::to_string(length) + " of " + std::to_string(expected) + " bytes");
    std::vector<char> copy;
    const char* raw = directPixels(image, expected);
    try {
        if (!raw) {
            copy.resize(length);
            raw = copy.data();
        }
        if (!copy.empty() && !image.GetBuffer(copy.data()))
            return Status::failure("cannot decode the pixel data (transfer syntax " +
                std::string(gdcm::TransferSyntax::GetTSString(image.GetTransferSyntax())) + ")");
    } catch (const std::exception& e) {
        return Status::failure(std::string("cannot decode the pixel data: ") + e.what());
    }
    switch (pf.GetScalarType()) {
    case gdcm::PixelFormat::UINT8:
        widen<uint8_t>(raw, count, out);
        kind = kAnswerPixelsUInt16;
        break;
    case gdcm::PixelFormat::INT8:
        widen<int8_t>(raw, count, out);
        kind = kAnswerPixelsInt16;
        break;
    case gdcm::PixelFormat::UINT16:
        widen<uint16_t>(raw, count, out);
        kind = kAnswerPixelsUInt16;
        break;
    case gdcm::PixelFormat::INT16:
        widen<int16_t>(raw, count, out);
        kind = kAnswerPixelsInt16;
        break;
    default: return Status::failure(std::string("unsupported pixel type ") + pf.GetScalarTypeAsString());
    }
    return Status::success();
}

} // namespace sg::core::reader
