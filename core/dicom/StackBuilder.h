#pragma once
// Groups slice headers into studies, series and per-disc stacks, and names the levels.
// Pure logic: no file access, so every rule is testable with made-up headers.
#include "core/dicom/SliceHeader.h"
#include "core/study/Study.h"

#include <vector>

namespace sg::core {

// Slices whose header lacks usable geometry are returned in `skipped`.
ScanResult buildStudies(const std::vector<SliceHeader>& headers);

// Names the stacks of one series from the most caudal upward (L5/S1, L4/L5, ...) when
// there are two to five axial stacks stepping along the spine; otherwise leaves them unset.
void assignLevels(Series& series);

} // namespace sg::core
