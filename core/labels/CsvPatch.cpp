#include "core/labels/CsvPatch.h"

#include "core/util/PrintableText.h"

#include <charconv>
#include <cmath>

namespace sg::core {

std::string parsePatchCells(
    const std::array<std::string, 4>& cells, Task task, const char* rowKind, std::optional<Patch>& patch)
{
    static const char* names[4] = {"patch_x", "patch_y", "patch_w", "patch_h"};
    int given = 0;
    double v[4] = {0, 0, 0, 0};
    for (int k = 0; k < 4; ++k) {
        const std::string& cell = cells[k];
        if (cell.empty())
            continue;
        ++given;
        const char* end = cell.data() + cell.size();
        const auto [ptr, ec] = std::from_chars(cell.data(), end, v[k]);
        if (ec != std::errc() || ptr != end || !std::isfinite(v[k]))
            return std::string(names[k]) + " '" + printableExcerpt(cell, 40) + "' is not a finite number";
    }
    if (given != 0 && task != Task::Canal)
        return std::string("the patch goes on the canal row of a ") + rowKind + " (this is a grade row)";
    if (given != 0 && given != 4)
        return "patch_x, patch_y, patch_w and patch_h must be all given or all empty";
    if (given == 4) {
        if (v[2] <= 0 || v[3] <= 0)
            return "the patch must have a positive width and height";
        if (v[0] < 0 || v[1] < 0)
            return "the patch starts outside the image (negative patch_x or patch_y)";
        patch = Patch {v[0], v[1], v[2], v[3]};
    }
    return {};
}

} // namespace sg::core
