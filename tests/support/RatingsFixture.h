#pragma once
// A project with ratings that look like a real agreement study, for the dashboard's tests,
// its benchmark and its screenshot: two analyzers ("ana", "bob") who agree about 90% of the
// time on a grade distribution like the paper's (A ~76%, B ~17%, C ~5%, D ~2%), cord slices
// mostly at L1/L2, bob leaving some items unlabeled, a classifier ("cnn") saved as
// predictions, a lead ("lead") and consensus on some disagreements. No DICOM is read: the
// scan is in memory (ProjectFixture), which is all the store and the statistics need.
#include "core/store/ProjectStore.h"

#include <cstdint>
#include <memory>
#include <string>

namespace sg::test {

struct RatedProjectOptions {
    int studies = 6;
    int slicesPerStack = 4; // five levels per study
    double bobLabeled = 0.93; // share of items bob has labeled
    int consensusItems = 12; // disagreements the lead decided
    std::uint64_t seed = 7;
};

// Creates the project at `path` (synchronous=NORMAL: thousands of saves in seconds).
// Returns null and sets `error` on failure.
std::unique_ptr<sg::core::ProjectStore> makeRatedProject(
    const std::string& path, const RatedProjectOptions& options, std::string& error);

} // namespace sg::test
