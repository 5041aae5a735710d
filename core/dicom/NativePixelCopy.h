#pragma once
// The program's own copy of a native slice's pixels: one read of the bytes a reader's header
// parse located (core/study/NativePixels.h) straight into the slice's memory. Nothing here
// parses DICOM: the file is opened without blocking, must still be the regular file of the
// size and modification time the reader saw, and the pixel data element's own header (tag
// and length), read in the same call, must sit just before the pixels. A file that changed
// goes back to a reader, which decodes it in isolation and says what it is now.
#include "core/study/NativePixels.h"

#include <cstdint>
#include <string>

namespace sg::core {

enum class NativeCopyOutcome {
    Copied, // `out` holds the slice's stored pixels
    AskReader, // the file is not as the scan found it: decode it in a reader
    Failed, // `reason` says why (the file is gone or is no regular file any more)
};

struct NativeCopy {
    NativeCopyOutcome outcome = NativeCopyOutcome::AskReader;
    std::string reason;
};

// rows * columns 16-bit pixels into `out`; what `out` holds is unspecified unless Copied.
NativeCopy copyNativePixels(const std::string& file, const NativePixels& where, int rows, int columns, uint16_t* out);

// The size of the pixel data element's header before `where.offset` (8 or 12 bytes).
inline uint64_t nativeElementHeaderBytes(const NativePixels& where)
{
    return where.implicitVr ? 8 : 12;
}

} // namespace sg::core
