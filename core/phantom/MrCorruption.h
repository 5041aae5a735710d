#pragma once
// What a scanner does to the ideal signal: blur from the point-spread function, coil
// shading (bias field), Rician noise of a magnitude image, then int16 storage.
#include "core/phantom/PatientAnatomy.h"
#include "core/phantom/PhantomRandom.h"

#include <cstdint>
#include <vector>

namespace sg::core {

// Tissue heterogeneity: a few percent of smooth ripple (10-40 mm wavelengths), so no
// tissue is a flat colour.
void applyTissueTexture(std::vector<float>& image, int size, double pixelSpacing, PhantomRng& rng);

// Mild separable blur (1 4 1)/6: a pixel's signal leaks into its neighbours.
void blurPointSpread(std::vector<float>& image, int size);

// Multiplies by a smooth shading field, brighter toward the spine coil behind the patient.
void applyBiasField(std::vector<float>& image, int size, const PatientAnatomy& anatomy);

// Magnitude of (signal + complex Gaussian noise), rounded into int16 (clamped to 0..32767).
std::vector<int16_t> addRicianNoise(const std::vector<float>& image, double sigma, PhantomRng& rng);

} // namespace sg::core
