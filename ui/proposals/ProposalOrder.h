#pragma once
// In which order the CNN runs over a study: what is on screen first, then what the user is
// likely to look at next. Plain functions, no Qt: the worker takes the order as given.
#include <vector>

namespace sg::ui {

// Where a slice sits in the viewer: series, stack (one disc level) and slice in the stack.
struct SlicePlace {
    int series = 0;
    int stack = 0;
    int slice = 0;
    bool operator==(const SlicePlace&) const = default;
};

// Indices into `places`: the current slice, then the rest of its stack (nearest first), then
// the other stacks of its series (nearest level first), then the other series.
std::vector<int> viewerOrder(const std::vector<SlicePlace>& places, const SlicePlace& current);

// Worklist positions 0..count-1: the current item, the items after it in the analyzer's
// order (what "save and next" shows), then the ones before it.
std::vector<int> worklistOrder(int count, int current);

} // namespace sg::ui
