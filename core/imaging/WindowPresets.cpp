#include "core/imaging/WindowPresets.h"

#include <algorithm>
#include <cmath>

namespace sg::core {

const std::vector<NamedPreset>& windowPresets()
{
    static const std::vector<NamedPreset> presets {
        {WindowPreset::Header, "Header", "1"},
        {WindowPreset::Automatic, "Automatic (histogram)", "2"},
        {WindowPreset::FullRange, "Full range", "3"},
        {WindowPreset::SoftTissue, "T2 soft tissue", "4"},
        {WindowPreset::Fluid, "T2 fluid (CSF)", "5"},
    };
    return presets;
}

IntensityStats intensityStats(const std::vector<const SliceImage*>& slices)
{
    IntensityStats s;
    bool first = true;
    for (const SliceImage* img : slices)
        img->forEachValue([&](float v) {
            if (first) {
                s.minimum = s.maximum = v;
                first = false;
            }
            s.minimum = std::min<double>(s.minimum, v);
            s.maximum = std::max<double>(s.maximum, v);
        });
    if (first || s.maximum <= s.minimum) {
        s.p01 = s.p50 = s.p99 = s.minimum;
        return s;
    }
    // 4096-bin histogram: exact enough for a display window, linear in the pixel count.
    constexpr int kBins = 4096;
    std::vector<size_t> hist(kBins, 0);
    const double scale = (kBins - 1) / (s.maximum - s.minimum);
    for (const SliceImage* img : slices)
        img->forEachValue([&](float v) { ++hist[static_cast<size_t>((v - s.minimum) * scale)]; });
    // MR background (air) is a large near-zero mode: drop the lowest 2% of the range
    // when it holds most pixels so the window is set by tissue.
    const int floorBin = kBins / 50;
    size_t total = 0, background = 0;
    for (int b = 0; b < kBins; ++b) {
        total += hist[b];
        if (b < floorBin)
            background += hist[b];
    }
    const int startBin = background < total ? floorBin : 0;
    size_t foreground = 0;
    for (int b = startBin; b < kBins; ++b)
        foreground += hist[b];
    auto percentile = [&](double q) {
        const double target = q * static_cast<double>(foreground);
        double cum = 0;
        for (int b = startBin; b < kBins; ++b) {
            cum += static_cast<double>(hist[b]);
            if (cum >= target)
                return s.minimum + (b + 0.5) / scale;
        }
        return s.maximum;
    };
    s.p01 = percentile(0.01);
    s.p50 = percentile(0.50);
    s.p99 = percentile(0.99);
    return s;
}

std::optional<WindowLevel> presetWindow(
    WindowPreset preset, const IntensityStats& s, const std::optional<WindowLevel>& header)
{
    const double span = std::max(s.p99 - s.p01, 1e-6);
    switch (preset) {
    case WindowPreset::Header:
        if (header && header->valid())
            return header;
        return std::nullopt;
    case WindowPreset::Automatic: return WindowLevel {0.5 * (s.p01 + s.p99), span};
    case WindowPreset::FullRange:
        return WindowLevel {0.5 * (s.minimum + s.maximum), std::max(s.maximum - s.minimum, 1e-6)};
    case WindowPreset::SoftTissue:
        // Narrow window around the median: muscle, disc and fat separate; CSF saturates.
        return WindowLevel {s.p50 + 0.1 * span, 0.6 * span};
    case WindowPreset::Fluid:
        // Wide and high: keeps the bright CSF and the rootlets inside it apart.
        return WindowLevel {s.p01 + 0.65 * span, 1.1 * span};
    }
    return std::nullopt;
}

} // namespace sg::core
