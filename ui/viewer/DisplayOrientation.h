#pragma once
// How a slice is turned for display: the radiological convention (the patient's right on
// the screen's left, anterior up) and the letters on the screen edges. Pure geometry.
#include "core/study/Geometry.h"

#include <QString>

#include <array>

namespace sg::ui {

// How stored pixels are flipped so the patient's right is on screen left and anterior
// up (the radiological convention), whatever the row/column directions of the file.
struct DisplayFlip {
    bool horizontal = false;
    bool vertical = false;
};
DisplayFlip radiologicalFlip(const sg::core::Orientation& orientation);

// Screen-edge letters (left, right, top, bottom) for a displayed orientation: R/L/A/P/S/I
// of the dominant patient axis, e.g. {"R","L","A","P"} for a standard axial slice.
std::array<QString, 4> orientationMarkers(const sg::core::Orientation& orientation, DisplayFlip flip);

} // namespace sg::ui
