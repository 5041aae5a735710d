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

// One plane wave of a smooth displacement field: `amplitude` mm along x (alongX) or y,
// times cos(kx x + phaseX) cos(ky y + phaseY), x and y in mm.
struct WarpWave {
    double amplitude = 0, kx = 0, ky = 0, phaseX = 0, phaseY = 0;
    bool alongX = true;
};

struct SliceScene {
    std::vector<SceneEllipse> shapes;
    std::vector<WarpWave> warp; // bends every outline a little: bodies are not ellipses
    double nominalSacWidth = 18; // mm, sizes the ground-truth patch
};

SliceScene buildSliceScene(const PatientAnatomy& anatomy, const SlicePlacement& placement);

} // namespace sg::core
