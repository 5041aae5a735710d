#pragma once
// Paints a slice scene into a float image with partial-volume edges: each pixel is the
// mean signal of its supersamples, so a boundary pixel mixes its tissues as a voxel does.
#include "core/phantom/SliceScene.h"

#include <vector>

namespace sg::core {

struct RasterizedSlice {
    int size = 0;
    std::vector<float> pixels; // row-major size*size, noise-free signal
    bool hasSac = false;
    double sacCol = 0; // centroid of the dural sac contents, pixel units
    double sacRow = 0;
    double csfAreaMm2 = 0; // exact CSF area inside the sac (from the tissue map)
    double sacAreaMm2 = 0;
};

// `supersample` samples per pixel side (2 is the speed/quality balance used).
RasterizedSlice rasterizeSlice(const SliceScene& scene, int size, double pixelSpacing, int supersample = 2);

} // namespace sg::core
