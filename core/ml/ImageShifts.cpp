#include "core/ml/ImageShifts.h"

#include "core/ml/SliceSampler.h"

#include <algorithm>
#include <cmath>

namespace sg::core {
namespace {

double uniform(std::mt19937_64& rng, double a, double b)
{
    return std::uniform_real_distribution<double>(a, b)(rng);
}

SliceImage asFloat(const SliceImage& slice)
{
    SliceImage out = slice;
    out.pixels = slice.toFloat();
    out.stored.clear();
    out.type = PixelType::Float32;
    out.rescaleSlope = 1;
    out.rescaleIntercept = 0;
    return out;
}

void noise(SliceImage& img, std::mt19937_64& rng)
{
    const IntensityScale s = robustIntensityScale(img);
    std::normal_distribution<float> n(0.0f, static_cast<float>(uniform(rng, 0.08, 0.15) * s.high));
    for (float& v : img.pixels) {
        const float re = v + n(rng), im = n(rng);
        v = std::sqrt(re * re + im * im); // magnitude image: Rician
    }
}

void biasField(SliceImage& img, std::mt19937_64& rng)
{
    const double angle = uniform(rng, 0, 6.2832), ratio = uniform(rng, 3, 6);
    const double ux = std::cos(angle), uy = std::sin(angle);
    const double curve = uniform(rng, -0.5, 0.5);
    for (int r = 0; r < img.rows; ++r)
        for (int c = 0; c < img.columns; ++c) {
            const double x = 2.0 * c / (img.columns - 1) - 1, y = 2.0 * r / (img.rows - 1) - 1;
            const double t = 0.5 * (ux * x + uy * y) / std::sqrt(2.0) + 0.5 + curve * (x * x + y * y) / 4; // ~0..1
            img.pixels[static_cast<size_t>(r) * img.columns + c] *= static_cast<float>(std::pow(ratio, t - 0.5));
        }
}

void contrast(SliceImage& img, std::mt19937_64& rng)
{
    const IntensityScale s = robustIntensityScale(img);
    const double gamma = uniform(rng, 0, 1) < 0.5 ? uniform(rng, 0.45, 0.6) : uniform(rng, 1.8, 2.5);
    const double range = s.high - s.low;
    for (float& v : img.pixels) {
        const double u = std::clamp((v - s.low) / range, 0.0, 1.5);
        v = static_cast<float>(s.low + range * std::pow(u, gamma));
    }
}

void resolution(SliceImage& img, std::mt19937_64& rng)
{
    const int f = std::uniform_int_distribution<int>(3, 4)(rng);
    const int rows = (img.rows + f - 1) / f, cols = (img.columns + f - 1) / f;
    std::vector<float> small(static_cast<size_t>(rows) * cols, 0.0f);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            double sum = 0;
            int n = 0;
            for (int y = r * f; y < std::min(img.rows, (r + 1) * f); ++y)
                for (int x = c * f; x < std::min(img.columns, (c + 1) * f); ++x, ++n)
                    sum += img.pixels[static_cast<size_t>(y) * img.columns + x];
            small[static_cast<size_t>(r) * cols + c] = static_cast<float>(sum / std::max(1, n));
        }
    for (int y = 0; y < img.rows; ++y)
        for (int x = 0; x < img.columns; ++x) {
            const double sy = std::clamp((y + 0.5) / f - 0.5, 0.0, rows - 1.0);
            const double sx = std::clamp((x + 0.5) / f - 0.5, 0.0, cols - 1.0);
            const int y0 = static_cast<int>(sy), x0 = static_cast<int>(sx);
            const int y1 = std::min(y0 + 1, rows - 1), x1 = std::min(x0 + 1, cols - 1);
            const double fy = sy - y0, fx = sx - x0;
            auto at = [&](int yy, int xx) { return small[static_cast<size_t>(yy) * cols + xx]; };
            img.pixels[static_cast<size_t>(y) * img.columns + x] = static_cast<float>(
                (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x1)) + fy * ((1 - fx) * at(y1, x0) + fx * at(y1, x1)));
        }
}

void motion(SliceImage& img, std::mt19937_64& rng)
{
    // Periodic motion during phase encoding puts ghosts of the anatomy at multiples of a
    // fixed offset along the phase direction, wrapped around the field of view.
    const std::vector<float> original = img.pixels;
    const int offset = std::max(2, static_cast<int>(img.rows * uniform(rng, 0.08, 0.2)));
    const double weight = uniform(rng, 0.15, 0.3);
    for (int r = 0; r < img.rows; ++r)
        for (int c = 0; c < img.columns; ++c) {
            const int up = (r + offset) % img.rows, down = (r - offset + img.rows) % img.rows;
            const size_t i = static_cast<size_t>(r) * img.columns + c;
            img.pixels[i] = static_cast<float>((1 - weight) * original[i] +
                0.5 * weight *
                    (original[static_cast<size_t>(up) * img.columns + c] +
                        original[static_cast<size_t>(down) * img.columns + c]));
        }
}

} // namespace

const std::vector<ImageShift>& allImageShifts()
{
    static const std::vector<ImageShift> all {ImageShift::None, ImageShift::Noise, ImageShift::BiasField,
        ImageShift::Contrast, ImageShift::Resolution, ImageShift::Motion};
    return all;
}

std::string imageShiftName(ImageShift shift)
{
    switch (shift) {
    case ImageShift::None: return "in distribution";
    case ImageShift::Noise: return "noise (Rician 8-15%)";
    case ImageShift::BiasField: return "bias field (3-6x)";
    case ImageShift::Contrast: return "contrast (gamma 0.45-0.6, 1.8-2.5)";
    case ImageShift::Resolution: return "resolution (1/3-1/4, upsampled)";
    case ImageShift::Motion: return "motion (ghosts 15-30%)";
    }
    return "?";
}

SliceImage applyImageShift(const SliceImage& slice, ImageShift shift, std::mt19937_64& rng)
{
    SliceImage img = asFloat(slice);
    if (img.rows < 2 || img.columns < 2 || img.pixels.size() != size_t(img.rows) * size_t(img.columns))
        return img;
    switch (shift) {
    case ImageShift::None: break;
    case ImageShift::Noise: noise(img, rng); break;
    case ImageShift::BiasField: biasField(img, rng); break;
    case ImageShift::Contrast: contrast(img, rng); break;
    case ImageShift::Resolution: resolution(img, rng); break;
    case ImageShift::Motion: motion(img, rng); break;
    }
    return img;
}

} // namespace sg::core
