#pragma once
// Reads the pixels of one slice (any transfer syntax GDCM decodes) into a SliceImage.
#include "core/study/SliceImage.h"
#include "core/study/Study.h"
#include "core/util/Result.h"
#include "core/util/Status.h"

namespace sg::core {

// Geometry comes from the stack the scanner built; pixels are rescaled by the slice's
// slope and intercept. The error names what went wrong (short pixel data, codec, ...).
Result<SliceImage> loadSlice(const SliceRef& slice, const Stack& stack);

// Decodes into `out` (stack.rows * stack.columns floats), for callers that own the memory.
Status decodeSliceInto(const SliceRef& slice, const Stack& stack, float* out);

// The geometry part of a SliceImage, without pixels.
SliceImage sliceGeometry(const SliceRef& slice, const Stack& stack);

} // namespace sg::core
