#pragma once
// The geometry of the analyzer's patch edits, in stored pixels of the slice: where a click puts
// a patch and what a resize key makes of it. The controller applies them as undoable edits.
#include "core/labels/Label.h"

namespace sg::ui {

inline constexpr double kMinPatchSide = 4; // pixels: a resize never shrinks a patch below this

// A `w` x `h` patch centred on the clicked pixel position, its corner on whole pixels.
sg::core::Patch patchCentredAt(double column, double row, double w, double h);
// `patch` grown (or shrunk) by `delta` pixels in width and height, no side below kMinPatchSide,
// its centre kept: whole pixels on an even change, half a pixel otherwise is rounded down.
sg::core::Patch resizedPatch(const sg::core::Patch& patch, double delta);

} // namespace sg::ui
