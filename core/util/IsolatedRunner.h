#pragma once
// Runs work that may crash (third-party parsers meeting foreign files: GDCM aborts on
// assertions) in forked child processes. A crash or hang costs the one item it happened
// on, reported as an error; the rest goes on in a fresh child.
#include "core/util/Result.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace sg::core {

struct IsolatedOptions {
    int processes = 1; // children working at once, each on its share of items
    int itemTimeoutSeconds = 30; // an item taking longer is taken as hung and killed
    std::function<void(int done, int total)> progress; // called in the calling thread
    const std::atomic<bool>* cancel = nullptr;
    // What to call an item the child died on ("the DICOM reader crashed on this file").
    std::string crashMessage = "the reader crashed on this input";
};

// `work(i)` runs in a child and returns a payload string (sent back) or an error.
// Items never reached because of cancel are errors "cancelled".
std::vector<Result<std::string>> runIsolated(
    int count, const std::function<Result<std::string>(int)>& work, const IsolatedOptions& options = {});

} // namespace sg::core
