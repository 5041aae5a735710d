#include "core/ml/SliceSampler.h"

#include <algorithm>
#include <cmath>

namespace sg::core {

IntensityScale robustIntensityScale(const SliceImage& slice)
{
    // A subsample of at most ~16k pixels is plenty for two percentiles and keeps this cheap.
    // Values in output units (SliceImage applies the rescale to stored 16-bit pixels).
    const size_t n = slice.pixelCount();
    const size_t stride = std::max<size_t>(1, n / 16384);
    std::vector<float> v;
    v.reserve(n / stride + 1);
    for (size_t i = 0; i < n; i += stride)
        if (const float p = slice.valueAt(i); std::isfinite(p))
            v.push_back(p);
    IntensityScale s;
    if (v.empty())
        return s;
    auto percentile = [&v](double p) {
        const auto k =
            static_cast<size_t>(std::clamp(p * static_cast<double>(v.size() - 1), 0.0, double(v.size() - 1)));
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
        return v[k];
    };
    s.low = percentile(0.02);
    s.high = percentile(0.995);
    if (!(s.high - s.low > 1e-6f * std::max(1.0f, std::abs(s.high))))
        s.high = s.low + 1; // a flat slice: everything maps to about 0, nothing to find
    return s;
}

Point2 gridToPixel(const SliceImage& slice, const SampleGrid& g, Point2 cell)
{
    const double half = 0.5 * (g.size - 1);
    const double u = (cell[0] - half) * g.spacingMm * g.zoom;
    const double v = (cell[1] - half) * g.spacingMm * g.zoom;
    const double c = std::cos(g.angle), s = std::sin(g.angle);
    const double x = c * u - s * v, y = s * u + c * v;
    return {g.centreCol + x / slice.columnSpacing, g.centreRow + y / slice.rowSpacing};
}

Point2 pixelToGrid(const SliceImage& slice, const SampleGrid& g, Point2 pixel)
{
    const double x = (pixel[0] - g.centreCol) * slice.columnSpacing;
    const double y = (pixel[1] - g.centreRow) * slice.rowSpacing;
    const double c = std::cos(g.angle), s = std::sin(g.angle);
    const double u = c * x + s * y, v = -s * x + c * y;
    const double half = 0.5 * (g.size - 1);
    return {u / (g.spacingMm * g.zoom) + half, v / (g.spacingMm * g.zoom) + half};
}

namespace {

// `value(i)` reads pixel i in output units; a template per pixel type, so the inner loop
// of the sampler has no per-pixel dispatch (SliceImage::valueAt switches on the type).
template <typename Value>
float bilinear(const SliceImage& img, const Value& value, double x, double y, float outside)
{
    if (!(x > -1 && y > -1 && x < img.columns && y < img.rows))
        return outside;
    const int x0 = static_cast<int>(std::floor(x)), y0 = static_cast<int>(std::floor(y));
    const double fx = x - x0, fy = y - y0;
    auto at = [&](int r, int c) {
        if (r < 0 || c < 0 || r >= img.rows || c >= img.columns)
            return static_cast<double>(outside);
        const float p = value(static_cast<size_t>(r) * img.columns + c);
        return std::isfinite(p) ? static_cast<double>(p) : static_cast<double>(outside);
    };
    const double top = at(y0, x0) * (1 - fx) + at(y0, x0 + 1) * fx;
    const double bottom = at(y0 + 1, x0) * (1 - fx) + at(y0 + 1, x0 + 1) * fx;
    return static_cast<float>(top * (1 - fy) + bottom * fy);
}

template <typename Value>
void sampleGridWith(
    const SliceImage& slice, const Value& value, const IntensityScale& scale, const SampleGrid& g, float* out)
{
    // Sub-samples per cell and axis: about one per source pixel, at most 3.
    const double step = g.spacingMm * g.zoom;
    const int sub =
        std::clamp(static_cast<int>(std::ceil(step / std::min(slice.rowSpacing, slice.columnSpacing) - 0.25)), 1, 3);
    const float inv = 1.0f / (scale.high - scale.low);
    const float outside = scale.low;
    const double c = std::cos(g.angle), s = std::sin(g.angle);
    // Column/row change of the pixel position per grid cell along u and v.
    const double dxu = c * step / slice.columnSpacing, dyu = s * step / slice.rowSpacing;
    const double dxv = -s * step / slice.columnSpacing, dyv = c * step / slice.rowSpacing;
    const Point2 origin = gridToPixel(slice, g, {0, 0});
    for (int gy = 0; gy < g.size; ++gy) {
        for (int gx = 0; gx < g.size; ++gx) {
            double sum = 0;
            for (int sy = 0; sy < sub; ++sy) {
                for (int sx = 0; sx < sub; ++sx) {
                    const double u = gx + (sx + 0.5) / sub - 0.5, v = gy + (sy + 0.5) / sub - 0.5;
                    sum +=
                        bilinear(slice, value, origin[0] + u * dxu + v * dxv, origin[1] + u * dyu + v * dyv, outside);
                }
            }
            const float mean = static_cast<float>(sum / (sub * sub));
            out[static_cast<size_t>(gy) * g.size + gx] = std::clamp((mean - scale.low) * inv, -1.0f, 3.0f);
        }
    }
}

} // namespace

void sampleGrid(const SliceImage& slice, const IntensityScale& scale, const SampleGrid& g, float* out)
{
    // Stored 16-bit slices are converted to output units (the rescale) as they are read.
    const float a = static_cast<float>(slice.rescaleSlope), b = static_cast<float>(slice.rescaleIntercept);
    const uint16_t* stored = slice.stored.data();
    switch (slice.type) {
    case PixelType::Int16:
        sampleGridWith(
            slice, [=](size_t i) { return a * static_cast<float>(static_cast<int16_t>(stored[i])) + b; }, scale, g,
            out);
        return;
    case PixelType::UInt16:
        sampleGridWith(
            slice, [=](size_t i) { return a * static_cast<float>(stored[i]) + b; }, scale, g, out);
        return;
    case PixelType::Float32: break;
    }
    const float* pixels = slice.pixels.data();
    sampleGridWith(
        slice, [=](size_t i) { return pixels[i]; }, scale, g, out);
}

SampleGrid centredGrid(const SliceImage& slice, int size, double spacingMm)
{
    SampleGrid g;
    g.size = size;
    g.spacingMm = spacingMm;
    g.centreCol = 0.5 * (slice.columns - 1);
    g.centreRow = 0.5 * (slice.rows - 1);
    return g;
}

SliceImage canvasImage(std::vector<float> values, int size, double spacingMm)
{
    SliceImage img;
    img.rows = img.columns = size;
    img.rowSpacing = img.columnSpacing = spacingMm;
    img.pixels = std::move(values);
    return img;
}

} // namespace sg::core
