#pragma once
// The slices next to an item's slice in its stack (one disc), for the lead's review: the
// paper notes that readers split where the anatomy changes abruptly between slices, so the
// review shows slice-1, slice and slice+1 whether or not the neighbours are worklist items.
#include "core/util/Result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sg::core {

class ProjectStore;

struct NeighbourSlice {
    int offset = 0; // slice index relative to the item's (-1, 0, +1, ...)
    std::string file; // on this machine (ProjectStore::resolveFile)
    std::string sopUidHash; // keyed hash (core/store/Deidentify.h)
    int instanceNumber = 0;
};

// Slices of the item's series and stack whose index is within `radius` of the item's, in
// stack order (the item's own slice has offset 0). An unknown item is an error naming it.
Result<std::vector<NeighbourSlice>> neighbourSlices(ProjectStore& store, std::int64_t itemId, int radius = 1);

} // namespace sg::core
