#pragma once
// What the program agrees to read from a DICOM folder. Every limit refuses with a reason
// that names the file and the limit, so a user knows which switch to change.
#include <cstdint>
#include <string>

namespace sg::core {

struct ReaderLimits {
    int maxRows = 4096; // slice dimensions, checked in the header before any pixel is decoded
    int maxColumns = 4096;
    uint64_t maxStudyBytes = 0; // decoded pixels of one study (2 bytes a pixel); 0: a quarter of physical memory
    double fileSeconds = 30; // one file's read or decode
    double scanSeconds = 600; // a whole folder's header scan
};

uint64_t physicalMemoryBytes();
uint64_t studyByteLimit(const ReaderLimits& limits); // maxStudyBytes, or its default
std::string sliceLimitText(const ReaderLimits& limits); // "4096x4096"
// RLIMIT_AS of a reader process: its libraries plus a few copies of the largest slice allowed.
uint64_t readerAddressSpace(const ReaderLimits& limits);

} // namespace sg::core
