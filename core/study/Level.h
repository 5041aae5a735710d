#pragma once
// Lumbar disc levels, counted from the sacrum up (docs/domain.md).
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace sg::core {

enum class Level { L1L2, L2L3, L3L4, L4L5, L5S1 };

inline constexpr std::array<Level, 5> kAllLevels {Level::L1L2, Level::L2L3, Level::L3L4, Level::L4L5, Level::L5S1};

std::string_view levelName(Level level); // "L4/L5"
std::optional<Level> parseLevel(std::string_view); // accepts "L4/L5", "L4-L5", "l4_l5"
std::string levelName(const std::optional<Level>& level); // "" when unassigned

} // namespace sg::core
