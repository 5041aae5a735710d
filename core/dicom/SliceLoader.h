#pragma once
// Reads the pixels of one slice (any transfer syntax GDCM decodes) into a SliceImage,
// through the DICOM reader helpers (DicomReader.h).
#include "core/dicom/ReaderLimits.h"
#include "core/study/SliceImage.h"
#include "core/study/Study.h"
#include "core/util/Result.h"

#include <string>

namespace sg::core {

// Geometry comes from the stack the scanner built; pixels stay as stored, with the slice's
// slope and intercept beside them. The error names what went wrong (short pixel data, codec, ...).
Result<SliceImage> loadSlice(const SliceRef& slice, const Stack& stack, const ReaderLimits& limits = {});

// A file of one slice, header and pixels, with the geometry the scanner would give it.
Result<SliceImage> readSliceFile(const std::string& file, const ReaderLimits& limits = {});

// The geometry part of a SliceImage, without pixels.
SliceImage sliceGeometry(const SliceRef& slice, const Stack& stack);

} // namespace sg::core
