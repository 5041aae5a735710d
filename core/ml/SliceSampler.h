#pragma once
// The networks see every slice on a fixed millimetre grid with a per-slice robust intensity
// scale, so pixel size, field of view and the scanner's scaling do not matter. Plain C++:
// the same sampler feeds training, augmentation (rotation, shift, scale) and inference.
#include "core/study/SliceImage.h"

#include <array>
#include <vector>

namespace sg::core {

// Low and high robust percentiles of a slice's pixels; normalised = (v - low) / (high - low).
struct IntensityScale {
    float low = 0;
    float high = 1;
};

// Percentiles 2 and 99.5 of (a strided subsample of) the pixels; never a zero range.
IntensityScale robustIntensityScale(const SliceImage& slice);

// A square grid of `size` cells `spacingMm` apart, centred on (centreCol, centreRow) pixels
// of the slice, rotated by `angle` radians and zoomed by `zoom` (augmentation only).
struct SampleGrid {
    int size = 64;
    double spacingMm = 1.0;
    double centreCol = 0;
    double centreRow = 0;
    double angle = 0;
    double zoom = 1.0;
};

using Point2 = std::array<double, 2>; // (x, y) = (column, row)

Point2 gridToPixel(const SliceImage& slice, const SampleGrid& grid, Point2 cell);
Point2 pixelToGrid(const SliceImage& slice, const SampleGrid& grid, Point2 pixel);

// Bilinear samples of the normalised slice on the grid (area-averaged when the grid is much
// coarser than the pixels, so downsampling does not alias); outside the slice is 0.
// `out` receives size*size values, row-major.
void sampleGrid(const SliceImage& slice, const IntensityScale& scale, const SampleGrid& grid, float* out);

// A grid centred on the middle of the slice (the localizer's view).
SampleGrid centredGrid(const SliceImage& slice, int size, double spacingMm);

// A slice whose pixels are `values` on a square grid `spacingMm` apart (training canvases).
SliceImage canvasImage(std::vector<float> values, int size, double spacingMm);

} // namespace sg::core
