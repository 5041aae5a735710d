#include "core/study/Study.h"

namespace sg::core {

Vec3 Stack::center() const
{
    if (slices.empty())
        return {};
    const Vec3 mid = 0.5 * (slices.front().position + slices.back().position);
    const double halfWidth = 0.5 * (columns - 1) * columnSpacing;
    const double halfHeight = 0.5 * (rows - 1) * rowSpacing;
    return mid + halfWidth * orientation.row + halfHeight * orientation.column;
}

int Series::sliceCount() const
{
    int n = 0;
    for (const Stack& s : stacks)
        n += static_cast<int>(s.slices.size());
    return n;
}

int ScanResult::sliceCount() const
{
    int n = 0;
    for (const Study& st : studies)
        for (const Series& se : st.series)
            n += se.sliceCount();
    return n;
}

} // namespace sg::core
