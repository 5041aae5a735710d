#include "core/phantom/SliceRasterizer.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace sg::core {
namespace {

// Fills the row spans of one ellipse: per sample row the inside is one interval of x,
// found from the ellipse's quadratic form, so no per-sample inside test is needed.
void paintEllipse(std::vector<uint16_t>& labels, const std::vector<SceneEllipse>& shapes, uint16_t index, int n,
    double samplesPerMm, double originSample)
{
    const SceneEllipse& e = shapes[index];
    const double c = std::cos(e.angle), s = std::sin(e.angle);
    const double irx2 = 1.0 / (e.rx * e.rx), iry2 = 1.0 / (e.ry * e.ry);
    // Q(x, y) = A x^2 + B x y + C y^2 <= 1 in mm relative to the centre.
    const double A = c * c * irx2 + s * s * iry2;
    const double B = 2 * c * s * (irx2 - iry2);
    const double C = s * s * irx2 + c * c * iry2;
    const double halfH = std::sqrt(e.rx * e.rx * s * s + e.ry * e.ry * c * c);
    const int r0 = std::max(0, static_cast<int>(std::floor((e.cy - halfH) * samplesPerMm + originSample)));
    const int r1 = std::min(n - 1, static_cast<int>(std::ceil((e.cy + halfH) * samplesPerMm + originSample)));
    for (int r = r0; r <= r1; ++r) {
        const double y = (r - originSample) / samplesPerMm - e.cy;
        const double disc = B * B * y * y - 4 * A * (C * y * y - 1);
        if (disc < 0)
            continue;
        const double root = std::sqrt(disc);
        const double xa = (-B * y - root) / (2 * A) + e.cx, xb = (-B * y + root) / (2 * A) + e.cx;
        const int c0 = std::max(0, static_cast<int>(std::ceil(xa * samplesPerMm + originSample)));
        const int c1 = std::min(n - 1, static_cast<int>(std::floor(xb * samplesPerMm + originSample)));
        if (c0 > c1)
            continue;
        uint16_t* row = labels.data() + static_cast<size_t>(r) * n;
        if (e.over == kAnyTissue) {
            std::fill(row + c0, row + c1 + 1, index);
            continue;
        }
        for (int col = c0; col <= c1; ++col)
            if (e.over & tissueBit(shapes[row[col]].tissue))
                row[col] = index;
    }
}

// Resamples the label map through the scene's displacement field (nearest label, so
// tissues stay tissues). Each wave is separable: per-column and per-row tables.
void warpLabels(
    std::vector<uint16_t>& labels, const std::vector<WarpWave>& warp, int n, double samplesPerMm, double originSample)
{
    if (warp.empty())
        return;
    const size_t w = warp.size(), un = static_cast<size_t>(n);
    std::vector<float> byCol(w * un), byRow(w * un);
    for (size_t k = 0; k < w; ++k)
        for (int i = 0; i < n; ++i) {
            const double mm = (i - originSample) / samplesPerMm;
            byCol[k * un + static_cast<size_t>(i)] =
                static_cast<float>(warp[k].amplitude * samplesPerMm * std::cos(warp[k].kx * mm + warp[k].phaseX));
            byRow[k * un + static_cast<size_t>(i)] = static_cast<float>(std::cos(warp[k].ky * mm + warp[k].phaseY));
        }
    std::vector<uint16_t> out(labels.size());
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            // Truncation rounds like floor here: only values below 0 differ, and those clamp to 0.
            float dx = 0, dy = 0;
            for (size_t k = 0; k < w; ++k) {
                const float d = byCol[k * un + static_cast<size_t>(c)] * byRow[k * un + static_cast<size_t>(r)];
                (warp[k].alongX ? dx : dy) += d;
            }
            const int sc = std::clamp(static_cast<int>(std::lround(c + dx)), 0, n - 1);
            const int sr = std::clamp(static_cast<int>(std::lround(r + dy)), 0, n - 1);
            out[static_cast<size_t>(r) * un + static_cast<size_t>(c)] =
                labels[static_cast<size_t>(sr) * un + static_cast<size_t>(sc)];
        }
    labels.swap(out);
}

} // namespace

RasterizedSlice rasterizeSlice(const SliceScene& scene, int size, double pixelSpacing, int supersample)
{
    const int ss = std::max(1, supersample);
    const int n = size * ss;
    // Label 0 is the air around the patient; shape k paints label k + 1.
    std::vector<SceneEllipse> shapes;
    shapes.reserve(scene.shapes.size() + 1);
    shapes.push_back(SceneEllipse {});
    shapes.insert(shapes.end(), scene.shapes.begin(), scene.shapes.end());
    std::vector<uint16_t> labels(static_cast<size_t>(n) * n, 0);
    const double samplesPerMm = ss / pixelSpacing;
    // Pixel centre c lies at (c - (size-1)/2) * spacing; sample j's centre at pixel (j+0.5)/ss - 0.5.
    const double originSample = 0.5 * (size - 1) * ss + 0.5 * (ss - 1);
    for (size_t k = 1; k < shapes.size() && k < 65535; ++k)
        paintEllipse(labels, shapes, static_cast<uint16_t>(k), n, samplesPerMm, originSample);
    warpLabels(labels, scene.warp, n, samplesPerMm, originSample);

    RasterizedSlice out;
    out.size = size;
    out.pixels.assign(static_cast<size_t>(size) * size, 0.f);
    double sumCol = 0, sumRow = 0;
    long sacSamples = 0, csfSamples = 0;
    const float norm = 1.0f / static_cast<float>(ss * ss);
    for (int r = 0; r < n; ++r) {
        const uint16_t* row = labels.data() + static_cast<size_t>(r) * n;
        float* dst = out.pixels.data() + static_cast<size_t>(r / ss) * size;
        for (int c = 0; c < n; ++c) {
            const SceneEllipse& e = shapes[row[c]];
            dst[c / ss] += e.signal * norm;
            if (kSacTissues & tissueBit(e.tissue)) {
                ++sacSamples;
                sumCol += c;
                sumRow += r;
                csfSamples += e.tissue == Tissue::Csf;
            }
        }
    }
    const double sampleArea = (pixelSpacing / ss) * (pixelSpacing / ss);
    out.hasSac = sacSamples > 0;
    if (out.hasSac) {
        out.sacCol = (sumCol / sacSamples + 0.5) / ss - 0.5;
        out.sacRow = (sumRow / sacSamples + 0.5) / ss - 0.5;
    }
    out.sacAreaMm2 = sacSamples * sampleArea;
    out.csfAreaMm2 = csfSamples * sampleArea;
    return out;
}

} // namespace sg::core
