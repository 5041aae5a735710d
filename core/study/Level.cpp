#include "core/study/Level.h"

#include <algorithm>
#include <cctype>

namespace sg::core {

std::string_view levelName(Level level)
{
    switch (level) {
    case Level::L1L2: return "L1/L2";
    case Level::L2L3: return "L2/L3";
    case Level::L3L4: return "L3/L4";
    case Level::L4L5: return "L4/L5";
    case Level::L5S1: return "L5/S1";
    }
    return "";
}

std::string levelName(const std::optional<Level>& level)
{
    return level ? std::string(levelName(*level)) : std::string();
}

std::optional<Level> parseLevel(std::string_view text)
{
    // Normalise separators and case so RSNA-style "l4_l5" and "L4-L5" read too.
    std::string norm;
    for (char c : text) {
        if (c == '-' || c == '_' || c == ' ')
            c = '/';
        norm.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    for (Level level : kAllLevels)
        if (norm == levelName(level))
            return level;
    return std::nullopt;
}

} // namespace sg::core
