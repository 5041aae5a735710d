#pragma once
// The item set of a project and each analyzer's order through it. Both analyzers label the
// same items; each meets them in an order of their own, so neither learns from sequence.
#include "core/store/ProjectStore.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sg::core {

// A small, fully specified RNG (splitmix64), so a seed means the same sample on every
// platform and standard library (std::shuffle and the std distributions do not promise that).
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) { }
    std::uint64_t next();
    std::uint64_t below(std::uint64_t n); // uniform in [0, n), n > 0
private:
    std::uint64_t m_state;
};

// Fisher-Yates with SplitMix64.
void seededShuffle(std::vector<std::int64_t>& values, std::uint64_t seed);
// The seed of an analyzer's order: the project's seed mixed with the analyzer's name.
std::uint64_t analyzerSeed(std::uint64_t projectSeed, const std::string& analyzerName);

struct WorklistOptions {
    int perLevel = 0; // 0: every slice; N: N slices per level of each study (all if fewer)
    std::uint64_t seed = 1;
};

struct WorklistSummary {
    int items = 0;
    std::vector<LevelProgress> perLevel; // `total` is the item count of each level; `done` is 0
};

// Replaces the item set and every analyzer's order. Refused once labeling has started
// (labels or predictions refer to the items), so no label ever loses its item.
Result<WorklistSummary> buildWorklist(ProjectStore& store, const WorklistOptions& options);

// The analyzer's entries in their order: first reads and the re-reads scheduled among them
// (RereadSchedule.h). Only the store and the statistics tell a re-read from a first read.
Result<std::vector<WorklistEntry>> worklistEntries(ProjectStore& store, const Analyzer& analyzer);
// The analyzer's items in their order (an item read again appears again).
Result<std::vector<std::int64_t>> worklistOrder(ProjectStore& store, const Analyzer& analyzer);
// The first entry in the analyzer's order without its label; nullopt when all are done.
Result<std::optional<WorklistEntry>> nextEntry(ProjectStore& store, const Analyzer& analyzer);
Result<std::optional<Item>> nextItem(ProjectStore& store, const Analyzer& analyzer);
// Done (labeled by this analyzer) / total entries, overall and per level.
Result<WorklistProgress> progress(ProjectStore& store, const Analyzer& analyzer);

} // namespace sg::core
