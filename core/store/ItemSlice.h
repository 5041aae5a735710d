#pragma once
// The pixels and geometry of an item's slice (core/study/SliceImage.h: stored values, rescale,
// spacing, origin, direction; no name, ID, date or UID), read from the item's file on this
// machine. The file is matched by the keyed hash of its SOP Instance UID, since the project
// keeps no UID in clear. For training and for reader kits (a copy without PHI).
#include "core/store/ProjectTypes.h"
#include "core/study/SliceImage.h"
#include "core/util/Result.h"

namespace sg::core {

class ProjectStore;

// Scanned and decoded in the DICOM reader helpers, never in this process. An error names the
// file (a missing file: open the project with --root / the import root on this machine).
Result<SliceImage> loadItemSlice(const ProjectStore& store, const Item& item);

} // namespace sg::core
