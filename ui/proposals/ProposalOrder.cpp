#include "ui/proposals/ProposalOrder.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace sg::ui {

std::vector<int> viewerOrder(const std::vector<SlicePlace>& places, const SlicePlace& current)
{
    std::vector<int> order(places.size());
    for (size_t i = 0; i < places.size(); ++i)
        order[i] = static_cast<int>(i);
    // Lexicographic distance: other series last, then stack distance, then slice distance.
    auto rank = [&](int i) {
        const SlicePlace& p = places[static_cast<size_t>(i)];
        const bool otherSeries = p.series != current.series;
        const int stackDistance = otherSeries ? 0 : std::abs(p.stack - current.stack);
        const int sliceDistance = otherSeries || p.stack != current.stack ? 0 : std::abs(p.slice - current.slice);
        return std::make_tuple(otherSeries, stackDistance, sliceDistance, otherSeries ? p.series : 0, p.stack, p.slice);
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return rank(a) < rank(b); });
    return order;
}

std::vector<int> worklistOrder(int count, int current)
{
    std::vector<int> order;
    if (count <= 0)
        return order;
    current = std::clamp(current, 0, count - 1);
    order.reserve(static_cast<size_t>(count));
    for (int p = current; p < count; ++p)
        order.push_back(p);
    for (int p = current - 1; p >= 0; --p)
        order.push_back(p);
    return order;
}

} // namespace sg::ui
