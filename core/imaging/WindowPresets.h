#pragma once
// Window/level presets for MR, where intensities have no absolute scale: apart from the
// header's window, every preset derives from the slice's (or stack's) histogram.
#include "core/study/Geometry.h"
#include "core/study/SliceImage.h"

#include <optional>
#include <string>
#include <vector>

namespace sg::core {

enum class WindowPreset { Header, Automatic, FullRange, SoftTissue, Fluid };

struct NamedPreset {
    WindowPreset preset;
    std::string name;
    std::string shortcut; // digit key shown in the menu
};

const std::vector<NamedPreset>& windowPresets();

// Percentile of the intensities (0..1), ignoring the background below `floor` percent.
struct IntensityStats {
    double minimum = 0, maximum = 0;
    double p01 = 0, p99 = 0; // 1st and 99th percentile of the foreground
    double p50 = 0;
};
IntensityStats intensityStats(const std::vector<const SliceImage*>& slices);

// Nullopt only for Header when the header has no valid window.
std::optional<WindowLevel> presetWindow(
    WindowPreset preset, const IntensityStats& stats, const std::optional<WindowLevel>& header);

} // namespace sg::core
