#include "core/store/RereadSchedule.h"

#include "core/store/Worklist.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace sg::core {

int rereadCount(int items, double share)
{
    if (items <= 0 || !(share > 0))
        return 0;
    const double clamped = std::min(share, kMaxRereadShare);
    return std::min(items, static_cast<int>(std::lround(clamped * items)));
}

int effectiveRereadGap(int items, int rereads, int wanted)
{
    // A re-read whose first read sits at p and which is inserted after the first read at
    // q >= p + gap - 1 is >= gap entries later. First reads then come from [0, items - gap],
    // which must hold `rereads` of them: gap <= items - rereads + 1.
    return std::max(1, std::min(wanted, items - rereads + 1));
}

std::vector<WorklistEntry> scheduleRereads(
    const std::vector<std::int64_t>& firstReads, const RereadSettings& settings, std::uint64_t seed)
{
    const int n = static_cast<int>(firstReads.size());
    const int k = rereadCount(n, settings.share);
    std::vector<WorklistEntry> out;
    out.reserve(static_cast<size_t>(n + k));
    if (k == 0) {
        for (std::int64_t id : firstReads)
            out.push_back({id, ReadKind::First});
        return out;
    }
    const int gap = effectiveRereadGap(n, k, settings.gap);
    // Which first reads come back: k of the positions that leave room for the gap.
    std::vector<std::int64_t> candidates;
    for (int p = 0; p <= n - gap; ++p)
        candidates.push_back(p);
    SplitMix64 rng(seed ^ 0x5245524541440000ULL); // "REREAD": apart from the order's own draws
    seededShuffle(candidates, rng.next());
    candidates.resize(static_cast<size_t>(k));
    std::sort(candidates.begin(), candidates.end());
    // Each re-read goes after the first read at q, uniform in [p + gap - 1, n - 1]; re-reads
    // inserted in between only add distance.
    std::multimap<int, std::int64_t> after;
    for (std::int64_t p : candidates) {
        const int low = static_cast<int>(p) + gap - 1;
        const int q = low + static_cast<int>(rng.below(static_cast<std::uint64_t>(n - low)));
        after.emplace(q, firstReads[static_cast<size_t>(p)]);
    }
    for (int i = 0; i < n; ++i) {
        out.push_back({firstReads[static_cast<size_t>(i)], ReadKind::First});
        const auto [from, to] = after.equal_range(i);
        for (auto it = from; it != to; ++it)
            out.push_back({it->second, ReadKind::Reread});
    }
    return out;
}

} // namespace sg::core
