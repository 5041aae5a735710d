#pragma once
// The anatomy of one axial slice as a painter's list of ellipses (later ones cover
// earlier ones), in image-plane millimetres: origin at the image centre, x toward the
// patient's left (image columns), y toward posterior (image rows).
#include "core/phantom/PatientAnatomy.h"
#include "core/phantom/Tissue.h"

#include <vector>

namespace sg::core {

struct SceneEllipse {
    double cx = 0, cy = 0;
    double rx = 1, ry = 1; // semi-axes; rx lies along `angle` (radians from +x)
    double angle = 0;
    Tissue tissue = Tissue::Air;
    float signal = 0;
    uint32_t over = kAnyTissue; // tissues this shape may cover (tissueBit mask)
};

struct SliceScene {
    std::vector<SceneEllipse> shapes;
    double nominalSacWidth = 18; // mm, sizes the ground-truth patch
};

SliceScene buildSliceScene(const PatientAnatomy& anatomy, const SlicePlacement& placement);

} // namespace sg::core
