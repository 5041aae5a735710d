#pragma once
// The canal patch as the label CSV and the consensus CSV both carry it: four cells patch_x,
// patch_y, patch_w, patch_h (pixels of the slice). One rule set for both files, so a patch the
// label import takes is one the consensus import takes, and the messages read the same.
#include "core/labels/LabelCsv.h" // Task; Patch

#include <array>
#include <optional>
#include <string>

namespace sg::core {

// The four cells: all empty (no patch, `patch` untouched), or all finite numbers with a
// positive size starting inside the image, on a canal row. `rowKind` names the row in the
// message ("label", "decision"). Returns why a row is refused, or an empty string.
std::string parsePatchCells(
    const std::array<std::string, 4>& cells, Task task, const char* rowKind, std::optional<Patch>& patch);

} // namespace sg::core
