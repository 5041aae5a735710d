#pragma once
// Where a slice's pixels lie in its file when the file stores them exactly as they are
// decoded: little-endian native transfer syntax, one sample, MONOCHROME2, 16 bits allocated
// and stored. The reader's header parse finds this; the program then copies the bytes from
// the file into the slice's memory itself (core/dicom/NativePixelCopy.h), parsing nothing.
#include <cstdint>

namespace sg::core {

struct NativePixels {
    uint64_t offset = 0; // of the pixel data value: its element header ends here
    bool implicitVr = false; // the element header is 8 bytes (tag, length), else 12 (tag, OW/OB, 0, length)
    bool isSigned = false; // PixelRepresentation 1
    uint64_t fileSize = 0; // the file as the reader parsed it: a file that differs is read again by a reader
    int64_t modifiedNs = 0; // st_mtim in nanoseconds
};

} // namespace sg::core
