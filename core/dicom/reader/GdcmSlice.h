#pragma once
// GDCM meets foreign files here, and only here: these functions run inside the helper
// process spinegrade-dicom-reader (and the fuzz target), never in the program itself.
// Each checks the header before any GDCM pixel-format or decode call, since GDCM asserts
// (aborts) on some attributes, e.g. a BitsAllocated that is not a multiple of 8.
#include "core/dicom/ReaderProtocol.h"
#include "core/dicom/SliceHeader.h"
#include "core/util/Result.h"
#include "core/util/Status.h"

#include <string>

namespace sg::core::reader {

// The header of `file`; the error names what is wrong (not DICOM, empty, not an image,
// truncated, unsupported pixel layout, larger than maxRows x maxColumns, ...).
Result<SliceHeader> readSliceHeader(const std::string& file, int maxRows, int maxColumns);

// Decodes the request's slice into `out` (rows * columns pixels as stored, 8-bit values
// widened to 16) and sets `kind` to kAnswerPixelsInt16 or kAnswerPixelsUInt16.
Status decodeSlice(const PixelRequest& request, uint16_t* out, AnswerKind& kind);

// Stops GDCM's diagnostics on stderr (reasons are reported per file instead).
void silenceGdcm();

} // namespace sg::core::reader

namespace sg::core::reader {

// The image pixel module of a file, read up to (not including) its pixel data.
struct PixelModule {
    int rows = 0;
    int columns = 0;
    int bitsAllocated = 0;
    int bitsStored = 0;
    int samplesPerPixel = 1;
    int pixelRepresentation = 0; // 1: signed
    bool encapsulated = false;
    bool deflated = false;
    uint64_t fileSize = 0;
    uint64_t nativeBytes() const { return uint64_t(rows) * uint64_t(columns) * uint64_t(bitsAllocated / 8); }
};

// Reads `file` up to its pixel data and checks what GDCM's pixel code relies on: Rows and
// Columns in 1..max, BitsAllocated 8 or 16, BitsStored and HighBit consistent with it,
// one sample per pixel, one frame, and a file large enough for native pixels.
Result<PixelModule> preflight(const std::string& file, int maxRows, int maxColumns);

} // namespace sg::core::reader
