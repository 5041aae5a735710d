#pragma once
// The one way the program reads DICOM: every header parse and every pixel decode runs in
// spinegrade-dicom-reader helper processes (a pool shared by the whole program, one per
// core, reused across files), never in this process. What a reader answers is checked
// again here, as untrusted as the file. The one read of a file here is the copy of native
// pixels from the place a reader's parse found (NativePixelCopy.h), which parses nothing.
#include "core/dicom/ReaderLimits.h"
#include "core/dicom/SliceHeader.h"
#include "core/study/SliceImage.h"
#include "core/util/Progress.h"
#include "core/util/Result.h"
#include "core/util/Status.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sg::core {

// Where the helper is: $SPINEGRADE_DICOM_READER, beside the running executable, the
// installed libexec folder, then the build tree. The error names every place looked at.
Result<std::string> findDicomReader();

// Progress (below) hears (files done, total) in the calling thread; once it is cancelled,
// unread items fail with "cancelled".
struct ReadControl {
    std::optional<std::chrono::steady_clock::time_point> deadline; // unread items fail with deadlineMessage
    std::string deadlineMessage;
    int processes = 0; // 0: one per core
};

// The headers of `files`, in order; an error says why a file cannot be used.
std::vector<Result<SliceHeader>> readHeaders(const std::vector<std::string>& files, const ReaderLimits& limits,
    const ReadControl& control = {}, Progress& progress = Progress::none());

// One slice to decode into memory the caller owns: rows * columns 16-bit pixels as the
// file stores them (8-bit values widened); *type says whether they are signed.
struct PixelTarget {
    std::string file;
    int rows = 0;
    int columns = 0;
    uint16_t* out = nullptr;
    PixelType* type = nullptr;
    std::optional<NativePixels> native; // the scan's: copy the stored bytes without a reader
};

// Decodes every target, as the file stores them (the rescale is the caller's: SliceImage
// applies it on use). A target with `native` is copied from its file by this process
// (NativePixelCopy.h) unless the file changed since the scan; every other goes to a reader,
// whose answer goes from its socket straight into `out`.
std::vector<Status> readPixels(const std::vector<PixelTarget>& targets, const ReaderLimits& limits,
    const ReadControl& control = {}, Progress& progress = Progress::none());

// Ends the idle reader processes and waits for them (a command-line run, before it exits,
// so their resource use is accounted to it). Only when no read is under way; the next read
// starts new readers.
void stopDicomReaders();

// The checks the program makes on a header a reader sent: sizes within the limits, finite
// geometry, unit orientation, a usable rescale. Names what is wrong.
Status checkSliceHeader(const SliceHeader& h, const ReaderLimits& limits);

} // namespace sg::core
