#pragma once
// Blinded re-reads for intra-rater reliability: a share of an analyzer's items comes back
// later in their own order, at least `gap` entries after the first read. Nothing in the
// entry an analyzer sees marks it: it is an ordinary place in the order.
#include "core/store/ProjectTypes.h"

#include <cstdint>
#include <vector>

namespace sg::core {

inline constexpr double kMaxRereadShare = 0.5;

// How many of `items` are read again: share x items, rounded to the nearest, at most all.
int rereadCount(int items, double share);
// The gap the schedule keeps: `wanted`, or less when the worklist is too short to place
// every re-read that far behind its first read (never below 1).
int effectiveRereadGap(int items, int rereads, int wanted);

// The order with re-reads: `firstReads` (already shuffled) keeps its order, and each chosen
// item's re-read is inserted at a seeded position >= gap entries after its first read. The
// same inputs and seed always give the same schedule; share 0 returns the first reads as
// they are.
std::vector<WorklistEntry> scheduleRereads(
    const std::vector<std::int64_t>& firstReads, const RereadSettings& settings, std::uint64_t seed);

} // namespace sg::core
