#pragma once
// Loads every slice of a series through the DICOM reader helpers, with progress and cancel.
// A slice that cannot be read is skipped with its reason; the rest loads.
#include "core/dicom/ReaderLimits.h"
#include "core/study/SliceImage.h"
#include "core/study/Study.h"

#include <atomic>
#include <functional>
#include <vector>

namespace sg::core {

struct LoadedStack {
    const Stack* stack = nullptr;
    std::vector<SliceImage> slices; // parallel to stack->slices; an unreadable slice stays empty()
};

struct LoadedSeries {
    std::vector<LoadedStack> stacks;
    std::vector<SkippedFile> failed; // slices whose pixels could not be read, with reasons
    bool cancelled = false;
};

struct LoadControl {
    std::function<void(int done, int total)> progress; // called from worker threads
    const std::atomic<bool>* cancel = nullptr;
    int threads = 0; // reader processes at once; 0: one per core
    ReaderLimits limits;
    // Decoded bytes of the study so far, shared by the calls for its series, checked
    // against limits.maxStudyBytes; null: this series alone counts.
    uint64_t* studyBytes = nullptr;
};

// `series` must outlive the result (LoadedStack points into it).
LoadedSeries loadSeries(const Series& series, const LoadControl& control = {});

} // namespace sg::core
