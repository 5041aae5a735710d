#include "ui/viewer/DisplayOrientation.h"

#include <cmath>

namespace sg::ui {
namespace {

// The patient axis (0 = x left, 1 = y posterior, 2 = z superior; LPS) a direction is
// closest to: an oblique slice is labelled and flipped by it.
int dominantAxis(const sg::core::Vec3& v)
{
    int axis = 0;
    for (int i = 1; i < 3; ++i)
        if (std::abs(v[i]) > std::abs(v[axis]))
            axis = i;
    return axis;
}

sg::core::Vec3 negated(const sg::core::Vec3& v)
{
    return {-v[0], -v[1], -v[2]};
}

} // namespace

DisplayFlip radiologicalFlip(const sg::core::Orientation& o)
{
    const int ra = dominantAxis(o.row), ca = dominantAxis(o.column);
    DisplayFlip flip;
    // Screen right must point to the patient's left (+x) or posterior (+y, sagittal); a
    // row running along z (rare) keeps superior to the left.
    flip.horizontal = (ra == 2) ? o.row[ra] > 0 : o.row[ra] < 0;
    // Screen down must point posterior (+y, axial) or inferior (-z, sagittal and coronal).
    flip.vertical = (ca == 2) ? o.column[ca] > 0 : o.column[ca] < 0;
    return flip;
}

std::array<QString, 4> orientationMarkers(const sg::core::Orientation& o, DisplayFlip flip)
{
    auto letter = [](const sg::core::Vec3& v) {
        static const char* positive[3] = {"L", "P", "S"};
        static const char* negative[3] = {"R", "A", "I"};
        const int axis = dominantAxis(v);
        return QString::fromLatin1(v[axis] >= 0 ? positive[axis] : negative[axis]);
    };
    const sg::core::Vec3 right = flip.horizontal ? negated(o.row) : o.row;
    const sg::core::Vec3 down = flip.vertical ? negated(o.column) : o.column;
    return {letter(negated(right)), letter(right), letter(negated(down)), letter(down)};
}

} // namespace sg::ui
