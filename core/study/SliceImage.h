#pragma once
// Pixels of one slice, rescaled to output units, with full geometry.
#include "core/study/Geometry.h"

#include <optional>
#include <vector>

namespace sg::core {

struct SliceImage {
    int rows = 0;
    int columns = 0;
    double rowSpacing = 1.0;
    double columnSpacing = 1.0;
    Vec3 origin {}; // centre of pixel (row 0, column 0) in LPS
    Orientation orientation;
    std::optional<WindowLevel> headerWindow;
    std::vector<float> pixels; // row-major, rows * columns, slope/intercept applied

    float at(int row, int column) const { return pixels[static_cast<size_t>(row) * columns + column]; }
    bool empty() const { return pixels.empty(); }
};

} // namespace sg::core
