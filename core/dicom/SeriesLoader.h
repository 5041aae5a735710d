#pragma once
// Loads every slice of a series through the DICOM reader helpers, with progress and cancel.
// A slice that cannot be read is skipped with its reason; the rest loads.
#include "core/dicom/ReaderLimits.h"
#include "core/study/SliceImage.h"
#include "core/study/Study.h"
#include "core/util/Progress.h"

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
    bool cancelled = false; // the progress was cancelled: slices not read are empty, not failed
};

struct LoadControl {
    int threads = 0; // reader processes at once; 0: one per core
    ReaderLimits limits;
    // Decoded bytes of the study so far, shared by the calls for its series, checked
    // against limits.maxStudyBytes; null: this series alone counts.
    uint64_t* studyBytes = nullptr;
};

// `series` must outlive the result (LoadedStack points into it). `progress` hears (slices
// done, slices total).
LoadedSeries loadSeries(const Series& series, const LoadControl& control = {}, Progress& progress = Progress::none());

} // namespace sg::core
