#pragma once
// Loads every slice of a series, in parallel, with progress and cancel.
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
    int threads = 0; // 0: one per core
};

// `series` must outlive the result (LoadedStack points into it).
LoadedSeries loadSeries(const Series& series, const LoadControl& control = {});

} // namespace sg::core
