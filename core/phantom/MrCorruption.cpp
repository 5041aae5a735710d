#include "core/phantom/MrCorruption.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sg::core {

void applyTissueTexture(std::vector<float>& image, int size, double pixelSpacing, PhantomRng& rng)
{
    // A sum of separable plane waves cos(kx x + a) cos(ky y + b): per-row and per-column
    // tables keep it to a few multiply-adds per pixel.
    constexpr int kWaves = 4;
    std::vector<float> byCol(static_cast<size_t>(kWaves) * static_cast<size_t>(size)),
        byRow(static_cast<size_t>(kWaves) * static_cast<size_t>(size));
    for (int w = 0; w < kWaves; ++w) {
        const double amplitude = rng.uniform(0.012, 0.025);
        const double kx = 2 * std::numbers::pi / rng.uniform(10, 40), ky = 2 * std::numbers::pi / rng.uniform(10, 40);
        const double px = rng.uniform(0, 2 * std::numbers::pi), py = rng.uniform(0, 2 * std::numbers::pi);
        for (int i = 0; i < size; ++i) {
            byCol[static_cast<size_t>(w) * static_cast<size_t>(size) + static_cast<size_t>(i)] =
                static_cast<float>(amplitude * std::cos(kx * i * pixelSpacing + px));
            byRow[static_cast<size_t>(w) * static_cast<size_t>(size) + static_cast<size_t>(i)] =
                static_cast<float>(std::cos(ky * i * pixelSpacing + py));
        }
    }
    for (int r = 0; r < size; ++r) {
        float* row = image.data() + static_cast<size_t>(r) * size;
        for (int c = 0; c < size; ++c) {
            float t = 1.0f;
            for (int w = 0; w < kWaves; ++w)
                t += byCol[static_cast<size_t>(w) * static_cast<size_t>(size) + static_cast<size_t>(c)] *
                    byRow[static_cast<size_t>(w) * static_cast<size_t>(size) + static_cast<size_t>(r)];
            row[c] *= t;
        }
    }
}

void blurPointSpread(std::vector<float>& image, int size)
{
    std::vector<float> tmp(image.size());
    const auto at = [size](int i) { return std::clamp(i, 0, size - 1); };
    for (int r = 0; r < size; ++r) {
        const float* src = image.data() + static_cast<size_t>(r) * size;
        float* dst = tmp.data() + static_cast<size_t>(r) * size;
        for (int c = 0; c < size; ++c)
            dst[c] = (src[at(c - 1)] + 4 * src[c] + src[at(c + 1)]) * (1.0f / 6.0f);
    }
    for (int r = 0; r < size; ++r) {
        const float* up = tmp.data() + static_cast<size_t>(at(r - 1)) * size;
        const float* mid = tmp.data() + static_cast<size_t>(r) * size;
        const float* down = tmp.data() + static_cast<size_t>(at(r + 1)) * size;
        float* dst = image.data() + static_cast<size_t>(r) * size;
        for (int c = 0; c < size; ++c)
            dst[c] = (up[c] + 4 * mid[c] + down[c]) * (1.0f / 6.0f);
    }
}

void applyBiasField(std::vector<float>& image, int size, const PatientAnatomy& a)
{
    // Separable: exp(f(x) + g(y)) = exp(f(x)) exp(g(y)); two small tables, no per-pixel exp.
    const double s = a.biasStrength;
    std::vector<float> byCol(static_cast<size_t>(size)), byRow(static_cast<size_t>(size));
    for (int i = 0; i < size; ++i) {
        const double t = 2.0 * i / (size - 1) - 1.0; // -1 .. 1 across the field of view
        byCol[static_cast<size_t>(i)] =
            static_cast<float>(std::exp(s * (0.35 * std::sin(a.biasAngle) * t - 0.3 * t * t)));
        byRow[static_cast<size_t>(i)] = static_cast<float>(std::exp(s * (0.6 * t - 0.3 * t * t + 0.15)));
    }
    for (int r = 0; r < size; ++r) {
        float* row = image.data() + static_cast<size_t>(r) * size;
        for (int c = 0; c < size; ++c)
            row[c] *= byRow[static_cast<size_t>(r)] * byCol[static_cast<size_t>(c)];
    }
}

std::vector<int16_t> addRicianNoise(const std::vector<float>& image, double sigma, PhantomRng& rng)
{
    std::vector<int16_t> out(image.size());
    for (size_t i = 0; i < image.size(); ++i) {
        double re, im;
        rng.normalPair(re, im);
        const double x = image[i] + sigma * re, y = sigma * im;
        const double m = std::sqrt(x * x + y * y);
        out[i] = static_cast<int16_t>(std::min(32767.0, std::round(m)));
    }
    return out;
}

} // namespace sg::core
