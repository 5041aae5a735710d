#include "core/dicom/ReaderLimits.h"

#include <unistd.h>

#include <algorithm>

namespace sg::core {

uint64_t physicalMemoryBytes()
{
    const long pages = ::sysconf(_SC_PHYS_PAGES), size = ::sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || size <= 0)
        return uint64_t(8) << 30; // unknown: assume a modest 8 GB machine
    return static_cast<uint64_t>(pages) * static_cast<uint64_t>(size);
}

uint64_t studyByteLimit(const ReaderLimits& limits)
{
    return limits.maxStudyBytes > 0 ? limits.maxStudyBytes : physicalMemoryBytes() / 4;
}

std::string sliceLimitText(const ReaderLimits& limits)
{
    return std::to_string(limits.maxColumns) + "x" + std::to_string(limits.maxRows);
}

uint64_t readerAddressSpace(const ReaderLimits& limits)
{
    // GDCM holds the file's pixel element, the decoded buffer and (for codecs) a working
    // copy; the answer adds 4 bytes per pixel. An idle reader maps 24 MB; 256 MB covers that
    // and GDCM's header. Tight on purpose: fuzzing found 4 KB files that declare a 1.1 GB
    // element, which GDCM allocates and zero-fills before reading; under this limit the
    // allocation fails at once instead of taking the per-file deadline.
    const uint64_t pixels = static_cast<uint64_t>(std::max(limits.maxRows, 1)) * std::max(limits.maxColumns, 1);
    return (uint64_t(256) << 20) + 16 * pixels;
}

} // namespace sg::core
