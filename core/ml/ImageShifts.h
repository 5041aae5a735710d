#pragma once
// Acquisition shifts beyond the training's augmentation (which is gain 0.85-1.15, offset
// +-0.05 and Gaussian noise up to 0.04 of the normalised range): the held-out conditions
// temperature scaling is fitted on and the ECE is reported under (`spinegrade-cli calibrate`).
#include "core/study/SliceImage.h"

#include <random>
#include <string>
#include <vector>

namespace sg::core {

enum class ImageShift {
    None, // in distribution
    Noise, // Rician noise, sigma 8-15% of the robust maximum (the phantom's is 2-3.5%)
    BiasField, // smooth multiplicative shading, 3-6x from one corner to the other
    Contrast, // gamma 0.45-0.6 or 1.8-2.5 on the normalised intensities
    Resolution, // box-averaged down by 3-4x, bilinear back up: a thick, coarse acquisition
    Motion, // ghosting: shifted copies along the phase-encoding (row) direction, 15-30% each
};

const std::vector<ImageShift>& allImageShifts(); // None first
std::string imageShiftName(ImageShift shift); // "in distribution", "noise", ...

// The slice as it would look under the shift; Float32 pixels, same geometry.
SliceImage applyImageShift(const SliceImage& slice, ImageShift shift, std::mt19937_64& rng);

} // namespace sg::core
