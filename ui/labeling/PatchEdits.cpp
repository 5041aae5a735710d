#include "ui/labeling/PatchEdits.h"

#include <algorithm>
#include <cmath>

namespace sg::ui {

sg::core::Patch patchCentredAt(double column, double row, double w, double h)
{
    return {std::round(column - 0.5 * w), std::round(row - 0.5 * h), w, h};
}

sg::core::Patch resizedPatch(const sg::core::Patch& patch, double delta)
{
    const double w = std::max(kMinPatchSide, patch.w + delta), h = std::max(kMinPatchSide, patch.h + delta);
    sg::core::Patch p = patch;
    p.x -= std::floor(0.5 * (w - p.w));
    p.y -= std::floor(0.5 * (h - p.h));
    p.w = w;
    p.h = h;
    return p;
}

} // namespace sg::ui
