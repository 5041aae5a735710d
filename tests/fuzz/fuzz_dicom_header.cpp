// libFuzzer target for the DICOM header path of spinegrade-dicom-reader: every input is a
// file handed to readSliceHeader (GDCM's parse plus our checks before any pixel call) and,
// when that accepts it, to decodeSlice. Built with -DSG_FUZZ=ON and clang (see README).
//   fuzz_dicom_header CORPUS_DIR SEED_DIR -max_total_time=60
//
// GDCM (Debian's build keeps assert()) aborts inside its own parser on some inputs, before
// our checks can see the data; in the program that costs one reader process. Here such an
// assert jumps back to the input's start (siglongjmp: GDCM's frames cannot unwind an
// exception), so the run goes on to look for what matters beyond it: memory errors
// (AddressSanitizer), hangs, runaway memory, and asserts in GDCM's pixel code, which our
// checks exist to keep away. The assertion sites met are listed at exit. What the jump
// skips leaks, so the CTest runs with -detect_leaks=0.
#include "core/dicom/reader/GdcmSlice.h"

#include <sys/mman.h>
#include <unistd.h>

#include <csetjmp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace {

sigjmp_buf afterAssert;
bool inInput = false;

std::map<std::string, int>& assertsMet()
{
    static auto* met = new std::map<std::string, int>();
    return *met;
}

void listAsserts()
{
    for (const auto& [where, count] : assertsMet())
        std::fprintf(stderr, "GDCM assert met %d time(s): %s\n", count, where.c_str());
}

bool inPixelCode(const std::string& file)
{
    for (const char* part : {"gdcmPixelFormat", "gdcmImage", "gdcmBitmap", "Codec"})
        if (file.find(part) != std::string::npos)
            return true;
    return false;
}

// The reader reads files by name: one memory-backed file, rewritten for every input.
int scratchFd()
{
    static const int fd = ::memfd_create("fuzz-dicom", 0);
    if (fd < 0)
        std::abort();
    return fd;
}

int runOne(const uint8_t* data, size_t size)
{
    const int fd = scratchFd();
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))
        std::abort();
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    // A small slice limit keeps each run fast; the checks are the same at any limit.
    constexpr int kMax = 512;
    const auto header = sg::core::reader::readSliceHeader(path, kMax, kMax);
    if (!header)
        return 0;
    sg::core::reader::PixelRequest request;
    request.file = path;
    request.rows = header->rows;
    request.columns = header->columns;
    request.maxRows = request.maxColumns = kMax;
    std::vector<uint16_t> pixels(static_cast<size_t>(header->rows) * static_cast<size_t>(header->columns));
    sg::core::reader::AnswerKind kind {};
    (void)sg::core::reader::decodeSlice(request, pixels.data(), kind);
    return 0;
}

} // namespace

// Takes the place of glibc's for GDCM's shared libraries (the executable's symbol wins).
extern "C" [[noreturn]] void __assert_fail(
    const char* assertion, const char* file, unsigned int line, const char* function) noexcept
{
    const std::string where = std::string(file) + ":" + std::to_string(line) + ": " + assertion;
    if (!inInput || inPixelCode(file)) { // past our checks: a finding, reported as a crash
        std::fprintf(stderr, "GDCM assert in pixel code: %s (%s)\n", where.c_str(), function);
        std::abort();
    }
    ++assertsMet()[where];
    siglongjmp(afterAssert, 1);
}

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    std::atexit(listAsserts);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (sigsetjmp(afterAssert, 0) != 0) {
        inInput = false;
        return 0;
    }
    inInput = true;
    runOne(data, size);
    inInput = false;
    return 0;
}
